import fs from 'node:fs';
import zlib from 'node:zlib';
import type { IndexSnapshot } from './search.ts';
import { checkedSnapshot, SnapshotRejected, type StringColumn } from './snapshot-checks.ts';

export { SnapshotRejected } from './snapshot-checks.ts';

/**
 * The search index as one file: a header, then typed arrays as raw little-endian bytes (postings, offsets, weights,
 * lengths, dates) and the string columns as JSON arrays. Loading reads each section straight into its own array,
 * so opening costs time proportional to the file's size, not a microsecond per posting as rebuilding does; and
 * nothing is trusted: a file that fails any check is rejected whole (the caller then rebuilds from the store).
 */

const MAGIC = Buffer.from('NDSIDX\u0000\u0001', 'latin1');
const FORMAT = 1;
/** The header is JSON; anything longer than this is not a header this code wrote. */
const MAX_HEADER_BYTES = 64 * 1024;
const ALIGN = 8;
/** The magic, then the header's length and CRC-32 (u32 little-endian each). */
const LEAD_BYTES = MAGIC.length + 8;

/** What the store records with a snapshot, to know which changes it misses (src/articles/index-snapshot.ts). */
export interface SnapshotMeta {
  /** Every catalogue change not in the snapshot is in the change log at or after this time (wall clock, ms). */
  readonly watermarkMs: number;
  /** Catalogue rows the index does not hold (malformed entries): rows = articles + unindexed when nothing changed. */
  readonly unindexed: number;
}

const TYPED = ['offsets', 'postings', 'maxWeights', 'lengths', 'published'] as const;
const STRINGS: readonly StringColumn[] = [
  'vocabulary',
  'ids',
  'titles',
  'publishedIso',
  'categories',
  'urls',
  'hashes',
  'languages',
];
type SectionName = (typeof TYPED)[number] | StringColumn;

interface Header {
  readonly format: number;
  readonly meta: SnapshotMeta;
  readonly articles: number;
  readonly terms: number;
  readonly postings: number;
  /** Byte length of each section, in file order (TYPED then STRINGS), each padded to ALIGN. */
  readonly sections: Readonly<Record<SectionName, number>>;
  /** CRC-32 of each section's bytes (padding excluded): a flipped bit anywhere rejects the file. */
  readonly crc32: Readonly<Record<SectionName, number>>;
}

const padded = (bytes: number) => Math.ceil(bytes / ALIGN) * ALIGN;
const bytesOf = (array: ArrayBufferView) => Buffer.from(array.buffer, array.byteOffset, array.byteLength);

function sectionBytes(snapshot: IndexSnapshot): Record<SectionName, Buffer> {
  const { slots, postings } = snapshot;
  const json = (value: unknown) => Buffer.from(JSON.stringify(value));
  return {
    offsets: bytesOf(postings.offsets),
    postings: bytesOf(postings.postings),
    maxWeights: bytesOf(postings.maxWeights),
    lengths: bytesOf(slots.lengths),
    published: bytesOf(slots.published),
    vocabulary: json(postings.vocabulary),
    ids: json(slots.ids),
    titles: json(slots.titles),
    publishedIso: json(slots.publishedIso),
    categories: json(slots.categories),
    urls: json(slots.urls),
    hashes: json(slots.hashes),
    languages: json(snapshot.languages),
  };
}

const SECTIONS = [...TYPED, ...STRINGS];

/**
 * Writes the snapshot to `file` atomically: a temporary file beside it, renamed over it, so a reader (another
 * process opening the store) sees the old file or the new one, never half of one. Returns the bytes written.
 */
export function writeSnapshotFile(file: string, snapshot: IndexSnapshot, meta: SnapshotMeta): number {
  const sections = sectionBytes(snapshot);
  const each = <T>(value: (bytes: Buffer) => T) =>
    Object.fromEntries(SECTIONS.map((name) => [name, value(sections[name])])) as Record<SectionName, T>;
  const header: Header = {
    format: FORMAT,
    meta,
    articles: snapshot.slots.ids.length,
    terms: snapshot.postings.vocabulary.length,
    postings: snapshot.postings.postings.length,
    sections: each((bytes) => bytes.length),
    crc32: each((bytes) => zlib.crc32(bytes)),
  };
  const headerBytes = Buffer.from(JSON.stringify(header));
  const lead = Buffer.alloc(padded(LEAD_BYTES + headerBytes.length));
  MAGIC.copy(lead);
  lead.writeUInt32LE(headerBytes.length, MAGIC.length);
  lead.writeUInt32LE(zlib.crc32(headerBytes), MAGIC.length + 4);
  headerBytes.copy(lead, LEAD_BYTES);
  const parts = [lead, ...SECTIONS.flatMap((name) => [sections[name], padding(sections[name].length)])];
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    const out = fs.openSync(temporary, 'w');
    try {
      for (const part of parts) fs.writeSync(out, part);
    } finally {
      fs.closeSync(out);
    }
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
  return parts.reduce((total, part) => total + part.length, 0);
}

const padding = (length: number) => Buffer.alloc(padded(length) - length);

