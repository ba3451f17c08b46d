import { Turns } from './turns.ts';

/**
 * Members before background work, within one process: an interaction waiting for its first response (a deferral,
 * an autocomplete's choices) is foreground; ingest (a feed's first poll of 10,000 items, a folder of files) is
 * background and waits, item by item, until no interaction is waiting — at most `maxWaitMs` at a time, so a bot
 * that is never idle still ingests, more slowly. Pausing the item loop pauses the worker threads it feeds (feed
 * parsing, catalogue analysis) too, so the CPU goes to the interaction. Other processes on the machine are the
 * OS's to schedule; this only orders the work of this one.
 *
 * Among members' work, first responses come first: while others wait for theirs, a command's own work waits its
 * turn in `turns` (src/core/turns.ts; the router decides), and background work waits for those turns too.
 */
export class Foreground {
  private waiting = 0;
  private idle: (() => void)[] = [];
  /** Commands' own work waiting for its turn behind first responses. */
  readonly turns = new Turns(() => this.wakeIfIdle());

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
      this.wakeIfIdle();
    };
  }

  /** True when no interaction waits for its first response and no command's work for its turn. */
  get isIdle(): boolean {
    return this.waiting === 0 && this.turns.length === 0;
  }

  /** Resolves at once when idle, else once it is or after `maxWaitMs`, whichever is first. */
  yield(): Promise<void> {
    if (this.isIdle) return Promise.resolve();
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

  private wakeIfIdle(): void {
    if (!this.isIdle) return;
    const waiters = this.idle;
    this.idle = [];
    for (const waiter of waiters) waiter();
  }
}
