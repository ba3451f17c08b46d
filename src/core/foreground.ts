/** How many are waiting, and who to wake once none is. */
class WaitingCount {
  private count = 0;
  private wakers: (() => void)[] = [];

  get size(): number {
    return this.count;
  }

  /** One more waits; call the returned function once it no longer does (idempotent). */
  add(): () => void {
    this.count++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.count--;
      if (this.count === 0) this.wake();
    };
  }

  /** Resolves at once when none waits, else when none does or after `maxWaitMs`, whichever is first. */
  untilNone(maxWaitMs: number): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakers = this.wakers.filter((waker) => waker !== done);
        resolve();
      };
      const timer = setTimeout(done, maxWaitMs);
      this.wakers.push(done);
    });
  }

  private wake(): void {
    const wakers = this.wakers;
    this.wakers = [];
    for (const waker of wakers) waker();
  }
}

/**
 * Members before background work, within one process: an interaction waiting for its first response (a deferral,
 * an autocomplete's choices) is foreground; ingest (a feed's first poll of 10,000 items, a folder of files) is
 * background and waits, item by item, until no interaction is waiting — at most `maxWaitMs` at a time, so a bot
 * that is never idle still ingests, more slowly. Pausing the item loop pauses the worker threads it feeds (feed
 * parsing, catalogue analysis) too, so the CPU goes to the interaction. Other processes on the machine are the
 * OS's to schedule; this only orders the work of this one.
 *
 * Autocompletes come first among interactions too: a command's work waits (at most `maxWaitMs`) while an
 * autocomplete waits for its choices. A member typing sees each autocomplete's delay, and one costs a search; a
 * command's answer takes seconds of model time anyway, and its deferral is sent on its own timer meanwhile
 * (src/discord/first-response.ts). When fifty members act at once, the autocompletes no longer queue behind the
 * commands' question resolution and model calls.
 */
export class Foreground {
  private readonly interactions = new WaitingCount();
  private readonly autocompletes = new WaitingCount();

  /** `maxWaitMs`: how long one background item waits at most, so that ingest never stops whatever the traffic. */
  constructor(private readonly maxWaitMs = 100) {}

  /** How many interactions wait for their first response now. */
  get waitingInteractions(): number {
    return this.interactions.size;
  }

  /**
   * An interaction is waiting for its first response (an autocomplete for its choices); call the returned
   * function once it has one (idempotent).
   */
  begin(autocomplete = false): () => void {
    const ends = [this.interactions.add(), ...(autocomplete ? [this.autocompletes.add()] : [])];
    return () => {
      for (const end of ends) end();
    };
  }

  /** For background work: resolves once no interaction is waiting, or after `maxWaitMs`. */
  yield(): Promise<void> {
    return this.interactions.untilNone(this.maxWaitMs);
  }

  /** For a command's own work: resolves once no autocomplete is waiting for its choices, or after `maxWaitMs`. */
  afterAutocompletes(): Promise<void> {
    return this.autocompletes.untilNone(this.maxWaitMs);
  }
}
