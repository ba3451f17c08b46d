import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../../src/articles/article.ts';
import { parseArticleText } from '../../../src/articles/parse/parse.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/articles');

function parse(text: string): Article {
  const parsed = parseArticleText(text, { fileName: 'footer.txt' });
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.article;
}

async function fixture(name: string): Promise<Article> {
  return parse(await readFile(path.join(FIXTURES, name), 'utf8'));
}

describe('articles in other languages', () => {
  it.each([
    {
      file: 'de_strassenbahn.txt',
      language: 'de',
      title: 'Stadtrat von Hafenstadt beschließt neue Straßenbahnlinie zum Flughafen',
      category: 'Nachrichten aus Europa',
      disclaimer: /^Nicht alle Nachrichten auf der Seite geben die Meinung der Seite wieder/,
      last: /in den Außenbezirken erreiche\.$/,
    },
    {
      file: 'es_exportaciones.txt',
      language: 'es',
      title: 'Las exportaciones de grano caen por tercer mes debido a la huelga portuaria',
      category: 'Noticias de economía',
      disclaimer: /^No todas las noticias del sitio expresan el punto de vista del sitio/,
      last: /con la mediación del Ministerio de Trabajo\.$/,
    },
    {
      file: 'fr_canicule.txt',
      language: 'fr',
      title: "La canicule pousse la demande d'électricité à un niveau record",
      category: 'Actualités locales',
      disclaimer: /^Toutes les nouvelles du site n'expriment pas le point de vue du site/,
      last: /avec des orages dans le nord\.$/,
    },
    {
      file: 'ru_karabakh.txt',
      language: 'ru',
      title: 'Армения призвала Путина принять меры против блокады Карабаха',
      category: 'Новости России',
      disclaimer: /^Не все новости на сайте выражают точку зрения сайта/,
      last: /нехватку продовольствия, лекарств и топлива\.$/,
    },
  ])(
    'GIVEN $file THEN its own category line and disclaimer are found and its language is $language',
    async (c) => {
      const article = await fixture(c.file);
      expect(article.title).toBe(c.title);
      expect(article.category).toBe(c.category);
      expect(article.disclaimer).toMatch(c.disclaimer);
      expect(article.language).toBe(c.language);
      expect(article.paragraphs).toHaveLength(3);
      expect(article.paragraphs.at(-1)).toMatch(c.last);
    },
  );
});

