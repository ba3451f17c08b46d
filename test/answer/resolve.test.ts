import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArticleNotResolvedError, resolveArticle } from '../../src/answer/resolve.ts';
import type { ArticleStore } from '../../src/articles/article.ts';
import { parseArticleText } from '../../src/articles/parse/parse.ts';
import { openArticleStore } from '../../src/articles/store.ts';

// Articles written for this test: no title or word here appears in the code.
const ARTICLES: Record<string, { title: string; body: string[]; url?: string }> = {
  ferry_crossings: {
    title: 'Ferry operator doubles crossings to the northern islands',
    body: [
      'From next week the operator will sail to the northern islands four times a day instead of twice.',
      'Islanders had complained for years that a missed boat meant a night on the mainland.',
    ],
  },
  ferry_fares: {
    title: 'Ferry fares frozen for pensioners until spring',
    body: [
      'The regional transport board voted this week to keep concession fares at last year’s level.',
      'Pensioners make up a third of passengers on the winter timetable.',
    ],
  },
  geneve_piscines: {
    title: 'Genève ouvre trois piscines de nuit pendant la canicule',
    body: [
      'La ville de Genève prolonge l’ouverture de trois bassins jusqu’à minuit cette semaine.',
      'Les maîtres-nageurs supplémentaires sont payés par le canton.',
    ],
  },
  orchard_bloom: {
    title: 'Orchard growers report early bloom after mild winter',
    body: [
      'Apple and pear trees flowered almost three weeks ahead of the usual calendar this week.',
      'Growers fear that a single night of frost could now destroy much of the harvest.',
    ],
    url: 'https://news.example.org/agri/orchard-growers-early-bloom',
  },
  clock_tower: {
    title: 'Museum reopens restored clock tower to visitors',
    body: [
      'After two years of scaffolding the tower’s mechanism strikes the hour again from this week.',
      'Visitors can climb the 212 steps to the bell chamber on guided tours.',
    ],
  },
};

let store: ArticleStore;

beforeAll(async () => {
  store = await openArticleStore({ url: 'memory://' });
  let day = 1;
  for (const [id, { title, body, url }] of Object.entries(ARTICLES)) {
    const text = [title, '', ...body.flatMap((paragraph) => [paragraph, ''])].join('\n');
    const parsed = parseArticleText(text, {
      fileName: `${id}.txt`,
      publishedAt: new Date(Date.UTC(2026, 2, day++)),
      ...(url ? { url } : {}),
    });
    if (!parsed.ok) throw new Error(parsed.reason);
    await store.upsert(parsed.article);
  }
});
afterAll(async () => store.close());

async function unresolved(
  reference: string | undefined,
  question?: string,
): Promise<ArticleNotResolvedError> {
  const error = await resolveArticle(store, reference, question).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ArticleNotResolvedError);
  return error as ArticleNotResolvedError;
}
const titlesOf = (error: ArticleNotResolvedError) => error.suggestions.map((entry) => entry.title);

