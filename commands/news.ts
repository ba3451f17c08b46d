import { UserFacingError } from '../src/core/errors.ts';
import { translate } from '../src/core/i18n/index.ts';
import { textValue } from './input.ts';
import {
  type AnswerServices,
  type ArticleListReply,
  type CommandData,
  type CommandRequest,
  defineCommand,
  type NoticeReply,
} from './types.ts';

/**
 * How many articles /news lists: one message holds at most 5 rows of buttons, and each listed article gets its own
 * row (Summary, Ask), next to its own embed — the digest's layout, so a member reads both the same way.
 */
export const NEWS_LIST_MAX = 5;
/** The longest search /news takes: a few words (the search itself reads no more than 500 characters). */
export const NEWS_QUERY_MAX_CHARS = 100;
/** Control, zero-width and bidi characters: invisible, never meant as search words (and never echoed back). */
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu;

const data: CommandData = {
  name: 'news',
  description: { key: 'command.news.description' },
  // Servers only, like the answers its buttons give: they count against the server's daily AI budget.
  access: { guildOnly: true, guildInstallOnly: true, manageServer: null },
  // A read of the in-memory index: answered at once, privately (browsing is for the one who asked).
  acknowledgement: 'private-reply',
  options: [
    {
      type: 'string',
      name: 'query',
      description: { key: 'command.news.query' },
      maxLength: NEWS_QUERY_MAX_CHARS,
    },
  ],
  subcommands: [],
};

/** "2 Dec 2026" in the reader's language (UTC: the list shows days, not times); the raw day if unreadable. */
export function articleDate(iso: string, locale: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso.slice(0, 10);
  const options = { dateStyle: 'medium', timeZone: 'UTC' } as const;
  try {
    return new Intl.DateTimeFormat(locale, options).format(ms);
  } catch {
    // A locale tag Intl cannot read (Discord sends known ones; anything else still gets a date).
    return new Intl.DateTimeFormat('en', options).format(ms);
  }
}

export interface NewsInput {
  /** The words to look for, cleaned; null lists the latest. */
  readonly query: string | null;
  readonly locale: string;
}

/** The query as words: invisible characters out, whitespace collapsed; refused when longer than the option allows. */
export function parseNewsQuery(typed: string | undefined, request: Pick<CommandRequest, 'locale'>) {
  const query = (typed ?? '').replace(INVISIBLE, ' ').replace(/\s+/g, ' ').trim();
  if (query.length > NEWS_QUERY_MAX_CHARS) {
    const params = { length: query.length, max: NEWS_QUERY_MAX_CHARS };
    throw new UserFacingError(
      translate(request.locale, 'news.query-too-long', params),
      'news-query-too-long',
    );
  }
  return query === '' ? null : query;
}

/**
 * `/news [query]`: the latest stored articles, or the best matches for the words. Served from the store's
 * in-memory index (titles, dates, categories, URLs), so no article text is loaded. Words that match nothing get an
 * empty list, never the latest articles passed off as matches (the index lists the newest for a query of
 * stopwords).
 */
export const news = defineCommand<NewsInput, Pick<AnswerServices, 'store'>, ArticleListReply | NoticeReply>({
  data,
  parse: (raw, request) => ({
    query: parseNewsQuery(textValue(raw, 'query'), request),
    locale: request.locale,
  }),
  async run({ query, locale }, { store }) {
    if (store.count() === 0) return { kind: 'notice', text: translate(locale, 'news.none-stored') };
    // A submitted query is finished words: the trailing space keeps its last word from being read as a prefix
    // still being typed (autocomplete's rule), so "of" is a stopword here, not the start of "offshore".
    const hits = store.search(query === null ? '' : `${query} `, NEWS_LIST_MAX);
    // Empty when the words match nothing: the transport says so, showing the words escaped its own way.
    const articles = query === null ? hits : hits.filter((hit) => hit.score > 0);
    const entries = articles.map(({ id, title, publishedAt, category, url }) => ({
      ...{ id, title, publishedAt, category, url },
    }));
    return { kind: 'articles', query, articles: entries, locale };
  },
});
