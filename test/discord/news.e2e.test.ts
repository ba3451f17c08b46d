import { afterEach, describe, expect, it } from 'vitest';
import { NEWS_LIST_MAX } from '../../commands/news.ts';
import type { Article } from '../../src/articles/article.ts';
import { contentHash } from '../../src/articles/identity.ts';
import { translate } from '../../src/core/i18n/index.ts';
import type { UserView } from '../fakes/discord/index.ts';
import { seenAsUser } from '../support/discord-markdown.ts';
import { type NewsWorld, settled, startNewsWorld } from './support/news-world.ts';

type Button = { custom_id: string; label: string };
type Row = { components: Button[] };

const buttonsOf = (view: UserView | { components: unknown[] }): Button[][] => {
  const message = 'original' in view ? view.original : view;
  return ((message?.components ?? []) as Row[]).map((row) => row.components);
};

const GERMAN_DATE = (iso: string) =>
  new Intl.DateTimeFormat('de', { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.parse(iso));

function article(overrides: Partial<Article> & Pick<Article, 'id' | 'title'>): Article {
  const paragraphs = overrides.paragraphs ?? ['The lighthouse trust is hiring two keepers for the winter.'];
  return {
    paragraphs,
    category: 'Coast news',
    disclaimer: 'Reprinted automatically from the coast bulletin.',
    url: 'https://coast-bulletin.example/lighthouse',
    source: 'Coast Bulletin',
    language: 'en',
    publishedAt: new Date().toISOString(),
    ...overrides,
    hash: contentHash(overrides.title, paragraphs),
  };
}

describe('/news: the stored articles, with Summary and Ask under each', () => {
  let world: NewsWorld;
  afterEach(async () => world?.close());

  const news = async (options: Record<string, string> = {}, locale = 'en-US') =>
    (await world.discord.command('news', options, { locale })).waitFor(settled);

  it('GIVEN stored articles WHEN a German member runs /news THEN privately the newest five, each linked, dated in German, with its category and German buttons', async () => {
    world = await startNewsWorld();
    const view = await news({}, 'de');
    const newest = await world.runtime.store.latest(NEWS_LIST_MAX);
    expect(world.runtime.store.count()).toBeGreaterThan(NEWS_LIST_MAX);
    expect(view.ephemeral).toBe(true);
    expect(view.rejections).toEqual([]);
    expect(view.original?.content).toContain('Neueste gespeicherte Artikel');
    const embeds = view.original?.embeds ?? [];
    expect(embeds.map((e) => seenAsUser(e.title ?? '').text)).toEqual(
      newest.map((a, i) => `${i + 1}. ${a.title}`),
    );
    expect(embeds.map((e) => e.url)).toEqual(newest.map((a) => a.url ?? undefined));
    newest.forEach((stored, i) => {
      expect(embeds[i]?.description).toBe(`${GERMAN_DATE(stored.publishedAt)} · ${stored.category}`);
    });
    const rows = buttonsOf(view);
    expect(rows).toHaveLength(newest.length);
    expect(rows[1]?.map((b) => b.label)).toEqual(['Zusammenfassung #2', 'Frage zu #2']);
    expect(rows[1]?.map((b) => b.custom_id)).toEqual([
      `article:summary:${newest[1]?.id}`,
      `article:ask:${newest[1]?.id}`,
    ]);
    expect(world.anthropic.requests).toHaveLength(0);
  });

  it('GIVEN words WHEN /news query THEN only the articles that match them, best first; words that match nothing say so instead of listing the latest', async () => {
    world = await startNewsWorld();
    const tram = await news({ query: 'tram line airport' });
    const titles = (tram.original?.embeds ?? []).map((e) => e.title ?? '');
    expect(titles[0]).toMatch(/tram line/);
    expect(tram.original?.content).toMatch(/Best matches for “tram line airport”/);
    const nothing = await news({ query: 'the of and' });
    expect(nothing.ephemeral).toBe(true);
    expect(nothing.original?.embeds).toEqual([]);
    expect(nothing.original?.content).toMatch(/No stored article matches “the of and”/);
    expect(buttonsOf(nothing)).toEqual([]);
    // A stopword last is not the start of a longer word: a submitted query is finished words.
    for (const query of ['the and of a to in', 'of', 'a', 'in']) {
      const none = await news({ query });
      expect(none.original?.content, query).toMatch(/No stored article matches/);
    }
  });

  it('GIVEN an empty store THEN /news says nothing is stored yet, without an operator command', async () => {
    world = await startNewsWorld({ ingest: false });
    const view = await news();
    expect(view.ephemeral).toBe(true);
    expect(view.original?.content).toMatch(/No articles are stored yet/);
    expect(view.original?.content).not.toMatch(/npm/);
  });

  it('GIVEN a title, category and URL with markup, pings and a script link, and a query with markup THEN all shown as text, only http(s) linked, nobody pinged', async () => {
    world = await startNewsWorld({ ingest: false });
    const hostile = article({
      id: 'lighthouse-keepers',
      title: '## Keepers [wanted](https://jobs.example/apply) @everyone <@323456789012345678>',
      category: '**Coast** ||news|| @here',
      url: 'javascript:alert(1)',
    });
    await world.runtime.store.upsert(hostile);
    const view = await news({ query: 'keepers [x](https://evil.example) @everyone' });
    const embed = view.original?.embeds[0];
    expect(embed?.url).toBeUndefined();
    expect(seenAsUser(embed?.title ?? '').text).toBe(`1. ${hostile.title}`);
    // "1. " is the list's own numbering; the title after it is the feed's.
    expect(seenAsUser((embed?.title ?? '').replace(/^1\. /, '')).markup).toEqual([]);
    expect(seenAsUser(embed?.description ?? '').markup).toEqual([]);
    expect(seenAsUser(view.original?.content ?? '').text).toContain('[x](https://evil.example)');
    expect(view.original?.pings).toEqual({ everyone: false, users: [], roles: [] });
  });
});

describe('the article buttons (/news and the digest) answer privately, with the answer’s buttons', () => {
  let world: NewsWorld;
  afterEach(async () => world?.close());

  it('GIVEN a /news entry WHEN its Summary is pressed THEN a private summary of that article, carrying the answer buttons on its record', async () => {
    world = await startNewsWorld();
    const listed = await (await world.discord.command('news', {})).waitFor(settled);
    const summaryId = buttonsOf(listed)[2]?.[0]?.custom_id ?? '';
    const id = summaryId.replace('article:summary:', '');
    const stored = await world.runtime.store.get(id);
    const pressed = await world.discord.button(summaryId);
    const view = await pressed.waitFor(settled);
    expect(view.ephemeral).toBe(true);
    expect(view.original?.embeds[0]?.title).toBe(stored?.title);
    const probe = buttonsOf(view).flat()[0]?.custom_id ?? '';
    expect(probe).toBe(`answer:probe:${pressed.id}`);
    const record = await world.records.get(pressed.id);
    expect(record).toMatchObject({ kind: 'summary', question: null, article: { id, version: 1 } });
  });

  it('GIVEN a /news entry WHEN Ask is pressed THEN a modal titled in the member’s language; the question is answered privately and recorded with the answer buttons', async () => {
    world = await startNewsWorld();
    const listed = await (await world.discord.command('news', {}, { locale: 'fr' })).waitFor(settled);
    const askId = buttonsOf(listed)[0]?.[1]?.custom_id ?? '';
    const id = askId.replace('article:ask:', '');
    const opened = await (await world.discord.button(askId, { locale: 'fr' })).waitFor(
      (v) => v.modal !== null,
    );
    const modal = opened.modal as { custom_id: string; title: string };
    expect(modal.custom_id).toBe(`article:question:${id}`);
    expect(modal.title.startsWith('Question sur')).toBe(true);
    expect([...modal.title].length).toBeLessThanOrEqual(45);
    expect(JSON.stringify(modal)).toContain(translate('fr', 'news.modal.question'));
    const question = 'What was decided?';
    const submitted = await world.discord.modalSubmit(modal.custom_id, { question }, { locale: 'fr' });
    const view = await submitted.waitFor(settled);
    expect(view.ephemeral).toBe(true);
    expect(
      buttonsOf(view)
        .flat()
        .map((b) => b.custom_id),
    ).toEqual([`answer:probe:${submitted.id}`]);
    expect(await world.records.get(submitted.id)).toMatchObject({ kind: 'ask', question, article: { id } });
  });

  it('GIVEN a digest posted before the buttons were generalised WHEN its digest:summary and digest:question ids are used THEN they still answer, with the answer buttons', async () => {
    world = await startNewsWorld();
    const [first] = await world.runtime.store.latest(1);
    const summary = await world.discord.button(`digest:summary:${first?.id}`);
    const summaryView = await summary.waitFor(settled);
    expect(summaryView.original?.embeds[0]?.title).toBe(first?.title);
    expect(buttonsOf(summaryView).flat()[0]?.custom_id).toBe(`answer:probe:${summary.id}`);
    const opened = await (await world.discord.button(`digest:ask:${first?.id}`)).waitFor(
      (v) => v.modal !== null,
    );
    expect((opened.modal as { custom_id: string }).custom_id).toBe(`article:question:${first?.id}`);
    const asked = await world.discord.modalSubmit(`digest:question:${first?.id}`, { question: 'Who voted?' });
    const askedView = await asked.waitFor(settled);
    expect(askedView.ephemeral).toBe(true);
    expect(await world.records.get(asked.id)).toMatchObject({ kind: 'ask', question: 'Who voted?' });
  });

  it('GIVEN a button of an article since removed THEN a private note in the member’s language, and no model call', async () => {
    world = await startNewsWorld();
    const view = await (await world.discord.button('article:summary:gone-article', { locale: 'de' })).waitFor(
      settled,
    );
    expect(view.ephemeral).toBe(true);
    expect(view.original?.content).toBe(translate('de', 'news.article-gone'));
    expect(world.anthropic.requests).toHaveLength(0);
  });

  it('GIVEN a button or form id no route serves (an older version’s, or forged) THEN a private note, never a timeout', async () => {
    world = await startNewsWorld();
    for (const id of ['answer:discuss:abc', 'digest:summary:', 'reports:older:-1', 'x'.repeat(100)]) {
      const view = await (await world.discord.button(id, { locale: 'ru' })).waitFor(settled);
      expect(view.ephemeral).toBe(true);
      expect(view.original?.content).toBe(translate('ru', 'router.stale-component'));
      expect(view.rejections).toEqual([]);
    }
    const form = await (await world.discord.modalSubmit('old:form', { question: 'x' })).waitFor(settled);
    expect(form.original?.content).toBe(translate('en', 'router.stale-component'));
    expect(world.anthropic.requests).toHaveLength(0);
  });

  it('GIVEN an empty question in the modal THEN refused privately before any model call', async () => {
    world = await startNewsWorld();
    const [first] = await world.runtime.store.latest(1);
    const view = await (
      await world.discord.modalSubmit(`article:question:${first?.id}`, { question: '   ' })
    ).waitFor((v) => v.original !== null);
    expect(view.ephemeral).toBe(true);
    expect(view.original?.content).toMatch(/Please type a question/);
    expect(world.anthropic.requests).toHaveLength(0);
  });
});
