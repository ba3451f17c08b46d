import { describe, expect, it } from 'vitest';
import { recordOf } from '../../src/answer/records.ts';
import { translate } from '../../src/core/i18n/index.ts';
import { LANGUAGES } from '../../src/core/i18n/section.ts';
import {
  DISCUSS,
  digestDiscussButton,
  THREAD_NAME_MAX_CHARS,
  threadName,
} from '../../src/discord/threads/buttons.ts';
import { completedReply } from './support/replies.ts';

const record = (kind: 'ask' | 'summary' | 'follow-up') =>
  recordOf(completedReply(), { kind, question: 'Why?', language: 'en', guildId: null });

describe('thread names', () => {
  it('GIVEN a short title THEN the thread is named exactly after it, on one line', () => {
    expect(threadName('Harbor City\n  approves tram', 'id')).toBe('Harbor City approves tram');
  });

  it('GIVEN a title over 100 characters THEN the name is cut at a word boundary with an ellipsis, within 100', () => {
    const title = `${'Councillors debated the tram line '.repeat(5)}for hours`;
    const name = threadName(title, 'id');
    expect(name.length).toBeLessThanOrEqual(THREAD_NAME_MAX_CHARS);
    expect(name.endsWith('…')).toBe(true);
    expect(title.startsWith(name.slice(0, -1))).toBe(true);
    expect(title.charAt(name.length - 1)).toBe(' ');
  });

  it('GIVEN a megabyte title without spaces or an empty one THEN a name of 1–100 characters, quickly', () => {
    const started = performance.now();
    expect(threadName('x'.repeat(1_000_000), 'id').length).toBe(THREAD_NAME_MAX_CHARS);
    expect(performance.now() - started).toBeLessThan(50);
    expect(threadName(' \n ', 'tram-line')).toBe('tram-line');
  });
});

describe('the Discuss buttons', () => {
  it('GIVEN an answer or a summary THEN Discuss is offered; GIVEN a follow-up (already in its thread) THEN not', () => {
    expect(DISCUSS.button('123', record('ask'), 'en')).toMatchObject({ custom_id: 'answer:discuss:123' });
    expect(DISCUSS.button('123', record('summary'), 'fr')).toMatchObject({
      label: 'En discuter dans un fil',
    });
    expect(DISCUSS.button('123', record('follow-up'), 'en')).toBeNull();
  });

  it('GIVEN every language THEN the labels fit a button (80) and a digest id of 80 characters fits a custom id (100)', () => {
    for (const language of LANGUAGES) {
      expect(translate(language, 'thread.discuss').length).toBeLessThanOrEqual(80);
      const button = digestDiscussButton('a'.repeat(80), 25, language);
      expect(button.label?.length).toBeLessThanOrEqual(80);
      expect(button.custom_id.length).toBeLessThanOrEqual(100);
    }
    expect(() => digestDiscussButton('a'.repeat(90), 1)).toThrow(/custom id/);
  });
});
