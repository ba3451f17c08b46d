import { describe, expect, it } from 'vitest';
import { ask, parseQuestion } from '../../commands/ask.ts';
import { digest } from '../../commands/digest.ts';
import { COMMANDS } from '../../commands/index.ts';
import { QUESTION_MAX_CHARS } from '../../commands/limits.ts';
import { summary } from '../../commands/summary.ts';
import type { CommandRequest, RawOptions } from '../../commands/types.ts';
import { usage } from '../../commands/usage.ts';
import { UserFacingError } from '../../src/core/errors.ts';

const request = (overrides: Partial<CommandRequest> = {}): CommandRequest => ({
  guildId: 'g1',
  userId: 'u1',
  locale: 'de',
  guildLocale: 'fr',
  mayManageServer: true,
  signal: new AbortController().signal,
  ...overrides,
});

const raw = (values: RawOptions['values'], subcommand?: string): RawOptions => ({ subcommand, values });

describe('the commands, transport-free', () => {
  it('GIVEN the list THEN names are unique and every option of a command has a description key', () => {
    expect(new Set(COMMANDS.map((c) => c.data.name)).size).toBe(COMMANDS.length);
    for (const { data } of COMMANDS) {
      for (const option of [...data.options, ...data.subcommands.flatMap((s) => s.options)])
        expect(option.description.key, `${data.name} ${option.name}`).toMatch(/^command\./);
    }
  });

  it('GIVEN /summary with no options THEN the latest article, standard length, the asker’s language', () => {
    expect(summary.parse(raw({}), request())).toEqual({
      article: undefined,
      length: 'standard',
      language: 'de',
    });
    expect(summary.parse(raw({ language: 'pt', length: 'brief' }), request())).toMatchObject({
      length: 'brief',
      language: 'pt',
    });
  });

  it('GIVEN a length that is not offered THEN refused, naming the lengths', () => {
    expect(() => summary.parse(raw({ length: 'huge' }), request())).toThrow(
      'length must be one of brief, standard, detailed (got "huge").',
    );
  });

  it('GIVEN a question THEN trimmed; empty or over the limit THEN refused, the limit named', () => {
    expect(ask.parse(raw({ question: '  Who pays?  ' }), request())).toMatchObject({ question: 'Who pays?' });
    expect(() => parseQuestion('   ')).toThrow(UserFacingError);
    expect(() => parseQuestion('x'.repeat(QUESTION_MAX_CHARS))).not.toThrow();
    expect(() => parseQuestion('x'.repeat(QUESTION_MAX_CHARS + 1))).toThrow(
      `That question is ${QUESTION_MAX_CHARS + 1} characters long; please keep it under ${QUESTION_MAX_CHARS}.`,
    );
    expect(ask.data.options[0]).toMatchObject({
      name: 'question',
      required: true,
      maxLength: QUESTION_MAX_CHARS,
    });
  });

  it('GIVEN /digest set THEN time, zone and items are validated, and without a language the server’s is the default', () => {
    const settings = { channel: 'c1', time: '7:30', timezone: 'europe/berlin' };
    expect(digest.parse(raw(settings, 'set'), request())).toEqual({
      subcommand: 'set',
      guildId: 'g1',
      locale: 'de',
      settings: {
        channelId: 'c1',
        time: '07:30',
        timeZone: 'Europe/Berlin',
        items: 5,
        announceEmpty: false,
        // Nothing picked: an earlier pick stands, else the server's language.
        language: undefined,
        otherwise: 'fr',
      },
    });
    expect(() => digest.parse(raw({ ...settings, time: '25:00' }, 'set'), request())).toThrow(
      /not a time of day/,
    );
    expect(() => digest.parse(raw({ ...settings, timezone: 'Mars/Base' }, 'set'), request())).toThrow(
      /not a time zone I know/,
    );
    expect(() => digest.parse(raw({ ...settings, items: 11 }, 'set'), request())).toThrow(/from 1 to 10/);
  });

  it('GIVEN /digest or /usage outside a server THEN refused as per-server', () => {
    expect(() => digest.parse(raw({}, 'status'), request({ guildId: null }))).toThrow(/per server/);
    expect(() => usage.parse(raw({}), request({ guildId: null, locale: 'en' }))).toThrow(/works in a server/);
  });
});
