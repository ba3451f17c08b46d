/**
 * Runs tasks one after another per key, in call order, and concurrently across keys: two upserts of the same
 * article must not both read version 3 and both write version 4. Holds only keys with work pending.
 */
export class KeyedSerializer {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    // A failed earlier task must not block the next one; its caller already got the rejection.
    const result = previous.then(task, task);
    this.tails.set(key, result);
    const forget = () => {
      if (this.tails.get(key) === result) this.tails.delete(key);
    };
    result.then(forget, forget);
    return result;
  }

  /** Settles when every task started so far has finished (successfully or not). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.tails.values()]);
  }
}
