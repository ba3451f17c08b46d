/**
 * What the shared (store-backed) cooldowns and model-call single flight cost a lone bot process per request, on a
 * SQLite file: `npm run bench -- lone`. Issue 18 review: SHARD_COUNT=1 now uses the in-process versions. Each
 * figure is one command's cooldown take, or one model call's flight bookkeeping (lease acquire, cache look-up,
 * failed-marker look-up, release), in the same run, in microseconds. Prints a table, then the JSON line.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAnswerCache } from '../src/answer/cache.ts';
import { claimFlight, FLIGHT_FAILED_TTL_MS } from '../src/answer/newsroom-shared-flight.ts';
import { silentLogger } from '../src/core/log.ts';
import { createCooldowns } from '../src/discord/cooldowns.ts';
import { COOLDOWNS_NAMESPACE, createSharedCooldowns } from '../src/discord/cooldowns-shared.ts';
import { atomicKeys } from '../src/store/atomic.ts';
import { openKeyv } from '../src/store/keyv.ts';
import { createLeases } from '../src/store/lease.ts';

const ROUNDS = 2_000;
const WARMUP = 200;

async function timed(run: (i: number) => Promise<unknown>): Promise<{ medianUs: number; p99Us: number }> {
  for (let i = 0; i < WARMUP; i++) await run(-i - 1);
  const us: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const started = performance.now();
    await run(i);
    us.push((performance.now() - started) * 1000);
  }
  us.sort((a, b) => a - b);
  const at = (q: number) => Math.round(us[Math.min(us.length - 1, Math.floor(q * us.length))] ?? 0);
  return { medianUs: at(0.5), p99Us: at(0.99) };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsdesk-lone-'));
const url = `sqlite://${path.join(dir, 'store.sqlite')}`;
try {
  const perWindow = { ask: 1_000_000 };
  const cooldownKeyv = await openKeyv(url, { namespace: COOLDOWNS_NAMESPACE, logger: silentLogger });
  const shared = createSharedCooldowns({ perWindow, keyv: cooldownKeyv, logger: silentLogger });
  const memory = createCooldowns({ perWindow });
  const answers = await openKeyv(url, { namespace: 'answers', logger: silentLogger });
  const atomic = atomicKeys(answers);
  const flights = {
    leases: createLeases(atomic),
    marks: atomic,
    now: Date.now,
    holder: 'bench',
    timings: {
      leaseTtlMs: 70_000,
      pollIntervalMs: 200,
      maxWaitMs: 300_000,
      failedTtlMs: FLIGHT_FAILED_TTL_MS,
    },
  };
  const cache = createAnswerCache(answers);
  const flightOf = async (withFlights: boolean, i: number) => {
    const context = { cache, logger: silentLogger, ...(withFlights ? { flights } : {}) };
    const claim = await claimFlight(context, `bench-key-${i}`);
    if (claim.kind === 'own') await claim.release();
  };
  const user = (i: number) => String(400_000_000_000_000_000n + BigInt(i % 500));
  const rows = [
    { step: 'cooldown take (store)', ...(await timed((i) => shared.take('ask', user(i)))) },
    { step: 'cooldown take (memory)', ...(await timed((i) => memory.take('ask', user(i)))) },
    { step: 'model-call flight (store leases)', ...(await timed((i) => flightOf(true, i))) },
    { step: 'model-call flight (in process)', ...(await timed((i) => flightOf(false, i))) },
  ];
  console.table(rows);
  await Promise.all([cooldownKeyv.disconnect(), answers.disconnect()]);
  console.log(JSON.stringify({ lone: rows }));
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
