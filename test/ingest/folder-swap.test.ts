import { renameSync, symlinkSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleStore } from '../../src/articles/article.ts';
import { openArticleStore } from '../../src/articles/store.ts';
import { ingestPaths } from '../../src/ingest/files.ts';
import { type DirectoryWatcher, watchArticlesDir } from '../../src/ingest/watch.ts';

/**
 * A folder inside the import folder swapped for a link to a private folder after the walk listed it and before
 * its file is read. The swap is made at a hook that runs between the two (deterministic, no timing).
 */

const SECRET = 'lighthouse-keeper-passphrase-4417';

let base: string;
let articles: string;
let store: ArticleStore;
let watcher: DirectoryWatcher | undefined;

beforeEach(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-swap-'));
  articles = path.join(base, 'articles');
  await mkdir(path.join(base, 'keeper'), { recursive: true });
  await mkdir(path.join(articles, 'region'), { recursive: true });
  await writeFile(path.join(base, 'keeper', 'log.txt'), `Keeper log\n\nThe passphrase is ${SECRET}.\n`);
  await writeFile(
    path.join(articles, 'a-harbour.txt'),
    'Harbour dredging ends\n\nThe channel is open again.\n',
  );
  await writeFile(
    path.join(articles, 'region', 'log.txt'),
    'Dune path reopens\n\nWalkers may use it again.\n',
  );
  store = await openArticleStore({ url: 'memory://' });
});
afterEach(async () => {
  await watcher?.stop();
  watcher = undefined;
  await store.close();
  await rm(base, { recursive: true, force: true });
});

/** Replaces articles/region with a link to the private folder, keeping the real folder aside. */
function swapRegionForLink(): void {
  renameSync(path.join(articles, 'region'), path.join(base, 'region-aside'));
  symlinkSync(path.join(base, 'keeper'), path.join(articles, 'region'));
}

async function storedText(): Promise<string> {
  return JSON.stringify(await store.latest(100));
}

describe('a folder swapped for a link during an import', () => {
  it('GIVEN a folder argument whose subfolder becomes a link after the walk THEN the file behind the link is refused with its real place named', async () => {
    let swapped = false;
    const outcome = await ingestPaths([articles], {
      store,
      dryRun: false,
      concurrency: 1,
      // Runs after the first file is read and before the next one is opened: the walk is long done.
      onProgress: () => {
        if (swapped) return;
        swapped = true;
        swapRegionForLink();
      },
    });
    expect(swapped).toBe(true);
    expect(await storedText()).not.toContain(SECRET);
    expect(outcome.new).toBe(1);
    expect(outcome.failed).toEqual([
      {
        path: path.join(articles, 'region', 'log.txt'),
        reason: expect.stringMatching(/outside the folder .*a folder on its path was replaced by a link/),
      },
    ]);
  });

  it('GIVEN no swap THEN the same subfolder file is imported (the check refuses only what left the folder)', async () => {
    const outcome = await ingestPaths([articles], { store, dryRun: false, concurrency: 1 });
    expect(outcome).toMatchObject({ new: 2, failed: [] });
  });

  it('GIVEN the ARTICLES_DIR watcher and a subfolder swapped for a link between its scan and the import THEN the file behind the link is not stored', async () => {
    const failures: string[] = [];
    watcher = watchArticlesDir({
      dir: articles,
      intervalMs: 3_600_000,
      ingest: async (paths, scope) => {
        swapRegionForLink();
        const outcome = await ingestPaths(paths, { store, dryRun: false, ...scope });
        failures.push(...outcome.failed.map((failure) => failure.reason));
      },
    });
    await watcher.scan(); // the first scan only notes the files; the second finds them settled
    await watcher.scan();
    expect(await storedText()).not.toContain(SECRET);
    expect(await storedText()).toContain('Harbour dredging ends');
    expect(failures).toEqual([expect.stringContaining('outside the folder')]);
  });
});
