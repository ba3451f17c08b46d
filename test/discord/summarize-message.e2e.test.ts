import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleIdFromKey } from '../../src/articles/url.ts';
import { translate } from '../../src/core/i18n/index.ts';
import type { FakeInteraction, MessageTarget, UserView } from '../fakes/discord/index.ts';
import { type FixtureServer, startFixtureServer } from '../ingest/feeds/fixture-server.ts';
import { type InternalService, startInternalService } from '../ingest/feeds/internal-service.ts';
import { privateNotice as noticeText, privateMessage, toldPrivately } from './support/first-response.ts';
import { type BotHarness, startHarness } from './support/harness.ts';

/**
 * "Summarize article" (a message's Apps menu) end to end: the real bot against the fake Discord and fake Anthropic,
 * a news site on 127.0.0.1 whose feed is configured (NEWS_FEEDS), and "an internal service" — a second local
 * server on another port — that no member's link may reach.
 */

const NAME = 'Summarize article';
const TRAM = '001_tram_line_vote';
const TRAM_TITLE = 'Harbor City council approves long-delayed tram line to the airport';
const FERRY_TITLE = 'Harbour ferry returns to the island after the storm';

let h: BotHarness;
let site: FixtureServer;
let internal: InternalService;

function articlePage(title: string): string {
  const paragraphs = [
    'The harbour ferry to Wren Island sailed again on Monday morning, four days after the storm closed the pier.',
    'Engineers replaced two mooring posts and tested the ramp overnight, the port authority said in a statement.',
    'About three hundred islanders had been cut off from the mainland since Thursday, relying on a lifeboat service.',
    'The operator said timetables would return to normal by Wednesday once the second vessel has been inspected.',
  ];
  return `<!doctype html><html lang="en"><head><title>${title}</title></head><body><article><h1>${title}</h1>
    ${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}</article></body></html>`;
}

const html = (body: string) => (_request: unknown, response: import('node:http').ServerResponse) => {
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
};

beforeAll(async () => {
  site = await startFixtureServer();
  internal = await startInternalService();
  site.route('/feed.json', html('{}'));
  site.route('/news/ferry-returns', html(articlePage(FERRY_TITLE)));
  site.route('/news/empty', html('<!doctype html><html><body><nav>Home</nav></body></html>'));
  site.route('/news/gone', (_request, response) => void response.writeHead(404).end('gone'));
  site.route('/news/to-internal', (_request, response) => {
    response.writeHead(302, { location: `http://127.0.0.1:${internal.port}/admin` }).end();
  });
  h = await startHarness({ env: { NEWS_FEEDS: site.url('/feed.json') } });
});
afterAll(async () => {
  await h?.close();
  await Promise.all([site?.close(), internal?.close()]);
});

async function runOn(target: MessageTarget, opts: { locale?: string } = {}): Promise<FakeInteraction> {
  return h.discord.messageCommand(NAME, target, opts);
}

/** The final public answer (not "thinking…"). */
const answered = (interaction: FakeInteraction) =>
  interaction.waitFor((view) => !view.thinking && view.original !== null, 20_000);

/** The private notice every refusal is shown as: the first response, or in place of a removed "thinking…". */
async function privateNotice(interaction: FakeInteraction): Promise<{ view: UserView; text: string }> {
  const view = await interaction.waitFor(toldPrivately, 20_000);
  expect(view.rejections).toEqual([]);
  return { view, text: noticeText(view) };
}

const titleOf = (view: UserView) => view.original?.embeds[0]?.title;

describe('Summarize article: registration', () => {
  it('GIVEN the bot started THEN "Summarize article" is registered as a message command, localized, servers only', async () => {
    const registered = h.discord.registeredCommands() as Array<Record<string, unknown>>;
    const command = registered.find((entry) => entry.type === 3);
    expect(command).toMatchObject({
      name: NAME,
      name_localizations: { de: 'Artikel zusammenfassen' },
      contexts: [0],
      integration_types: [0],
    });
    expect(command).not.toHaveProperty('options');
    expect(registered.filter((entry) => entry.type === 3)).toHaveLength(1);
  });
});

