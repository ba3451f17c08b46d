import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/core/i18n/section.ts';
import { reports } from '../../src/core/i18n/sections/reports.ts';

/** Discord's limits for what the Report feature shows (the fake Discord refuses longer ones with 50035). */
const LIMITS = {
  'report.button': 80,
  'report.list.newer': 80,
  'report.list.older': 80,
  'report.modal.title': 45,
  'report.modal.label': 45,
  'report.modal.placeholder': 100,
  'report.command.description': 100,
} as const;

describe('the Report texts', () => {
  it('GIVEN every language THEN each label, title and description fits its Discord limit, and none is left English', () => {
    for (const language of LANGUAGES) {
      for (const [key, limit] of Object.entries(LIMITS)) {
        const text = reports[language][key as keyof typeof LIMITS];
        expect([...text].length, `${language} ${key}`).toBeLessThanOrEqual(limit);
        expect(text.trim(), `${language} ${key}`).not.toBe('');
        if (language !== 'en')
          expect(text, `${language} ${key}`).not.toBe(reports.en[key as keyof typeof LIMITS]);
      }
    }
  });
});
