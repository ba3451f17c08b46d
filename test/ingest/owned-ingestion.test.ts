import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleStore } from '../../src/articles/article.ts';
import { openArticleStore } from '../../src/articles/store.ts';
import { startOwnedIngestion } from '../../src/ingest/owned-ingestion.ts';
import { createKeyvPool, type KeyvPool } from '../../src/store/keyv.ts';
import { LEASES_NAMESPACE } from '../../src/store/lease.ts';
import type { Stoppable } from '../../src/store/owned-job.ts';
import { captureLogs } from '../discord/support/harness.ts';

const FAST = { ttlMs: 800, renewMs: 200, retryMs: 200 };
const INGESTED = 'articles folder: ingested new or changed files';
const WAIT_MS = 10_000;

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * A bot shard and an `ingest --watch` process (here: two ingestions over one SQLite file, each with its own log)
 * watch the same ARTICLES_DIR: one of them ingests, and when it stops the other takes over.
 */
describe('ingestion owned by one process of the deployment', () => {
  let dir: string;
  let pool: KeyvPool;
  let store: ArticleStore;
  const running: Stoppable[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-owned-ingest-'));
    pool = createKeyvPool();
    store = await openArticleStore({ url: `sqlite://${path.join(dir, 'store.sqlite')}` });
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((job) => job.stop()));
    await pool.closeAll();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function ingestion(articlesDir: string) {
    const logs = captureLogs();
    const url = `sqlite://${path.join(dir, 'store.sqlite')}`;
    const deps = {
      store,
      feedState: await pool.open(url, { namespace: 'feeds' }),
      feeds: [],
      articlesDir,
      watchIntervalMs: 100,
      logger: logs.logger,
    };
    const job = startOwnedIngestion(
      deps,
      await pool.open(url, { namespace: LEASES_NAMESPACE }),
      logs.logger,
      FAST,
    );
    running.push(job);
    const ingested = () => logs.lines.filter((line) => line.msg === INGESTED).length;
    const owns = () => logs.lines.some((line) => line.msg === 'this process owns the job');
    return { job, logs, ingested, owns };
  }

  it('GIVEN a shard and ingest --watch on one folder THEN one of them ingests, and the other takes over when it stops', async () => {
    const articles = path.join(dir, 'articles');
    await mkdir(articles);
    const shard = await ingestion(articles);
    await until(shard.owns, 'the first process to own ingestion');
    const watcher = await ingestion(articles);
    await until(
      () => watcher.logs.lines.some((line) => line.msg === 'another process owns the job'),
      'the second process to see the owner',
    );

    await writeFile(
      path.join(articles, 'first.txt'),
      'Bridge reopens\n\nThe old bridge reopened on Monday.\n',
    );
    await until(() => store.count() === 1, 'the first article');
    await until(() => shard.ingested() > 0, "the owner's import");
    expect(watcher.ingested()).toBe(0);

    await shard.job.stop();
    await until(watcher.owns, 'the second process to take over');
    await writeFile(
      path.join(articles, 'second.txt'),
      'Market moves\n\nThe Saturday market moves to the square.\n',
    );
    await until(() => store.count() === 2, 'the second article');
    await until(() => watcher.ingested() > 0, "the new owner's import");
  }, 30_000);
});
