import { serveJobs } from '../../../src/core/workers/serve.ts';

/** Jobs that misbehave on purpose, for the pool's tests: one spins, one kills its thread, one throws. */
serveJobs({
  echo: (input: string) => input,
  spin: (ms: number) => {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      // busy: synchronous work the pool can only stop by terminating the worker
    }
    return 'finished';
  },
  exit: () => process.exit(3),
  fail: () => {
    throw new Error('the input was not valid');
  },
  hog: () => {
    const hoard: number[][] = [];
    for (;;) hoard.push(new Array(1_000_000).fill(1));
  },
});
