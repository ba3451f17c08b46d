/**
 * Search in SQLite itself (FTS5, compiled into better-sqlite3) over the same catalogue terms as the in-memory
 * index, measured beside it by bench/million.bench.ts. A prototype for the comparison, not wired into the bot:
 * the table lives in its own file (ATTACHed), derived from the store's catalogue rows, so the store file stays
 * exactly what the bot writes.
 */
import fs from 'node:fs';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import type { SearchHit } from '../../src/articles/article.ts';
import { forEachTerm, parseCatalogueEntry } from '../../src/articles/search/catalogue.ts';
import { parseQuery } from '../../src/articles/search/query.ts';
import { CATALOGUE_NAMESPACE } from '../../src/articles/store.ts';
import { TermAnalyzer } from '../../src/text/analyzer.ts';

const FTS_TABLE = 'article_search';
/** Catalogue rows per insert transaction while the FTS table is built. */
const FTS_BUILD_BATCH_ROWS = 10_000;
/** A term is repeated as often as it weighs (capped): FTS5's own BM25 then sees the catalogue's weights. */
const MAX_REPEATS = 16;

/** Every catalogue term, repeated by its weight: "karabakh karabakh karabakh blockad …". */
function weightedText(terms: string): string {
  const out: string[] = [];
  forEachTerm(terms, (term, weight) => {
    for (let i = 0; i < Math.min(MAX_REPEATS, weight); i++) out.push(term);
  });
  return out.join(' ');
}

/** Builds `ftsFile` from the store's catalogue (once; the bench caches it beside the store). */
export function buildFtsFile(storeFile: string, ftsFile: string, log: (line: string) => void): number {
  const partial = `${ftsFile}.building`;
  fs.rmSync(partial, { force: true });
  const db = new BetterSqlite3(partial);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  // Prefix indexes of 2–4 characters: autocomplete's "ka…" is a range read, not a scan of the vocabulary.
  db.exec(`CREATE VIRTUAL TABLE ${FTS_TABLE} USING fts5(terms, tokenize = 'unicode61', prefix = '2 3 4')`);
  db.exec(`ATTACH DATABASE '${storeFile.replace(/'/g, "''")}' AS store`);
  const read = db.prepare(
    `SELECT rowid, value FROM store.${CATALOGUE_NAMESPACE} WHERE rowid > ? ORDER BY rowid LIMIT ?`,
  );
  const insert = db.prepare(`INSERT INTO ${FTS_TABLE} (rowid, terms) VALUES (?, ?)`);
  const started = performance.now();
  let after = 0;
  let rows = 0;
  const batch = db.transaction((page: { rowid: number; value: string }[]) => {
    for (const row of page) {
      const entry = parseCatalogueEntry((JSON.parse(row.value) as { value: unknown }).value);
      if (entry) insert.run(row.rowid, weightedText(entry.terms));
    }
  });
  for (;;) {
    const page = read.all(after, FTS_BUILD_BATCH_ROWS) as { rowid: number; value: string }[];
    if (page.length === 0) break;
    batch(page);
    after = page[page.length - 1]?.rowid ?? after;
    rows += page.length;
    if (rows % 100_000 === 0)
      log(`  FTS: ${rows} rows (${Math.round(rows / ((performance.now() - started) / 1000))}/s)`);
  }
  db.exec(`INSERT INTO ${FTS_TABLE}(${FTS_TABLE}) VALUES ('optimize')`);
  db.close();
  fs.renameSync(partial, ftsFile);
  return Math.round((performance.now() - started) / 1000);
}

const quoted = (term: string) => `"${term.replace(/"/g, '""')}"`;

/** The in-memory index's query reading (same words, stopwords, stems, typed prefix) as an FTS5 OR-query. */
export function toFtsQuery(query: string, analyzer: TermAnalyzer): string {
  const parts = parseQuery(query, analyzer).map((word) => {
    const terms = word.terms.map(quoted).join(' OR ');
    return word.prefix === undefined ? terms : `${terms} OR ${quoted(word.prefix)}*`;
  });
  return parts.join(' OR ');
}

export interface FtsSearch {
  search(query: string, limit: number): SearchHit[];
  get(id: string): unknown;
  close(): void;
}

export function openFtsSearch(storeFile: string, ftsFile: string): FtsSearch {
  const db: Database = new BetterSqlite3(storeFile, { readonly: true });
  db.exec(`ATTACH DATABASE '${ftsFile.replace(/'/g, "''")}' AS fts`);
  const analyzer = new TermAnalyzer();
  const ranked = db.prepare(
    `SELECT c.value AS value, s.score AS score FROM
       (SELECT rowid, bm25(${FTS_TABLE}) AS score FROM fts.${FTS_TABLE} WHERE ${FTS_TABLE} MATCH ? ORDER BY rank LIMIT ?) s
     JOIN ${CATALOGUE_NAMESPACE} c ON c.rowid = s.rowid ORDER BY s.score`,
  );
  const getArticle = db.prepare('SELECT value FROM articles WHERE key = ?').pluck();
  return {
    search(query, limit) {
      const match = toFtsQuery(query, analyzer);
      if (match === '') return [];
      const rows = ranked.all(match, limit) as { value: string; score: number }[];
      return rows.map((row) => {
        const { id, title, publishedAt, category, url } = (JSON.parse(row.value) as { value: SearchHit })
          .value;
        return { id, title, publishedAt, category, url, score: -row.score };
      });
    },
    get(id) {
      const value = getArticle.get(`articles:${id}`) as string | undefined;
      return value === undefined ? undefined : (JSON.parse(value) as { value: unknown }).value;
    },
    close: () => db.close(),
  };
}
