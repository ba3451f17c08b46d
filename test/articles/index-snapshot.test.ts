import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Article, ArticleStore } from '../../src/articles/article.ts';
import { IndexSnapshots, SNAPSHOT_MIN_ARTICLES } from '../../src/articles/index-snapshots.ts';
import { toCatalogueEntry } from '../../src/articles/search/catalogue.ts';
import { type IndexSnapshot, SearchIndex } from '../../src/articles/search/search.ts';
import {
  readSnapshotFile,
  SnapshotRejected,
  writeSnapshotFile,
} from '../../src/articles/search/snapshot-file.ts';
import { CHANGES_NAMESPACE, openArticleStore } from '../../src/articles/store.ts';
import { silentLogger } from '../../src/core/log.ts';
import { mixedCorpus, SNAPSHOT_QUERIES } from '../support/mixed-corpus.ts';

const DIES_AFTER_UPSERT = path.join(import.meta.dirname, 'support/upsert-then-die.ts');

/*
 * A big SQLite store saves its search index beside it on close and opens from that file, then catches up on what
 * other processes changed since. The bar: a store opened from its snapshot answers every search exactly as one
 * rebuilt from the catalogue, and a snapshot that is damaged, foreign or too old is never used.
 */
const ARTICLES = 400;
/** The snapshot's magic and JSON header take about this many bytes at the front. */
const HEADER_REGION = 600;
/** What a member types: whole words, and autocomplete's half-typed ones. */
const QUERIES = [...SNAPSHOT_QUERIES, 'blo', 'wat', 'Pash', 'nag', 'e', 'mixed', 'news example'];

let folder: string;
let file: string;
const opened: ArticleStore[] = [];

beforeEach(() => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'newsdesk-index-snapshot-'));
  file = path.join(folder, 'store.sqlite');
});
afterEach(async () => {
  await Promise.allSettled(opened.splice(0).map((store) => store.close()));
  fs.rmSync(folder, { recursive: true, force: true });
});

function recordingLogger() {
  const lines: { msg: string; reason?: string }[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, messages: () => lines.map((line) => line.msg), lines };
}

