import { readFileSync } from 'node:fs';

/** Timing helpers shared by the store benchmark and its child process. */
export interface Percentiles {
  readonly runs: number;
  readonly p50: number;
  readonly p99: number;
}

export function percentiles(samplesMs: readonly number[]): Percentiles {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { runs: sorted.length, p50: round(at(0.5)), p99: round(at(0.99)) };
}

export function round(value: number, digits = 3): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

export async function timeEach<T>(items: readonly T[], run: (item: T) => unknown): Promise<number[]> {
  const samples: number[] = [];
  for (const item of items) {
    const started = performance.now();
    await run(item);
    samples.push(performance.now() - started);
  }
  return samples;
}

/**
 * CPU milliseconds the main thread (the event loop) has used, worker threads not included: read from /proc on
 * Linux (utime and stime, in 10 ms ticks), undefined elsewhere. Unlike the wall clock, it hardly moves with the
 * machine's load, so it tells what rate the event loop could reach with a core of its own.
 */
export function mainThreadCpuMs(): number | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}
