import { describe, expect, it } from 'vitest';
import { extractPage } from '../../../src/ingest/web/extract.ts';

/** A page may name its own canonical address; naming another site's would file its text under that site. */

function pageWithCanonical(canonical: string): string {
  const body = Array.from(
    { length: 3 },
    (_, n) =>
      `<p>Section ${n + 1}: the tide tables for the estuary moorings were reprinted after a misprint.</p>`,
  ).join('');
  return `<html><head><title>Tide tables reprinted</title><link rel="canonical" href="${canonical}"></head>
    <body><article><h1>Tide tables reprinted</h1>${body}</article></body></html>`;
}

describe('rel=canonical is believed only on the page’s own site', () => {
  it.each([
    ['the same host', 'https://estuary.example/print/tides', 'https://estuary.example/tides'],
    ['a parent host', 'https://m.estuary.example/tides', 'https://estuary.example/tides'],
    ['a child host', 'https://estuary.example/tides', 'https://news.estuary.example/tides'],
    ['www. beside a subdomain', 'https://m.estuary.example/tides', 'https://www.estuary.example/tides'],
  ])('GIVEN a canonical on %s THEN it is the page’s URL', (_case, pageUrl, canonical) => {
    expect(extractPage(pageWithCanonical(canonical), pageUrl).url).toBe(canonical);
  });

  it.each([
    ['another site', 'https://copies.example/tides', 'https://estuary.example/tides'],
    ['a look-alike suffix', 'https://estuary.example/tides', 'https://badestuary.example/tides'],
    ['another port of the same host', 'http://127.0.0.1:8081/tides', 'http://127.0.0.1:8082/tides'],
  ])(
    'GIVEN a canonical on %s THEN the page keeps the address it was fetched from',
    (_case, pageUrl, canonical) => {
      expect(extractPage(pageWithCanonical(canonical), pageUrl).url).toBe(pageUrl);
    },
  );
});
