import { describe, expect, it } from 'vitest';
import { LocalizedError } from '../../../src/core/i18n/errors.ts';
import { formatNumber, plural, primaryLanguage, translate } from '../../../src/core/i18n/index.ts';
import { CATALOGUES, en } from '../../../src/core/i18n/messages.ts';

describe('translate', () => {
  it('GIVEN a Discord locale with a region THEN uses its language', () => {
    expect(translate('de', 'reply.quotes')).toBe('Aus dem Artikel');
    expect(translate('en-GB', 'reply.quotes')).toBe('From the article');
  });

  it('GIVEN a language without a catalogue, or no locale THEN English', () => {
    expect(translate('pt-BR', 'reply.quotes')).toBe('From the article');
    expect(translate(null, 'reply.quotes')).toBe('From the article');
  });

  it('GIVEN placeholders THEN fills the known ones and leaves unknown ones visible', () => {
    expect(translate('en', 'reply.continued', { part: 1, total: 3 })).toBe('Continued below (1/3)');
    expect(translate('en', 'reply.continued', { part: 1 })).toBe('Continued below (1/{total})');
  });

  it('GIVEN every catalogue THEN each entry keeps the English placeholders', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const catalogue of Object.values(CATALOGUES)) {
      for (const [key, text] of Object.entries(catalogue)) {
        expect(placeholders(text), key).toEqual(placeholders(en[key as keyof typeof en]));
      }
    }
  });

  it('GIVEN junk as a locale THEN the default language', () => {
    expect(primaryLanguage('')).toBe('en');
    expect(primaryLanguage('<script>')).toBe('en');
    expect(primaryLanguage('DE-at')).toBe('de');
  });
});

describe('counts, numbers and errors in the reader’s language', () => {
  it('GIVEN a count THEN each language’s own plural form, the number written its way', () => {
    const ru = [1, 3, 5, 21, 1234].map((n) => plural('ru', 'digest.articles', n));
    expect(ru).toEqual(['1 статья', '3 статьи', '5 статей', '21 статья', '1\u00a0234 статьи']);
    expect(plural('fr', 'digest.post.new-articles', 0)).toBe('0 nouvel article');
    expect(plural('de-AT', 'digest.articles', 1234)).toBe('1.234 Artikel');
    expect(plural('en-GB', 'digest.articles', 1)).toBe('1 article');
    expect(plural('pt-BR', 'digest.articles', 2)).toBe('2 articles');
    expect(formatNumber('es', 12345)).toBe('12.345');
  });

  it('GIVEN a LocalizedError THEN the log reads English and each reader their language, lists joined their way', () => {
    const error = new LocalizedError('digest.missing-permission', 'digest-missing-permission', {
      channel: '42',
      missing: ['digest.permission.view-channel', 'digest.permission.embed-links'],
    });
    expect(error.message).toContain('I lack View Channel and Embed Links there.');
    expect(error.in('fr')).toContain('il me manque Voir le salon et Intégrer des liens là-bas');
    expect(error.in('ru')).toContain('не хватает прав: Просматривать канал и Встраивать ссылки.');
    expect(error.in('xx')).toBe(error.message);
  });
});

describe('commands named in texts', () => {
  it('GIVEN a text naming a command THEN each language names it as its client lists it; English and other slashes stay', () => {
    expect(translate('de', 'digest.status.none')).toContain(
      `/${translate('de', 'name.digest')} ${translate('de', 'name.set')}`,
    );
    expect(translate('en', 'digest.status.none')).toContain('/digest set');
    expect(translate('ru', 'cooldown.wait', { command: 'ask', limit: 5, retryAt: 'x' })).toContain(
      `/${translate('ru', 'name.ask')}`,
    );
    for (const language of ['de', 'es', 'fr', 'ru']) {
      for (const key of Object.keys(en) as (keyof typeof en)[]) {
        expect(translate(language, key), `${language} ${key}`).not.toMatch(
          /(?<![\w/])\/(ask|summary|digest|usage)\b/,
        );
      }
    }
  });
});
