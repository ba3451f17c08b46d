/**
 * Preloaded into every bot process the system bench starts (`--import`): the bot's own event-loop delay, so a
 * latency tail can be told apart from the harness's (see load.ts). On SIGUSR2 it prints one JSON line to stderr —
 * the delay since the previous SIGUSR2 — and starts again. Bench-only: the bot itself knows nothing of it.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { LOOP_DELAY_LOG } from './bot-process.ts';

const RESOLUTION_MS = 10;
/** Stalls longer than this are counted one by one. */
const STALL_MS = 50;

const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
histogram.enable();
let stalls = 0;
let last = performance.now();
setInterval(() => {
  const now = performance.now();
  if (now - last > RESOLUTION_MS + STALL_MS) stalls++;
  last = now;
}, RESOLUTION_MS).unref();

const ms = (ns: number) => Math.round(ns / 1e4) / 100;

process.on('SIGUSR2', () => {
  const line = {
    msg: LOOP_DELAY_LOG,
    p50: ms(histogram.percentile(50)),
    p99: ms(histogram.percentile(99)),
    max: ms(histogram.max),
    stallsOver50Ms: stalls,
  };
  process.stderr.write(`${JSON.stringify(line)}\n`);
  histogram.reset();
  stalls = 0;
});
