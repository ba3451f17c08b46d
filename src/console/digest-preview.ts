import { isEmptyDigest, NOTHING_TO_POST } from '../../commands/digest.ts';
import { DIGEST_ITEMS } from '../../commands/limits.ts';
import type { AnswerServices, DigestReply, NoticeReply } from '../../commands/types.ts';
import { composeDigest } from '../digest/compose.ts';
import { type DigestConfig, EMPTY_STATE } from '../digest/types.ts';

/** What the console's digest preview needs beyond the answer services: the disclaimer of articles without one. */
export interface ConsoleServices extends AnswerServices {
  readonly sourceDisclaimer: string;
}

/** The terminal is no server: its summaries count toward no server's budget. */
const CONSOLE_CONTEXT = { guildId: null, userId: null };

/** A digest as a server with the default settings would get it, in the console's language, never posted before. */
function consoleDigestConfig(language: string, now: Date): DigestConfig {
  return {
    guildId: 'console',
    channelId: 'console',
    time: '00:00',
    timeZone: 'UTC',
    items: DIGEST_ITEMS.default,
    announceEmpty: false,
    language,
    since: now.toISOString(),
  };
}

/** `/digest preview` in the console: the real composed digest (the same compose the poster uses). */
export async function previewDigest(
  services: ConsoleServices,
  language: string,
  now = new Date(),
): Promise<DigestReply | NoticeReply> {
  const config = consoleDigestConfig(language, now);
  const deps = {
    store: services.store,
    newsroom: { summary: (request) => services.newsroom.summary({ ...request, context: CONSOLE_CONTEXT }) },
    sourceDisclaimer: services.sourceDisclaimer,
    logger: services.logger,
  } satisfies Parameters<typeof composeDigest>[0];
  const composed = await composeDigest(deps, config, EMPTY_STATE, now);
  if (isEmptyDigest(composed)) return { kind: 'notice', text: NOTHING_TO_POST };
  return { kind: 'digest', composed, config };
}
