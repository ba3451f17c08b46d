import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleStore } from '../../src/articles/article.ts';
import { openArticleStore } from '../../src/articles/store.ts';
import { UserFacingError } from '../../src/core/errors.ts';
import { Foreground } from '../../src/core/foreground.ts';
import { type IngestedArticle, ingestPaths } from '../../src/ingest/files.ts';

const article = (title: string, sentence: string) => `${title}\n\n${sentence}\n\nLocal news\n`;

let dir: string;
let store: ArticleStore;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-ingest-'));
  store = await openArticleStore({ url: 'memory://' });
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

async function write(relative: string, content: string | Uint8Array): Promise<string> {
  const file = path.join(dir, relative);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, content);
  return file;
}

describe('ingestPaths', () => {
  it('GIVEN a member waiting for a first response THEN no file is stored until the member is answered', async () => {
    await write('a.txt', article('Alpha', 'The first story.'));
    await write('b.txt', article('Bravo', 'The second story.'));
    const foreground = new Foreground(60_000);
    const answered = foreground.begin();
    const ingesting = ingestPaths([dir], { store, dryRun: false, foreground });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(store.count()).toBe(0);
    answered();
    expect(await ingesting).toMatchObject({ new: 2 });
    expect(store.count()).toBe(2);
  });

  it('GIVEN a folder tree with good and broken files THEN the good ones are stored and each broken one is named', async () => {
    await write('b.txt', article('Bravo', 'The second story.'));
    await write('nested/deeper/a.md', article('# Alpha', 'The first story.'));
    await write('nested/empty.txt', '');
    await write('nested/binary.txt', Uint8Array.from([1, 0, 2]));
    await write('notes.json', '{"not": "an article"}');
    const seen: IngestedArticle[] = [];
    const outcome = await ingestPaths([dir], { store, dryRun: false, onArticle: (one) => seen.push(one) });
    expect(outcome).toMatchObject({ new: 2, updated: 0, unchanged: 0, parsed: 2 });
    expect(outcome.failed).toEqual([
      {
        path: path.join(dir, 'nested/binary.txt'),
        reason: 'binary file (NUL byte at offset 1), not a text article',
      },
      { path: path.join(dir, 'nested/empty.txt'), reason: 'empty file: nothing to import' },
    ]);
    expect(seen.map((one) => [one.article.id, one.outcome])).toEqual([
      ['b', 'new'],
      ['a', 'new'],
    ]);
    expect(await store.get('a')).toMatchObject({ title: 'Alpha', paragraphs: ['The first story.'] });
    expect(store.count()).toBe(2);
  });

  it('GIVEN the same files again, then one edited THEN unchanged, then updated as a new version', async () => {
    const file = await write('story.txt', article('Story', 'The original sentence.'));
    await ingestPaths([file], { store, dryRun: false });
    expect(await ingestPaths([file], { store, dryRun: false })).toMatchObject({
      new: 0,
      updated: 0,
      unchanged: 1,
    });
    await write('story.txt', article('Story', 'The corrected sentence.'));
    expect(await ingestPaths([file], { store, dryRun: false })).toMatchObject({
      new: 0,
      updated: 1,
      unchanged: 0,
    });
    expect(await store.get('story')).toMatchObject({ version: 2, paragraphs: ['The corrected sentence.'] });
  });

  it('GIVEN a dry run THEN articles are parsed and reported but nothing is stored', async () => {
    await write('one.txt', article('One', 'A sentence.'));
    const seen: IngestedArticle[] = [];
    const outcome = await ingestPaths([dir], { store, dryRun: true, onArticle: (one) => seen.push(one) });
    expect(outcome).toMatchObject({ new: 0, updated: 0, unchanged: 0, parsed: 1, failed: [] });
    expect(seen[0]?.outcome).toBeNull();
    expect(store.count()).toBe(0);
  });

  it('GIVEN a missing path, an empty folder and a glob matching nothing THEN each is a named failure', async () => {
    await mkdir(path.join(dir, 'empty'));
    const failures: string[] = [];
    const missing = path.join(dir, 'missing.txt');
    const outcome = await ingestPaths([missing, path.join(dir, 'empty'), path.join(dir, '*.nothing')], {
      store,
      dryRun: false,
      onFailure: (failure) => failures.push(`${failure.path}: ${failure.reason}`),
    });
    expect(failures).toEqual([
      `${missing}: no such file or folder`,
      `${path.join(dir, 'empty')}: folder has no article files (*.txt, *.md)`,
      `${path.join(dir, '*.nothing')}: no file matches this pattern`,
    ]);
    expect(outcome.parsed).toBe(0);
  });

  it('GIVEN a glob and overlapping arguments THEN each file is imported once', async () => {
    const file = await write('x/one.txt', article('One', 'A sentence.'));
    await write('x/two.txt', article('Two', 'Another sentence.'));
    const outcome = await ingestPaths([path.join(dir, 'x/*.txt'), file, path.join(dir, 'x')], {
      store,
      dryRun: false,
    });
    expect(outcome).toMatchObject({ new: 2, failed: [] });
  });

  it('GIVEN two files whose names give the same id THEN the second is refused instead of overwriting', async () => {
    await write('2023/report.txt', article('Old report', 'Last year.'));
    await write('2024/Report.txt', article('New report', 'This year.'));
    const outcome = await ingestPaths([dir], { store, dryRun: false });
    expect(outcome.new).toBe(1);
    expect(outcome.failed).toEqual([
      {
        path: path.join(dir, '2024/Report.txt'),
        reason: `same article id "report" as ${path.join(dir, '2023/report.txt')}: rename one of them`,
      },
    ]);
  });

  it('GIVEN many files THEN progress counts up to the total and results come in input order', async () => {
    for (let i = 0; i < 40; i += 1)
      await write(`f${String(i).padStart(2, '0')}.txt`, article(`T${i}`, `S${i}.`));
    const done: number[] = [];
    const ids: string[] = [];
    await ingestPaths([dir], {
      dryRun: true,
      concurrency: 7,
      onProgress: (progress) => done.push(progress.done),
      onArticle: (one) => ids.push(one.article.id),
    });
    expect(done).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(ids).toEqual([...ids].sort());
  });

  it('GIVEN a store that fails to write THEN the run stops with an error naming the file and what was saved', async () => {
    await write('a.txt', article('A', 'First.'));
    await write('b.txt', article('B', 'Second.'));
    const failing: ArticleStore = {
      get: (id) => store.get(id),
      latest: (count) => store.latest(count),
      between: (from, to, limit) => store.between(from, to, limit),
      search: (query, limit) => store.search(query, limit),
      count: () => store.count(),
      refresh: () => store.refresh(),
      close: () => store.close(),
      upsert: async (one) => {
        if (one.id === 'b')
          throw new UserFacingError('The store is locked: close the other process.', 'store-locked');
        return store.upsert(one);
      },
    };
    const run = ingestPaths([dir], { store: failing, dryRun: false, concurrency: 1 });
    await expect(run).rejects.toThrow(
      /^The store is locked: close the other process\.\nImport stopped at .*b\.txt; the articles imported before it are saved/,
    );
    await expect(run).rejects.toMatchObject({ code: 'store-locked' });
  });
});
