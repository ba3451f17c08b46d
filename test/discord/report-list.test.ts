import { describe, expect, it } from 'vitest';
import type { AnswerRecord } from '../../src/answer/records.ts';
import { REPORTS_PAGE_SIZE, type Report } from '../../src/answer/reports.ts';
import { DISCORD_LIMITS, embedCharacterCount } from '../../src/discord/render.ts';
import { renderReportPage } from '../../src/discord/report/list.ts';

/** The longest texts a report can hold, made of characters escaping doubles (each `*` becomes `\*`). */
const LONG = (n: number) => '*_'.repeat(Math.ceil(n / 2)).slice(0, n);
const LOCALES = ['en-US', 'de', 'es-ES', 'fr', 'ru'] as const;

function record(overrides: Partial<AnswerRecord> = {}): AnswerRecord {
  return {
    kind: 'ask',
    question: LONG(2_000),
    answer: LONG(8_000),
    answered: true,
    quotes: [],
    article: { id: 'a', version: 999_999_999, hash: 'h', title: LONG(600), url: 'https://example.com/a' },
    provider: 'anthropic',
    model: LONG(300),
    language: 'en',
    guildId: '42',
    createdAt: '2026-12-01T10:00:00.000Z',
    ...overrides,
  };
}

function report(n: number, answer: AnswerRecord | null): Report {
  return {
    id: String(1_000_000_000_000_000 + n),
    guildId: '42',
    recordId: String(2_000_000_000_000_000 + n),
    record: answer,
    shown: answer ? null : LONG(4_000),
    note: LONG(1_000),
    locale: 'en-US',
    createdAt: '2026-12-01T10:05:00.000Z',
  };
}

const KINDS = {
  answers: () => record(),
  summaries: () => record({ kind: 'summary', question: null }),
  'answers no longer on record': () => null,
} as const;

describe('a /reports page', () => {
  for (const [kind, make] of Object.entries(KINDS)) {
    it(`GIVEN a full page of ${kind} with the longest question, answer, note and title THEN in every language the page stays within Discord's 6000 embed characters`, () => {
      const reports = Array.from({ length: REPORTS_PAGE_SIZE }, (_, n) => report(n, make()));
      const page = { reports, page: 0, pageSize: REPORTS_PAGE_SIZE, total: 250 };
      for (const locale of LOCALES) {
        const { embeds } = renderReportPage(page, locale);
        expect(embeds).toHaveLength(REPORTS_PAGE_SIZE);
        const total = embeds.reduce((sum, embed) => sum + embedCharacterCount(embed), 0);
        expect(total, locale).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotalChars);
        for (const embed of embeds) {
          expect(embed.title?.length ?? 0, locale).toBeLessThanOrEqual(DISCORD_LIMITS.embedTitleChars);
          expect(embed.description?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescriptionChars);
          // What the moderator needs to see is still there: each part of the report, if cut.
          expect(embed.description, locale).toMatch(/\\\*\\_/);
        }
      }
    });
  }

  it('GIVEN short reports THEN nothing of them is cut', () => {
    const short = report(1, record({ question: 'Who voted?', answer: 'Twelve councillors.' }));
    const { embeds } = renderReportPage(
      { reports: [{ ...short, note: 'It was 31.' }], page: 0, pageSize: 5, total: 1 },
      'en-US',
    );
    expect(embeds[0]?.description).toBe(
      '**Question:** Who voted?\n**Answer:** Twelve councillors.\n**What is wrong:** It was 31.',
    );
  });
});
