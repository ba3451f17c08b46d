/**
 * Commands' own work, one piece per turn of the event loop while members wait. When fifty interactions arrive
 * at once, each command's work up to its first real I/O (question resolution, the model request's set-up) runs
 * as one chain of microtasks; run back to back, or interleaved await by await, the last interaction's first
 * response waits for all of it. Queued here instead, the pieces start one per loop turn, so between two of them
 * the event loop reads the gateway again and serves what arrived — autocompletes, other commands' deferrals —
 * first.
 */
export class Turns {
  private readonly queued: (() => void)[] = [];
  private scheduled = false;
  /** A released piece runs its first steps until the next turn; until then it still counts. */
  private inTurn = false;

  /** `onEmpty`: told each time the last queued piece has had its turn (on the turn after its release). */
  constructor(private readonly onEmpty: () => void = () => {}) {}

  /** How many pieces wait for their turn, or are in it. */
  get length(): number {
    return this.queued.length + (this.inTurn ? 1 : 0);
  }

  /** Resolves on this piece's turn: in arrival order, each after the event loop has polled for I/O again. */
  take(): Promise<void> {
    return new Promise((resolve) => {
      this.queued.push(resolve);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // An immediate queued from inside an immediate runs on the next loop turn, after its poll for I/O.
    setImmediate(() => {
      this.scheduled = false;
      const next = this.queued.shift();
      this.inTurn = next !== undefined;
      next?.();
      if (this.inTurn) this.schedule();
      else this.onEmpty();
    });
  }
}
