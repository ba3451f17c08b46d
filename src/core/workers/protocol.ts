/** Messages between a pool and its workers: one job at a time per worker, answered by its id. */
export interface JobMessage {
  readonly id: number;
  readonly kind: string;
  readonly input: unknown;
}

export type ReplyMessage =
  | { readonly id: number; readonly ok: true; readonly output: unknown }
  | { readonly id: number; readonly ok: false; readonly message: string };

/** What the worker says once its entry has loaded, so a job's time budget never pays for start-up. */
export const READY_MESSAGE = 'newsdesk-worker-ready';
