// The one JavaScript file a worker thread starts from. newsdesk runs TypeScript through tsx with no build step, and
// a worker does not inherit the loader the main thread was started with (under vitest there is none to inherit),
// so the worker registers tsx itself, namespaced so it never clashes with a tsx the parent already registered,
// then imports the TypeScript entry named in workerData. Works the same under `npm start`, vitest and the bench.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

const tsx = register({ namespace: 'newsdesk-worker' });
await tsx.import(workerData.entry, import.meta.url);
