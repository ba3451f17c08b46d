/**
 * Members before background work, within one process: an interaction waiting for its first response (a deferral,
 * an autocomplete's choices) is foreground; ingest (a feed's first poll of 10,000 items, a folder of files) is
 * background and waits, item by item, until no interaction is waiting — at most `maxWaitMs` at a time, so a bot
 * that is never idle still ingests, more slowly. Pausing the item loop pauses the worker threads it feeds (feed
 * parsing, catalogue analysis) too, so the CPU goes to the interaction. Other processes on the machine are the
 * OS's to schedule; this only orders the work of this one. The router reads the same count to put first
 * responses ahead of commands' own work (src/core/turns.ts).
 */
export class Foreground {
  private waiting = 0;
  private idle: (() => void)[] = [];

  /** `maxWaitMs`: how long one background item waits at most, so that ingest never stops whatever the traffic. */
  constructor(private readonly maxWaitMs = 100) {}

  /** How many interactions wait for their first response now. */
  get waitingInteractions(): number {
    return this.waiting;
  }

  /** An interaction is waiting for its first response; call the returned function once it has one (idempotent). */
  begin(): () => void {
    this.waiting++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.waiting--;
      if (this.waiting === 0) this.wake();
    };
  }

  /** Resolves at once when no interaction is waiting, else when none is or after `maxWaitMs`, whichever is first. */
  yield(): Promise<void> {
    if (this.waiting === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.idle = this.idle.filter((waiter) => waiter !== done);
        resolve();
      };
      const timer = setTimeout(done, this.maxWaitMs);
      this.idle.push(done);
    });
  }

  private wake(): void {
    const waiters = this.idle;
    this.idle = [];
    for (const waiter of waiters) waiter();
  }
}
