import { createHash } from 'node:crypto';
import path from 'node:path';

const ID_MAX_CHARS = 80;
/** Characters of the name hash kept when a long name is shortened, so two long names never share an id. */
const LONG_NAME_HASH_CHARS = 12;

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The stable id of an article file: its base name without extension, lowercased, accents dropped, anything
 * outside [a-z0-9_-] turned into '-', runs collapsed, starting with [a-z0-9], at most 80 characters. It depends on
 * the name only, so editing the file keeps its id. A name with nothing usable (e.g. all Cyrillic) gets
 * `file-<hash of the name>`; a name longer than 80 keeps its start plus a hash of the whole name.
 */
export function articleIdFromFileName(fileName: string): string {
  const base = path.basename(fileName, path.extname(fileName));
  const slug = base
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[_-]+|[_-]+$/g, '');
  if (slug === '') return `file-${sha256Hex(base).slice(0, LONG_NAME_HASH_CHARS)}`;
  if (slug.length <= ID_MAX_CHARS) return slug;
  const head = slug.slice(0, ID_MAX_CHARS - LONG_NAME_HASH_CHARS - 1).replace(/[_-]+$/, '');
  return `${head}-${sha256Hex(base).slice(0, LONG_NAME_HASH_CHARS)}`;
}

/** 16 hex characters of SHA-256 over the title and paragraphs: any edit of the text gives a new hash. */
export function contentHash(title: string, paragraphs: readonly string[]): string {
  return sha256Hex([title, ...paragraphs].join('\n\n')).slice(0, 16);
}