/** The meta of a snapshot file from its header alone (checked as readSnapshotFile checks it). */
export function readSnapshotMeta(file: string): SnapshotMeta {
  const descriptor = fs.openSync(file, 'r');
  try {
    return new SectionReader(descriptor, fs.fstatSync(descriptor).size).header().meta;
  } finally {
    fs.closeSync(descriptor);
  }
}

/** Reads and checks a snapshot file; throws SnapshotRejected (or a file error) when it cannot be used. */
export function readSnapshotFile(file: string): { snapshot: IndexSnapshot; meta: SnapshotMeta } {
  const descriptor = fs.openSync(file, 'r');
  try {
    const reader = new SectionReader(descriptor, fs.fstatSync(descriptor).size);
    const header = reader.header();
    const { articles, terms, postings } = header;
    const typed = {
      offsets: new Int32Array(reader.typed(header, 'offsets', (terms + 1) * 4)),
      postings: new Int32Array(reader.typed(header, 'postings', postings * 4)),
      maxWeights: new Uint8Array(reader.typed(header, 'maxWeights', terms)),
      lengths: new Float64Array(reader.typed(header, 'lengths', articles * 8)),
      published: new Float64Array(reader.typed(header, 'published', articles * 8)),
    };
    const strings = Object.fromEntries(STRINGS.map((name) => [name, reader.json(header, name)])) as Record<
      StringColumn,
      unknown
    >;
    return { snapshot: checkedSnapshot(header, typed, strings), meta: header.meta };
  } finally {
    fs.closeSync(descriptor);
  }
}

/** Reads the file front to back, each section into memory of its own, checking sizes and checksums on the way. */
class SectionReader {
  private at = 0;

  constructor(
    private readonly descriptor: number,
    private readonly size: number,
  ) {}

  header(): Header {
    if (this.size < LEAD_BYTES) throw new SnapshotRejected('not a newsdesk index snapshot');
    const lead = this.read(LEAD_BYTES);
    if (!lead.subarray(0, MAGIC.length).equals(MAGIC))
      throw new SnapshotRejected('not a newsdesk index snapshot');
    const length = lead.readUInt32LE(MAGIC.length);
    if (length > MAX_HEADER_BYTES || LEAD_BYTES + length > this.size)
      throw new SnapshotRejected('its header is too long');
    const headerBytes = this.read(length);
    if (zlib.crc32(headerBytes) !== lead.readUInt32LE(MAGIC.length + 4))
      throw new SnapshotRejected('its header is damaged');
    const header = parseHeader(headerBytes.toString());
    this.skipPadding();
    let total = this.at;
    for (const name of SECTIONS) total += padded(header.sections[name]);
    // Checked before anything is allocated: a header cannot make the reader allocate more than the file holds.
    if (total !== this.size) throw new SnapshotRejected('its sections do not add up to the file size');
    return header;
  }

  /** A section of exactly `expected` bytes read into a fresh (so aligned) buffer. */
  typed(header: Header, name: SectionName, expected: number): ArrayBuffer {
    if (header.sections[name] !== expected)
      throw new SnapshotRejected(`its ${name} section has the wrong size`);
    const buffer = new ArrayBuffer(expected);
    this.section(header, name, new Uint8Array(buffer));
    return buffer;
  }

  json(header: Header, name: SectionName): unknown {
    const bytes = Buffer.allocUnsafe(header.sections[name]);
    this.section(header, name, bytes);
    try {
      return JSON.parse(bytes.toString());
    } catch {
      throw new SnapshotRejected(`its ${name} section is not valid JSON`);
    }
  }

  private section(header: Header, name: SectionName, target: Uint8Array): void {
    this.readInto(target);
    this.skipPadding();
    if (zlib.crc32(target) !== header.crc32[name])
      throw new SnapshotRejected(`its ${name} section is damaged`);
  }

  /** Padding is zeros: any other byte there means the file is not what was written. */
  private skipPadding(): void {
    const bytes = this.read(padded(this.at) - this.at);
    if (bytes.some((byte) => byte !== 0)) throw new SnapshotRejected('its padding is damaged');
  }

  private read(length: number): Buffer {
    const bytes = Buffer.allocUnsafe(length);
    this.readInto(bytes);
    return bytes;
  }

  private readInto(target: Uint8Array): void {
    let done = 0;
    while (done < target.length) {
      const read = fs.readSync(this.descriptor, target, done, target.length - done, this.at + done);
      if (read === 0) throw new SnapshotRejected('the file ends early');
      done += read;
    }
    this.at += target.length;
  }
}

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

function parseHeader(text: string): Header {
  let header: Header;
  try {
    header = JSON.parse(text) as Header;
  } catch {
    throw new SnapshotRejected('its header is not valid JSON');
  }
  const valid =
    header?.format === FORMAT &&
    isCount(header.articles) &&
    isCount(header.terms) &&
    isCount(header.postings) &&
    Number.isFinite(header.meta?.watermarkMs) &&
    isCount(header.meta?.unindexed) &&
    SECTIONS.every((name) => isCount(header.sections?.[name]) && isCount(header.crc32?.[name]));
  if (!valid) throw new SnapshotRejected(`its header is not one this version writes (format ${FORMAT})`);
  return header;
}
