/** Samples the bot's memory and open file descriptors at a fixed interval until stopped. */
import { type ProcSample, sampleProc } from './bot-process.ts';

export interface Sampler {
  readonly samples: readonly ProcSample[];
  stop(): Promise<ProcSample[]>;
}

export function startSampler(pid: number, intervalMs: number): Sampler {
  const samples: ProcSample[] = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const sample = await sampleProc(pid);
      if (sample) samples.push(sample);
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  return {
    samples,
    async stop() {
      stopped = true;
      await loop;
      return samples;
    },
  };
}

export const peakMb = (samples: readonly ProcSample[]) =>
  Math.max(0, ...samples.map((sample) => Math.max(sample.hwmMb, sample.rssMb)));
