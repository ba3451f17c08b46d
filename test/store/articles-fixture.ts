import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Article } from '../../src/articles/article.ts';
import { parseArticleText } from '../../src/articles/parse/parse.ts';

const SAMPLES_DIR = path.join(import.meta.dirname, '..', '..', 'data', 'samples');

export function hashOf(title: string, paragraphs: readonly string[]): string {
  return createHash('sha256')
    .update(title)
    .update('\n')
    .update(paragraphs.join('\n'))
    .digest('hex')
    .slice(0, 16);
}

/** A complete Article from a few fields; the hash follows the text, as the parser's does. */
export function makeArticle(fields: Partial<Article> & { id: string }): Article {
  const title = fields.title ?? `Title of ${fields.id}`;
  const paragraphs = fields.paragraphs ?? [`Body of ${fields.id}.`];
  return {
    category: null,
    disclaimer: null,
    url: null,
    source: 'file',
    language: 'en',
    publishedAt: '2024-01-01T00:00:00.000Z',
    ...fields,
    title,
    paragraphs,
    hash: fields.hash ?? hashOf(title, paragraphs),
  };
}

/** The bundled samples, parsed by the real parser; sample n is published on 2024-01-(n+1). */
export function sampleArticles(): Article[] {
  return readdirSync(SAMPLES_DIR)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name, index) => {
      const text = readFileSync(path.join(SAMPLES_DIR, name), 'utf8');
      const parsed = parseArticleText(text, {
        fileName: name,
        publishedAt: new Date(Date.UTC(2024, 0, index + 1, 9)),
      });
      if (!parsed.ok) throw new Error(`sample ${name} does not parse: ${parsed.reason}`);
      return parsed.article;
    });
}
