/**
 * The queries bench/million.bench.ts times, drawn from titles of the built store (read straight from its catalogue
 * rows by rowid, so both search engines measured get the very same queries for the same seed).
 */
import BetterSqlite3 from 'better-sqlite3';
import { CATALOGUE_NAMESPACE } from '../../src/articles/store.ts';
import { seededRandom } from './generate-articles.ts';

export interface QuerySet {
  /** What a user types into the autocomplete box: the start of a title, cut mid-word. */
  readonly autocomplete: string[];
  /** A question in plain words about one article, naming two of its title words. */
  readonly question: string[];
  /** Ids to fetch by id (get p99). */
  readonly ids: string[];
}

/** One catalogue row picked at random (rowids may have gaps: retried). */
function sampleEntry(read: (rowid: number) => string | undefined, last: number, random: () => number) {
  for (;;) {
    const value = read(1 + Math.floor(random() * last));
    if (value !== undefined) return (JSON.parse(value) as { value: { id: string; title: string } }).value;
  }
}

/**
 * `count` queries of each kind. Each title's queries are drawn before the next title is picked, so a shorter set
 * for the same seed is the start of a longer one (the FTS run's queries are the memory run's first ones).
 */
export function buildQueries(file: string, count: number, seed: number): QuerySet {
  const random = seededRandom(seed);
  const db = new BetterSqlite3(file, { readonly: true });
  const set: QuerySet = { autocomplete: [], question: [], ids: [] };
  try {
    const last = db.prepare(`SELECT max(rowid) FROM ${CATALOGUE_NAMESPACE}`).pluck().get() as number;
    const row = db.prepare(`SELECT value FROM ${CATALOGUE_NAMESPACE} WHERE rowid = ?`).pluck();
    const read = (rowid: number) => row.get(rowid) as string | undefined;
    while (set.ids.length < count) {
      const { id, title } = sampleEntry(read, last, random);
      const words = title.split(' ');
      const typed = words.slice(0, 1 + Math.floor(random() * 3)).join(' ');
      set.autocomplete.push(typed.slice(0, Math.max(1, typed.length - Math.floor(random() * 4))));
      const pick = () => words[Math.floor(random() * words.length)] ?? '';
      set.question.push(`What did the officials say about ${pick()} and the ${pick()} plan this week?`);
      set.ids.push(id);
    }
    return set;
  } finally {
    db.close();
  }
}