describe('footers from other sources', () => {
  it('GIVEN a "views expressed in this article" disclaimer under a bare section name THEN both leave the body', async () => {
    const article = await fixture('other_source_views.txt');
    expect(article.category).toBe('Business');
    expect(article.disclaimer).toMatch(/^The views expressed in this article are those of the author/);
    expect(article.paragraphs).toHaveLength(2);
    expect(article.paragraphs.at(-1)).toMatch(/at the company's headquarters\.$/);
  });

  it('GIVEN an "automatically translated" notice THEN it is the disclaimer', async () => {
    const article = await fixture('other_source_translated.txt');
    expect(article.category).toBe('World News');
    expect(article.disclaimer).toBe(
      'This article was automatically translated from Arabic. Machine translation may contain errors; please refer to the original text.',
    );
    expect(article.paragraphs).toHaveLength(2);
  });

  it('GIVEN a "Disclaimer:" heading on its own line THEN heading and text form the disclaimer', async () => {
    const article = await fixture('other_source_label.txt');
    expect(article.disclaimer).toBe(
      'Disclaimer: The information in this story is provided as is, and the publisher gives no warranty about its completeness.',
    );
    expect(article.category).toBeNull();
    expect(article.paragraphs.at(-1)).toBe(
      'More than 4,000 visitors came on the first day, the museum said.',
    );
  });

  it('GIVEN no footer and a last paragraph about views and translation THEN every paragraph stays in the body', async () => {
    const article = await fixture('no_footer_views.txt');
    expect(article.category).toBeNull();
    expect(article.disclaimer).toBeNull();
    expect(article.paragraphs).toHaveLength(3);
    expect(article.paragraphs[1]).toMatch(/views expressed by the minister do not necessarily reflect/);
    expect(article.paragraphs[2]).toMatch(/automatically translated by his own office\.$/);
  });

  const BODY = 'Title line\n\nThe council met on Monday and approved the budget for next year.\n\n';
  it.each([
    'Disclaimer: This content is provided for informational purposes only.',
    'The opinions expressed in this column are solely those of the author.',
    'This story has been machine-translated and may contain errors.',
    'Haftungsausschluss: Die Meinung des Autors gibt nicht unbedingt die Meinung der Redaktion wieder.',
    'Dieser Artikel wurde automatisch aus dem Englischen übersetzt.',
    'Las opiniones expresadas en este artículo son responsabilidad exclusiva de su autor.',
    'Este artículo fue traducido automáticamente.',
    "Les opinions exprimées dans cet article n'engagent que leur auteur.",
    'Cet article a été traduit automatiquement.',
    'Мнение автора может не совпадать с позицией редакции.',
    'Эта статья была автоматически переведена с английского языка.',
    'Le opinioni espresse non riflettono necessariamente quelle della redazione.',
  ])(
    'GIVEN the disclaimer %j at the end THEN it is the disclaimer and the body is untouched',
    (disclaimer) => {
      const article = parse(`${BODY}${disclaimer}\n`);
      expect(article.disclaimer).toBe(disclaimer);
      expect(article.paragraphs).toEqual([
        'The council met on Monday and approved the budget for next year.',
      ]);
    },
  );

  it.each([
    'Residents said the views of the council do not necessarily reflect those of the neighbourhood.',
    'The minister’s opinions, expressed on television, were translated automatically into sign language.',
    'A disclaimer on the ballot paper confused some voters, officials said.',
  ])('GIVEN a last body paragraph %j THEN it is kept', (paragraph) => {
    const article = parse(`${BODY}${paragraph}\n`);
    expect(article.disclaimer).toBeNull();
    expect(article.paragraphs.at(-1)).toBe(paragraph);
  });

  it('GIVEN the disclaimer before the category line THEN both are still split off', () => {
    const article = parse(`${BODY}Disclaimer: Views are the author's own.\nWorld news\n`);
    expect(article.category).toBe('World news');
    expect(article.disclaimer).toBe("Disclaimer: Views are the author's own.");
    expect(article.paragraphs).toHaveLength(1);
  });

  it('GIVEN a labelled category line THEN the category is its value', () => {
    expect(parse(`${BODY}Category: Politics\n`).category).toBe('Politics');
  });
});

describe('footers recognised by position and shape', () => {
  const TITLE = 'Harbour board extends the night ferry trial\n\n';
  const LAST =
    'The trial will run until the end of October, when the board will decide whether to keep the service.';
  const BODY_TEXT = `${TITLE}The harbour board said on Monday that the night ferry to the islands would keep running.\n\n${LAST}\n\n`;
  const NOTICE =
    'Stories on this portal are put together by a program from press releases; nobody on our team reads them first.';

  it('GIVEN an unknown button line below the disclaimer THEN it is dropped and the footer still found', () => {
    const article = parse(`${BODY_TEXT}Maritime\n\n${NOTICE}\nJump to page top\n`);
    expect(article).toMatchObject({ category: 'Maritime', disclaimer: NOTICE });
    expect(article.paragraphs.at(-1)).toBe(LAST);
  });

  it('GIVEN a breadcrumb right above the disclaimer THEN it is the category', () => {
    expect(parse(`${BODY_TEXT}Regions › Coast\n\n${NOTICE}\n`).category).toBe('Regions › Coast');
  });

  it('GIVEN a section name below the disclaimer, then a button THEN the section name is the category', () => {
    const article = parse(`${BODY_TEXT}${NOTICE}\nMaritime\nSend to a friend by mail\n`);
    expect(article).toMatchObject({ category: 'Maritime', disclaimer: NOTICE });
  });

  it('GIVEN a short line without a full stop at the end and no footer THEN it stays in the body', () => {
    const article = parse(`${BODY_TEXT}Ferry timetable at a glance\n`);
    expect(article.category).toBeNull();
    expect(article.paragraphs.at(-1)).toBe('Ferry timetable at a glance');
    const withNotice = parse(`${BODY_TEXT}Ferry timetable at a glance\n\nMaritime\n\n${NOTICE}\n`);
    expect(withNotice.paragraphs.at(-1)).toBe('Ferry timetable at a glance');
    expect(withNotice.category).toBe('Maritime');
  });

  it('GIVEN a trailing list of short lines longer than a footer has THEN they all stay in the body', () => {
    const list = 'Monday crossing\nWednesday crossing\nFriday crossing\nSunday crossing\n';
    const article = parse(`${BODY_TEXT}${list}`);
    expect(article.paragraphs.slice(-4)).toEqual(list.trim().split('\n'));
    expect(article.category).toBeNull();
  });

  it('GIVEN the body’s last paragraph reports what a newspaper’s editors said about translation THEN it stays body', () => {
    const paragraph =
      'The Island Courier’s editors said on Tuesday that machine translation of their articles had produced 14 complaints.';
    const article = parse(`${BODY_TEXT}${paragraph}\n`);
    expect(article.disclaimer).toBeNull();
    expect(article.paragraphs.at(-1)).toBe(paragraph);
  });

  it('GIVEN a notice-like paragraph longer than any disclaimer THEN it stays body', () => {
    const long = `${NOTICE} `.repeat(10).trim();
    const article = parse(`${BODY_TEXT}${long}\n`);
    expect(article.disclaimer).toBeNull();
    expect(article.paragraphs.at(-1)).toBe(long);
  });

  it('GIVEN a copyright line naming a "News" outlet below the disclaimer THEN it is dropped, not taken for the category', () => {
    const article = parse(`${BODY_TEXT}Maritime\n\n${NOTICE}\n© Harbour Evening News\n`);
    expect(article).toMatchObject({ category: 'Maritime', disclaimer: NOTICE });
    expect(article.paragraphs.at(-1)).toBe(LAST);
  });

  it('GIVEN a notice repeating the word of the category line above it THEN that word does not count as the body’s', () => {
    const notice = 'Opinions in letters belong to their writers alone.';
    const article = parse(
      `${TITLE}The bypass would cut through the last old woodland in the valley.\n\nLetters\n\n${notice}\n`,
    );
    expect(article).toMatchObject({ category: 'Letters', disclaimer: notice });
  });

  it('GIVEN two notices at the end THEN both leave the body, joined, in order', () => {
    const second = 'This text was put into English by software and may miss the nuance of the original.';
    const article = parse(`${BODY_TEXT}${NOTICE}\n\n${second}\n`);
    expect(article.disclaimer).toBe(`${NOTICE}\n\n${second}`);
    expect(article.paragraphs.at(-1)).toBe(LAST);
  });

  it('GIVEN a notice under a news-word category in a language the lexicon lacks THEN position and contrast suffice', () => {
    const article = parse(`${BODY_TEXT}Uutiset\n\nSivuston sisältö käännetään koneellisesti.\n`);
    expect(article.category).toBe('Uutiset');
    expect(article.disclaimer).toBe('Sivuston sisältö käännetään koneellisesti.');
  });
});
