/**
 * What one atomicKeys update costs on each real backend (not a test; run by hand and quoted in reports):
 * `npx tsx test/store/support/atomic-bench.ts [updates]`. Alone: the median of `updates` sequential updates of one
 * key. Two-way contention: two other processes incrementing one key `updates` times each at once, the time per
 * update each saw (its queue included) and the races lost.
 */
import { atomicKeys } from '../../../src/store/atomic.ts';
import { createKeyvPool } from '../../../src/store/keyv.ts';
import { BACKENDS, startRacer } from './atomic-backends.ts';

const updates = Number(process.argv[2] ?? '1000');
const increment = (n: number | undefined) => ({ value: (n ?? 0) + 1 });

async function alone(url: string): Promise<number> {
  const pool = createKeyvPool();
  const atomic = atomicKeys(await pool.open(url, { namespace: 'bench_alone' }));
  const times: number[] = [];
  for (let n = 0; n < updates; n++) {
    const started = performance.now();
    await atomic.update('count', increment);
    times.push(performance.now() - started);
  }
  await pool.closeAll();
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? Number.NaN;
}

async function contended(url: string): Promise<{ msPerUpdate: number; conflicts: number }> {
  const racers = [0, 1].map(() => startRacer(url, 'bench_race', 'count', updates));
  await Promise.all(racers.map((racer) => racer.ready));
  for (const racer of racers) racer.go();
  const results = await Promise.all(racers.map((racer) => racer.done));
  const ms = Math.max(...results.map((result) => result.ms));
  return { msPerUpdate: ms / updates, conflicts: results.reduce((sum, result) => sum + result.conflicts, 0) };
}

for (const backend of BACKENDS) {
  const url = await backend.start();
  try {
    const median = await alone(url);
    const race = backend.shared ? await contended(url) : undefined;
    console.log(JSON.stringify({ backend: backend.name, updates, medianMs: median.toFixed(3), race }));
  } finally {
    await backend.close();
  }
}
