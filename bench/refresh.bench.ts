/**
 * What one shard's index refresh costs: `npm run bench -- refresh [--sizes 10000,100000]`. For each size, builds
 * (once, cached: bench/support/million-store.ts) a generated SQLite store, copies it (the probe writes), and in a
 * fresh process opens it as a shard would: RSS and heap after open, refresh() with nothing changed, and right
 * after another process stored 100 articles. Prints a table, then the figures as one JSON line (the last line).
 * Issue 18: every shard sees an article within seconds of its ingestion (STORE_REFRESH_INTERVAL_MS).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { millionStore } from './support/million-store.ts';

const SIZES = (argValue('--sizes') ?? '10000,100000').split(',').map(Number);
const GENERATOR_SEED = 2;
const CHILD_HEAP_MB = 6_144;

function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const log = (line: string) => console.error(line);

async function probe(articles: number): Promise<Record<string, unknown>> {
  const built = await millionStore({ articles, seed: GENERATOR_SEED }, log);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsdesk-refresh-'));
  const copy = path.join(dir, 'store.sqlite');
  fs.copyFileSync(built.file, copy);
  try {
    const script = path.join(import.meta.dirname, 'support/refresh-probe.ts');
    const args = [`--max-old-space-size=${CHILD_HEAP_MB}`, '--expose-gc', '--import', 'tsx', script];
    const { stdout } = await promisify(execFile)(process.execPath, [...args, copy, String(articles)], {
      maxBuffer: 1 << 20,
    });
    return { fileMb: built.fileMb, ...JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const results: Record<string, unknown>[] = [];
for (const size of SIZES) results.push(await probe(size));
console.table(results);
console.log(JSON.stringify({ refresh: results }));
