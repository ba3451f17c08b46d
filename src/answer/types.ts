import type { Article } from '../articles/article.ts';
import type { ConversationTurn } from './conversations.ts';

export type SummaryLength = 'brief' | 'standard' | 'detailed';
export const SUMMARY_LENGTHS: readonly SummaryLength[] = ['brief', 'standard', 'detailed'];

export type ProviderName = 'anthropic' | 'extractive';

/** A verbatim span of the article: `quote` is an exact substring of `article.paragraphs[paragraph]`. */
export interface Citation {
  readonly quote: string;
  /** 0-based index into article.paragraphs. */
  readonly paragraph: number;
}

export interface TokenUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cacheReadTokens: number;
  readonly cacheWriteTokens: number;
}

export const NO_USAGE: TokenUsage = {
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
};

/** Why the extractive answer served instead of the model (absent when the model answered). */
export type FallbackReason =
  | 'no-api-key'
  | 'rate-limited'
  | 'overloaded'
  | 'timeout'
  | 'server-error'
  | 'rejected'
  | 'over-budget';

export interface AnswerResult {
  /** The whole text (summary or answer), in the requested language. */
  readonly text: string;
  /** false when the article does not say (the text then says so and names what it covers). */
  readonly answered: boolean;
  readonly citations: readonly Citation[];
  readonly provider: ProviderName;
  readonly model: string;
  readonly usage: TokenUsage;
  readonly fallbackReason?: FallbackReason;
}

export type AnswerEvent =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'citation'; readonly citation: Citation }
  | { readonly type: 'done'; readonly result: AnswerResult };

export interface SummarizeOptions {
  readonly length: SummaryLength;
  /** BCP-47 tag or English name of the reply language, e.g. "de" or "German"; quotes stay as written. */
  readonly language: string;
  readonly signal?: AbortSignal;
}

export interface AnswerOptions {
  readonly language: string;
  readonly signal?: AbortSignal;
  /**
   * A follow-up: the conversation's earlier turns about this article, oldest first (plain data: it crosses to the
   * offline worker). Context for what the question refers to, never a source of the answer.
   */
  readonly history?: readonly ConversationTurn[];
}

/**
 * One interface, two providers (Anthropic, extractive). Each call is a stream of events ending in exactly one
 * `done`; a provider that cannot serve throws (the service layer decides the fallback).
 */
export interface Answerer {
  readonly name: ProviderName;
  summarize(article: Article, options: SummarizeOptions): AsyncIterable<AnswerEvent>;
  answer(article: Article, question: string, options: AnswerOptions): AsyncIterable<AnswerEvent>;
}
