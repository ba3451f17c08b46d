import path from 'node:path';
import type { Article } from '../../src/articles/article.ts';
import { parseArticleFile } from '../../src/articles/parse/parse.ts';

export const SAMPLES_DIR = path.resolve(import.meta.dirname, '../../data/samples');

/** A bundled sample article, parsed by the real parser. */
export async function sampleArticle(fileName: string): Promise<Article> {
  const parsed = await parseArticleFile(path.join(SAMPLES_DIR, fileName));
  if (!parsed.ok) throw new Error(`sample ${fileName} did not parse: ${parsed.reason}`);
  return parsed.article;
}
