import { describe, expect, it } from 'vitest';
import { articleIdFromKey, canonicalUrl } from '../../../src/articles/url.ts';
import { extractPage } from '../../../src/ingest/web/extract.ts';
import { htmlParagraphs } from '../../../src/ingest/web/paragraphs.ts';
import { fixtureText } from '../feeds/fixture-server.ts';

const ORIGIN = 'https://herald.example';

describe('page extraction', () => {
  it('GIVEN a real-looking article page THEN keeps the article and drops nav, ads, share bars, related links and comments', async () => {
    const page = extractPage(
      await fixtureText('pages/grain-exports.html', ORIGIN),
      `${ORIGIN}/news/grain-exports?utm_source=x`,
    );
    expect(page).toMatchObject({
      title: 'Grain exports reach record high',
      url: `${ORIGIN}/news/grain-exports`,
      siteName: 'City Herald',
      publishedAt: '2025-06-11T09:30:00.000Z',
      language: 'en',
    });
    expect(page.paragraphs[0]).toMatch(/^Exports of wheat and barley/);
    const text = page.paragraphs.join('\n');
    for (const furniture of [
      'Home',
      'Cheap flights',
      'Share on Facebook',
      'Advertisement',
      'premium newsletter',
      'Harvest forecast',
      'Great news for the farmers',
      'Post comment',
      'Most read',
      '© 2025',
      'dataLayer',
      'googletag',
    ])
      expect(text).not.toContain(furniture);
  });

  it('GIVEN a page with no <article> and a menu div THEN still finds the story', async () => {
    const page = extractPage(
      await fixtureText('pages/fish-market.html', ORIGIN),
      `${ORIGIN}/gazette/fish-market`,
    );
    expect(page.title).toBe('New fish market opens on the quay');
    expect(page.paragraphs).toHaveLength(3);
    expect(page.url).toBe(`${ORIGIN}/gazette/fish-market`);
  });

  it('GIVEN feed HTML THEN one paragraph per block element, inline markup joined, entities decoded', () => {
    const html =
      '<p>Hello <b>world</b> &amp; <a href="#">friends</a>.</p><h2>Next</h2><ul><li>one</li><li>two</li></ul><script>x()</script>';
    expect(htmlParagraphs(html)).toEqual(['Hello world & friends.', 'Next', 'one', 'two']);
  });
});

describe('canonical URLs and ids', () => {
  it('GIVEN a page fetched at a short link THEN its <link rel=canonical> becomes the URL', () => {
    const html = `<html><head><link rel="canonical" href="/story/real-slug"></head><body><p>Text.</p></body></html>`;
    expect(extractPage(html, `${ORIGIN}/?p=123`).url).toBe(`${ORIGIN}/story/real-slug`);
  });

  it('GIVEN tracking parameters and a fragment THEN strips them and keeps the rest', () => {
    expect(canonicalUrl('HTTPS://News.Example:443/a?id=7&utm_source=x&fbclid=1#top')).toBe(
      'https://news.example/a?id=7',
    );
    expect(canonicalUrl('mailto:someone@example.com')).toBeNull();
  });

  it('GIVEN a key THEN the id is u + 15 hex, the same every time', () => {
    expect(articleIdFromKey('https://news.example/a')).toMatch(/^u[0-9a-f]{15}$/);
    expect(articleIdFromKey('https://news.example/a')).toBe(articleIdFromKey('https://news.example/a'));
    expect(articleIdFromKey('https://news.example/a')).not.toBe(articleIdFromKey('https://news.example/b'));
  });
});
