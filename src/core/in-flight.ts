/**
 * At most `limit` tasks running at once, for a loop that starts them one by one (feed items' upserts): `add`
 * waits while the limit is reached; the first task that fails makes the next `add` or `drain` throw its error.
 * Every task is awaited by `drain`, so none outlives the loop, even one that stops early.
 */
export class InFlight {
  private readonly running = new Set<Promise<void>>();
  private failure: { readonly error: unknown } | undefined;

  constructor(private readonly limit: number) {}

  async add(task: Promise<unknown>): Promise<void> {
    const tracked: Promise<void> = task.then(
      () => {
        this.running.delete(tracked);
      },
      (error: unknown) => {
        this.running.delete(tracked);
        this.failure ??= { error };
      },
    );
    this.running.add(tracked);
    while (this.running.size >= this.limit) await Promise.race(this.running);
    this.throwIfFailed();
  }

  /** Waits for every task; throws the first failure, if any. */
  async drain(): Promise<void> {
    await Promise.all(this.running);
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }
}
