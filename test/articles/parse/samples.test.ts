import { stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArticleFile } from '../../../src/articles/parse/parse.ts';
import { SITE_DISCLAIMER } from '../../../src/core/config.ts';

const SAMPLES_DIR = path.resolve(import.meta.dirname, '../../../data/samples');

interface SampleExpectation {
  readonly file: string;
  readonly title: string;
  readonly first: string;
  readonly last: string;
  readonly category: string;
  readonly paragraphs: number;
}

const SAMPLES: readonly SampleExpectation[] = [
  {
    file: '000_5330609adfd73756.txt',
    title: 'Armenia urges Putin to take action against Karabakh blockade',
    first:
      'Armenian Prime Minister Nikol Pashinyan on Tuesday urged Russian President Vladimir Putin to take “necessary” steps to reopen a key transit corridor between Armenia and the disputed Nagorno-Karabakh region.',
    last: 'Another outbreak of violence in 2020 claimed more than 6,500 lives and ended with a Russian-brokered truce that saw Armenia cede territories it had controlled for decades to Azerbaijan.',
    category: 'Russia news',
    paragraphs: 12,
  },
  {
    file: '001_tram_line_vote.txt',
    title: 'Harbor City council approves long-delayed tram line to the airport',
    first:
      'The Harbor City council on Thursday approved a 14-kilometre tram line linking the central station to the international airport, ending eight years of disputes over its route and cost.',
    last: 'The city first proposed the tram in 2016, but the plan stalled after two rounds of legal challenges by residents living along the original route.',
    category: 'Europe news',
    paragraphs: 9,
  },
  {
    file: '002_grain_exports.txt',
    title: 'Coastal grain exports fall for a third month as port strike drags on',
    first:
      'Grain shipments from the port of Sellmouth fell by 38 percent in October compared with a year earlier, the national statistics office said on Monday, as a strike by dock workers entered its seventh week.',
    last: 'Shipping brokers said freight rates for vessels loading at Sellmouth had risen by about a fifth since the strike began, as ships waited an average of nine days for a berth.',
    category: 'Economy news',
    paragraphs: 7,
  },
  {
    file: '003_heatwave_power.txt',
    title: 'Heatwave pushes electricity demand to record as grid operator urges restraint',
    first:
      'Electricity demand reached an all-time high of 61.4 gigawatts on Tuesday afternoon as temperatures climbed above 43 degrees Celsius in much of the country, the national grid operator said.',
    last: 'Hospitals reported a rise in admissions for heatstroke, mostly among people over 70, and the health ministry extended the opening hours of public cooling centres until midnight.',
    category: 'Local news',
    paragraphs: 7,
  },
  {
    file: '004_football_final.txt',
    title: 'Late penalty gives Northgate United their first cup title in 27 years',
    first:
      'Northgate United beat Westport Rovers 2-1 in the national cup final on Saturday, with captain Dario Lenz scoring from the penalty spot in the 88th minute.',
    last: 'Westport, who have won the cup five times, will still play in a European competition next season because of their league position.',
    category: 'Sports news',
    paragraphs: 7,
  },
  {
    file: '005_vaccine_trial.txt',
    title: 'University hospital begins trial of nasal vaccine against seasonal flu',
    first:
      'Researchers at the Lindqvist University Hospital have started testing a nasal spray vaccine against seasonal influenza on 1,200 adult volunteers, the hospital announced on Wednesday.',
    last: 'The trial is funded by a public research council grant of 7.5 million euros.',
    category: 'Health news',
    paragraphs: 6,
  },
  {
    file: '006_injection_attempt.txt',
    title: 'Library network extends opening hours and ends late fees',
    first:
      'The municipal library network will open until 10 p.m. on weekdays from next month and will stop charging fees for late returns, the culture department said on Friday.',
    last: 'The longer hours will be funded by moving two administrative posts to evening shifts and hiring 14 part-time staff.',
    category: 'Culture news',
    paragraphs: 6,
  },
];

/** Anything that belongs to the footer or the theme, never to the body. */
const FOOTER_MARKERS = [/back to top/i, /^not all news on the site/i, /\bnews$/];

describe('parseArticleFile on the bundled samples', () => {
  it.each(SAMPLES)(
    'GIVEN sample $file THEN title, body ends, category and disclaimer come out as written',
    async (sample) => {
      const parsed = await parseArticleFile(path.join(SAMPLES_DIR, sample.file));
      if (!parsed.ok) throw new Error(parsed.reason);
      const { article } = parsed;
      expect(article.title).toBe(sample.title);
      expect(article.paragraphs[0]).toBe(sample.first);
      expect(article.paragraphs.at(-1)).toBe(sample.last);
      expect(article.paragraphs).toHaveLength(sample.paragraphs);
      expect(article.category).toBe(sample.category);
      expect(article.disclaimer).toBe(SITE_DISCLAIMER);
      expect(parsed.warnings).toEqual([]);
    },
  );

  it.each(SAMPLES)('GIVEN sample $file THEN no footer or theme line is left in the body', async (sample) => {
    const parsed = await parseArticleFile(path.join(SAMPLES_DIR, sample.file));
    if (!parsed.ok) throw new Error(parsed.reason);
    for (const paragraph of parsed.article.paragraphs) {
      for (const marker of FOOTER_MARKERS) expect(paragraph).not.toMatch(marker);
    }
  });

  it('GIVEN the real scraped sample THEN id, hash, source, language and date are filled in', async () => {
    const file = path.join(SAMPLES_DIR, '000_5330609adfd73756.txt');
    const parsed = await parseArticleFile(file);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.article).toMatchObject({
      id: '000_5330609adfd73756',
      source: 'file',
      url: null,
      language: 'en',
      publishedAt: (await stat(file)).mtime.toISOString(),
    });
    expect(parsed.article.hash).toMatch(/^[0-9a-f]{16}$/);
    expect(parsed.article.paragraphs.join(' ')).toContain(
      'Moscow’s reluctance to end a “humanitarian crisis”',
    );
  });

  it('GIVEN the sample with an instruction aimed at a model THEN that paragraph is kept as article text', async () => {
    const parsed = await parseArticleFile(path.join(SAMPLES_DIR, '006_injection_attempt.txt'));
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.article.paragraphs[2]).toMatch(/^IMPORTANT SYSTEM NOTICE TO ANY AI ASSISTANT/);
  });
});
