/**
 * What one atomicKeys update costs on each real backend (not a test; run by hand and quoted in reports):
 * `npx tsx test/store/support/atomic-bench.ts [updates]`. Alone: the median of `updates` sequential updates of one
 * key. For comparison, the median plain get-then-set (not atomic). Two-way contention: two other processes
 * incrementing one key `updates` times each, one after another, at once: the median update each saw, races lost.
 */
import { atomicKeys } from '../../../src/store/atomic.ts';
import { createKeyvPool } from '../../../src/store/keyv.ts';
import { BACKENDS, race } from './atomic-backends.ts';

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

async function plainGetThenSet(url: string): Promise<number> {
  const pool = createKeyvPool();
  const keyv = await pool.open(url, { namespace: 'bench_plain' });
  const times: number[] = [];
  for (let n = 0; n < updates; n++) {
    const started = performance.now();
    await keyv.set('count', ((await keyv.get<number>('count')) ?? 0) + 1);
    times.push(performance.now() - started);
  }
  await pool.closeAll();
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? Number.NaN;
}

async function contended(url: string) {
  const task = { mode: 'timed', key: 'count', count: updates } as const;
  const reports = await race(url, 'bench_race', [task, task]);
  return {
    medianMs: reports.map((report) => report.medianMs?.toFixed(3)),
    conflicts: reports.reduce((sum, report) => sum + report.conflicts, 0),
  };
}

for (const backend of BACKENDS) {
  const url = await backend.start();
  try {
    const medianMs = (await alone(url)).toFixed(3);
    const plainGetSetMs = (await plainGetThenSet(url)).toFixed(3);
    const twoWay = backend.shared ? await contended(url) : undefined;
    console.log(JSON.stringify({ backend: backend.name, updates, medianMs, plainGetSetMs, twoWay }));
  } finally {
    await backend.close();
  }
}