describe('Summarize article: stored articles', () => {
  it('GIVEN a message naming a stored article by id THEN the channel sees its summary', async () => {
    const interaction = await runOn({ content: `What does \`${TRAM}\` say? Anyone read it?` });
    const ack = await interaction.waitForAck();
    expect(ack).toMatchObject({ type: 5, ephemeral: false });
    const view = await answered(interaction);
    expect(titleOf(view)).toBe(TRAM_TITLE);
    expect(view.original?.embeds[0]?.description?.length).toBeGreaterThan(40);
    expect(view.ephemeral).toBe(false);
  });

  it('GIVEN a message linking an article stored with that URL under another id THEN its summary, nothing fetched', async () => {
    await h.runtime.store.upsert({
      ...(await h.runtime.store.get('003_heatwave_power'))!,
      id: 'heatwave-by-url',
      url: 'https://papers.example/2026/heatwave-power-grid',
    });
    const before = site.requests.length;
    const view = await answered(
      await runOn({ content: 'see <https://PAPERS.example/2026/heatwave-power-grid/?utm_source=x#top>' }),
    );
    expect(titleOf(view)).toMatch(/heat/i);
    expect(site.requests.length).toBe(before);
  });

  it('GIVEN several links THEN the first that resolves is summarised', async () => {
    const content = `https://elsewhere.example/a then ${TRAM} and later 002_grain_exports`;
    const view = await answered(await runOn({ content }));
    expect(titleOf(view)).toBe(TRAM_TITLE);
  });
});

describe('Summarize article: a link on a configured source', () => {
  it('GIVEN a link on the feed’s site not stored yet THEN fetched once, stored, summarised; again THEN no fetch', async () => {
    const link = site.url('/news/ferry-returns');
    const first = await answered(await runOn({ content: `Ferry is back! ${link}` }));
    expect(titleOf(first)).toBe(FERRY_TITLE);
    expect(first.original?.embeds[0]?.url).toBe(link);
    expect(site.hits('/news/ferry-returns')).toHaveLength(1);
    const stored = await h.runtime.store.get(articleIdFromKey(link));
    expect(stored?.title).toBe(FERRY_TITLE);

    const again = await answered(await runOn({ content: `${link}?utm_campaign=share` }));
    expect(titleOf(again)).toBe(FERRY_TITLE);
    expect(site.hits('/news/ferry-returns')).toHaveLength(1);
  });

  it('GIVEN a post whose only link is in its embed (a digest item) THEN that article is summarised', async () => {
    const channel = await h.bot.client.channels.fetch(h.discord.channelId);
    if (!channel?.isSendable()) throw new Error('expected a text channel');
    const link = site.url('/news/ferry-returns');
    const post = await channel.send({ embeds: [{ title: FERRY_TITLE, url: link, description: 'Today' }] });
    const view = await answered(await runOn({ messageId: post.id }));
    expect(titleOf(view)).toBe(FERRY_TITLE);
  });

  it('GIVEN a source link that answers 404 THEN a private reply says it could not be fetched', async () => {
    const { text } = await privateNotice(await runOn({ content: site.url('/news/gone') }));
    expect(text).toContain('could not fetch');
    expect(text).toContain(`\`${new URL(site.origin).host}\``);
  });

  it('GIVEN a source link with no article text THEN a private reply says so and nothing is stored', async () => {
    const link = site.url('/news/empty');
    const { text } = await privateNotice(await runOn({ content: link }));
    expect(text).toContain('no article text');
    expect(await h.runtime.store.get(articleIdFromKey(link))).toBeUndefined();
  });
});

describe('Summarize article: anything else, privately', () => {
  it('GIVEN a message without a link or id THEN a private reply says what to use it on', async () => {
    const { text } = await privateNotice(await runOn({ content: 'lol what happened at the council today' }));
    expect(text).toContain('no link to a stored article');
    expect(text).toContain('/summary');
  });

  it('GIVEN a link to a site that is no source THEN a private reply names it, and nothing is fetched', async () => {
    const { text } = await privateNotice(await runOn({ content: 'https://blog.example/my-take' }));
    expect(text).toContain('`blog.example`');
    expect(text).toContain('not one of the news sources');
  });

  it('GIVEN a German member THEN the reply is in German', async () => {
    const { text } = await privateNotice(await runOn({ content: 'nur Text' }, { locale: 'de' }));
    expect(text).toContain('keinen Link');
  });
});

