import { DISCORD_LIMITS } from '../render.ts';
/**
 * Custom ids of the Summary/Ask buttons under a listed article (the digest's items, /news) and of the Ask modal.
 * New buttons carry `article:<action>:<id>`; digests posted before carry `digest:<action>:<id>` and keep working
 * (both parse the same). Discord allows 100 characters; an article id is at most 80, so every id here fits.
 */
export const ARTICLE_CUSTOM_ID_PREFIX = 'article:';
/** The prefix of the ids in digests posted before the buttons served /news too. */
export const DIGEST_CUSTOM_ID_PREFIX = 'digest:';
const PREFIXES = [ARTICLE_CUSTOM_ID_PREFIX, DIGEST_CUSTOM_ID_PREFIX] as const;

export type ArticleAction = 'summary' | 'ask' | 'question';
/** The digest's name for the same actions. */
export type DigestAction = ArticleAction;

const ACTIONS: readonly ArticleAction[] = ['summary', 'ask', 'question'];

/** `article:summary:<id>` (button), `article:ask:<id>` (button that opens the modal), `article:question:<id>` (modal). */
export function articleCustomId(action: ArticleAction, articleId: string): string {
  const id = `${ARTICLE_CUSTOM_ID_PREFIX}${action}:${articleId}`;
  if (id.length > DISCORD_LIMITS.customIdChars)
    throw new Error(`custom id over ${DISCORD_LIMITS.customIdChars} chars: ${id}`);
  return id;
}

/** The digest's buttons are article buttons: new digests carry the `article:` ids. */
export const digestCustomId = articleCustomId;

/** Either prefix, one of the actions, and a non-empty article id; null for any other id. */
export function parseArticleCustomId(customId: string): { action: ArticleAction; articleId: string } | null {
  const prefix = PREFIXES.find((known) => customId.startsWith(known));
  if (!prefix || customId.length > DISCORD_LIMITS.customIdChars) return null;
  const rest = customId.slice(prefix.length);
  const colon = rest.indexOf(':');
  const action = ACTIONS.find((known) => known === rest.slice(0, colon));
  const articleId = rest.slice(colon + 1);
  return action && colon > 0 && articleId ? { action, articleId } : null;
}

export const parseDigestCustomId = parseArticleCustomId;
