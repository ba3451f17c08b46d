import { describe, expect, it } from 'vitest';
import { NEWS_LIST_MAX, NEWS_QUERY_MAX_CHARS, news, parseNewsQuery } from '../../commands/news.ts';
import { UserFacingError } from '../../src/core/errors.ts';
import { translate } from '../../src/core/i18n/index.ts';
import { LANGUAGES } from '../../src/core/i18n/section.ts';
import { news as section } from '../../src/core/i18n/sections/news.ts';

const request = { locale: 'de' };

describe('/news reads what members type', () => {
  it('GIVEN a pasted 100 000-character query THEN refused at once in the member’s language, naming the limit', () => {
    const started = performance.now();
    let thrown: unknown;
    try {
      parseNewsQuery('tram '.repeat(20_000), request);
    } catch (error) {
      thrown = error;
    }
    expect(performance.now() - started).toBeLessThan(200);
    expect(thrown).toBeInstanceOf(UserFacingError);
    expect((thrown as Error).message).toContain(String(NEWS_QUERY_MAX_CHARS));
    expect((thrown as Error).message).toBe(
      translate('de', 'news.query-too-long', { length: 99_999, max: NEWS_QUERY_MAX_CHARS }),
    );
  });

  it('GIVEN invisible and control characters around words THEN only the words are searched; nothing but them means the latest', () => {
    expect(parseNewsQuery('\u200b tram\u202e\u0000line \n', request)).toBe('tram line');
    expect(parseNewsQuery('\u200b\u200f \t', request)).toBeNull();
    expect(parseNewsQuery(undefined, request)).toBeNull();
  });

  it('GIVEN the option as registered THEN Discord caps the query at the same limit parse enforces', () => {
    const [query] = news.data.options;
    expect(query).toMatchObject({ name: 'query', type: 'string', maxLength: NEWS_QUERY_MAX_CHARS });
    expect(query?.required).toBeUndefined();
    // Five rows of buttons per message: one per listed article.
    expect(NEWS_LIST_MAX).toBeLessThanOrEqual(5);
  });

  it('GIVEN every language THEN the descriptions, button labels and the modal’s field label fit Discord’s limits', () => {
    for (const language of LANGUAGES) {
      const texts = section[language];
      expect([...texts['command.news.description']].length).toBeLessThanOrEqual(100);
      expect([...texts['command.news.query']].length).toBeLessThanOrEqual(100);
      expect([...texts['command.help.description']].length).toBeLessThanOrEqual(100);
      expect([...texts['news.modal.question']].length).toBeLessThanOrEqual(45);
      for (const key of ['news.button.summary', 'news.button.ask'] as const)
        expect([...translate(language, key, { position: NEWS_LIST_MAX })].length).toBeLessThanOrEqual(80);
    }
  });
});
