import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleStore } from '../../src/articles/article.ts';
import { openArticleStore } from '../../src/articles/store.ts';
import { ingestPaths } from '../../src/ingest/files.ts';
import { type DirectoryWatcher, watchArticlesDir } from '../../src/ingest/watch.ts';

/**
 * A folder newsdesk imports from, next to files it must never import: a fake .env with a bot token and a folder
 * of private notes. Whoever can write into the articles folder can plant links to them.
 */

const FAKE_TOKEN = 'MTE5OTk5.fake-bot-token.Zx9Q-never-in-the-store';

let root: string;
let articles: string;
let store: ArticleStore;
let watcher: DirectoryWatcher | undefined;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-links-'));
  articles = path.join(root, 'articles');
  await mkdir(path.join(root, 'private'), { recursive: true });
  await mkdir(articles);
  await writeFile(path.join(root, '.env'), `Bot settings\n\nDISCORD_TOKEN=${FAKE_TOKEN}\n`);
  await writeFile(path.join(root, 'private', 'notes.txt'), `Notes\n\nThe token is ${FAKE_TOKEN}.\n`);
  await writeFile(path.join(articles, 'harbour.txt'), 'Harbour reopens\n\nShips returned on Monday.\n');
  store = await openArticleStore({ url: 'memory://' });
});
afterEach(async () => {
  await watcher?.stop();
  watcher = undefined;
  await store.close();
  await rm(root, { recursive: true, force: true });
});

/** Everything the store holds, as one string to search for the secret. */
async function storedText(): Promise<string> {
  return JSON.stringify(await store.latest(1_000));
}

const IN_FOLDER = (target: string) =>
  `skipped: a symbolic link (to ${target}); newsdesk only imports regular files inside the folder`;

describe('folder import and symbolic links', () => {
  it('GIVEN links to a secret file and to a folder outside THEN both are skipped, named, and the secret is not stored', async () => {
    await symlink('../.env', path.join(articles, 'x.txt'));
    await symlink('../private', path.join(articles, 'archive'));
    const outcome = await ingestPaths([articles], { store, dryRun: false });
    expect(outcome).toMatchObject({ new: 1, parsed: 1 });
    expect(outcome.failed).toEqual([
      { path: path.join(articles, 'archive'), reason: IN_FOLDER('../private') },
      { path: path.join(articles, 'x.txt'), reason: IN_FOLDER('../.env') },
    ]);
    expect(await store.get('harbour')).toMatchObject({ title: 'Harbour reopens' });
    expect(store.count()).toBe(1);
    expect(await storedText()).not.toContain(FAKE_TOKEN);
  });

  it('GIVEN a link named on the command line THEN it is refused with what to name instead; the target itself imports', async () => {
    const link = path.join(articles, 'x.txt');
    await symlink('../private/notes.txt', link);
    const refused = await ingestPaths([link], { store, dryRun: false });
    expect(refused.failed).toEqual([
      {
        path: link,
        reason: expect.stringMatching(
          /^skipped: a symbolic link \(to \.\.\/private\/notes\.txt\); newsdesk does not follow links/,
        ),
      },
    ]);
    expect(refused.failed[0]?.reason).toContain(
      `Name what it points to (${path.join(root, 'private', 'notes.txt')})`,
    );
    expect(store.count()).toBe(0);
    const named = await ingestPaths([path.join(root, 'private', 'notes.txt')], { store, dryRun: false });
    expect(named).toMatchObject({ new: 1 });
  });

  it('GIVEN a linked folder named with a trailing slash, or a glob over links THEN no link is followed', async () => {
    await symlink('../private', path.join(articles, 'archive'));
    await symlink('../.env', path.join(articles, 'x.txt'));
    const folder = await ingestPaths([`${path.join(articles, 'archive')}/`], { store, dryRun: true });
    expect(folder).toMatchObject({ parsed: 0 });
    expect(folder.failed[0]?.reason).toMatch(/^skipped: a symbolic link \(to \.\.\/private\)/);
    const globbed = await ingestPaths([path.join(articles, '**', '*.txt')], { store, dryRun: false });
    expect(globbed).toMatchObject({ new: 1, parsed: 1, failed: [] }); // harbour.txt only
    expect(await storedText()).not.toContain(FAKE_TOKEN);
  });
});

describe('ARTICLES_DIR watcher and symbolic links', () => {
  it('GIVEN a link dropped into the watched folder THEN it is never imported and logged once with its reason', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });
    const ingest = (paths: string[]) => ingestPaths(paths, { store, dryRun: false });
    watcher = watchArticlesDir({ dir: articles, ingest, intervalMs: 60_000, logger });
    await symlink('../.env', path.join(articles, 'x.txt'));
    await symlink('../private', path.join(articles, 'archive'));
    for (let scan = 0; scan < 4; scan++) await watcher.scan();
    expect(store.count()).toBe(1);
    expect(await storedText()).not.toContain(FAKE_TOKEN);
    const messages = lines.map((line) => JSON.parse(line).msg as string);
    expect(messages.sort()).toEqual([
      `articles folder: ${path.join(articles, 'archive')}: ${IN_FOLDER('../private')}`,
      `articles folder: ${path.join(articles, 'x.txt')}: ${IN_FOLDER('../.env')}`,
    ]);
  });
});
