import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** A text file sorted by each line's first field (WordNet's index files), read by byte offsets: nothing loaded. */
const CHUNK_BYTES = 1_024;

export interface SortedTextFile {
  /** The line whose first field is `key`, by binary search (the file is sorted by that field). */
  findLine(key: string): string | undefined;
  lineAt(offset: number): string | undefined;
  close(): void;
}

export function openTextFile(filePath: string): SortedTextFile {
  const descriptor = openSync(filePath, 'r');
  const size = fstatSync(descriptor).size;
  const lineAt = (offset: number) => readLine(descriptor, offset, size);
  return {
    findLine(key) {
      let low = 0;
      let high = size;
      while (low < high) {
        const middle = Math.floor((low + high) / 2);
        const start = middle === 0 ? 0 : nextLineStart(descriptor, middle - 1, size);
        const line = start < size ? lineAt(start) : undefined;
        if (line === undefined) {
          high = middle;
          continue;
        }
        const lineKey = line.slice(0, line.indexOf(' '));
        if (lineKey === key) return line;
        if (lineKey < key) low = start + Buffer.byteLength(line) + 1;
        else high = middle;
      }
      return undefined;
    },
    lineAt,
    close: () => closeSync(descriptor),
  };
}

/** Offset of the first line that starts after `position` (the byte after the next newline). */
function nextLineStart(descriptor: number, position: number, size: number): number {
  const buffer = Buffer.alloc(CHUNK_BYTES);
  for (let at = position; at < size; at += CHUNK_BYTES) {
    const read = readSync(descriptor, buffer, 0, CHUNK_BYTES, at);
    const newline = buffer.subarray(0, read).indexOf(10);
    if (newline >= 0) return at + newline + 1;
    if (read === 0) break;
  }
  return size;
}

function readLine(descriptor: number, offset: number, size: number): string | undefined {
  if (offset < 0 || offset >= size) return undefined;
  const chunks: Buffer[] = [];
  for (let at = offset; at < size; at += CHUNK_BYTES) {
    const buffer = Buffer.alloc(CHUNK_BYTES);
    const read = readSync(descriptor, buffer, 0, CHUNK_BYTES, at);
    const newline = buffer.subarray(0, read).indexOf(10);
    chunks.push(buffer.subarray(0, newline >= 0 ? newline : read));
    if (newline >= 0 || read === 0) break;
  }
  return Buffer.concat(chunks).toString('latin1');
}
