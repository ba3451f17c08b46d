import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../../src/articles/article.ts';
import { parseArticleText } from '../../../src/articles/parse/parse.ts';
import { SITE_DISCLAIMER } from '../../../src/core/config.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/articles');
const ORIGIN = { fileName: 'variant.txt', publishedAt: new Date('2024-03-01T08:00:00Z') };

const TITLE = 'Harbor City opens its first night bus line';
const BODY = [
  'The first night bus line in Harbor City started running on Friday, linking the harbour to the university.',
  'Buses will run every 20 minutes between midnight and 5 a.m., the transport department said.',
  'Students’ union leader Ada Berg said the line was “long overdue” & welcome.',
];

/** The clean form of an article in the site's layout, from which the variants below are made dirty. */
function siteText({ body = BODY, footer = true } = {}): string {
  const lines = [TITLE, '', ...body.flatMap((p) => [p, ''])];
  if (footer) lines.push('Local news', '', SITE_DISCLAIMER, 'Back to top button');
  return `${lines.join('\n')}\n`;
}

function parse(text: string): Article {
  const parsed = parseArticleText(text, ORIGIN);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.article;
}

async function fixture(name: string): Promise<Article> {
  return parse(await readFile(path.join(FIXTURES, name), 'utf8'));
}

const clean = parse(siteText());

describe('parseArticleText on dirty variants of one article', () => {
  it('GIVEN the clean form THEN title, paragraphs and footer are split as written', () => {
    expect(clean.title).toBe(TITLE);
    expect(clean.paragraphs).toEqual(BODY);
    expect(clean.category).toBe('Local news');
    expect(clean.disclaimer).toBe(SITE_DISCLAIMER);
  });

  it.each([
    ['CRLF', (text: string) => text.replaceAll('\n', '\r\n')],
    ['bare CR', (text: string) => text.replaceAll('\n', '\r')],
    ['a byte-order mark', (text: string) => `\ufeff${text}`],
    ['trailing spaces and tabs', (text: string) => text.replaceAll('\n', ' \t \n')],
    ['runs of blank lines', (text: string) => text.replaceAll('\n\n', '\n\n\n \n\t\n\n')],
    ['leading blank lines', (text: string) => `\n\n  \n${text}`],
    ['non-breaking spaces', (text: string) => text.replace('first night bus', 'first\u00a0night&nbsp;bus')],
    [
      'doubled spaces inside a line',
      (text: string) => text.replace('every 20 minutes', 'every  20   minutes'),
    ],
    ['no final newline', (text: string) => text.trimEnd()],
  ])('GIVEN %s THEN the article is the same as the clean one', (_name, dirty) => {
    const article = parse(dirty(siteText()));
    expect(article.paragraphs).toEqual(clean.paragraphs);
    expect(article.hash).toBe(clean.hash);
    expect(article.category).toBe('Local news');
    expect(article.disclaimer).toBe(SITE_DISCLAIMER);
  });

  it('GIVEN HTML entities THEN they are decoded once', () => {
    const encoded = siteText().replace('Students’', 'Students&#8217;').replace('& welcome', '&amp; welcome');
    const withMore = encoded.replace(
      'long overdue',
      'long&nbsp;overdue&hellip; &quot;finally&quot; &#x2014; &amp;amp;',
    );
    const article = parse(withMore);
    expect(article.paragraphs[2]).toBe(
      'Students’ union leader Ada Berg said the line was “long overdue… "finally" — &amp;” & welcome.',
    );
    expect(parse(encoded).hash).toBe(clean.hash);
  });

  it('GIVEN text with a NUL character THEN it is refused as binary', () => {
    expect(parseArticleText(`${siteText()}\u0000`, ORIGIN)).toEqual({
      ok: false,
      reason: 'binary content (NUL character), not a text article',
    });
  });

  it('GIVEN a hard-wrapped paragraph THEN its lines are joined; one paragraph per line stays separate', () => {
    const wrapped = siteText().replace('linking the harbour', 'linking\nthe harbour');
    expect(parse(wrapped).paragraphs).toEqual(BODY);
    const noBlankLines = [TITLE, ...BODY, 'Local news', SITE_DISCLAIMER, 'Back to top button'].join('\n');
    const article = parse(noBlankLines);
    expect(article.paragraphs).toEqual(BODY);
    expect(article.category).toBe('Local news');
    expect(article.disclaimer).toBe(SITE_DISCLAIMER);
  });

  it('GIVEN everything at once (BOM, CRLF, entities, blank runs, leftovers mid-body) THEN nothing is lost', () => {
    const mixed = `\ufeff${siteText()}`
      .replace('Students’', 'Students&#8217;')
      .replace('Buses will', 'Share this:\nTweet\n\n\n\nBuses will')
      .replace('Local news', 'Related Articles\nCouncil approves tram line\n\nLocal news')
      .replaceAll('\n', '   \r\n');
    const article = parse(mixed);
    expect(article.paragraphs).toEqual(BODY);
    expect(article.hash).toBe(clean.hash);
    expect(article.disclaimer).toBe(SITE_DISCLAIMER);
  });
});

const LEFTOVERS = [
  'Back to top button',
  'BACK TO TOP',
  'Related Articles',
  'Read more',
  'Read More »',
  'Share this:',
  'Share',
  'Tweet',
  'Print',
  'Like this:',
  'Like Loading...',
  'Loading…',
  'Skip to content',
  'Zurück zum Anfang',
  'Volver arriba',
  'Retour en haut',
  'Наверх',
];

describe('theme leftovers', () => {
  it.each(LEFTOVERS)('GIVEN %j as its own line mid-body and at the end THEN it is dropped', (leftover) => {
    const text = siteText().replace('Buses will', `${leftover}\n\nBuses will`).concat(`\n${leftover}\n`);
    const article = parse(text);
    expect(article.paragraphs).toEqual(BODY);
    expect(article.disclaimer).toBe(SITE_DISCLAIMER);
  });

  it('GIVEN a sentence that contains leftover words THEN the sentence stays', () => {
    const body = [
      ...BODY,
      'Read more about the plan in the council’s report, or share this story with friends.',
      'Print',
    ];
    expect(parse(siteText({ body })).paragraphs).toEqual(body.slice(0, -1));
  });

  it('GIVEN a related-articles box with linked titles THEN the titles go, the body sentence after it stays', () => {
    const body = [
      BODY[0],
      'Related Articles\nCouncil approves tram line\nOld town shops report record summer',
      ...BODY.slice(1),
    ];
    expect(parse(siteText({ body: body as string[] })).paragraphs).toEqual(BODY);
  });

  it('GIVEN the crafted file with leftovers everywhere THEN only its two body sentences remain', async () => {
    const article = await fixture('leftovers_everywhere.txt');
    expect(article.paragraphs).toEqual([
      'The Harbor City council voted on Wednesday to close the old town to private cars every Sunday from April.',
      'Deliveries will be allowed until 10 a.m., and residents will receive exemption permits.',
    ]);
    expect(article.category).toBe('Local news');
    expect(article.disclaimer).toBe(SITE_DISCLAIMER);
  });
});