describe('resolving a typed article reference', () => {
  it('GIVEN an article id THEN that article, picked by id', async () => {
    const resolved = await resolveArticle(store, 'clock_tower');
    expect(resolved).toMatchObject({ article: { id: 'clock_tower' }, pickedBy: 'id' });
  });

  it('GIVEN an article id typed in capitals THEN that article, picked by id', async () => {
    const resolved = await resolveArticle(store, 'Clock_Tower');
    expect(resolved).toMatchObject({ article: { id: 'clock_tower' }, pickedBy: 'id' });
  });

  it('GIVEN the article URL (with a trailing slash and a fragment) THEN that article', async () => {
    const url = 'https://news.example.org/agri/orchard-growers-early-bloom/#comments';
    const resolved = await resolveArticle(store, url);
    expect(resolved).toMatchObject({ article: { id: 'orchard_bloom' }, pickedBy: 'id' });
  });

  it('GIVEN a URL of a page that is not stored THEN no article matches and none is offered', async () => {
    const error = await unresolved('https://news.example.org/agri/orchard-prices-collapse');
    expect(error.suggestions).toEqual([]);
    expect(error.message).toMatch(/^No stored article matches that\./);
  });

  it('GIVEN the whole title in other case and punctuation THEN that article, as if picked', async () => {
    const resolved = await resolveArticle(store, 'MUSEUM reopens restored clock-tower to visitors!');
    expect(resolved).toMatchObject({ article: { id: 'clock_tower' }, pickedBy: 'id' });
  });

  it('GIVEN the start of a title, cut mid-word THEN that article, as the best match', async () => {
    const resolved = await resolveArticle(store, 'orchard growers rep');
    expect(resolved).toMatchObject({ article: { id: 'orchard_bloom' }, pickedBy: 'best-match' });
  });

  it('GIVEN a title with typos THEN that article', async () => {
    const resolved = await resolveArticle(store, 'musuem reopns restord clock towr');
    expect(resolved.article.id).toBe('clock_tower');
  });

  it('GIVEN a title typed without its accents THEN that article', async () => {
    const resolved = await resolveArticle(store, 'geneve piscines de nuit');
    expect(resolved.article.id).toBe('geneve_piscines');
  });

  it('GIVEN two words of which one is in both ferry titles THEN the title holding both', async () => {
    const resolved = await resolveArticle(store, 'ferry pensioners');
    expect(resolved.article.id).toBe('ferry_fares');
  });

  it('GIVEN made-up names THEN no article matches and no title is offered', async () => {
    const error = await unresolved('Vlorp Quandimax');
    expect(error.suggestions).toEqual([]);
    expect(error.reason).toBe('reference');
  });

  it('GIVEN a single word that is in several articles THEN nothing is picked; up to 3 titles are offered', async () => {
    const error = await unresolved('week');
    expect(error.suggestions.length).toBeGreaterThan(0);
    expect(error.suggestions.length).toBeLessThanOrEqual(3);
  });

  it('GIVEN a word shared by two titles THEN nothing is picked and both titles are offered', async () => {
    const error = await unresolved('ferry');
    expect(titlesOf(error)).toEqual(
      expect.arrayContaining([ARTICLES.ferry_crossings?.title, ARTICLES.ferry_fares?.title]),
    );
    expect(error.message).toContain('Close titles:');
    expect(error.message).toContain(ARTICLES.ferry_fares?.title);
  });

  it('GIVEN words of which only one is in any title THEN nothing is picked', async () => {
    const error = await unresolved('ferry strike compensation');
    expect(titlesOf(error)).toContain(ARTICLES.ferry_crossings?.title);
  });
});

describe('hostile references', () => {
  const hostile = [
    'x'.repeat(100_000),
    `${'ferry '.repeat(5_000)}islands`,
    'https://',
    'javascript:alert(1)',
    '\u0000\u202e<@123456789012345678> **ferry** [islands](https://evil.example)',
    '🛳️🛳️🛳️',
    'ferry\u200Bislands',
  ];
  it.each(hostile)(
    'GIVEN %j THEN it resolves or says no article matches, quickly, never anything else',
    async (reference) => {
      const started = performance.now();
      const outcome = await resolveArticle(store, reference).then(
        () => 'resolved',
        (error: unknown) => (error instanceof ArticleNotResolvedError ? 'unresolved' : error),
      );
      expect(['resolved', 'unresolved']).toContain(outcome);
      expect(performance.now() - started).toBeLessThan(1_000);
    },
  );
});

describe('picking the article for /ask without one', () => {
  it('GIVEN a question sharing several words with one article THEN that article, as the best match', async () => {
    const resolved = await resolveArticle(
      store,
      undefined,
      'How many times a day will boats sail to the islands?',
    );
    expect(resolved).toMatchObject({ article: { id: 'ferry_crossings' }, pickedBy: 'best-match' });
  });

  it('GIVEN a question that matches two articles equally weakly THEN it names the articles it considered', async () => {
    const error = await unresolved(undefined, 'What did the ferry company say?');
    expect(error.reason).toBe('question');
    expect(titlesOf(error)).toEqual(
      expect.arrayContaining([ARTICLES.ferry_crossings?.title, ARTICLES.ferry_fares?.title]),
    );
    expect(error.message).toContain('Articles considered:');
  });

  it('GIVEN a question about nothing stored THEN it says no article seems to be about that', async () => {
    const error = await unresolved(undefined, 'Who won the chess olympiad?');
    expect(error.suggestions).toEqual([]);
    expect(error.message).toMatch(/No stored article seems to be about that/);
  });
});
