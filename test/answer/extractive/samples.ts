import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article } from '../../../src/articles/article.ts';
import { parseArticleText } from '../../../src/articles/parse/parse.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const SAMPLES_DIR = path.join(ROOT, 'data/samples');

/** A sample article from data/samples, through the real parser. */
export function loadSample(fileName: string): Article {
  const parsed = parseArticleText(readFileSync(path.join(SAMPLES_DIR, fileName), 'utf8'), { fileName });
  if (!parsed.ok) throw new Error(`sample ${fileName} does not parse: ${parsed.reason}`);
  return parsed.article;
}

/** An article built in a test, for languages and shapes the samples lack. */
export function articleOf(
  title: string,
  paragraphs: readonly string[],
  language: string | null = null,
): Article {
  return {
    id: 'test-article',
    title,
    paragraphs,
    category: null,
    disclaimer: null,
    url: null,
    source: 'test',
    language,
    publishedAt: '2024-01-01T00:00:00.000Z',
    hash: '0000000000000000',
  };
}
