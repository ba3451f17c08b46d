import { describe, expect, it } from 'vitest';
import {
  candidatesIn,
  MAX_CANDIDATES,
  MESSAGE_SCAN_MAX_CHARS,
  summarizeMessage,
} from '../../commands/summarize-message.ts';
import { CATALOGUES } from '../../src/core/i18n/messages.ts';
import { isValidName } from '../fakes/discord/commands.ts';

/** What "Summarize article" reads out of a member's message: links and article ids, in order, bounded. */

describe('Summarize article: what a message names', () => {
  it('GIVEN links in Discord’s forms THEN each is read without its wrapping or trailing punctuation', () => {
    const text =
      'see <https://news.example/a>, also [this](https://news.example/b). And https://news.example/c!' +
      ' (https://news.example/d) https://news.example/e?utm_source=chat#top';
    expect(candidatesIn(text)).toEqual([
      { kind: 'url', url: 'https://news.example/a' },
      { kind: 'url', url: 'https://news.example/b' },
      { kind: 'url', url: 'https://news.example/c' },
      { kind: 'url', url: 'https://news.example/d' },
      { kind: 'url', url: 'https://news.example/e' },
    ]);
  });

  it('GIVEN ids and words THEN only id-shaped words count, in the order they appear, lowercased', () => {
    expect(
      candidatesIn('Read 001_Tram_Line_Vote before https://x.example/2026_story and u1a2b3c4d5e6f7a8'),
    ).toEqual([
      { kind: 'id', id: '001_tram_line_vote' },
      { kind: 'url', url: 'https://x.example/2026_story' },
      { kind: 'id', id: 'u1a2b3c4d5e6f7a8' },
    ]);
    expect(candidatesIn('what happened at the council today?')).toEqual([]);
  });

  it('GIVEN a link twice THEN it is looked up once', () => {
    expect(candidatesIn('https://news.example/a https://news.example/a?utm_medium=x')).toHaveLength(1);
  });

  it('GIVEN 1000 links and 100k characters THEN at most MAX_CANDIDATES, and nothing past the scanned part', () => {
    const links = Array.from({ length: 1000 }, (_, i) => `https://news.example/${i}`).join(' ');
    expect(candidatesIn(links)).toHaveLength(MAX_CANDIDATES);
    const late = `${'a '.repeat(MESSAGE_SCAN_MAX_CHARS)} 001_tram_line_vote`;
    expect(candidatesIn(late)).toEqual([]);
  });

  it('GIVEN non-http links and a 5,000-character link THEN none is read', () => {
    expect(
      candidatesIn(
        `javascript:alert(1) file:///etc/passwd ftp://x.example/a https://x.example/${'p'.repeat(5_000)}`,
      ),
    ).toEqual([]);
  });

  it('GIVEN a message of only punctuation and marks THEN parsing refuses it as "no article", in the member’s language', () => {
    const request = {
      guildId: '1',
      userId: '2',
      locale: 'fr',
      guildLocale: null,
      mayManageServer: false,
      signal: new AbortController().signal,
    };
    expect(() => summarizeMessage.parse({ values: { message: '!!! ??? ***' } }, request)).toThrow(/lien/);
  });
});

describe('Summarize article: its name in every language', () => {
  it('GIVEN the catalogue THEN the English name is the registered name and every name is a valid message command name', () => {
    const { type, name } = summarizeMessage.data;
    if (typeof type !== 'object') throw new Error('expected a message command');
    expect(CATALOGUES.en?.[type.label]).toBe(name);
    for (const [language, catalogue] of Object.entries(CATALOGUES)) {
      expect(isValidName(catalogue[type.label], 'context-menu'), language).toBe(true);
    }
  });
});
