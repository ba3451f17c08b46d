import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CatalogueEntry, toCatalogueEntry } from '../../../src/articles/search/catalogue.ts';
import { SearchIndex } from '../../../src/articles/search/search.ts';
import { readSnapshotFile, writeSnapshotFile } from '../../../src/articles/search/snapshot-file.ts';
import { mixedCorpus, SNAPSHOT_QUERIES } from '../../support/mixed-corpus.ts';

/*
 * An index opened from a snapshot file keeps changing as the bot runs: new articles, rewritten ones, and
 * compaction once many are replaced. Through all of it, it must rank exactly as the index it was saved from.
 */
const QUERIES = [...SNAPSHOT_QUERIES, 'blo', 'ele', 'wat', 'pa', 'z'];
const FIRST = 1_200;
/** Enough replacements to pass the index's compaction threshold (1,000 dead slots and a quarter of all). */
const REWRITTEN = 1_100;

let folder: string;
beforeEach(() => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'newsdesk-snapshot-unit-'));
});
afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

const everything = (index: SearchIndex) => ({
  hits: QUERIES.map((query) => index.search(query, 20)),
  newest: index.newest(30),
  between: index.between(Date.UTC(2024, 0, 1, 3), Date.UTC(2024, 0, 1, 9), 40),
  count: index.count(),
});

function savedAndOpened(index: SearchIndex): SearchIndex {
  const file = path.join(folder, 'index');
  writeSnapshotFile(file, index.toSnapshot(), { watermarkMs: Date.now(), unindexed: 0 });
  return SearchIndex.fromSnapshot(readSnapshotFile(file).snapshot);
}

describe('an index opened from its snapshot file', () => {
  it('GIVEN new articles, rewritten ones and a compaction after opening THEN it ranks exactly as the index it was saved from, at every step', () => {
    const corpus = mixedCorpus(FIRST + 300, 5);
    const entries = corpus.map((article) => toCatalogueEntry(article));
    const live = new SearchIndex();
    for (const entry of entries.slice(0, FIRST)) live.put(entry);
    live.prepare();
    const opened = savedAndOpened(live);
    expect(everything(opened)).toEqual(everything(live));

    const steps: CatalogueEntry[][] = [
      entries.slice(FIRST),
      corpus.slice(0, REWRITTEN).map((article, at) =>
        toCatalogueEntry({
          ...article,
          title: `${article.title} revised ${at % 7}`,
          hash: `revised-${at}`,
        }),
      ),
    ];
    for (const step of steps) {
      for (const entry of step) {
        live.put(entry);
        opened.put(entry);
      }
      expect(everything(opened)).toEqual(everything(live));
    }
    expect(opened.search('revised', 5).length).toBe(5);
  });

  it('GIVEN an index with replaced articles THEN its snapshot holds only the live ones and still ranks the same words first', () => {
    const corpus = mixedCorpus(300, 9);
    const index = new SearchIndex();
    for (const article of corpus) index.put(toCatalogueEntry(article));
    for (const article of corpus.slice(0, 50))
      index.put(toCatalogueEntry({ ...article, hash: `again-${article.id}` }));
    const opened = savedAndOpened(index);
    expect(opened.count()).toBe(300);
    expect(opened.toSnapshot().slots.ids.length).toBe(300);
    for (const query of QUERIES) expect(opened.search(query, 1)[0]?.id).toBe(index.search(query, 1)[0]?.id);
  });
});
