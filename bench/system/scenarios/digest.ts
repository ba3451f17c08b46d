/**
 * No digest posted twice: a digest is due in the minute the bot starts; its first post attempt meets a Discord 500
 * and the bot is killed (kill -9) during the retry's backoff; the next bot is killed the moment Discord accepts the
 * post (racing the record of it); a third resumes, and a fourth starts in the same minute after the post. Then new
 * articles arrive and two admins press `/digest post-now` at the same moment. The channel must end with the
 * scheduled digest exactly once and one manual digest.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openArticleStore } from '../../../src/articles/store.ts';
import { createDigestRepository } from '../../../src/digest/state.ts';
import { DIGEST_NAMESPACE, type DigestConfig } from '../../../src/digest/types.ts';
import { digestNonce } from '../../../src/discord/digest/delivery.ts';
import { openKeyv } from '../../../src/store/keyv.ts';
import { createArticleGenerator } from '../../support/generate-articles.ts';
import { checkMentions, checkProcess } from '../checks.ts';
import type { ScenarioContext, ScenarioResult } from '../scenario.ts';
import { mentionProblems, processProblems } from '../verdict.ts';
import { startWorld, type World } from '../world.ts';

const FRESH_ARTICLES = 6;
const DIGEST_ITEMS = 5;
const POST_TIMEOUT_MS = 30_000;
const SETTLE_AFTER_START_MS = 4_000;
const CHANNEL_POST = /^\/channels\/\d+\/messages$/;
const LATE_ARTICLES = 3;
const INGESTED_LOG = 'articles folder: ingested new or changed files';

/** New articles arrive through ARTICLES_DIR; then two `/digest post-now` at once. Returns the replies' texts. */
async function postNowTwice(world: World): Promise<string[]> {
  for (let i = 0; i < LATE_ARTICLES; i++) {
    const body = `Late council news ${i}\n\nThe council added item ${i} to the agenda after the digest went out.\n`;
    await writeFile(path.join(world.articlesDir as string, `late-${i}.txt`), body);
  }
  const ingested = () => world.bot().lines.some((line) => line.msg === INGESTED_LOG);
  await world.discord.waitUntil(ingested, POST_TIMEOUT_MS);
  const asAdmin = { subcommand: 'post-now' };
  const both = await Promise.all([
    world.discord.command('digest', {}, asAdmin),
    world.discord.command('digest', {}, { ...asAdmin, userId: '300000000000000003' }),
  ]);
  const views = await Promise.all(
    both.map((i) => i.waitFor((v) => !v.thinking && v.original !== null, POST_TIMEOUT_MS)),
  );
  return views.map((view) => view.original?.content ?? '');
}

/** Fresh articles (published in the last hour) and a digest due this very minute, written before the bot starts. */
async function prepareStore(world: World): Promise<DigestConfig> {
  const store = await openArticleStore({ url: world.storeUrl });
  const generator = createArticleGenerator(99);
  for (let i = 0; i < FRESH_ARTICLES; i++) {
    const article = generator.article(i);
    const publishedAt = new Date(Date.now() - (i + 1) * 5 * 60_000).toISOString();
    await store.upsert({ ...article, id: `fresh-${i}`, publishedAt });
  }
  await store.close();
  const now = new Date();
  const config: DigestConfig = {
    ...{ guildId: world.discord.guildId, channelId: world.discord.channelId, timeZone: 'UTC' },
    time: now.toISOString().slice(11, 16),
    ...{ items: DIGEST_ITEMS, announceEmpty: false, language: 'en' },
    since: new Date(now.getTime() - 3_600_000).toISOString(),
  };
  const keyv = await openKeyv(world.storeUrl, { namespace: DIGEST_NAMESPACE });
  await createDigestRepository(keyv).saveConfig(config);
  await keyv.disconnect();
  return config;
}

const channelPosts = (world: World) =>
  world.discord.requests.filter((request) => request.method === 'POST' && CHANNEL_POST.test(request.path));

