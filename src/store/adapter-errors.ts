/** Store adapter methods whose failures callers see (Keyv rethrows the adapter's error as it is). */
const STORE_METHODS = ['get', 'getMany', 'set', 'setMany', 'delete', 'deleteMany', 'has', 'hasMany', 'clear'];

/**
 * Makes every failure of a store adapter reach callers as `describe` turns it (a clear UserFacingError for an
 * unreachable server): Keyv rethrows the adapter's error as it is.
 */
export function describingFailures(adapter: object, describe: (error: unknown) => unknown): void {
  const store = adapter as Record<string, unknown>;
  for (const name of STORE_METHODS) {
    const method = store[name];
    if (typeof method !== 'function') continue;
    store[name] = async (...args: unknown[]) => {
      try {
        return await method.apply(store, args);
      } catch (error) {
        throw describe(error);
      }
    };
  }
  const iterator = store.iterator;
  if (typeof iterator === 'function') {
    store.iterator = async function* (...args: unknown[]) {
      try {
        yield* iterator.apply(store, args) as AsyncGenerator<unknown>;
      } catch (error) {
        throw describe(error);
      }
    };
  }
}