describe('Summarize article: hostile messages', () => {
  it('GIVEN a link to an internal service on another port THEN refused privately without a connection to it', async () => {
    const { text } = await privateNotice(
      await runOn({
        content: `http://127.0.0.1:${internal.port}/admin http://2130706433:${internal.port}/x`,
      }),
    );
    expect(text).toContain(`127.0.0.1:${internal.port}`);
    expect(internal.connections()).toBe(0);
  });

  it('GIVEN a source page that redirects to the internal service THEN the guard refuses it and nothing is stored', async () => {
    const link = site.url('/news/to-internal');
    const { text } = await privateNotice(await runOn({ content: link }));
    expect(text).toContain('may not fetch');
    expect(site.hits('/news/to-internal')).toHaveLength(1);
    expect(internal.connections()).toBe(0);
    expect(await h.runtime.store.get(articleIdFromKey(link))).toBeUndefined();
  });

  it('GIVEN 100k characters, 1000 links and mentions THEN a plain private reply, at most two fetches, no pings', async () => {
    const before = site.requests.length;
    const links = Array.from({ length: 1000 }, (_, i) =>
      i % 2 === 0 ? site.url(`/news/missing-${i}`) : `http://127.0.0.1:${internal.port}/k${i}`,
    );
    const content = `@everyone <@${h.discord.userId}> ${links.join(' ')} ${'x'.repeat(100_000)} ${TRAM}`;
    const started = Date.now();
    const { view, text } = await privateNotice(await runOn({ content }));
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(text).toContain('could not fetch');
    expect(site.requests.length - before).toBeLessThanOrEqual(2);
    expect(internal.connections()).toBe(0);
    const notice = privateMessage(view);
    expect(notice?.pings).toEqual({ everyone: false, users: [], roles: [] });
  });

  it('GIVEN markdown and mentions around a stored id THEN the summary is shown and pings no one', async () => {
    const view = await answered(
      await runOn({ content: `**@here** [${TRAM}](https://x.example) <@&123456789012345678>` }),
    );
    expect(titleOf(view)).toBe(TRAM_TITLE);
    expect(view.original?.pings).toEqual({ everyone: false, users: [], roles: [] });
  });
});

describe('Summarize article: stale commands and cooldowns', () => {
  it('GIVEN a message command this version does not have THEN the member is told privately, the log says what to run', async () => {
    const interaction = await h.discord.messageCommand('Translate message', { content: TRAM });
    const view = await interaction.waitFor((v) => v.original !== null);
    expect(view.ephemeral).toBe(true);
    expect(view.original?.content).toBe(
      translate('en', 'news.unavailable', { command: 'Translate message' }),
    );
    const hint = h.logs.lines.find((line) => line.command === 'Translate message' && line.level === 40);
    expect(String(hint?.msg)).toContain('npm run deploy-commands');
  });

  it('GIVEN a member at the /summary limit THEN Summarize article waits too, saying when to try again', async () => {
    const limited = await startHarness({ env: { SUMMARY_COOLDOWN_PER_MINUTE: '1' } });
    try {
      const summary = await limited.discord.command('summary', { article: '002_grain_exports' });
      await summary.waitFor((view) => !view.thinking && view.original !== null, 20_000);
      const second = await limited.discord.messageCommand(NAME, { content: TRAM });
      const view = await second.waitFor((v) => v.original !== null);
      expect(view.ephemeral).toBe(true);
      expect(view.original?.content).toMatch(/\/summary 1 times.*<t:\d+:R>/);
      expect(limited.anthropic.requests.filter((r) => JSON.stringify(r).includes('tram'))).toEqual([]);
    } finally {
      await limited.close();
    }
  });
});
