import type { ArticleStore } from '../src/articles/article.ts';
import { articleIdFromKey, canonicalUrl } from '../src/articles/url.ts';
import { UserFacingError } from '../src/core/errors.ts';
import { type MessageKey, translate } from '../src/core/i18n/index.ts';
import type { LinkIngestResult, LinkRefusal } from '../src/ingest/link.ts';
import { replyLanguageOf, textValue } from './input.ts';
import {
  type AnswerReply,
  type AnswerServices,
  type CommandContext,
  type CommandData,
  defineCommand,
  type LinkServices,
} from './types.ts';

/**
 * "Summarize article" (a message command: Apps → Summarize article): the summary of the article a message links
 * to or names by id. A link on a configured feed's site that is not stored yet is fetched (guarded), stored and
 * summarised; anything else gets a private reply saying why. The message is anyone's text: only its first
 * MESSAGE_SCAN_MAX_CHARS are read, at most MAX_CANDIDATES links and ids looked up, at most MAX_FETCHES fetched.
 */

/** Discord messages hold 4,000 characters at most (2,000 without Nitro); embeds' links come after the text. */
export const MESSAGE_SCAN_MAX_CHARS = 8_000;
/** Links and ids looked up in the store per use, in the order they appear: "several → the first that resolves". */
export const MAX_CANDIDATES = 10;
/** Links fetched per use at most: a message of 1,000 links costs two fetches, not a thousand. */
export const MAX_FETCHES = 2;
/** The longest link considered; longer ones are not article links anyone pasted. */
const MAX_URL_CHARS = 2_048;

/** A link: http(s), up to the first space, quote or angle bracket (Discord's `<https://…>` hides the preview). */
const LINK = /https?:\/\/[^\s<>"'`]+/giu;
/** An article id as the store makes them; a plain word is not one: it must hold a digit, `_` or `-`. */
const ID = /(?<![\w-])[a-z0-9][a-z0-9_-]{2,79}(?![\w-])/giu;
const ID_MARK = /[0-9_-]/;

export type Candidate =
  | { readonly kind: 'url'; readonly url: string }
  | { readonly kind: 'id'; readonly id: string };

/** The links (trailing punctuation dropped) and id-shaped words of a message, in order, at most MAX_CANDIDATES. */
export function candidatesIn(message: string): Candidate[] {
  const text = message.slice(0, MESSAGE_SCAN_MAX_CHARS);
  const found: Array<{ at: number; candidate: Candidate; key: string }> = [];
  for (const match of text.matchAll(LINK)) {
    const url = canonicalUrl(match[0].replace(/[.,;:!?)\]}*_~|]+$/u, ''));
    if (url !== null && url.length <= MAX_URL_CHARS)
      found.push({ at: match.index, candidate: { kind: 'url', url }, key: url });
  }
  // Ids are looked for outside the links, so a link's path words are not mistaken for ids.
  const outside = text.replace(LINK, (link) => ' '.repeat(link.length));
  for (const match of outside.matchAll(ID)) {
    if (!ID_MARK.test(match[0])) continue;
    const id = match[0].toLowerCase();
    found.push({ at: match.index, candidate: { kind: 'id', id }, key: `id:${id}` });
  }
  const seen = new Set<string>();
  return found
    .sort((a, b) => a.at - b.at)
    .filter(({ key }) => !seen.has(key) && seen.add(key))
    .slice(0, MAX_CANDIDATES)
    .map(({ candidate }) => candidate);
}

const data: CommandData = {
  type: { kind: 'message', label: 'message-command.summarize.name', countsAs: 'summary' },
  name: 'Summarize article',
  description: { key: 'message-command.summarize.description' },
  // Servers only, as /summary: the daily AI budget is a server's.
  access: { guildOnly: true, guildInstallOnly: true, manageServer: null },
  // Public, as /summary: the member asked about a link posted in the channel, so the channel sees the summary.
  acknowledgement: 'public-at-once',
  options: [],
  subcommands: [],
};

