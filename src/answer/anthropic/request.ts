import type { MessageCreateParamsBase, TextBlockParam } from '@anthropic-ai/sdk/resources/messages';
import type { Article } from '../../articles/article.ts';
import type { SummaryLength } from '../types.ts';
import { EmptyArticleError } from './errors.ts';

/**
 * Output caps per request. Adaptive thinking (on by default for claude-haiku-5-5) counts toward max_tokens, so the
 * caps leave room for it above the word limits the prompts set; only the tokens produced are billed.
 */
export const MAX_TOKENS = { brief: 1_024, standard: 2_048, detailed: 4_096, ask: 2_048 } as const;

/** A question longer than this is cut: the prompt and article stay the bulk of the request. */
export const QUESTION_MAX_CHARS = 1_000;

/** One content block of the document as sent: block i of the request is paragraph `paragraph` of the article. */
export interface SentBlock {
  readonly paragraph: number;
  readonly text: string;
}

export interface ArticleRequest {
  readonly body: MessageCreateParamsBase;
  /** The document's content blocks in order: citations come back as indices into this list. */
  readonly blocks: readonly SentBlock[];
}

/** Paragraphs that are blank would be rejected by the API; they are left out and the index mapping remembers it. */
export function documentBlocks(article: Article): SentBlock[] {
  return article.paragraphs
    .map((text, paragraph) => ({ paragraph, text }))
    .filter((block) => block.text.trim() !== '');
}

const displayNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** "de" → "German (de)"; a name or an unknown tag is passed through as given. */
export function describeLanguage(language: string): string {
  const tag = language.trim();
  try {
    const name = displayNames.of(tag);
    return name && name.toLowerCase() !== tag.toLowerCase() ? `${name} (${tag})` : tag;
  } catch {
    return tag;
  }
}

/** The question as data: bounded, on one tag pair it cannot close early. */
export function questionText(question: string): string {
  const cleaned = question.replace(/<\/?question>/gi, ' ').trim();
  return cleaned.length > QUESTION_MAX_CHARS ? `${cleaned.slice(0, QUESTION_MAX_CHARS)}…` : cleaned;
}

/**
 * system + document form the cached prefix (the breakpoint is on the document), so nothing that varies per question,
 * length or language comes before the breakpoint; the per-request instruction follows it. No temperature: the
 * current models reject sampling parameters.
 */
function articleRequest(
  model: string,
  system: string,
  article: Article,
  instruction: string,
  maxTokens: number,
): ArticleRequest {
  const blocks = documentBlocks(article);
  if (blocks.length === 0) throw new EmptyArticleError(article.id);
  const content: TextBlockParam[] = blocks.map((block) => ({ type: 'text', text: block.text }));
  return {
    blocks,
    body: {
      model,
      max_tokens: maxTokens,
      system: [{ type: 'text', text: system }],
      messages: [
        {
          role: 'user',
          content: [
            {
              type: 'document',
              source: { type: 'content', content },
              ...(article.title.trim() ? { title: article.title } : {}),
              citations: { enabled: true },
              cache_control: { type: 'ephemeral' },
            },
            { type: 'text', text: instruction },
          ],
        },
      ],
    },
  };
}

export function summaryRequest(
  model: string,
  system: string,
  article: Article,
  options: { length: SummaryLength; language: string },
): ArticleRequest {
  const instruction = [
    `Summary length: ${options.length}`,
    `Reply language: ${describeLanguage(options.language)}`,
  ].join('\n');
  return articleRequest(model, system, article, instruction, MAX_TOKENS[options.length]);
}

export function askRequest(
  model: string,
  system: string,
  article: Article,
  question: string,
  options: { language: string },
): ArticleRequest {
  const instruction = [
    `Reply language: ${describeLanguage(options.language)}`,
    `<question>${questionText(question)}</question>`,
  ].join('\n');
  return articleRequest(model, system, article, instruction, MAX_TOKENS.ask);
}
