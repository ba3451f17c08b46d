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