export interface SummarizeMessageInput {
  readonly candidates: readonly Candidate[];
  readonly language: string;
}

type Services = AnswerServices & LinkServices;

/** The stored article a link names: filed under its own id, under an id a feed gave it, or stored with that URL. */
async function storedByUrl(url: string, context: CommandContext<Services>): Promise<string | undefined> {
  const { store, links } = context;
  const own = await store.get(articleIdFromKey(url));
  if (own) return own.id;
  const known = await links.knownId(url);
  if (known && (await store.get(known))) return known;
  return storedWithUrl(store, url);
}

/** URLs compared as a reader pastes them: host, path and query, no trailing slash, any case. */
function comparable(url: string): string {
  const parsed = new URL(url);
  return `${parsed.host}${parsed.pathname.replace(/\/+$/, '')}${parsed.search}`.toLowerCase();
}

/** An article stored with this URL under another id (a file's, a GUID's): found through its path words. */
function storedWithUrl(store: ArticleStore, url: string): string | undefined {
  const wanted = comparable(url);
  const words = new URL(url).pathname.replace(/[-_/.]+/g, ' ').slice(0, 200);
  return store.search(`${words} `, MAX_CANDIDATES).find((hit) => hit.url && comparable(hit.url) === wanted)
    ?.id;
}

const REFUSAL_TEXT: Readonly<Record<LinkRefusal, MessageKey>> = {
  'not-a-source': 'message-command.not-a-source',
  refused: 'message-command.refused',
  unreachable: 'message-command.unreachable',
  'not-an-article': 'message-command.not-an-article',
  'off-site': 'message-command.off-site',
  busy: 'message-command.busy',
};

/** Why nothing was summarised, in the member's language; a link is named by its host only, in inline code. */
function nothingFound(locale: string, miss: { url: string; reason: LinkRefusal } | null): UserFacingError {
  if (!miss) return new UserFacingError(translate(locale, 'message-command.no-article'), 'no-linked-article');
  const host = new URL(miss.url).host.replace(/`/g, '').slice(0, 253);
  return new UserFacingError(translate(locale, REFUSAL_TEXT[miss.reason], { host }), `link-${miss.reason}`);
}

/** The first candidate that is, or becomes, a stored article; else why the first link could not be had. */
async function articleFor(input: SummarizeMessageInput, context: CommandContext<Services>): Promise<string> {
  let miss: { url: string; reason: LinkRefusal } | null = null;
  let fetches = 0;
  for (const candidate of input.candidates) {
    if (candidate.kind === 'id') {
      if (await context.store.get(candidate.id)) return candidate.id;
      continue;
    }
    const stored = await storedByUrl(candidate.url, context);
    if (stored) return stored;
    const onSource = context.links.sourceFor(candidate.url) !== null;
    if (!onSource || fetches >= MAX_FETCHES) {
      miss ??= { url: candidate.url, reason: 'not-a-source' };
      continue;
    }
    fetches++;
    const result: LinkIngestResult = await context.links.ingest(candidate.url, context.request.signal);
    if (result.ok) return result.article.id;
    context.logger.info(
      { url: candidate.url, reason: result.reason, detail: result.detail },
      'linked article',
    );
    if (!miss || miss.reason === 'not-a-source') miss = { url: candidate.url, reason: result.reason };
  }
  throw nothingFound(context.request.locale, miss);
}

export const summarizeMessage = defineCommand<SummarizeMessageInput, Services, AnswerReply>({
  data,
  parse(raw, request) {
    const candidates = candidatesIn(textValue(raw, 'message') ?? '');
    if (candidates.length === 0) throw nothingFound(request.locale, null);
    return { candidates, language: replyLanguageOf(raw, request) };
  },
  async run(input, context) {
    const article = await articleFor(input, context);
    const events = context.newsroom.summary({
      article,
      length: 'standard',
      language: input.language,
      context: { guildId: context.request.guildId, userId: context.request.userId },
      signal: context.request.signal,
    });
    return { kind: 'answer', events, language: input.language, asked: { kind: 'summary', question: null } };
  },
});
