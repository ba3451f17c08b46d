import { appendFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DirectoryWatcher, watchArticlesDir } from '../../src/ingest/watch.ts';

let dir: string;
let watcher: DirectoryWatcher | undefined;
let batches: string[][];

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-watch-'));
  batches = [];
});
afterEach(async () => {
  await watcher?.stop();
  watcher = undefined;
  await rm(dir, { recursive: true, force: true });
});

const record = async (paths: string[]) => batches.push(paths.map((p) => path.relative(dir, p)));

/** A watcher driven by hand (each scan() is one tick), returned once its own first scan has run. */
async function watch(ingest: (paths: string[]) => Promise<unknown> = record): Promise<DirectoryWatcher> {
  watcher = watchArticlesDir({ dir, ingest, intervalMs: 60_000 });
  await watcher.scan();
  return watcher;
}

describe('ARTICLES_DIR watcher', () => {
  it('GIVEN a file dropped into the folder THEN ingests it once its size held still for a scan', async () => {
    const w = await watch();
    await writeFile(path.join(dir, 'story.txt'), 'Title\n\nBody paragraph.\n');
    await w.scan();
    expect(batches).toEqual([]);
    await w.scan();
    expect(batches).toEqual([['story.txt']]);
    await w.scan();
    expect(batches).toHaveLength(1);
  });

  it('GIVEN a file still being written THEN waits until it stops growing', async () => {
    const w = await watch();
    const file = path.join(dir, 'slow.txt');
    await writeFile(file, 'Title\n\n');
    await w.scan();
    await appendFile(file, 'First half of the body');
    await w.scan();
    await appendFile(file, ' and the second half.\n');
    await w.scan();
    expect(batches).toEqual([]);
    await w.scan();
    expect(batches).toEqual([['slow.txt']]);
  });

  it('GIVEN an edited file THEN ingests it again; other files are left alone', async () => {
    await writeFile(path.join(dir, 'a.txt'), 'A\n\nOne.\n');
    await writeFile(path.join(dir, 'b.txt'), 'B\n\nTwo.\n');
    const w = await watch(); // its first scans see both files, and they held still
    expect(batches[0]?.sort()).toEqual(['a.txt', 'b.txt']);
    await writeFile(path.join(dir, 'b.txt'), 'B\n\nTwo, edited and longer.\n');
    await w.scan();
    await w.scan();
    expect(batches[1]).toEqual(['b.txt']);
  });

  it('GIVEN a new subfolder, hidden files and other extensions THEN only article files are ingested', async () => {
    const w = await watch();
    await mkdir(path.join(dir, '2025', 'june'), { recursive: true });
    await writeFile(path.join(dir, '2025', 'june', 'deep.txt'), 'Deep\n\nText.\n');
    await writeFile(path.join(dir, '.deep.txt.swp'), 'swap');
    await writeFile(path.join(dir, '.hidden.txt'), 'Hidden\n\nText.\n');
    await writeFile(path.join(dir, 'image.png'), 'png');
    await writeFile(path.join(dir, 'empty.txt'), '');
    await w.scan();
    await w.scan();
    expect(batches).toEqual([[path.join('2025', 'june', 'deep.txt')]]);
  });

  it('GIVEN an ingest that throws THEN the same files are tried again at the next scan', async () => {
    let attempts = 0;
    const w = await watch(async (paths) => {
      attempts++;
      if (attempts === 1) throw new Error('store is locked');
      batches.push(paths);
    });
    await writeFile(path.join(dir, 'retry.txt'), 'Retry\n\nText.\n');
    await w.scan();
    await w.scan();
    await w.scan();
    expect(attempts).toBe(2);
    expect(batches).toHaveLength(1);
  });

  it('GIVEN the timer THEN a dropped file is ingested within seconds without a manual scan', async () => {
    watcher = watchArticlesDir({ dir, intervalMs: 50, ingest: async (paths) => batches.push(paths) });
    await writeFile(path.join(dir, 'timed.txt'), 'Timed\n\nText.\n');
    await expect.poll(() => batches.length, { timeout: 3_000, interval: 25 }).toBe(1);
  });
});
