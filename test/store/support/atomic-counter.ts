/**
 * One process of test/store/atomic.test.ts and atomic-bench.ts: opens `url`'s namespace, prints "ready", waits for
 * a line on stdin (so every process starts racing at once), then by `mode`:
 * - count: increments `key` `count` times through atomicKeys, all issued at once;
 * - timed: the same one after another, timing each;
 * - lease: tries to take the leases `key`-0 … `key`-(count-1) as holder `tag`, all at once.
 * It prints one JSON line: races lost, ms taken, the median update in ms (timed), the leases it won (lease).
 */
import { once } from 'node:events';
import { atomicKeys } from '../../../src/store/atomic.ts';
import { openKeyv } from '../../../src/store/keyv.ts';
import { createLeases } from '../../../src/store/lease.ts';

const LEASE_TTL_MS = 60_000;
const [url = '', namespace = '', mode = 'count', key = '', count = '0', tag = ''] = process.argv.slice(2);
const keyv = await openKeyv(url, { namespace });
let conflicts = 0;
const atomic = atomicKeys(keyv, { onConflict: () => conflicts++ });
const increment = () => atomic.update<number>(key, (n) => ({ value: (n ?? 0) + 1 }));
const rounds = Array.from({ length: Number(count) }, (_, n) => n);

async function timed(): Promise<number | undefined> {
  const times: number[] = [];
  for (const _ of rounds) {
    const started = performance.now();
    await increment();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

async function leases(): Promise<number[]> {
  const leases = createLeases(atomic);
  const won = await Promise.all(rounds.map((n) => leases.acquire(`${key}-${n}`, tag, LEASE_TTL_MS)));
  return rounds.filter((n) => won[n]);
}

console.log('ready');
await once(process.stdin, 'data');
const started = performance.now();
const medianMs = mode === 'timed' ? await timed() : undefined;
const won = mode === 'lease' ? await leases() : undefined;
if (mode === 'count') await Promise.all(rounds.map(increment));
const ms = performance.now() - started;
await keyv.disconnect();
console.log(JSON.stringify({ conflicts, ms, medianMs, won }));
process.exit(0);
