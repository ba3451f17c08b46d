/**
 * How fast a persisted, compact snapshot of the in-memory index could open, and what it would hold resident: the
 * catalogue's postings as one CSR pair of Int32Arrays (term offsets, slot<<8|weight postings), the sorted
 * vocabulary and the per-article summary fields as joined strings, written to one file. This is a measurement
 * for the design decision of issue 17 point 6, not the index itself: it loads what the index would need, builds
 * the two lookup maps the index keeps (term → id, article id → slot), and reports time and RSS. Search over these
 * arrays is the same BM25 loop as src/articles/search/scoring.ts, only over flat arrays.
 * Usage: node --expose-gc --import tsx bench/support/snapshot-probe.ts <store-file> <snapshot-file>  (builds the snapshot when missing)
 */
import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { forEachTerm, parseCatalogueEntry } from '../../src/articles/search/catalogue.ts';
import { CATALOGUE_NAMESPACE } from '../../src/articles/store.ts';
import { round } from './stats.ts';

const PAGE_ROWS = 10_000;
const FIELD = '\u0001';

interface Header {
  readonly articles: number;
  readonly terms: number;
  readonly postings: number;
  readonly stringsBytes: number;
}

function build(storeFile: string, snapshotFile: string): void {
  const db = new BetterSqlite3(storeFile, { readonly: true });
  const read = db.prepare(
    `SELECT rowid, value FROM ${CATALOGUE_NAMESPACE} WHERE rowid > ? ORDER BY rowid LIMIT ?`,
  );
  const termIds = new Map<string, number>();
  const lists: number[][] = [];
  const fields: string[] = [];
  const lengths: number[] = [];
  const published: number[] = [];
  let after = 0;
  for (;;) {
    const page = read.all(after, PAGE_ROWS) as { rowid: number; value: string }[];
    if (page.length === 0) break;
    after = page.at(-1)?.rowid ?? after;
    for (const row of page) {
      const entry = parseCatalogueEntry((JSON.parse(row.value) as { value: unknown }).value);
      if (!entry) continue;
      const slot = lengths.length;
      lengths.push(entry.length);
      published.push(Date.parse(entry.publishedAt));
      fields.push(
        entry.id,
        entry.title,
        entry.publishedAt,
        entry.category ?? '',
        entry.url ?? '',
        entry.hash,
      );
      forEachTerm(entry.terms, (term, weight) => {
        let id = termIds.get(term);
        if (id === undefined) {
          id = lists.length;
          termIds.set(term, id);
          lists.push([]);
        }
        lists[id]?.push((slot << 8) | Math.min(255, weight));
      });
    }
  }
  db.close();
  write(snapshotFile, [...termIds.keys()], lists, { fields, lengths, published });
}

interface Columns {
  readonly fields: readonly string[];
  readonly lengths: readonly number[];
  readonly published: readonly number[];
}

function write(
  snapshotFile: string,
  vocabulary: readonly string[],
  lists: readonly number[][],
  columns: Columns,
) {
  const { fields, lengths, published } = columns;
  const offsets = new Int32Array(vocabulary.length + 1);
  let total = 0;
  lists.forEach((list, id) => {
    offsets[id] = total;
    total += list.length;
  });
  offsets[vocabulary.length] = total;
  const postings = new Int32Array(total);
  lists.forEach((list, id) => {
    postings.set(list, offsets[id]);
  });
  const strings = Buffer.from(`${vocabulary.join('\n')}\u0002${fields.join(FIELD)}`);
  const header: Header = {
    articles: lengths.length,
    terms: vocabulary.length,
    postings: total,
    stringsBytes: strings.length,
  };
  const headerBytes = Buffer.alloc(4096);
  headerBytes.write(JSON.stringify(header));
  const out = fs.openSync(`${snapshotFile}.building`, 'w');
  for (const part of [
    headerBytes,
    Buffer.from(offsets.buffer),
    Buffer.from(postings.buffer),
    Buffer.from(new Int32Array(lengths).buffer),
    Buffer.from(new Float64Array(published).buffer),
    strings,
  ])
    fs.writeSync(out, part);
  fs.closeSync(out);
  fs.renameSync(`${snapshotFile}.building`, snapshotFile);
}

function load(snapshotFile: string) {
  const bytes = fs.readFileSync(snapshotFile);
  const header = JSON.parse(bytes.subarray(0, 4096).toString().replace(/\0+$/, '')) as Header;
  let at = 4096;
  const take = <T>(
    make: (buffer: ArrayBuffer, offset: number, length: number) => T,
    count: number,
    size: number,
  ) => {
    // Copied out of the file buffer so each array is aligned and the file buffer can be dropped.
    const slice = bytes.buffer.slice(bytes.byteOffset + at, bytes.byteOffset + at + count * size);
    at += count * size;
    return make(slice, 0, count);
  };
  const offsets = take((b, o, n) => new Int32Array(b, o, n), header.terms + 1, 4);
  const postings = take((b, o, n) => new Int32Array(b, o, n), header.postings, 4);
  const lengths = take((b, o, n) => new Int32Array(b, o, n), header.articles, 4);
  const published = take((b, o, n) => new Float64Array(b, o, n), header.articles, 8);
  const text = bytes.subarray(at, at + header.stringsBytes).toString();
  const split = text.indexOf('\u0002');
  const vocabulary = text.slice(0, split).split('\n');
  const fields = text.slice(split + 1).split(FIELD);
  const termIds = new Map<string, number>();
  vocabulary.forEach((term, id) => {
    termIds.set(term, id);
  });
  const slotOf = new Map<string, number>();
  for (let slot = 0; slot < header.articles; slot++) slotOf.set(fields[slot * 6] as string, slot);
  return { header, offsets, postings, lengths, published, vocabulary, fields, termIds, slotOf };
}

const [storeFile, snapshotFile] = process.argv.slice(2);
if (!storeFile || !snapshotFile) throw new Error('usage: snapshot-probe.ts <store-file> <snapshot-file>');
let buildSeconds = 0;
if (!fs.existsSync(snapshotFile)) {
  const started = performance.now();
  build(storeFile, snapshotFile);
  buildSeconds = round((performance.now() - started) / 1000, 0);
}
const rssBeforeMb = process.memoryUsage().rss / 1_048_576;
const started = performance.now();
const snapshot = load(snapshotFile);
const loadMs = performance.now() - started;
// The file's bytes are garbage once copied out; collected here so RSS shows what the index keeps.
(globalThis as { gc?: () => void }).gc?.();
process.stdout.write(
  `${JSON.stringify({
    ...snapshot.header,
    buildSeconds,
    snapshotMb: round(fs.statSync(snapshotFile).size / 1_048_576, 0),
    loadMs: round(loadMs, 0),
    rssBeforeLoadMb: round(rssBeforeMb, 0),
    rssAfterLoadMb: round(process.memoryUsage().rss / 1_048_576, 0),
    heapUsedMb: round(process.memoryUsage().heapUsed / 1_048_576, 0),
    arrayBuffersMb: round(process.memoryUsage().arrayBuffers / 1_048_576, 0),
  })}\n`,
);
