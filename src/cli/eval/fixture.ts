import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Article } from '../../articles/article.ts';
import { parseArticleFile } from '../../articles/parse/parse.ts';
import { UserFacingError } from '../../core/errors.ts';

/*
 * The evaluation set's file format (agreed in notes/FORMATS.md): a description, the folder(s) of its article
 * files RELATIVE TO THE JSON FILE, and the pairs. A set may name several folders (the tuning set keeps its first
 * articles where the bot's bundled samples live); an article name found in two of them is refused as ambiguous.
 */
export const EVAL_KINDS = ['direct', 'number', 'quote', 'paraphrase', 'near-miss', 'off-topic'] as const;

/** One file is a few hundred pairs; past this it is not an evaluation set (the reports export writes within it). */
export const MAX_SET_BYTES = 4 * 1024 * 1024;
export const MAX_PAIRS = 10_000;
export const QUESTION_MAX_CHARS = 2_000;

const PAIR = z
  .object({
    article: z.string().min(1),
    question: z.string().min(1).max(QUESTION_MAX_CHARS),
    answerable: z.boolean(),
    gold: z.string().min(1).optional(),
    kind: z.enum(EVAL_KINDS).optional(),
    language: z.string().min(2).max(35).optional(),
  })
  .refine((pair) => !pair.answerable || pair.gold !== undefined, {
    message: 'an answerable pair needs its gold sentence',
  });

const SET = z.object({
  description: z.string().optional(),
  articlesDir: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  pairs: z.array(PAIR).max(MAX_PAIRS),
});

export type EvalPair = z.infer<typeof PAIR>;

export interface EvalSet {
  /** The file it was read from. */
  readonly file: string;
  readonly description: string;
  readonly pairs: readonly EvalPair[];
  /** The parsed article of every file name the pairs use. */
  readonly articles: ReadonlyMap<string, Article>;
}

/** Reads a set and every article it uses; a problem names the file and what to fix. */
export async function loadEvalSet(file: string): Promise<EvalSet> {
  const parsed = SET.safeParse(await readJson(file));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    throw new UserFacingError(`${file}: ${where ? `${where}: ` : ''}${issue?.message}`, 'bad-eval-set');
  }
  const { articlesDir, pairs, description } = parsed.data;
  const folders = (Array.isArray(articlesDir) ? articlesDir : [articlesDir]).map((folder) =>
    path.resolve(path.dirname(file), folder),
  );
  const articles = new Map<string, Article>();
  for (const name of new Set(pairs.map((pair) => pair.article))) {
    articles.set(name, await loadArticle(file, folders, name));
  }
  return { file, description: description ?? '', pairs, articles };
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UserFacingError(`Cannot read the evaluation set ${file}: ${reason}`, 'bad-eval-set');
  }
  if (text.length > MAX_SET_BYTES) {
    throw new UserFacingError(
      `${file} is over ${MAX_SET_BYTES} bytes: not an evaluation set.`,
      'bad-eval-set',
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UserFacingError(`${file} is not valid JSON: ${(error as Error).message}`, 'bad-eval-set');
  }
}

async function loadArticle(file: string, folders: readonly string[], name: string): Promise<Article> {
  // A name with a folder part could reach outside the set's folders: only plain file names are looked up.
  if (path.basename(name) !== name) {
    throw new UserFacingError(`${file}: article "${name}" must be a file name, not a path.`, 'bad-eval-set');
  }
  const found = folders.map((folder) => path.join(folder, name)).filter((candidate) => existsSync(candidate));
  if (found.length !== 1) {
    const problem = found.length === 0 ? 'is in none of' : 'is in more than one of';
    throw new UserFacingError(
      `${file}: article "${name}" ${problem} its folders (${folders.join(', ')}).`,
      'bad-eval-set',
    );
  }
  const parsed = await parseArticleFile(found[0] ?? '', { fileName: name, publishedAt: new Date(0) });
  if (!parsed.ok) throw new UserFacingError(`${found[0]}: ${parsed.reason}`, 'bad-eval-set');
  return parsed.article;
}
