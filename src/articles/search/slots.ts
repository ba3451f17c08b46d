import type { ArticleSummaryEntry } from '../article.ts';
import type { CatalogueEntry } from './catalogue.ts';
import { MAX_SLOTS } from './posting-list.ts';

/** Replaced articles leave a dead slot; past this many (and a quarter of all slots) the slots are compacted. */
const COMPACT_MIN_DEAD_SLOTS = 1_000;

function publishedMs(iso: string): number {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : 0;
}

/** What a search scored: the slots that can rank, and every slot written (to reset). */
export interface ScoredSlots {
  readonly candidates: readonly number[];
  readonly touched: readonly number[];
}

/** The live articles of an index snapshot, one column per field, in slot order. */
export interface SlotsSnapshot {
  readonly ids: readonly string[];
  readonly titles: readonly string[];
  readonly publishedIso: readonly string[];
  readonly categories: readonly (string | null)[];
  readonly urls: readonly (string | null)[];
  readonly hashes: readonly string[];
  readonly lengths: Float64Array;
  readonly published: Float64Array;
}

/**
 * What the index knows per article, in parallel arrays indexed by slot (no object per article): summary fields,
 * hash, date and BM25 length. A replaced article's slot goes dead; `compact()` renumbers the live ones.
 */
export class ArticleSlots {
  readonly ids: (string | undefined)[];
  readonly lengths: number[];
  readonly published: number[];
  private readonly titles: string[];
  private readonly publishedIso: string[];
  private readonly categories: (string | null)[];
  private readonly urls: (string | null)[];
  private readonly hashes: string[];
  private readonly bySlotId = new Map<string, number>();
  private readonly categoryNames = new Map<string, string>();
  private dead = 0;
  private totalLength = 0;
  private dateOrder: number[] | null = null;

  /** Empty, or the columns of a snapshot, taken over as they are (they must not be used elsewhere after). */
  private constructor(columns?: SlotsSnapshot) {
    this.ids = (columns?.ids as string[] | undefined) ?? [];
    this.titles = (columns?.titles as string[] | undefined) ?? [];
    this.publishedIso = (columns?.publishedIso as string[] | undefined) ?? [];
    this.categories = (columns?.categories as (string | null)[] | undefined) ?? [];
    this.urls = (columns?.urls as (string | null)[] | undefined) ?? [];
    this.hashes = (columns?.hashes as string[] | undefined) ?? [];
    this.lengths = columns ? Array.from(columns.lengths) : [];
    this.published = columns ? Array.from(columns.published) : [];
  }

  static empty(): ArticleSlots {
    return new ArticleSlots();
  }

  /**
   * Slots made of a snapshot's columns (all the same length: snapshot-checks.ts checks it), which they take over
   * without copying: a million articles' strings are held once.
   */
  static fromSnapshot(columns: SlotsSnapshot): ArticleSlots {
    const slots = new ArticleSlots(columns);
    for (let slot = 0; slot < slots.ids.length; slot++) {
      const category = slots.categories[slot] ?? null;
      if (category !== null) slots.categories[slot] = slots.internCategory(category);
      slots.bySlotId.set(slots.ids[slot] as string, slot);
      slots.totalLength += slots.lengths[slot] as number;
    }
    return slots;
  }

  get live(): number {
    return this.bySlotId.size;
  }

  get capacity(): number {
    return this.ids.length;
  }

  get averageLength(): number {
    return this.live === 0 ? 1 : Math.max(1, this.totalLength / this.live);
  }

  slotOf(id: string): number | undefined {
    return this.bySlotId.get(id);
  }

  add(entry: CatalogueEntry, length: number): number {
    const slot = this.ids.length;
    if (slot >= MAX_SLOTS) throw new Error(`The search index holds at most ${MAX_SLOTS} articles`);
    const category = entry.category === null ? null : this.internCategory(entry.category);
    this.ids.push(entry.id);
    this.titles.push(entry.title);
    this.publishedIso.push(entry.publishedAt);
    this.published.push(publishedMs(entry.publishedAt));
    this.categories.push(category);
    this.urls.push(entry.url);
    this.hashes.push(entry.hash);
    this.lengths.push(length);
    this.bySlotId.set(entry.id, slot);
    this.totalLength += length;
    this.dateOrder = null;
    return slot;
  }

