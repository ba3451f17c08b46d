import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../../src/articles/article.ts';
import { parseArticleFile } from '../../../src/articles/parse/parse.ts';

/**
 * Every footer set in test/fixtures/footers/*.json (format: /work/notes/FORMATS.md), run through the real file
 * parser. The tuning set is what the detector was tuned on and must pass whole; any other set (such as the held-out
 * set nobody tunes on, or the fresh set whose batches were each scored before being tuned on) must stay above the
 * floor (the goal is 90 %; held-out measured 85.2 % footers found before the detachment change, 92.6 % after;
 * fresh 84.2 %) and must never take the last paragraph of a file without a footer out of its body: a body
 * paragraph lost is worse than a footer missed. A held-out set's failing files are never named here.
 */
const FOOTERS_DIR = path.resolve(import.meta.dirname, '../../fixtures/footers');
const TUNING_SET = 'tuning';
const OTHER_SET_FOOTERS_FOUND_FLOOR = 0.82;
const OTHER_SET_DISCLAIMERS_OUT_FLOOR = 0.82;
/** The held-out set now meets issue 14's 90 % goal (92.6 % / 92.3 % measured): it must keep meeting it. */
const HELD_OUT_FLOOR = 0.9;
const floorFor = (set: string, other: number) => (set === 'held-out' ? HELD_OUT_FLOOR : other);

interface FooterCase {
  readonly file: string;
  readonly category: string | null;
  readonly disclaimer: string | null;
  readonly lastBodyParagraph: string;
}

interface FooterSet {
  readonly name: string;
  readonly filesDir: string;
  readonly cases: readonly FooterCase[];
}

function loadSets(): FooterSet[] {
  return readdirSync(FOOTERS_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const json = JSON.parse(readFileSync(path.join(FOOTERS_DIR, name), 'utf8')) as FooterSet;
      return {
        name: name.replace(/\.json$/, ''),
        filesDir: path.resolve(FOOTERS_DIR, json.filesDir),
        cases: json.cases,
      };
    });
}

/** A labelled category line ("Rubrique : Sciences") is stored as its value ("Sciences"). */
function categoryMatches(expected: string | null, found: string | null): boolean {
  if (expected === found) return true;
  if (expected === null || found === null || !expected.endsWith(found)) return false;
  return /[:：]\s*$/u.test(expected.slice(0, expected.length - found.length));
}

/** The disclaimer's middle: still found in a paragraph it was glued to, whatever label it has. */
function disclaimerCore(disclaimer: string): string {
  const start = Math.min(12, Math.floor(disclaimer.length / 4));
  return disclaimer.slice(start, start + 48);
}

interface CaseOutcome {
  readonly file: string;
  readonly hasFooter: boolean;
  readonly hasDisclaimer: boolean;
  readonly footerFound: boolean;
  readonly disclaimerOut: boolean;
  readonly lastBodyKept: boolean;
  readonly falseFooter: boolean;
}

function judge(c: FooterCase, article: Article | null): CaseOutcome {
  const body = article?.paragraphs ?? [];
  const category = article?.category ?? null;
  const disclaimer = article?.disclaimer ?? null;
  const hasFooter = c.category !== null || c.disclaimer !== null;
  return {
    file: c.file,
    hasFooter,
    hasDisclaimer: c.disclaimer !== null,
    footerFound: categoryMatches(c.category, category) && disclaimer === c.disclaimer,
    disclaimerOut:
      c.disclaimer === null || !body.some((p) => p.includes(disclaimerCore(c.disclaimer as string))),
    lastBodyKept: body.at(-1) === c.lastBodyParagraph,
    falseFooter: !hasFooter && (category !== null || disclaimer !== null),
  };
}

async function runSet(set: FooterSet): Promise<CaseOutcome[]> {
  return Promise.all(
    set.cases.map(async (c) => {
      const parsed = await parseArticleFile(path.join(set.filesDir, c.file));
      return judge(c, parsed.ok ? parsed.article : null);
    }),
  );
}

function share(outcomes: readonly CaseOutcome[], pass: (o: CaseOutcome) => boolean): number {
  return outcomes.length === 0 ? 1 : outcomes.filter(pass).length / outcomes.length;
}

interface SetFigures {
  readonly footersFound: number;
  readonly disclaimersOut: number;
  readonly lastBodyKept: number;
  readonly noFooterLastKept: number;
  readonly falseFooters: number;
}

function figures(outcomes: readonly CaseOutcome[]): SetFigures {
  const withFooter = outcomes.filter((o) => o.hasFooter);
  const withoutFooter = outcomes.filter((o) => !o.hasFooter);
  return {
    footersFound: share(withFooter, (o) => o.footerFound),
    disclaimersOut: share(
      outcomes.filter((o) => o.hasDisclaimer),
      (o) => o.disclaimerOut,
    ),
    lastBodyKept: share(outcomes, (o) => o.lastBodyKept),
    noFooterLastKept: share(withoutFooter, (o) => o.lastBodyKept),
    falseFooters: share(withoutFooter, (o) => o.falseFooter),
  };
}

function report(set: FooterSet, outcomes: readonly CaseOutcome[], f: SetFigures): void {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const footers = outcomes.filter((o) => o.hasFooter).length;
  const failed =
    set.name === TUNING_SET
      ? outcomes.filter((o) => !(o.footerFound && o.disclaimerOut && o.lastBodyKept))
      : [];
  console.log(
    `footer set "${set.name}": ${outcomes.length} files (${footers} with a footer) — footers found exactly ` +
      `${pct(f.footersFound)}, disclaimers kept out of the body ${pct(f.disclaimersOut)}, last body ` +
      `paragraphs kept ${pct(f.lastBodyKept)} (no-footer files ${pct(f.noFooterLastKept)}, false footers ` +
      `${pct(f.falseFooters)})${failed.length > 0 ? `; failed: ${failed.map((o) => o.file).join(', ')}` : ''}`,
  );
}

const SETS = loadSets();

describe('footer sets in test/fixtures/footers', () => {
  it('GIVEN the fixtures folder THEN the tuning set is among the sets found', () => {
    expect(SETS.map((s) => s.name)).toContain(TUNING_SET);
  });

  it.each(SETS)(
    'GIVEN footer set "$name" THEN footers leave the body and last body paragraphs stay',
    async (set) => {
      expect(set.cases.length).toBeGreaterThan(0);
      const outcomes = await runSet(set);
      const f = figures(outcomes);
      report(set, outcomes, f);
      if (set.name === TUNING_SET) {
        expect(outcomes.filter((o) => !(o.footerFound && o.disclaimerOut && o.lastBodyKept))).toEqual([]);
        return;
      }
      expect(f.footersFound).toBeGreaterThanOrEqual(floorFor(set.name, OTHER_SET_FOOTERS_FOUND_FLOOR));
      expect(f.disclaimersOut).toBeGreaterThanOrEqual(floorFor(set.name, OTHER_SET_DISCLAIMERS_OUT_FLOOR));
      expect(f.noFooterLastKept).toBe(1);
    },
  );
});
