/**
 * Digest benchmark: `npx tsx bench/digest.bench.ts [--articles N] [--runs N]`. Prints a table, then the figures as
 * one JSON line (the last line). The store is a SQLite file under the OS temp folder, removed afterwards. The
 * digest is measured in a fresh process (as the bot would open the store), against the fake Anthropic with the
 * real SDK, so every model call is counted where it arrives.
 *
 * Targets (issue 6): a 10-item digest whose summaries are cached makes 0 model calls; composing 10 items from a
 * 100,000-article store takes < 200 ms.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { openNewsroom } from '../src/app/runtime.ts';
import type { Article } from '../src/articles/article.ts';
import { openArticleStore } from '../src/articles/store.ts';
import { parseConfig } from '../src/core/config.ts';
import { silentLogger } from '../src/core/log.ts';
import { composeDigest } from '../src/digest/compose.ts';
import { type DigestConfig, EMPTY_STATE } from '../src/digest/types.ts';
import { digestMessages } from '../src/discord/digest/layout.ts';
import { startFakeAnthropic } from '../test/fakes/anthropic.ts';
import { createArticleGenerator } from './support/generate-articles.ts';
import { percentiles, round, timeEach } from './support/stats.ts';

const ARTICLES = Number(argValue('--articles') ?? 100_000);
const RUNS = Number(argValue('--runs') ?? 200);
const ITEMS = 10;
const INGEST_CONCURRENCY = 8;
const HOUR_MS = 3_600_000;

function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

interface Measured {
  readonly articles: number;
  readonly items: number;
  readonly messages: number;
  readonly cold: { readonly ms: number; readonly modelCalls: number };
  readonly warm: {
    readonly runs: number;
    readonly p50: number;
    readonly p99: number;
    readonly modelCalls: number;
  };
}

async function buildStore(url: string): Promise<Date> {
  const store = await openArticleStore({ url });
  const generator = createArticleGenerator(6);
  let index = 0;
  let newest = 0;
  const worker = async () => {
    while (index < ARTICLES) {
      const article: Article = generator.article(index++);
      newest = Math.max(newest, Date.parse(article.publishedAt));
      await store.upsert(article);
    }
  };
  await Promise.all(Array.from({ length: INGEST_CONCURRENCY }, worker));
  await store.close();
  // The generator publishes one article an hour: "now" is just after the newest, so 24 are in the window.
  return new Date(newest + HOUR_MS / 2);
}

/** In the child: open the store as the bot does, compose once (summaries made), then `RUNS` times (cached). */
async function measure(url: string, now: Date): Promise<Measured> {
  const anthropic = await startFakeAnthropic();
  try {
    const config = parseConfig({
      ANTHROPIC_API_KEY: 'sk-bench',
      ANTHROPIC_BASE_URL: anthropic.url,
      ANTHROPIC_MAX_RETRIES: '0',
      STORE_URL: url,
      LOG_LEVEL: 'silent',
    });
    const runtime = await openNewsroom(config, silentLogger, { now: () => now });
    const deps = {
      store: runtime.store,
      newsroom: runtime.newsroom,
      sourceDisclaimer: config.sourceDisclaimer,
      logger: silentLogger,
    };
    const digest: DigestConfig = {
      ...{ guildId: '200000000000000002', channelId: '300000000000000003', time: '09:00' },
      ...{ timeZone: 'Europe/Berlin', items: ITEMS, announceEmpty: false, language: 'en', since: '' },
    };
    const compose = () => composeDigest(deps, digest, EMPTY_STATE, now);
    const coldStarted = performance.now();
    const cold = await compose();
    const coldMs = performance.now() - coldStarted;
    const coldCalls = anthropic.requests.length;
    const samples = await timeEach(Array.from({ length: RUNS }), compose);
    const warm = percentiles(samples.slice(Math.floor(RUNS / 10)));
    const articles = runtime.store.count();
    await runtime.close();
    return {
      articles,
      items: cold.articleIds.length,
      messages: digestMessages(cold, digest, now).length,
      cold: { ms: round(coldMs, 1), modelCalls: coldCalls },
      warm: { ...warm, modelCalls: anthropic.requests.length - coldCalls },
    };
  } finally {
    await anthropic.close();
  }
}

async function measureInChild(url: string, now: Date): Promise<Measured> {
  const args = ['--import', 'tsx', import.meta.filename, '--measure', url, '--now', now.toISOString()];
  const { stdout } = await promisify(execFile)(process.execPath, [...args, '--runs', String(RUNS)], {
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Measured;
}

async function main() {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'newsdesk-digest-bench-'));
  try {
    const url = `sqlite://${folder}/digest.sqlite`;
    const buildStarted = performance.now();
    const now = await buildStore(url);
    const buildMs = performance.now() - buildStarted;
    const m = await measureInChild(url, now);
    const rows: [string, string, string][] = [
      [`build ${m.articles} articles (SQLite)`, `${round(buildMs / 1000, 1)} s`, ''],
      [
        `first digest: ${m.items} items, summaries made`,
        `${m.cold.ms} ms, ${m.cold.modelCalls} model calls`,
        '',
      ],
      [
        `digest of ${ITEMS}, summaries cached (${RUNS} runs)`,
        `${m.warm.modelCalls} model calls`,
        '0 model calls',
      ],
      [
        `compose ${ITEMS} items, cached (${m.warm.runs} runs)`,
        `p50 ${m.warm.p50} ms, p99 ${m.warm.p99} ms`,
        '< 200 ms',
      ],
    ];
    for (const [what, figure, target] of rows)
      console.log(`${what.padEnd(48)} ${figure.padEnd(34)} ${target}`);
    console.log(JSON.stringify({ ...m, buildMs: round(buildMs, 0) }));
  } finally {
    await fs.rm(folder, { recursive: true, force: true });
  }
}

const measureUrl = argValue('--measure');
if (measureUrl) console.log(JSON.stringify(await measure(measureUrl, new Date(argValue('--now') ?? ''))));
else await main();
