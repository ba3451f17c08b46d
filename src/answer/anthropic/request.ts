import type {
  MessageCreateParamsBase,
  MessageParam,
  TextBlockParam,
} from '@anthropic-ai/sdk/resources/messages';
import type { Article } from '../../articles/article.ts';
import type { ConversationTurn } from '../conversations.ts';
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

/** An earlier answer in a follow-up's context is cut here: context for "it"/"they", not a second article. */
export const TURN_ANSWER_MAX_CHARS = 2_000;
/** How a summary turn (question null) reads in the conversation sent to the model. */
export const SUMMARY_TURN_QUESTION = 'Summarise the article.';

/**
 * system + document form the cached prefix (the breakpoint is on the document), so nothing that varies per question,
 * length or language comes before the breakpoint; the per-request instruction follows it, then (follow-ups) the rest
 * of the conversation. No temperature: the current models reject sampling parameters.
 */
function articleRequest(
  model: string,
  system: string,
  article: Article,
  instruction: string,
  maxTokens: number,
  following: readonly MessageParam[] = [],
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
        ...following,
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

function questionInstruction(question: string, language: string): string {
  return [
    `Reply language: ${describeLanguage(language)}`,
    `<question>${questionText(question)}</question>`,
  ].join('\n');
}

const said = (text: string): TextBlockParam[] => [{ type: 'text', text }];

/** Turns the model can read: a blank answer (the API rejects empty text) leaves its turn out. */
function usableTurns(history: readonly ConversationTurn[]): ConversationTurn[] {
  return history.filter((turn) => turn.answer.trim() !== '' && turn.question?.trim() !== '');
}

/**
 * A question, alone (/ask) or after a conversation's earlier turns (a follow-up): the first turn's question sits
 * under the document, then user and assistant alternate, and the request ends with the question asked now. The
 * document and its breakpoint stay first, so every follow-up about the article reads it from the prompt cache.
 */
export function askRequest(
  model: string,
  system: string,
  article: Article,
  question: string,
  options: { language: string; history?: readonly ConversationTurn[] | undefined },
): ArticleRequest {
  const turns = usableTurns(options.history ?? []);
  const asked = (turn: ConversationTurn) =>
    questionInstruction(turn.question ?? SUMMARY_TURN_QUESTION, options.language);
  const [first, ...later] = turns;
  if (!first)
    return articleRequest(
      model,
      system,
      article,
      questionInstruction(question, options.language),
      MAX_TOKENS.ask,
    );
  const following: MessageParam[] = [];
  for (const [index, turn] of turns.entries()) {
    following.push({ role: 'assistant', content: said(turn.answer.trim().slice(0, TURN_ANSWER_MAX_CHARS)) });
    const next = later[index];
    following.push({
      role: 'user',
      content: said(next ? asked(next) : questionInstruction(question, options.language)),
    });
  }
  return articleRequest(model, system, article, asked(first), MAX_TOKENS.ask, following);
}
