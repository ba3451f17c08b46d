import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ArticleStore } from '../../src/articles/article.ts';
import { openArticleStore } from '../../src/articles/store.ts';
import { type Logger, silentLogger } from '../../src/core/log.ts';
import type { WorkerPool } from '../../src/core/workers/pool.ts';
import { PARSE_FILES_JOB } from '../../src/ingest/file-parse.ts';
import { type IngestOutcome, ingestPaths } from '../../src/ingest/files.ts';
import { createIngestPool } from '../../src/ingest/worker-pool.ts';

/** Starting a worker loads tsx and the parser: seconds when other test files share the cores. */
const WORKER_START_MS = 30_000;
const MISBEHAVING = new URL('./misbehaving-file-jobs.ts', import.meta.url);

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface CountingPool extends WorkerPool {
  /** Files each answered job parsed (an empty one is the start-up check). */
  readonly answered: number[];
}

/** The real pool, counting the file jobs its worker answered. */
function counting(pool: WorkerPool): CountingPool {
  const answered: number[] = [];
  cleanups.push(() => pool.close());
  return {
    answered,
    async run<T>(kind: string, input: unknown, options?: Parameters<WorkerPool['run']>[2]): Promise<T> {
      const output = await pool.run<T>(kind, input, options);
      if (kind === PARSE_FILES_JOB) answered.push((input as unknown[]).length);
      return output;
    },
    size: () => pool.size(),
    close: () => pool.close(),
  };
}

async function folderOf(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-file-worker-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
  return dir;
}

async function freshStore(): Promise<ArticleStore> {
  const store = await openArticleStore({ url: 'memory://' });
  cleanups.push(() => store.close());
  return store;
}

/** Imports one file first, so the worker starts (that file is parsed in the process meanwhile) and answers. */
async function warmed(pool: CountingPool, logger: Logger = silentLogger): Promise<CountingPool> {
  const dir = await folderOf({ 'warm.txt': 'Warm up\n\nThe kettle is on.\n' });
  await ingestPaths([dir], { store: await freshStore(), dryRun: false, fileWorkers: pool, logger });
  await vi.waitFor(() => expect(pool.answered).toEqual([0]), { timeout: WORKER_START_MS });
  pool.answered.length = 0;
  return pool;
}

async function importAll(dir: string, fileWorkers: WorkerPool | null) {
  const store = await freshStore();
  const outcome: IngestOutcome = await ingestPaths([dir], { store, dryRun: false, fileWorkers });
  const articles = (await store.latest(100))
    .map(({ firstSeenAt: _, updatedAt: __, ...parsed }) => parsed)
    .sort((a, b) => a.id.localeCompare(b.id));
  return { outcome, articles };
}

const shapes = {
  'plain.txt':
    'Tram line reopens after flooding\n\nThe eastern tram line carried passengers again on Thursday.\n\nTransport\n',
  'crlf.txt': 'Ferry timetable changes\r\n\r\nWinter sailings start a week early.\r\n\r\nLocal news\r\n',
  'bom.txt': '\ufeffBakery wins regional prize\n\nThe judges praised its rye loaf.\n',
  'nested/heading.md': '# Orchard harvest delayed\n\nLate frost cut the apple crop by a third.\n\nFarming\n',
  'notice.txt':
    'Council budget vote\n\nCouncillors approved the budget by nine votes to four.\n\nPolitics\n\nThis report is provided for information only and may be reproduced with credit.\n',
  'german.txt':
    'Stadtbibliothek öffnet länger\n\nDie Bibliothek am Marktplatz bleibt ab Montag bis zweiundzwanzig Uhr geöffnet, teilte die Stadt mit.\n',
  'empty.txt': '',
  'binary.txt': Uint8Array.from([0x41, 0, 0x42]),
  'latin1.txt': Uint8Array.from([0x43, 0x61, 0x66, 0xe9, 0x0a, 0x0a, 0x4f, 0x70, 0x65, 0x6e, 0x2e]),
  'title-only.txt': 'Just a headline\n',
};

describe('article files parsed in the ingest worker', () => {
  it(
    'GIVEN the ingest worker has started THEN a folder of varied files is imported with exactly the articles and failures an in-process import gives, its files parsed in the worker',
    async () => {
      const pool = await warmed(counting(createIngestPool()));
      const dir = await folderOf(shapes);

      const inWorker = await importAll(dir, pool);
      const inProcess = await importAll(dir, null);

      expect(pool.answered.reduce((sum, files) => sum + files, 0)).toBe(Object.keys(shapes).length);
      expect(inWorker.outcome).toEqual(inProcess.outcome);
      expect(inWorker.outcome).toMatchObject({ new: 6, parsed: 6 });
      expect(inWorker.outcome.failed.map((failure) => path.basename(failure.path)).sort()).toEqual([
        'binary.txt',
        'empty.txt',
        'latin1.txt',
        'title-only.txt',
      ]);
      expect(inWorker.articles).toEqual(inProcess.articles);
      const german = inWorker.articles.find((article) => article?.id === 'german');
      expect(german?.language).toBe('de');
    },
    WORKER_START_MS * 2,
  );

  it(
    "GIVEN the worker dies on one batch THEN that batch's files are tried again one by one: the one that kills the worker alone is refused (never parsed on the event loop), every other file is imported, and the failure is logged",
    async () => {
      const warnings: string[] = [];
      const logger = pino({ level: 'warn' }, { write: (line: string) => warnings.push(line) });
      const pool = await warmed(counting(createIngestPool({ entry: MISBEHAVING })), logger);
      const names = Array.from(
        { length: 30 },
        (_, i) => `story-${String(i).padStart(2, '0')}${i === 20 ? '-crash' : ''}.txt`,
      );
      const dir = await folderOf(
        Object.fromEntries(names.map((name, i) => [name, `Story number ${i}\n\nHarbour note ${i}.\n`])),
      );

      const store = await freshStore();
      const outcome = await ingestPaths([dir], {
        store,
        dryRun: false,
        fileWorkers: pool,
        logger,
      });

      expect(outcome).toMatchObject({ new: 29 });
      expect(outcome.failed).toEqual([
        {
          path: path.join(dir, 'story-20-crash.txt'),
          reason: expect.stringMatching(
            /^ingest worker: .* while parsing this file alone; check that it is an article/,
          ),
        },
      ]);
      expect(store.count()).toBe(29);
      expect(await store.get('story-20-crash')).toBeUndefined();
      expect((await store.get('story-21'))?.title).toBe('Story number 21');
      expect(warnings.join('')).toContain(
        'ingest worker failed: parsing article files in this process for now',
      );
      // The batches before the crash were the worker's.
      expect(pool.answered.reduce((sum, files) => sum + files, 0)).toBeGreaterThan(0);
    },
    WORKER_START_MS * 2,
  );
});
