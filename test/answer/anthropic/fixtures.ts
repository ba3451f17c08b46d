import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadPrompts, type Prompts } from '../../../src/answer/prompts.ts';
import type { Article } from '../../../src/articles/article.ts';

export const SAMPLES_DIR = path.resolve(import.meta.dirname, '../../../data/samples');

const FOOTER_LINE = /^(Back to top button|Not all news on the site\b.*|[\p{Lu}][\p{L}]* news)$/u;

/**
 * A sample article split the simple way (title line, then one paragraph per line without the site footer), so the
 * provider tests do not depend on the real parser; paragraphs are exactly the lines of the file.
 */
export async function sampleArticle(fileName: string): Promise<Article> {
  const raw = await readFile(path.join(SAMPLES_DIR, fileName), 'utf8');
  const lines = raw
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  const [title = '', ...rest] = lines;
  return article(
    fileName.replace(/\.txt$/, '').toLowerCase(),
    title,
    rest.filter((line) => !FOOTER_LINE.test(line)),
  );
}

export function article(id: string, title: string, paragraphs: readonly string[]): Article {
  return {
    id,
    title,
    paragraphs,
    category: null,
    disclaimer: null,
    url: null,
    source: 'file',
    language: 'en',
    publishedAt: '2026-11-01T08:00:00.000Z',
    hash: '0123456789abcdef',
  };
}

/** The real prompts from prompts/, loaded once per test file. */
export function realPrompts(): Promise<Prompts> {
  return loadPrompts();
}
