/** Store adapter methods whose failures callers see (Keyv rethrows the adapter's error as it is). */
const STORE_METHODS = ['get', 'getMany', 'set', 'setMany', 'delete', 'deleteMany', 'has', 'hasMany', 'clear'];

/** A store operation that got no answer in time: the server is there but not answering. */
export class StoreTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer in ${timeoutMs} ms`);
    this.name = 'StoreTimeoutError';
  }
}

/** `operation`, or a StoreTimeoutError once `timeoutMs` passes without an answer (no limit when undefined). */
export function answeredWithin<T>(operation: Promise<T>, timeoutMs: number | undefined): Promise<T> {
  if (timeoutMs === undefined) return operation;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StoreTimeoutError(timeoutMs)), timeoutMs);
  });
  return Promise.race([operation, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Makes every failure of a store adapter reach callers as `describe` turns it (a clear UserFacingError for an
 * unreachable server): Keyv rethrows the adapter's error as it is. With `timeoutMs`, an operation that gets no
 * answer in that long fails too, instead of waiting forever on a server that stopped answering.
 */
export function describingFailures(
  adapter: object,
  describe: (error: unknown) => unknown,
  timeoutMs?: number,
): void {
  const store = adapter as Record<string, unknown>;
  for (const name of STORE_METHODS) {
    const method = store[name];
    if (typeof method !== 'function') continue;
    store[name] = async (...args: unknown[]) => {
      try {
        return await answeredWithin(method.apply(store, args) as Promise<unknown>, timeoutMs);
      } catch (error) {
        throw describe(error);
      }
    };
  }
  const iterator = store.iterator;
  if (typeof iterator === 'function') {
    store.iterator = async function* (...args: unknown[]) {
      const pages = iterator.apply(store, args) as AsyncGenerator<unknown>;
      try {
        for (;;) {
          const step = await answeredWithin(pages.next(), timeoutMs);
          if (step.done) return;
          yield step.value;
        }
      } catch (error) {
        throw describe(error);
      }
    };
  }
}
