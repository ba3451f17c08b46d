/**
 * One producer, many late-joining consumers: every subscriber sees every event from the start. Single-flight uses
 * it so identical requests in flight at once share one model call and all still stream.
 */
export class Broadcast<T> {
  readonly #events: T[] = [];
  #finished = false;
  #failure: { error: unknown } | undefined;
  #wake: (() => void)[] = [];

  push(event: T): void {
    this.#events.push(event);
    this.#notify();
  }

  finish(): void {
    this.#finished = true;
    this.#notify();
  }

  fail(error: unknown): void {
    this.#failure = { error };
    this.#finished = true;
    this.#notify();
  }

  async *subscribe(): AsyncGenerator<T> {
    let next = 0;
    for (;;) {
      while (next < this.#events.length) yield this.#events[next++] as T;
      if (this.#failure) throw this.#failure.error;
      if (this.#finished) return;
      await new Promise<void>((resolve) => this.#wake.push(resolve));
    }
  }

  #notify(): void {
    const waiting = this.#wake;
    this.#wake = [];
    for (const wake of waiting) wake();
  }
}
