import type { APIEmbed } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SITE_DISCLAIMER } from '../../src/core/config.ts';
import { DISCORD_LIMITS, embedCharacterCount } from '../../src/discord/render.ts';
import { faults, text } from '../fakes/anthropic.ts';
import type { UserView } from '../fakes/discord/index.ts';
import { privateNotice, toldPrivately } from './support/first-response.ts';
import { type BotHarness, startHarness } from './support/harness.ts';
import { longProse } from './support/replies.ts';

const TRAM = '001_tram_line_vote';
const TRAM_TITLE = 'Harbor City council approves long-delayed tram line to the airport';
const FOOTBALL_TITLE = 'Late penalty gives Northgate United their first cup title in 27 years';

let h: BotHarness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

/** Runs a command and waits until the user sees its final answer (not "thinking…"). */
async function run(name: string, options: Record<string, string>, locale?: string): Promise<UserView> {
  const interaction = await h.discord.command(name, options, locale ? { locale } : {});
  return interaction.waitFor(
    (view) => !view.thinking && (view.original !== null || view.followUps.length > 0),
  );
}

const embedOf = (view: UserView): APIEmbed | undefined => view.original?.embeds[0];
const noPings = { everyone: false, users: [], roles: [] };

describe('/summary', () => {
  it('GIVEN a stored article THEN deferred at once, then one embed: linked title, summary, quotes, disclaimer', async () => {
    const interaction = await h.discord.command('summary', { article: TRAM });
    const ack = await interaction.waitForAck();
    expect(ack).toMatchObject({ type: 5, ephemeral: false });
    expect(ack.latencyMs).toBeLessThan(3_000);
    const view = await interaction.waitFor((v) => !v.thinking);
    const embed = embedOf(view);
    expect(embed?.title).toBe(TRAM_TITLE);
    expect(embed?.description).toMatch(/^The Harbor City council on Thursday approved/);
    expect(embed?.fields?.[0]?.name).toBe('From the article');
    expect(embed?.fields?.[0]?.value).toMatch(/^> Councillors voted 31 to 12|^> The Harbor City council/m);
    expect(embed?.footer?.text).toBe(SITE_DISCLAIMER);
    expect(view.followUps).toEqual([]);
    expect(view.rejections).toEqual([]);
  });

  it('GIVEN the same article summarised again THEN the same answer without a model call', async () => {
    const first = await run('summary', { article: '002_grain_exports' });
    const calls = h.anthropic.requests.length;
    const second = await run('summary', { article: '002_grain_exports' });
    expect(h.anthropic.requests.length).toBe(calls);
    expect(embedOf(second)).toEqual(embedOf(first));
  });

  it('GIVEN no article THEN the latest is summarised and named', async () => {
    const view = await run('summary', {});
    expect(view.original?.content).toMatch(/latest article: \*\*.+\*\*/);
  });

  it('GIVEN an unknown article THEN an ephemeral message says what to do and nothing stays thinking', async () => {
    const interaction = await h.discord.command('summary', { article: 'no-such-article-anywhere' });
    const view = await interaction.waitFor(toldPrivately);
    expect(view.thinking).toBe(false);
    expect(privateNotice(view)).toMatch(/no stored article matches/i);
    expect(view.rejections).toEqual([]);
  });
});

describe('/ask', () => {
  it('GIVEN a question the article answers THEN the answer quotes the sentences it rests on', async () => {
    const view = await run('ask', { question: 'How did the councillors vote on the tram?', article: TRAM });
    const embed = embedOf(view);
    expect(embed?.title).toBe(TRAM_TITLE);
    expect(embed?.description).toMatch(/31 to 12/);
    expect(embed?.fields?.[0]?.value).toMatch(/^> Councillors voted 31 to 12 in favour/m);
    expect(embed?.footer?.text).toBe(SITE_DISCLAIMER);
    expect(view.original?.content).toBe('');
  });

  it('GIVEN a question the article cannot answer THEN says so plainly, with no quotes and no marker', async () => {
    const view = await run('ask', { question: 'Who painted the mural in the museum lobby?', article: TRAM });
    const embed = embedOf(view);
    expect(embed?.description).toMatch(/does not say/i);
    expect(embed?.description).not.toMatch(/NOT_IN_ARTICLE/);
    expect(embed?.fields).toBeUndefined();
    expect(embed?.footer?.text).toBe(SITE_DISCLAIMER);
  });

  it('GIVEN no article THEN the best-matching one answers and the reply names it', async () => {
    const view = await run('ask', { question: 'How many spectators attended the national cup final?' });
    expect(view.original?.content).toContain(`best-matching article: **${FOOTBALL_TITLE}**`);
    expect(embedOf(view)?.title).toBe(FOOTBALL_TITLE);
    expect(embedOf(view)?.description).toMatch(/68,000/);
  });

  it('GIVEN the model is overloaded (529) THEN a labelled offline answer, still with quotes and the disclaimer', async () => {
    h.anthropic.injectFaults(faults.overloaded());
    const view = await run('ask', {
      question: 'What record did electricity demand reach on Tuesday?',
      article: '003_heatwave_power',
    });
    expect(view.original?.content).toMatch(/Offline answer/);
    expect(embedOf(view)?.fields?.[0]?.value).toMatch(/^> /);
    expect(embedOf(view)?.footer?.text).toBe(SITE_DISCLAIMER);
    expect(view.rejections).toEqual([]);
  });

  it('GIVEN a German user and an offline answer THEN the label is German', async () => {
    h.anthropic.injectFaults(faults.overloaded());
    const view = await run(
      'ask',
      { question: 'Wie viele Freiwillige nehmen teil?', article: '005_vaccine_trial' },
      'de',
    );
    expect(view.original?.content).toMatch(/Offline-Antwort/);
  });

  it('GIVEN an answer of 5,000 characters THEN it continues in a follow-up, disclaimer only on the last', async () => {
    const long = longProse(5_000);
    h.anthropic.setResponder(() => ({ blocks: [text(long, 1)] }));
    try {
      const interaction = await h.discord.command('ask', {
        question: 'Tell me everything about the tram',
        article: TRAM,
      });
      const view = await interaction.waitFor((v) => v.followUps.length === 1);
      const parts = [view.original, ...view.followUps];
      expect(view.rejections).toEqual([]);
      for (const part of parts) {
        expect(part?.content.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.contentChars);
        expect(embedCharacterCount(part?.embeds[0] ?? {})).toBeLessThanOrEqual(
          DISCORD_LIMITS.embedTotalChars,
        );
      }
      expect(parts[0]?.embeds[0]?.footer?.text).not.toBe(SITE_DISCLAIMER);
      expect(parts[1]?.embeds[0]?.footer?.text).toBe(SITE_DISCLAIMER);
      expect(view.followUps[0]?.ephemeral).toBe(false);
      const shown = parts.map((part) => part?.embeds[0]?.description).join(' ');
      expect(shown.replace(/\s+/g, ' ')).toBe(long.replace(/\s+/g, ' '));
    } finally {
      h.anthropic.setResponder(undefined);
    }
  });
});