async function readState(world: World, guildId: string) {
  const keyv = await openKeyv(world.storeUrl, { namespace: DIGEST_NAMESPACE });
  try {
    return await createDigestRepository(keyv).state(guildId);
  } finally {
    await keyv.disconnect();
  }
}

export async function digestScenario(context: ScenarioContext): Promise<ScenarioResult> {
  const world = await startWorld({
    storeFile: context.storeFile,
    env: context.botEnv,
    seed: 25,
    articlesDir: true,
  });
  try {
    // A slot must not be crossed mid-scenario: start early in a minute.
    if (new Date().getUTCSeconds() > 40) await sleep((61 - new Date().getUTCSeconds()) * 1000);
    const config = await prepareStore(world);
    const today = new Date().toISOString().slice(0, 10);
    world.discord.failNext({ method: 'POST', path: CHANNEL_POST }, { status: 500 }, 1);
    await world.startBot();
    await world.discord.waitUntil(() => channelPosts(world).some((r) => r.injected), POST_TIMEOUT_MS);
    await world.bot().kill();
    context.log('digest: killed during the retry backoff');
    await world.startBot();
    await world.discord.waitUntil(() => channelPosts(world).some((r) => r.status < 300), POST_TIMEOUT_MS);
    await world.bot().kill();
    context.log('digest: killed as Discord accepted the post');
    await world.startBot();
    await sleep(SETTLE_AFTER_START_MS);
    const third = world.bot();
    await third.stop();
    await world.startBot();
    await sleep(SETTLE_AFTER_START_MS);
    const postNowReplies = await postNowTwice(world);
    const fourth = checkProcess(world.bot());
    await world.bot().stop();

    const messages = world.discord.channelMessages(config.channelId);
    const state = await readState(world, config.guildId);
    // The scheduled post's parts carry nonces derived from the slot's date; the manual post's are the rest.
    const slotNonces = new Set(Array.from({ length: 10 }, (_, p) => digestNonce(config.guildId, today, p)));
    const scheduled = messages.filter((message) => slotNonces.has(String(message.nonce)));
    const parts = new Set(scheduled.map((message) => String(message.nonce))).size;
    const manual = messages.length - scheduled.length;
    const manualParts = state.lastPost?.messageIds.length ?? 0;
    const accepted = channelPosts(world).filter((r) => r.status < 300).length;
    const figures = {
      ...{
        bots: world.bots.length,
        postRequests: channelPosts(world).length,
        acceptedPostRequests: accepted,
      },
      ...{ channelMessages: messages.length, scheduledParts: parts, scheduledMessages: scheduled.length },
      ...{ manualMessages: manual, manualParts, postNowReplies },
      lastSlotDate: state.lastSlotDate,
      sending: state.sending !== null,
    };
    const problems = [
      ...(parts === 0 ? ['the scheduled digest was never posted'] : []),
      ...(state.lastSlotDate === today ? [] : [`the slot of ${today} is not recorded as done`]),
      ...(scheduled.length === parts
        ? []
        : [`${scheduled.length} messages for a ${parts}-part scheduled digest`]),
      ...(manualParts > 0 && manual === manualParts
        ? []
        : [
            `two post-now at once left ${manual} messages for a ${manualParts}-part post: ${postNowReplies.join(' | ')}`,
          ]),
      ...(state.sending ? ['a post is still recorded as in progress'] : []),
      ...mentionProblems(checkMentions(world.discord)),
      ...processProblems(fourth),
      ...world.bots.flatMap((bot) => checkProcess(bot).unhandled),
    ];
    const summary = `${world.bots.length} bot processes (2 killed mid-post): the scheduled ${parts}-part digest is in the channel ${scheduled.length === parts ? 'once' : `${scheduled.length} times`} (${accepted} post requests accepted of ${figures.postRequests} sent, repeats refused by nonce); two post-now at once: ${manual} new message(s) for a ${manualParts}-part post`;
    return { name: 'digest-once', pass: problems.length === 0, summary, figures, problems };
  } finally {
    await world.close();
  }
}
