/**
 * How often each term of one text occurs, the terms known by number (vocabulary.ts): a count is one typed-array
 * increment instead of a Map lookup and a Map write per word, and the text's distinct terms are listed once, in
 * order of first appearance. A tally is read out once (take, takeHeaviest) and is then empty for the next text.
 */
export class TermTally {
  private counts = new Int32Array(1 << 12);
  private readonly order: number[] = [];
  private length = 0;

  add(term: number): void {
    if (term >= this.counts.length) this.grow(term);
    const before = this.counts[term] as number;
    if (before === 0) this.order.push(term);
    this.counts[term] = before + 1;
    this.length++;
  }

  /** Every counted term with its count, in order of first appearance, and how many terms were counted. */
  take(name: (term: number) => string): { counts: Map<string, number>; length: number } {
    const counts = new Map<string, number>();
    for (const term of this.order) counts.set(name(term), this.counts[term] as number);
    return { counts, length: this.finish() };
  }

  /**
   * The `limit` most frequent terms, most frequent first, equals in order of first appearance: what a stable sort
   * of take()'s counts and a slice would give, without sorting the hundreds of terms a text has to keep a few.
   */
  takeHeaviest(limit: number, name: (term: number) => string) {
    const cut = this.limitthCount(limit);
    let atCut = limit - this.order.filter((term) => (this.counts[term] as number) > cut).length;
    const ranked: [string, number][] = [];
    for (const term of this.order) {
      const count = this.counts[term] as number;
      if (count > cut) ranked.push([name(term), count]);
      else if (count === cut && atCut > 0) {
        ranked.push([name(term), count]);
        atCut--;
      }
    }
    // Pushed in order of first appearance, and sort is stable.
    ranked.sort((a, b) => b[1] - a[1]);
    return { ranked, length: this.finish() };
  }

  /** The count of the `limit`-th most frequent term (0 when there are fewer): counts are whole, so a histogram finds it. */
  private limitthCount(limit: number): number {
    if (this.order.length <= limit) return 0;
    let most = 0;
    for (const term of this.order) most = Math.max(most, this.counts[term] as number);
    const histogram = new Uint32Array(most + 1);
    for (const term of this.order) {
      const count = this.counts[term] as number;
      histogram[count] = (histogram[count] as number) + 1;
    }
    let seen = 0;
    for (let count = most; count > 0; count--) {
      seen += histogram[count] as number;
      if (seen >= limit) return count;
    }
    return 0;
  }

  /** Forgets whatever was counted and not taken. */
  discard(): void {
    this.finish();
  }

  /** Empties the tally (only the counted slots are touched); returns how many terms it had counted. */
  private finish(): number {
    for (const term of this.order) this.counts[term] = 0;
    this.order.length = 0;
    const length = this.length;
    this.length = 0;
    return length;
  }

  private grow(term: number): void {
    let size = this.counts.length;
    while (size <= term) size *= 2;
    const counts = new Int32Array(size);
    counts.set(this.counts);
    this.counts = counts;
  }
}
