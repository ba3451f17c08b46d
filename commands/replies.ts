import type { ReplyEvent } from '../src/answer/newsroom-types.ts';
import type { ReportPage } from '../src/answer/reports.ts';
import type { UsageDay } from '../src/answer/usage.ts';
import type { ArticleSummaryEntry } from '../src/articles/article.ts';
import type { ComposedDigest } from '../src/digest/compose.ts';
import type { DigestConfig } from '../src/digest/types.ts';

/** The reply models a command's `run` returns; each transport renders them its own way. */
/** A newsroom answer, as it is written: transports show it live and close it with the completed reply. */
export interface AnswerReply {
  readonly kind: 'answer';
  readonly events: AsyncIterable<ReplyEvent>;
  /** Labels and notes are rendered in this language. */
  readonly language: string;
  /** What was asked: kept with the answer (src/answer/records.ts) for the buttons that act on it later. */
  readonly asked: { readonly kind: 'ask' | 'summary'; readonly question: string | null };
}

/** A short text in the bot's own words (digest settings, status, outcomes). */
export interface NoticeReply {
  readonly kind: 'notice';
  readonly text: string;
}

/** /usage: today's and the last days' accounting of one server, oldest day first. */
export interface UsageReply {
  readonly kind: 'usage';
  readonly days: readonly UsageDay[];
  readonly dailyTokenBudget: number;
  /** The server's accounting time zone. */
  readonly zone: string;
  readonly locale: string;
}

/** /digest preview: exactly what would be posted now (never empty: an empty one is a notice). */
export interface DigestReply {
  readonly kind: 'digest';
  readonly composed: ComposedDigest;
  readonly config: DigestConfig;
}

/** /news: stored articles, newest first or best match first; empty when the words matched nothing. */
export interface ArticleListReply {
  readonly kind: 'articles';
  /** The words searched for; null lists the latest. */
  readonly query: string | null;
  readonly articles: readonly ArticleSummaryEntry[];
  /** The reader's language: headings, dates and button labels. */
  readonly locale: string;
}

/** /help: each command the transport offers, explained from its own data (commands/help.ts helpTopics). */
export interface HelpReply {
  readonly kind: 'help';
  readonly locale: string;
}

/** /reports: one page of the server's reported answers, newest first. */
export interface ReportListReply {
  readonly kind: 'reports';
  readonly page: ReportPage;
  readonly locale: string;
}

export type CommandReply =
  | AnswerReply
  | NoticeReply
  | UsageReply
  | DigestReply
  | ArticleListReply
  | HelpReply
  | ReportListReply;
