// The one JavaScript file a worker thread starts from. newsdesk runs TypeScript through tsx with no build step, and
// a worker does not inherit the loader the main thread was started with (under vitest there is none to inherit),
// so the worker registers tsx itself, namespaced so it never clashes with a tsx the parent already registered,
// then imports the TypeScript entry named in workerData. Works the same under `npm start`, vitest and the bench.
import { getPriority, setPriority } from 'node:os';
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

// Linux keeps a nice value per thread: this lowers only this worker's. Elsewhere it would lower the whole process
// (the event loop included), so it is left alone there; a refusal only means the worker runs at normal priority.
if (workerData.niceness > 0 && process.platform === 'linux') {
  try {
    // Relative to the thread that made it, so a bot already run under `nice` is never raised.
    setPriority(Math.min(19, getPriority() + workerData.niceness));
  } catch {}
}

const tsx = register({ namespace: 'newsdesk-worker' });
await tsx.import(workerData.entry, import.meta.url);
