import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faults } from '../fakes/anthropic.ts';
import type { UserView } from '../fakes/discord/index.ts';
import { privateNotice, toldPrivately } from './support/first-response.ts';
import { type BotHarness, startHarness } from './support/harness.ts';

let h: BotHarness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

async function run(name: string, options: Record<string, string>, locale: string): Promise<UserView> {
  const interaction = await h.discord.command(name, options, { locale });
  return interaction.waitFor((v) => !v.thinking && (v.original !== null || v.followUps.length > 0));
}

/** The reply-language line of the last request the model received. */
function lastReplyLanguage(): string | undefined {
  const body = JSON.stringify(h.anthropic.requests.at(-1)?.body ?? {});
  return /Reply language: ([^\\"]+)/.exec(body)?.[1];
}

describe('the asker’s language', () => {
  it('GIVEN a German Discord user THEN the model is asked for German and the labels are German', async () => {
    const view = await run('summary', {}, 'de');
    expect(lastReplyLanguage()).toBe('German (de)');
    expect(view.original?.content).toMatch(/^Zusammenfassung des neuesten Artikels: \*\*/);
    expect(view.original?.embeds[0]?.fields?.[0]?.name).toBe('Aus dem Artikel');
  });

  it('GIVEN a language option THEN it overrides the Discord language, labels included', async () => {
    const view = await run(
      'ask',
      { question: 'How did the councillors vote?', article: '001_tram_line_vote', language: 'fr' },
      'de',
    );
    expect(lastReplyLanguage()).toBe('French (fr)');
    expect(view.original?.embeds[0]?.fields?.[0]?.name).toBe('Extraits de l’article');
  });

  it('GIVEN a German user and an offline answer the article cannot give THEN the refusal and label are German', async () => {
    h.anthropic.injectFaults(faults.overloaded());
    const view = await run(
      'ask',
      { question: 'Wer hat das Wandbild im Museum gemalt?', article: '001_tram_line_vote' },
      'de',
    );
    expect(view.original?.content).toMatch(/Offline-Antwort/);
    expect(view.original?.embeds[0]?.description).toMatch(
      /^Der Artikel beantwortet „Wer hat das Wandbild im Museum gemalt\?“ nicht\. Er behandelt: /,
    );
  });

  it('GIVEN a German user and an unknown article THEN the private note is German', async () => {
    const interaction = await h.discord.command(
      'summary',
      { article: 'gibt-es-nicht-xyz' },
      { locale: 'de' },
    );
    const view = await interaction.waitFor(toldPrivately);
    expect(privateNotice(view)).toMatch(/^Kein gespeicherter Artikel passt dazu/);
  });
});
