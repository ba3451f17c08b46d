import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArticleNotResolvedError, resolveArticle } from '../../src/answer/resolve.ts';
import type { ArticleStore } from '../../src/articles/article.ts';
import { parseArticleText } from '../../src/articles/parse/parse.ts';
import { openArticleStore } from '../../src/articles/store.ts';

// Articles written for this test: none of their names or titles appears in the code.
const ARTICLES: Record<string, { title: string; body: string[] }> = {
  bakery_fire: {
    title: 'Fire closes century-old bakery on Quay Street',
    body: [
      'Firefighters were called to the family bakery shortly after four in the morning on Sunday.',
      'Owner Tomasz Lindgren said the ovens had been inspected only last month. Lindgren, whose grandfather opened the shop, hopes to reopen by summer.',
      'Councillor Dana Okafor said the street would stay closed to traffic until the walls are made safe.',
    ],
  },
  river_survey: {
    title: 'Survey counts fewer otters along the upper river',
    body: [
      'Volunteers led by the ecologist Priya Ramaswamy walked forty kilometres of riverbank over the spring.',
      'Silt from two quarries upstream is the likely cause, said Ramaswamy, who asked for the water to be tested monthly.',
      'Councillor Dana Okafor promised a meeting with the quarry owners before the autumn.',
    ],
  },
  kazan_bridge: {
    title: 'В Казани закроют мост через Казанку на ремонт',
    body: [
      'Мост будет закрыт для машин с первого июня, сообщил глава управления дорог Рустам Галиев.',
      'Галиев пообещал, что автобусы пойдут в объезд по набережной.',
    ],
  },
  zoll_hafen: {
    title: 'Zoll findet Kokain in Bananenkisten im Hafen',
    body: [
      'Beamte entdeckten am Dienstag rund dreihundert Kilo Kokain in einem Container aus Übersee.',
      'Der Sprecher Jens Albrecht sagte, die Ladung sei für einen Großhändler bestimmt gewesen. Albrecht lobte die Arbeit der Spürhunde.',
    ],
  },
};

let store: ArticleStore;

beforeAll(async () => {
  store = await openArticleStore({ url: 'memory://' });
  let day = 1;
  for (const [id, { title, body }] of Object.entries(ARTICLES)) {
    const text = [title, '', ...body.flatMap((paragraph) => [paragraph, ''])].join('\n');
    const parsed = parseArticleText(text, {
      fileName: `${id}.txt`,
      publishedAt: new Date(Date.UTC(2026, 4, day++)),
    });
    if (!parsed.ok) throw new Error(parsed.reason);
    await store.upsert(parsed.article);
  }
});

afterAll(async () => {
  await store.close();
});

async function picked(reference: string) {
  const resolved = await resolveArticle(store, reference);
  return resolved.article.id;
}

async function refused(reference: string): Promise<string[]> {
  const error = await resolveArticle(store, reference).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ArticleNotResolvedError);
  return (error as ArticleNotResolvedError).suggestions.map((entry) => entry.id);
}

describe('a reference confirmed by the text of the article', () => {
  it('GIVEN a full name only one article mentions, in its body THEN that article', async () => {
    expect(await picked('Tomasz Lindgren')).toBe('bakery_fire');
  });

  it('GIVEN a misspelled name from the body and a body word THEN that article', async () => {
    expect(await picked('Ramaswmy quarry')).toBe('river_survey');
  });

  it('GIVEN a name with both words misspelled, which the index cannot find as typed THEN that article', async () => {
    expect(await picked('Tomas Lindgrem')).toBe('bakery_fire');
  });

  it('GIVEN made-up names that only start like a stored name THEN nothing is picked', async () => {
    await refused('Lindqvist Hansen');
  });

  it('GIVEN a name from a Russian article typed in Latin letters THEN that article', async () => {
    expect(await picked('Rustam Galiev')).toBe('kazan_bridge');
  });

  it('GIVEN a Russian first name in Latin letters with a surname no article has THEN nothing is picked', async () => {
    await refused('Rustam Petrov');
  });

  it('GIVEN one surname an English article keeps mentioning inside its sentences THEN that article', async () => {
    expect(await picked('Ramaswamy')).toBe('river_survey');
  });

  it('GIVEN a first name mentioned once THEN nothing is picked; the article is offered', async () => {
    expect(await refused('Priya')).toEqual(['river_survey']);
  });

  it('GIVEN one common noun only one article uses THEN nothing is picked', async () => {
    expect(await refused('quarries')).toEqual(['river_survey']);
  });

  it('GIVEN one surname in a German article, where every noun is capitalised THEN nothing is picked', async () => {
    expect(await refused('Albrecht')).toEqual(['zoll_hafen']);
  });

  it('GIVEN a name two articles both mention THEN nothing is picked and both are offered', async () => {
    expect((await refused('Okafor')).sort()).toEqual(['bakery_fire', 'river_survey']);
  });

  it('GIVEN one name from each of two articles THEN nothing is picked', async () => {
    expect((await refused('Lindgren Ramaswamy')).sort()).toEqual(['bakery_fire', 'river_survey']);
  });

  it('GIVEN a name from one body and a name no article holds THEN nothing is picked', async () => {
    expect(await refused('Lindgren Castellanos')).toEqual(['bakery_fire']);
  });

  it('GIVEN a shared name and a title word of one article THEN the article whose title holds it', async () => {
    expect(await picked('Okafor bakery')).toBe('bakery_fire');
  });
});