async function open(options: { minArticles?: number; logger?: pino.Logger; at?: string } = {}) {
  const store = await openArticleStore({
    url: `sqlite://${options.at ?? file}`,
    indexSnapshotMinArticles: options.minArticles ?? 1,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  opened.push(store);
  return store;
}

async function closeLast(store: ArticleStore) {
  opened.splice(opened.indexOf(store), 1);
  await store.close();
}

/** Every query's hits (ids, titles, scores), the newest list and a date range: what a member can see of the index. */
function everythingSearchable(store: ArticleStore) {
  return {
    hits: QUERIES.map((query) => store.search(query, 25)),
    count: store.count(),
  };
}

async function storeWith(articles: readonly Article[]) {
  const store = await open();
  for (const article of articles) await store.upsert(article);
  return store;
}

/** The same store with its snapshot file removed: the index rebuilt from the catalogue, as before snapshots. */
async function rebuilt() {
  fs.rmSync(`${file}.search-index`, { force: true });
  const store = await open({ minArticles: Number.POSITIVE_INFINITY });
  const seen = { ...everythingSearchable(store), newest: await ids(store.latest(50)) };
  await closeLast(store);
  return seen;
}

const ids = async (articles: Promise<readonly { id: string }[]>) =>
  (await articles).map((article) => article.id);

describe('search index snapshot', () => {
  it('GIVEN a store closed after ingest THEN it reopens from its snapshot and every search, score and list is the one a rebuild gives', async () => {
    const store = await storeWith(mixedCorpus(ARTICLES));
    await closeLast(store);
    expect(fs.existsSync(`${file}.search-index`)).toBe(true);

    const { logger, messages } = recordingLogger();
    const reopened = await open({ logger });
    expect(messages()).toContain('search index opened from its snapshot');
    const fromSnapshot = { ...everythingSearchable(reopened), newest: await ids(reopened.latest(50)) };
    await closeLast(reopened);
    expect(fromSnapshot.hits.flat().length).toBeGreaterThan(100);
    expect(fromSnapshot).toEqual(await rebuilt());
  });

  it('GIVEN another process adds and rewrites articles after the snapshot THEN the reopened store finds the new text and not the old', async () => {
    const corpus = mixedCorpus(ARTICLES);
    await closeLast(await storeWith(corpus));
    // The other process keeps no snapshot of its own, so only the change log tells of its writes.
    const other = await open({ minArticles: Number.POSITIVE_INFINITY });
    const changes: Article[] = [
      { ...(corpus[3] as Article), title: 'Quartermaster zeppelin inquiry', hash: 'rewritten-3' },
      { ...(corpus[9] as Article), id: 'brand-new', title: 'Xylophone tariff dispute', hash: 'new' },
    ];
    for (const article of changes) await other.upsert(article);
    await closeLast(other);

    const { logger, messages } = recordingLogger();
    const reopened = await open({ logger });
    expect(messages()).toContain('search index opened from its snapshot');
    expect(reopened.search('zeppelin', 5)[0]?.id).toBe(corpus[3]?.id);
    expect(reopened.search('xylophone', 5)[0]?.id).toBe('brand-new');
    const oldTitle = corpus[3]?.title as string;
    expect(reopened.search(oldTitle, 5).map((hit) => hit.title)).not.toContain(oldTitle);
    // The replaced article's old postings stay until the index compacts, as in a process that made the change
    // itself: so the bar is one store that saw the same history live, never reopened.
    const live = await open({ at: path.join(folder, 'live.sqlite'), minArticles: Number.POSITIVE_INFINITY });
    for (const article of [...corpus, ...changes]) await live.upsert(article);
    expect(everythingSearchable(reopened)).toEqual(everythingSearchable(live));
  });

  it('GIVEN a snapshot with any byte changed, cut short or replaced by junk THEN the store never uses it: it rebuilds, says why, and searches as a rebuild does', async () => {
    await closeLast(await storeWith(mixedCorpus(ARTICLES / 4)));
    const snapshot = fs.readFileSync(`${file}.search-index`);
    const expected = await rebuilt();
    const damaged: Buffer[] = [snapshot.subarray(0, snapshot.length - 9), Buffer.from('not an index at all')];
    // Bytes all through the lead and the header, then spread over the sections.
    const spread = Math.floor((snapshot.length - HEADER_REGION) / 40);
    const positions = [
      ...Array.from({ length: HEADER_REGION / 5 }, (_, i) => i * 5),
      ...Array.from({ length: 40 }, (_, i) => HEADER_REGION + i * spread),
    ];
    for (const at of positions) {
      const copy = Buffer.from(snapshot);
      copy[at] = (copy[at] as number) ^ 0x10;
      damaged.push(copy);
    }
    for (const bytes of damaged) {
      fs.writeFileSync(`${file}.search-index`, bytes);
      const { logger, lines } = recordingLogger();
      const store = await open({ logger, minArticles: Number.POSITIVE_INFINITY });
      const warning = lines.find((line) => line.msg.startsWith('search index snapshot unusable'));
      expect(warning?.reason).toMatch(/\w+/);
      expect({ ...everythingSearchable(store), newest: await ids(store.latest(50)) }).toEqual(expected);
      await closeLast(store);
    }
  });

  it('GIVEN the snapshot of another store beside this one THEN it is not used: the row count gives it away', async () => {
    await closeLast(await storeWith(mixedCorpus(ARTICLES)));
    const foreign = fs.readFileSync(`${file}.search-index`);
    fs.rmSync(folder, { recursive: true, force: true });
    fs.mkdirSync(folder);
    const own = mixedCorpus(ARTICLES - 1, 11);
    await closeLast(await storeWith(own));
    fs.writeFileSync(`${file}.search-index`, foreign);

    const { logger, messages } = recordingLogger();
    const store = await open({ logger });
    expect(messages()).toContain('search index snapshot does not match the store: rebuilding');
    expect(store.count()).toBe(ARTICLES - 1);
    const title = own[5]?.title as string;
    expect(store.search(title, 1)[0]).toMatchObject({ id: own[5]?.id, title });
  });

  it('GIVEN the snapshot path is taken by a folder THEN the store still opens and answers, and warns that the next start is slower', async () => {
    fs.mkdirSync(`${file}.search-index`);
    fs.writeFileSync(path.join(`${file}.search-index`, 'keep'), 'x');
    const { logger, messages } = recordingLogger();
    const store = await openArticleStore({ url: `sqlite://${file}`, indexSnapshotMinArticles: 1, logger });
    for (const article of mixedCorpus(50)) await store.upsert(article);
    await store.close();
    expect(messages()).toContain('search index snapshot unusable: rebuilding the index from the store');
    expect(messages().some((message) => message.startsWith('search index snapshot not written'))).toBe(true);
    const again = await open();
    expect(again.count()).toBe(50);
  });

  it('GIVEN a store smaller than the snapshot threshold THEN no file is written beside it', async () => {
    const store = await openArticleStore({ url: `sqlite://${file}` });
    for (const article of mixedCorpus(30)) await store.upsert(article);
    await store.close();
    expect(SNAPSHOT_MIN_ARTICLES).toBeGreaterThan(30);
    expect(fs.readdirSync(folder).filter((name) => name.includes('search-index'))).toEqual([]);
  });
});

describe('search index snapshot, its age', () => {
  it('GIVEN a snapshot older than the change log keeps THEN it is not trusted: the index is rebuilt and the file renewed', async () => {
    await closeLast(await storeWith(mixedCorpus(ARTICLES / 4)));
    const snapshotFile = `${file}.search-index`;
    const { snapshot, meta } = readSnapshotFile(snapshotFile);
    const threeDaysAgo = Date.now() - 3 * 86_400_000;
    writeSnapshotFile(snapshotFile, snapshot, { ...meta, watermarkMs: threeDaysAgo });

    const { logger, messages } = recordingLogger();
    const store = await open({ logger });
    expect(messages()).toContain('search index snapshot too old to update: rebuilding');
    expect(store.count()).toBe(ARTICLES / 4);
    expect(readSnapshotFile(snapshotFile).meta.watermarkMs).toBeGreaterThan(Date.now() - 60_000);
  });
});

describe('search index snapshot, crashes and failures', () => {
  it('GIVEN another process killed right after rewriting an article THEN the next start from the snapshot still finds the new text', async () => {
    const corpus = mixedCorpus(ARTICLES / 4);
    await closeLast(await storeWith(corpus));
    // The ingest's own log entries are in the snapshot already; gone, they cannot hide a change the log missed.
    const db = new BetterSqlite3(file);
    db.exec(`DELETE FROM ${CHANGES_NAMESPACE}`);
    db.close();
    const rewritten = {
      ...(corpus[3] as Article),
      title: 'Quartermaster zeppelin inquiry',
      hash: 'rewritten-3',
    };
    const child = spawn(process.execPath, [
      '--import',
      'tsx',
      DIES_AFTER_UPSERT,
      file,
      JSON.stringify(rewritten),
    ]);
    const [, signal] = await once(child, 'exit');
    expect(signal).toBe('SIGKILL');

    const { logger, messages } = recordingLogger();
    const reopened = await open({ logger });
    expect(messages()).toContain('search index opened from its snapshot');
    expect(reopened.search('zeppelin', 5)[0]?.id).toBe(corpus[3]?.id);
  });

  it('GIVEN a process that never caught up for longer than the change log keeps THEN its close writes no snapshot', async () => {
    const store = await storeWith(mixedCorpus(ARTICLES / 4));
    await closeLast(store);
    fs.rmSync(`${file}.search-index`);
    const index = new SearchIndex();
    for (const article of mixedCorpus(5)) index.put(toCatalogueEntry(article));
    const snapshots = new IndexSnapshots({
      file: `${file}.search-index`,
      logger: silentLogger,
      minArticles: 1,
    });
    const threeDaysAgo = Date.now() - 3 * 86_400_000;
    snapshots.saveIfChanged(index, Date.now(), threeDaysAgo);
    expect(fs.existsSync(`${file}.search-index`)).toBe(false);
    snapshots.saveIfChanged(index, Date.now(), Date.now() - 60_000);
    expect(fs.existsSync(`${file}.search-index`)).toBe(true);
  });

  it('GIVEN a snapshot whose checksums hold but whose lists break the index rules THEN it is refused: out of order, a weight above its bound, an id twice', () => {
    const index = new SearchIndex();
    for (const article of mixedCorpus(60)) index.put(toCatalogueEntry(article));
    const good = index.toSnapshot();
    const snapshotFile = path.join(folder, 'crafted');
    const tampered: [string, IndexSnapshot][] = [
      ['out of order', withPostings(good, (postings) => postings.reverse())],
      [
        'above its bound',
        { ...good, postings: { ...good.postings, maxWeights: good.postings.maxWeights.map(() => 1) } },
      ],
      [
        'an id twice',
        {
          ...good,
          slots: {
            ...good.slots,
            ids: good.slots.ids.map((id, at) => (at === 1 ? (good.slots.ids[0] as string) : id)),
          },
        },
      ],
      [
        'vocabulary out of order',
        { ...good, postings: { ...good.postings, vocabulary: [...good.postings.vocabulary].reverse() } },
      ],
    ];
    for (const [what, snapshot] of tampered) {
      writeSnapshotFile(snapshotFile, snapshot, { watermarkMs: Date.now(), unindexed: 0 });
      expect(() => readSnapshotFile(snapshotFile), what).toThrow(SnapshotRejected);
    }
    writeSnapshotFile(snapshotFile, good, { watermarkMs: Date.now(), unindexed: 0 });
    expect(readSnapshotFile(snapshotFile).snapshot.slots.ids).toEqual(good.slots.ids);
  });
});

function withPostings(snapshot: IndexSnapshot, change: (postings: Int32Array) => void): IndexSnapshot {
  const postings = snapshot.postings.postings.slice();
  change(postings);
  return { ...snapshot, postings: { ...snapshot.postings, postings } };
}