  /** Marks the article's slot dead; true when the caller should compact (see `compact`). */
  remove(id: string): boolean {
    const slot = this.bySlotId.get(id);
    if (slot === undefined) return false;
    this.bySlotId.delete(id);
    this.ids[slot] = undefined;
    this.totalLength -= this.lengths[slot] ?? 0;
    this.dead++;
    this.dateOrder = null;
    return this.dead >= COMPACT_MIN_DEAD_SLOTS && this.dead * 4 >= this.ids.length;
  }

  hashOf(id: string): string | undefined {
    const slot = this.bySlotId.get(id);
    return slot === undefined ? undefined : this.hashes[slot];
  }

  entry(slot: number): ArticleSummaryEntry {
    return {
      id: this.ids[slot] ?? '',
      title: this.titles[slot] ?? '',
      publishedAt: this.publishedIso[slot] ?? '',
      category: this.categories[slot] ?? null,
      url: this.urls[slot] ?? null,
    };
  }

  /** Live slots, newest first (ties: id order); rebuilt lazily after changes. */
  newestFirst(): readonly number[] {
    if (this.dateOrder) return this.dateOrder;
    const order: number[] = [];
    for (let slot = 0; slot < this.ids.length; slot++) if (this.ids[slot] !== undefined) order.push(slot);
    order.sort((a, b) => this.newer(a, b));
    this.dateOrder = order;
    return order;
  }

  /** Negative when slot a comes first: newer, or as new and smaller id. */
  newer(a: number, b: number): number {
    const byDate = (this.published[b] ?? 0) - (this.published[a] ?? 0);
    if (byDate !== 0) return byDate;
    const x = this.ids[a] ?? '';
    const y = this.ids[b] ?? '';
    return x < y ? -1 : x > y ? 1 : 0;
  }

  /** Drops dead slots; returns old slot → new slot (-1 for dropped) so the postings can follow. */
  compact(): Int32Array {
    const slotMap = new Int32Array(this.ids.length).fill(-1);
    let next = 0;
    for (let slot = 0; slot < this.ids.length; slot++) {
      const id = this.ids[slot];
      if (id === undefined) continue;
      slotMap[slot] = next;
      for (const column of this.columns()) column[next] = column[slot];
      this.bySlotId.set(id, next);
      next++;
    }
    for (const column of this.columns()) column.length = next;
    this.dead = 0;
    this.dateOrder = null;
    return slotMap;
  }

  /** The live articles as snapshot columns, and old slot → new slot (-1 for dead) for the postings to follow. */
  snapshot(): { columns: SlotsSnapshot; slotMap: Int32Array } {
    const slotMap = new Int32Array(this.ids.length).fill(-1);
    const live: number[] = [];
    for (let slot = 0; slot < this.ids.length; slot++) {
      if (this.ids[slot] === undefined) continue;
      slotMap[slot] = live.length;
      live.push(slot);
    }
    const column = <T>(values: readonly T[]) => live.map((slot) => values[slot] as T);
    const columns: SlotsSnapshot = {
      ids: column(this.ids as string[]),
      titles: column(this.titles),
      publishedIso: column(this.publishedIso),
      categories: column(this.categories),
      urls: column(this.urls),
      hashes: column(this.hashes),
      lengths: Float64Array.from(live, (slot) => this.lengths[slot] as number),
      published: Float64Array.from(live, (slot) => this.published[slot] as number),
    };
    return { columns, slotMap };
  }

  private columns(): unknown[][] {
    return [
      this.ids,
      this.titles,
      this.publishedIso,
      this.published,
      this.categories,
      this.urls,
      this.hashes,
      this.lengths,
    ];
  }

  private internCategory(category: string): string {
    const known = this.categoryNames.get(category);
    if (known !== undefined) return known;
    this.categoryNames.set(category, category);
    return category;
  }
}
