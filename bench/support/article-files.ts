import fs from 'node:fs/promises';
import type { Article, ArticleStore } from '../../src/articles/article.ts';
import { ingestPaths } from '../../src/ingest/files.ts';

/** Article files in the site's text form (title, paragraphs, category line), as `npm run ingest` reads them. */
export async function writeArticleFiles(
  folder: string,
  articles: readonly Article[],
): Promise<string[] & { folder: string }> {
  await fs.mkdir(folder, { recursive: true });
  const files = Object.assign([] as string[], { folder });
  for (const article of articles) {
    const file = `${folder}/${article.id}.txt`;
    await fs.writeFile(
      file,
      `${article.title}\n\n${article.paragraphs.join('\n\n')}\n\n${article.category}\n`,
    );
    files.push(file);
  }
  return files;
}

/** `npm run ingest -- <paths>` into `store`; throws unless every file was stored. */
export async function importFiles(store: ArticleStore, paths: readonly string[]): Promise<void> {
  const outcome = await ingestPaths(paths, { store, dryRun: false });
  if (outcome.failed.length > 0) throw new Error(`import failed: ${JSON.stringify(outcome.failed[0])}`);
}
