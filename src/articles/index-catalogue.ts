import type Keyv from 'keyv';
import type { Logger } from '../core/log.ts';
import { namespacePages } from '../store/entries.ts';
import { parseCatalogueEntry } from './search/catalogue.ts';
import { SearchIndex } from './search/search.ts';

/** Catalogue entries read per request while catching up. */
const CATCH_UP_BATCH = 250;

/** Rebuilds the in-memory index from the catalogue alone (never the article bodies). */
export async function rebuildIndex(
  catalogue: Keyv,
  logger: Logger,
): Promise<{ index: SearchIndex; skipped: number }> {
  const index = new SearchIndex();
  let skipped = 0;
  for await (const page of namespacePages(catalogue)) {
    for (const [, value] of page) {
      const entry = parseCatalogueEntry(value);
      if (entry) index.put(entry);
      else skipped++;
    }
  }
  if (skipped > 0) logger.warn({ skipped }, 'skipped malformed catalogue entries; re-ingest to restore them');
  index.prepare();
  return { index, skipped };
}

/**
 * Brings the index up to date with the catalogue entries of `changed` (read in batches): a changed entry replaces
 * the indexed one, a missing one leaves the index. Returns the ids whose index entry changed. Call `prepare` after
 * a bulk catch-up (start-up), not on every refresh: it sorts a million articles by date.
 */
export async function applyCatalogueChanges(
  index: SearchIndex,
  catalogue: Keyv,
  changed: ReadonlySet<string>,
): Promise<string[]> {
  const ids = [...changed];
  const applied: string[] = [];
  for (let start = 0; start < ids.length; start += CATCH_UP_BATCH) {
    const batch = ids.slice(start, start + CATCH_UP_BATCH);
    const values = await catalogue.getMany(batch);
    batch.forEach((id, at) => {
      const entry = parseCatalogueEntry(values[at]);
      if (entry ? index.hashOf(id) === entry.hash : index.hashOf(id) === undefined) return;
      if (entry) index.put(entry);
      else index.remove(id);
      applied.push(id);
    });
  }
  return applied;
}
