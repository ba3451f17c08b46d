/**
 * How much of an import may be in flight at once. Files are small (a few KB) and come in thousands, so many in
 * flight keep every stage busy (reading and parsing in the ingest worker, analysis in the catalogue worker, the
 * writes on the event loop); but a file may be 5 MB, so what is held is bounded by its size as well as by count.
 */
export interface InOrderLimits<P> {
  /** Items worked on at once (in either stage), at most. */
  readonly items: number;
  /** Items in their first stage at once (reading and parsing: their size is not known until it ends). */
  readonly firstStage: number;
  /** What an item holds once its first stage is done (characters of text, say) until it is handed on. */
  readonly weigh: (first: P) => number;
  /**
   * No item starts while the items past their first stage hold this much, except the one next in line (so one
   * item over the bound alone still goes through, and the items waiting on it can always be handed on).
   */
  readonly maxWeight: number;
}

export interface InOrderStages<T, P, R> {
  readonly first: (item: T) => Promise<P>;
  readonly second: (first: P, item: T) => Promise<R>;
}

/** Wakes every waiter at each change; each waiter checks its own condition again. */
class Signal {
  private waiters: (() => void)[] = [];

  wait(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}

/**
 * Runs two stages over the items (read and parse, then store) within `limits`, and hands the results to `emit`
 * in input order, so output is deterministic however the stages interleave. The first thrown error stops new work
 * and is rethrown. Memory stays bounded: at most `firstStage` items of unknown size, and `maxWeight` (plus the one
 * next in line) of items past it, including those done and waiting for an earlier one to be handed on.
 */
export async function forEachInOrder<T, P, R>(
  items: readonly T[],
  limits: InOrderLimits<P>,
  stages: InOrderStages<T, P, R>,
  emit: (result: R) => void,
  onDone: (done: number) => void,
): Promise<void> {
  const finished = new Map<number, { readonly result: R; readonly weight: number }>();
  const changed = new Signal();
  let next = 0;
  let emitted = 0;
  let held = 0;
  let inFirstStage = 0;
  let stopped = false;
  const mayStart = (index: number) =>
    stopped || index === emitted || (held < limits.maxWeight && inFirstStage < limits.firstStage);
  const handOn = () => {
    for (let ready = finished.get(emitted); ready !== undefined; ready = finished.get(emitted)) {
      finished.delete(emitted);
      emitted += 1;
      held -= ready.weight;
      emit(ready.result);
      onDone(emitted);
    }
    changed.notify();
  };
  const run = async (index: number) => {
    while (!mayStart(index)) await changed.wait();
    if (stopped) return;
    const item = items[index] as T;
    inFirstStage += 1;
    let first: P;
    try {
      first = await stages.first(item);
    } finally {
      inFirstStage -= 1;
      changed.notify();
    }
    const weight = limits.weigh(first);
    held += weight;
    finished.set(index, { result: await stages.second(first, item), weight });
    handOn();
  };
  const worker = async () => {
    while (!stopped && next < items.length) {
      try {
        await run(next++);
      } catch (error) {
        stopped = true;
        changed.notify();
        throw error;
      }
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(limits.items, items.length)) }, worker);
  await Promise.all(workers);
}
