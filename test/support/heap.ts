import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** How much the heap grew across `work`, in MB, each side measured after a full collection. */
export function heapGrowthMb(work: () => void): number {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  const before = process.memoryUsage().heapUsed;
  work();
  gc();
  return (process.memoryUsage().heapUsed - before) / 1_048_576;
}
