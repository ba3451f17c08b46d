import { describe, expect, it } from 'vitest';
import { primaryLanguage, translate } from '../../../src/core/i18n/index.ts';
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
