/**
 * Custom ids of the digest's buttons and modal. Discord allows 100 characters; an article id is at most 80, so
 * every id here fits. The router sends every component whose id starts with DIGEST_CUSTOM_ID_PREFIX to the digest.
 */
export const DIGEST_CUSTOM_ID_PREFIX = 'digest:';
const CUSTOM_ID_MAX_CHARS = 100;

export type DigestAction = 'summary' | 'ask' | 'question';

const ACTIONS: readonly DigestAction[] = ['summary', 'ask', 'question'];

/** `digest:summary:<id>` (button), `digest:ask:<id>` (button that opens the modal), `digest:question:<id>` (modal). */
export function digestCustomId(action: DigestAction, articleId: string): string {
  const id = `${DIGEST_CUSTOM_ID_PREFIX}${action}:${articleId}`;
  if (id.length > CUSTOM_ID_MAX_CHARS) throw new Error(`custom id over ${CUSTOM_ID_MAX_CHARS} chars: ${id}`);
  return id;
}

export function parseDigestCustomId(customId: string): { action: DigestAction; articleId: string } | null {
  if (!customId.startsWith(DIGEST_CUSTOM_ID_PREFIX)) return null;
  const rest = customId.slice(DIGEST_CUSTOM_ID_PREFIX.length);
  const colon = rest.indexOf(':');
  const action = ACTIONS.find((known) => known === rest.slice(0, colon));
  const articleId = rest.slice(colon + 1);
  return action && colon > 0 && articleId ? { action, articleId } : null;
}
