import { PermissionFlagsBits } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { Article } from '../../src/articles/article.ts';
import { contentHash } from '../../src/articles/identity.ts';
import { digestCustomId } from '../../src/discord/digest/custom-ids.ts';
import type { UserView } from '../fakes/discord/index.ts';
import { seenAsUser } from '../support/discord-markdown.ts';
import { type DigestWorld, HOUR_MS, startDigestWorld } from './harness.ts';

const NOON = '2026-03-28T11:00:00Z';
/** A member who may read and write in the channel, but not manage the server. */
const MEMBER = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages;
const answered = (v: UserView) => v.original !== null && !v.thinking;

function hostileItem(world: DigestWorld): Article {
  const title = '## Lighthouse [keepers wanted](https://jobs.example/apply) ||now||';
  const paragraphs = [
    'The lighthouse trust is hiring two keepers for the winter, @everyone may apply before Friday.',
    '> **Note:** the [application form](http://forms.example/keeper) moved, ask <@323456789012345678>.',
  ];
  return {
    id: 'lighthouse-keepers',
    title,
    paragraphs,
    category: 'Coast news',
    disclaimer: 'Reprinted automatically from the coast bulletin.',
    url: 'https://coast-bulletin.example/lighthouse',
    source: 'Coast Bulletin',
    language: 'en',
    publishedAt: new Date(world.now().getTime() - HOUR_MS).toISOString(),
    hash: contentHash(title, paragraphs),
  };
}

describe('the digest guards what members may do', () => {
  let world: DigestWorld;
  afterEach(async () => world?.close());

  async function digestAs(subcommand: string, memberPermissions: bigint) {
    const interaction = await world.discord.command('digest', {}, { subcommand, memberPermissions });
    return interaction.waitFor(answered);
  }

  it('GIVEN a member without Manage Server (the command opened to them) THEN /digest off is refused privately and the config stays', async () => {
    world = await startDigestWorld(NOON);
    await world.connect();
    const saved = await world.configure();
    const view = await digestAs('off', MEMBER);
    expect(view.ephemeral).toBe(true);
    expect(view.original?.content).toMatch(/Only members who can manage this server/);
    expect(await world.repo.config(world.discord.guildId)).toEqual(saved);
  });

  it('GIVEN a member without Manage Server THEN post-now is refused and nothing is posted', async () => {
    world = await startDigestWorld(NOON);
    await world.connect();
    await world.configure();
    await world.ingest([1, 2]);
    const view = await digestAs('post-now', MEMBER);
    expect(view.original?.content).toMatch(/Only members who can manage this server/);
    expect(world.discord.channelMessages()).toEqual([]);
    expect(world.anthropic.requests).toHaveLength(0);
    const admin = await digestAs('post-now', PermissionFlagsBits.ManageGuild);
    expect(admin.original?.content).toMatch(/Posted the digest \(2 articles\)/);
  });

  it('GIVEN an article whose title and text carry markup THEN the posted digest shows it as text, linked to the article only', async () => {
    world = await startDigestWorld(NOON);
    await world.connect();
    await world.configure();
    const article = hostileItem(world);
    await world.runtime.store.upsert(article);
    await digestAs('post-now', PermissionFlagsBits.ManageGuild);
    const [message] = world.discord.channelMessages();
    const embed = message?.embeds[0];
    expect(embed?.url).toBe(article.url);
    expect(seenAsUser(embed?.title ?? '').text).toBe(`1. ${article.title}`);
    const description = seenAsUser(embed?.description ?? '');
    expect(description.markup).toEqual([]);
    // "1. " is the digest's own numbering; the title after it is the feed's.
    expect(seenAsUser((embed?.title ?? '').replace(/^1\. /, '')).markup).toEqual([]);
    expect(message?.pings).toEqual({ everyone: false, users: [], roles: [] });
  });
});

describe('the digest buttons and modal count like the commands', () => {
  let world: DigestWorld;
  afterEach(async () => world?.close());

  it('GIVEN one /summary a minute THEN a second Summary button press within the minute is refused, and no model call made', async () => {
    world = await startDigestWorld(NOON, { SUMMARY_COOLDOWN_PER_MINUTE: '1' });
    await world.connect();
    await world.ingest([1, 2]);
    const [first, second] = await world.runtime.store.latest(2);
    const press = async (id: string) =>
      (await world.discord.button(digestCustomId('summary', id))).waitFor(answered);
    const answeredFirst = await press(first?.id ?? '');
    expect(answeredFirst.original?.embeds[0]?.footer?.text).toBeDefined();
    const calls = world.anthropic.requests.length;
    const refused = await press(second?.id ?? '');
    expect(refused.ephemeral).toBe(true);
    expect(refused.original?.content).toMatch(/You have used \/summary 1 times in the last minute/);
    expect(world.anthropic.requests).toHaveLength(calls);
    world.at(new Date(world.now().getTime() + 61_000).toISOString());
    const later = await press(second?.id ?? '');
    expect(later.original?.embeds[0]?.footer?.text).toBeDefined();
  });

  it('GIVEN one /ask a minute THEN a second question from the modal is refused; opening the modal is free', async () => {
    world = await startDigestWorld(NOON, { ASK_COOLDOWN_PER_MINUTE: '1' });
    await world.connect();
    await world.ingest([1]);
    const [article] = await world.runtime.store.latest(1);
    const id = article?.id ?? '';
    const ask = async (question: string) =>
      (await world.discord.modalSubmit(digestCustomId('question', id), { question })).waitFor(answered);
    const opened = async () =>
      (await world.discord.button(digestCustomId('ask', id))).waitFor((v) => v.modal !== null);
    await opened();
    expect((await ask('What was decided?')).original?.embeds[0]?.footer?.text).toBeDefined();
    await opened(); // still opens: it costs nothing
    const refused = await ask('And who decided it?');
    expect(refused.original?.content).toMatch(/You have used \/ask 1 times in the last minute/);
  });

  it('GIVEN the server’s daily budget spent THEN a Summary button gets the offline answer, with no model call', async () => {
    world = await startDigestWorld(NOON, { GUILD_DAILY_TOKEN_BUDGET: '1' });
    await world.connect();
    await world.ingest([1, 2]);
    const [first, second] = await world.runtime.store.latest(2);
    const press = async (id: string) =>
      (await world.discord.button(digestCustomId('summary', id))).waitFor(answered);
    await press(first?.id ?? '');
    const calls = world.anthropic.requests.length;
    expect(calls).toBe(1);
    const overBudget = await press(second?.id ?? '');
    expect(world.anthropic.requests).toHaveLength(calls);
    expect(JSON.stringify(overBudget.original)).toMatch(/budget/i);
  });
});