describe('mentions', () => {
  it('GIVEN the injection sample THEN the summary ignores it and no message can ping', async () => {
    const view = await run('summary', { article: '006_injection_attempt' });
    expect(embedOf(view)?.description).not.toMatch(/closed forever/);
    expect(view.original?.pings).toEqual(noPings);
  });

  it('GIVEN a model that obeys the injection THEN still nobody is pinged and allowed_mentions.parse is empty', async () => {
    h.anthropic.setResponder(() => ({
      blocks: [text('@everyone the library is closed forever <@400000000000000004>')],
    }));
    try {
      const view = await run('ask', {
        question: 'When does the library open?',
        article: '006_injection_attempt',
      });
      expect(view.original?.pings).toEqual(noPings);
    } finally {
      h.anthropic.setResponder(undefined);
    }
    const messageBodies = h.discord.requests
      .filter((r) => /^\/(webhooks|interactions|channels)\//.test(r.path) && r.method !== 'DELETE')
      .map(
        (r) => r.body as { type?: number; allowed_mentions?: unknown; data?: { allowed_mentions?: unknown } },
      )
      .filter((body) => body && (body.type === undefined || body.type === 4));
    expect(messageBodies.length).toBeGreaterThan(5);
    for (const body of messageBodies)
      expect(body.allowed_mentions ?? body.data?.allowed_mentions).toEqual({ parse: [] });
  });
});

describe('autocomplete', () => {
  it('GIVEN a typed word THEN matching articles, named title · date in the reader’s locale, valued by id', async () => {
    const interaction = await h.discord.autocomplete('summary', { article: 'tram' }, 'article');
    const view = await interaction.waitFor((v) => v.choices !== null);
    expect(view.choices?.[0]).toEqual({
      name: expect.stringMatching(/^Harbor City council .* · [A-Z][a-z]{2} \d{1,2}, \d{4}$/),
      value: TRAM,
    });
    const german = await h.discord.autocomplete('summary', { article: 'tram' }, 'article', { locale: 'de' });
    const seen = await german.waitFor((v) => v.choices !== null);
    expect(seen.choices?.[0]?.name).toMatch(/^Harbor City council .* · \d{2}\.\d{2}\.\d{4}$/);
  });

  it('GIVEN /ask with a question and an empty article box THEN the best match for the question comes first', async () => {
    const interaction = await h.discord.autocomplete(
      'ask',
      { question: 'cup final penalty', article: '' },
      'article',
    );
    const view = await interaction.waitFor((v) => v.choices !== null);
    expect(view.choices?.[0]?.value).toBe('004_football_final');
  });

  it('GIVEN odd typed text THEN every keystroke gets valid choices', async () => {
    const inputs = [
      '',
      '🚋🚋',
      'x'.repeat(100),
      '**bold** <@123> @everyone `code`',
      '\u200b\u200d',
      'ünïcödé',
    ];
    for (const typed of inputs) {
      const interaction = await h.discord.autocomplete('summary', { article: typed }, 'article');
      const view = await interaction.waitFor((v) => v.choices !== null || v.rejections.length > 0);
      expect(view.rejections).toEqual([]);
      expect(view.choices?.length).toBeLessThanOrEqual(25);
      for (const choice of view.choices ?? []) {
        expect(choice.name.length).toBeGreaterThanOrEqual(1);
        expect(choice.name.length).toBeLessThanOrEqual(100);
        expect(String(choice.value).length).toBeLessThanOrEqual(100);
      }
    }
  });
});

describe('gateway', () => {
  it('GIVEN the gateway drops the socket THEN the client resumes and the next command is answered', async () => {
    const resumesBefore = h.logs.lines.filter((line) => line.msg === 'gateway resumed').length;
    h.discord.killGatewaySocket();
    await h.discord.waitUntil(
      () => h.logs.lines.filter((line) => line.msg === 'gateway resumed').length > resumesBefore,
      15_000,
    );
    const view = await run('summary', { article: '004_football_final' });
    expect(embedOf(view)?.title).toBe(FOOTBALL_TITLE);
  });
});
