// Captured when this module loads: a test that later calls vi.useFakeTimers must not freeze the fake's own waits.
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;
const realSetInterval = globalThis.setInterval;
const realClearInterval = globalThis.clearInterval;

/** How often a polling wait re-checks its condition. */
const POLL_MS = 10;

/** One change signal for the whole fake: every request, dispatch and acknowledgement calls notify(). */
export interface Notifier {
  subscribe(listener: () => void): () => void;
  notify(): void;
}

export function createNotifier(): Notifier {
  const listeners = new Set<() => void>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    notify() {
      for (const listener of [...listeners]) listener();
    },
  };
}

/**
 * Resolves with the first non-undefined result of `check`, re-checked on every change of the fake, and every
 * POLL_MS when `poll` is set (for conditions on the client's side, which change without a fake event).
 */
export function waitUntil<T>(
  notifier: Notifier,
  check: () => T | undefined,
  timeoutMs: number,
  describe: () => string,
  poll = false,
): Promise<T> {
  const first = check();
  if (first !== undefined) return Promise.resolve(first);
  return new Promise<T>((resolve, reject) => {
    const stop = () => {
      realClearTimeout(timer);
      if (poller) realClearInterval(poller);
      unsubscribe();
    };
    const recheck = () => {
      const result = check();
      if (result === undefined) return;
      stop();
      resolve(result);
    };
    const timer = realSetTimeout(() => {
      stop();
      reject(new Error(`fake Discord: timed out after ${timeoutMs} ms waiting for ${describe()}`));
    }, timeoutMs);
    const poller = poll ? realSetInterval(recheck, POLL_MS) : undefined;
    const unsubscribe = notifier.subscribe(recheck);
  });
}
