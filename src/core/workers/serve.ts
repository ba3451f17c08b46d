import { parentPort } from 'node:worker_threads';
import { errorMessage } from '../errors.ts';
import { type JobMessage, READY_MESSAGE, type ReplyMessage } from './protocol.ts';

/** One function per job kind; its input and output cross the thread boundary by structured clone. */
export type JobHandlers = Readonly<Record<string, (input: never) => unknown>>;

/**
 * Runs inside a worker thread: answers each job the pool posts with its handler's result, or the error's message.
 * A handler that never returns is the pool's problem (it terminates the worker when the job's budget runs out).
 */
export function serveJobs(handlers: JobHandlers): void {
  const port = parentPort;
  if (!port) throw new Error('serveJobs runs inside a worker thread started by createWorkerPool');
  port.on('message', async (message: JobMessage) => {
    let reply: ReplyMessage;
    try {
      const handler = handlers[message.kind] as ((input: unknown) => unknown) | undefined;
      if (!handler) throw new Error(`no worker job named ${JSON.stringify(message.kind)}`);
      reply = { id: message.id, ok: true, output: await handler(message.input) };
    } catch (error) {
      reply = { id: message.id, ok: false, message: errorMessage(error) };
    }
    port.postMessage(reply);
  });
  port.postMessage(READY_MESSAGE);
}
