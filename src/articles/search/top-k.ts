/**
 * Keeps the best `limit` items seen, in O(n log limit): a min-heap whose root is the worst kept item.
 * `better(a, b)` is true when a ranks above b.
 */
export class TopK<T> {
  private readonly heap: T[] = [];

  constructor(
    private readonly limit: number,
    private readonly better: (a: T, b: T) => boolean,
  ) {}

  offer(item: T): void {
    if (this.limit <= 0) return;
    const heap = this.heap;
    if (heap.length < this.limit) {
      heap.push(item);
      this.siftUp(heap.length - 1);
      return;
    }
    const worst = heap[0];
    if (worst !== undefined && this.better(item, worst)) {
      heap[0] = item;
      this.siftDown(0);
    }
  }

  /** Best first. */
  sorted(): T[] {
    return [...this.heap].sort((a, b) => (this.better(a, b) ? -1 : this.better(b, a) ? 1 : 0));
  }

  private siftUp(start: number): void {
    let index = start;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.worse(index, parent)) return;
      this.swap(index, parent);
      index = parent;
    }
  }

  private siftDown(start: number): void {
    const heap = this.heap;
    let index = start;
    for (;;) {
      const left = index * 2 + 1;
      const right = left + 1;
      let worst = index;
      if (left < heap.length && this.worse(left, worst)) worst = left;
      if (right < heap.length && this.worse(right, worst)) worst = right;
      if (worst === index) return;
      this.swap(index, worst);
      index = worst;
    }
  }

  private worse(i: number, j: number): boolean {
    return this.better(this.heap[j] as T, this.heap[i] as T);
  }

  private swap(i: number, j: number): void {
    const heap = this.heap;
    const item = heap[i] as T;
    heap[i] = heap[j] as T;
    heap[j] = item;
  }
}

/**
 * The k-th largest of `values[slot]` over the slots, with a typed min-heap of k values (no closure per compare);
 * the smallest of them when there are fewer than k, 0 when there are none.
 */
export function kthLargest(values: Float64Array, slots: readonly number[], k: number): number {
  if (k <= 0) return 0;
  const best = new KthBest(k);
  for (const slot of slots) best.offer(values[slot] as number);
  return best.lowestKept;
}

/** The k-th best of the scores offered so far: a typed min-heap of the best k (document-at-a-time.ts's bar). */
export class KthBest {
  private readonly heap: Float64Array;
  private size = 0;

  constructor(private readonly k: number) {
    this.heap = new Float64Array(Math.max(1, k));
  }

  /** The k-th best score, or 0 while fewer than k were offered (nothing can be ruled out yet). */
  get value(): number {
    return this.size < this.k ? 0 : (this.heap[0] as number);
  }

  /** The lowest of the best k kept (of all offered while fewer than k), 0 when none was. */
  get lowestKept(): number {
    return this.size === 0 ? 0 : (this.heap[0] as number);
  }

  offer(value: number): void {
    if (this.k <= 0) return;
    if (this.size < this.k) {
      let index = this.size++;
      while (index > 0 && (this.heap[(index - 1) >> 1] as number) > value) {
        this.heap[index] = this.heap[(index - 1) >> 1] as number;
        index = (index - 1) >> 1;
      }
      this.heap[index] = value;
    } else if (value > (this.heap[0] as number)) siftDownFrom(this.heap, this.size, value);
  }
}

/** Puts `value` at the root of the min-heap and sifts it down. */
function siftDownFrom(heap: Float64Array, size: number, value: number): void {
  let index = 0;
  for (;;) {
    const left = index * 2 + 1;
    if (left >= size) break;
    const right = left + 1;
    const child = right < size && (heap[right] as number) < (heap[left] as number) ? right : left;
    if ((heap[child] as number) >= value) break;
    heap[index] = heap[child] as number;
    index = child;
  }
  heap[index] = value;
}
