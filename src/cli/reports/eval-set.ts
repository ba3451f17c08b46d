import type { Report } from '../../answer/reports.ts';
import type { StoredArticle } from '../../articles/article.ts';
import { QUESTION_MAX_CHARS } from '../eval/fixture.ts';

/**
 * Reports as an evaluation set `npm run eval -- --file` replays (src/cli/eval/fixture.ts). The format expects
 * either an answer containing a gold sentence or a refusal; a report only says "not this answer", and nobody has
 * written the right sentence yet. So a reported answer becomes an unanswerable pair (kind near-miss): the
 * replay counts it right when the answerer no longer answers. A reviewer who finds the sentence that does answer
 * it adds it as `gold` and sets `answerable: true`. Each pair keeps the report (`report`: the answer given, its
 * quotes, the note, model, article version), which the replay ignores. Reports that cannot be a pair — a summary
 * (there is no question to replay), a follow-up in a thread (replayed alone it is another, vaguer question that is
 * always refused, so the case could never fail; the report does not copy the thread's conversation — other
 * members' messages — into a file handed to reviewers), a refusal (the right answer needs a gold sentence first), an answer no longer
 * on record, an article no longer stored — are listed under `notReplayable` with the reason.
 */

/** The eval loader's own bounds: a bigger file is refused. */
export { MAX_PAIRS as EVAL_MAX_PAIRS, MAX_SET_BYTES as EVAL_MAX_BYTES } from '../eval/fixture.ts';

const ANSWER_KEPT_CHARS = 2_000;

export interface ReportCase {
  readonly article: string;
  readonly question: string;
  readonly answerable: false;
  readonly kind: 'near-miss';
  readonly language: string;
  readonly report: Readonly<Record<string, unknown>>;
}

export interface NotReplayable {
  readonly report: string;
  readonly guildId: string | null;
  readonly createdAt: string;
  readonly reason: string;
  readonly note: string;
}

export type Conversion =
  | { readonly case: ReportCase; readonly article: StoredArticle }
  | { readonly skipped: NotReplayable };

/** The article's file name in the set's folder: its id is `[a-z0-9][a-z0-9_-]{0,79}`, safe as a name. */
export const articleFileName = (article: { readonly id: string }) => `${article.id}.txt`;

/** The site's text form, as `npm run ingest` and the eval loader read it: title, paragraphs, category, disclaimer. */
export function articleFileText(article: StoredArticle): string {
  const footer = [article.category, article.disclaimer].filter((line): line is string => !!line);
  return `${[article.title, ...article.paragraphs, ...footer].join('\n\n')}\n`;
}

function skipped(report: Report, reason: string): Conversion {
  const { id, guildId, createdAt, note } = report;
  return { skipped: { report: id, guildId, createdAt, reason, note } };
}

/** One report as a case, or why it cannot be one; `stored` is the article as the store has it now. */
export function toCase(report: Report, stored: StoredArticle | undefined): Conversion {
  const { record } = report;
  if (!record) return skipped(report, 'the answer was no longer on record when it was reported');
  if (record.question === null) return skipped(report, 'a summary: the evaluation replays questions');
  if (record.kind === 'follow-up')
    return skipped(
      report,
      'a follow-up in a thread: alone it is another question, and the report does not keep the conversation it answered',
    );
  if (!record.answered)
    return skipped(report, 'a refusal: add the sentence that answers it as gold, with answerable: true');
  if (!stored) return skipped(report, `the article ${record.article.id} is no longer stored`);
  const reportInfo = {
    id: report.id,
    guildId: report.guildId,
    reportedAt: report.createdAt,
    note: report.note,
    kind: record.kind,
    answer: record.answer.slice(0, ANSWER_KEPT_CHARS),
    quotes: record.quotes,
    provider: record.provider,
    model: record.model,
    article: { ...record.article, changedSince: stored.hash !== record.article.hash ? stored.version : null },
  };
  const reportCase: ReportCase = {
    article: articleFileName(stored),
    question: record.question.slice(0, QUESTION_MAX_CHARS),
    answerable: false,
    kind: 'near-miss',
    language: record.language,
    report: reportInfo,
  };
  return { case: reportCase, article: stored };
}
