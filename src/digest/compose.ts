import { collectReply } from '../answer/collect.ts';
import type { Newsroom } from '../answer/newsroom-types.ts';
import type { ArticleStore, StoredArticle } from '../articles/article.ts';
import { errorMessage } from '../core/errors.ts';
import type { Logger } from '../core/log.ts';
import { collapseSpace } from '../text/collapse-space.ts';
import type { ComposedDigest, DigestConfig, DigestItem, DigestState } from './types.ts';

export type { ComposedDigest } from './types.ts';

/** A digest never reaches further back than this, however long ago the last one was. */
export const DIGEST_MAX_WINDOW_MS = 24 * 3_600_000;
/**
 * An article can reach the store after the digest that its publication time belongs to (a feed polled a little
 * later). The window therefore reaches this far behind the last digest, and leaves out what that digest posted.
 */
export const LATE_ARRIVAL_MS = 2 * 3_600_000;
/** A digest item is one or two sentences; a longer brief summary is cut at a sentence, then at this length. */
const ITEM_SENTENCES = 2;
const ITEM_MAX_CHARS = 350;

export interface ComposeDeps {
  readonly store: Pick<ArticleStore, 'between'>;
  readonly newsroom: Pick<Newsroom, 'summary'>;
  readonly sourceDisclaimer: string;
  readonly logger: Logger;
}

/** Articles published since the last digest (at most 24 h back), up to `now`. */
export function digestWindow(state: Pick<DigestState, 'lastPost'>, now: Date): { from: Date; to: Date } {
  const floor = now.getTime() - DIGEST_MAX_WINDOW_MS;
  const last = state.lastPost ? Date.parse(state.lastPost.windowEnd) - LATE_ARRIVAL_MS : Number.NaN;
  return { from: new Date(Number.isNaN(last) ? floor : Math.max(floor, last)), to: now };
}

async function newArticles(
  store: ComposeDeps['store'],
  state: Pick<DigestState, 'lastPost'>,
  now: Date,
  count: number,
): Promise<StoredArticle[]> {
  const { from, to } = digestWindow(state, now);
  const posted = new Set(state.lastPost?.articleIds ?? []);
  const found = await store.between(from, to, count + posted.size);
  return found.filter((article) => !posted.has(article.id)).slice(0, count);
}

/** The first one or two sentences of `text`, within ITEM_MAX_CHARS. */
export function leadSentences(text: string, language: string): string {
  const flat = collapseSpace(text);
  const segmenter = new Intl.Segmenter(language, { granularity: 'sentence' });
  let lead = '';
  let count = 0;
  for (const { segment } of segmenter.segment(flat)) {
    if (count === ITEM_SENTENCES || (count > 0 && lead.length + segment.length > ITEM_MAX_CHARS)) break;
    lead += segment;
    count += 1;
  }
  lead = lead.trim();
  return lead.length <= ITEM_MAX_CHARS ? lead : `${lead.slice(0, ITEM_MAX_CHARS - 1).trimEnd()}…`;
}

/** The summary the rest of the bot would give (cached brief summary, or the labelled offline one). */
async function summarize(
  deps: ComposeDeps,
  article: StoredArticle,
  config: DigestConfig,
): Promise<DigestItem> {
  const base = {
    articleId: article.id,
    title: article.title,
    url: article.url,
    publishedAt: article.publishedAt,
  };
  try {
    const reply = await collectReply(
      deps.newsroom.summary({
        article: article.id,
        length: 'brief',
        language: config.language,
        context: { guildId: config.guildId, userId: null },
      }),
    );
    // A summary withheld for carrying no citation is a notice, not a summary: the article's own lead serves.
    if (!reply.result.answered) return articleLead(deps, article, config, base);
    const summary = leadSentences(reply.result.text, config.language);
    return {
      ...base,
      summary,
      offline: reply.result.provider === 'extractive',
      disclaimer: reply.disclaimer,
    };
  } catch (error) {
    // The newsroom already falls back on model failures; this is the last resort so one item never sinks a digest.
    deps.logger.warn({ err: errorMessage(error), article: article.id }, 'digest item summary failed');
    return articleLead(deps, article, config, base);
  }
}

function articleLead(
  deps: ComposeDeps,
  article: StoredArticle,
  config: DigestConfig,
  base: Pick<DigestItem, 'articleId' | 'title' | 'url' | 'publishedAt'>,
): DigestItem {
  const summary = leadSentences(article.paragraphs.join(' '), config.language);
  return { ...base, summary, offline: true, disclaimer: article.disclaimer ?? deps.sourceDisclaimer };
}

/**
 * The digest as it would be posted now. `/digest preview` and the poster both call this, so the preview is
 * exactly the post.
 */
export async function composeDigest(
  deps: ComposeDeps,
  config: DigestConfig,
  state: Pick<DigestState, 'lastPost'>,
  now: Date,
): Promise<ComposedDigest> {
  const articles = await newArticles(deps.store, state, now, config.items);
  const items = await Promise.all(articles.map((article) => summarize(deps, article, config)));
  return {
    items,
    announceEmpty: items.length === 0 && config.announceEmpty,
    articleIds: articles.map((a) => a.id),
    windowEnd: now,
  };
}
