import { describe, expect, it } from 'vitest';
import {
  forEachTerm,
  parseCatalogueEntry,
  toCatalogueEntry,
} from '../../../src/articles/search/catalogue.ts';
import { parseQuery } from '../../../src/articles/search/search.ts';
import { makeArticle } from '../../store/articles-fixture.ts';

describe('queries', () => {
  it('GIVEN a query still being typed THEN only its last word is a prefix, kept even when a stopword', () => {
    // A query word is looked up under its stem in every language; the first is its own language's.
    const firstTerms = (query: string) =>
      parseQuery(query).map(({ terms, prefix }) => ({ term: terms[0], prefix }));
    expect(firstTerms('armenia urges the')).toEqual([
      { term: 'armenia', prefix: undefined },
      { term: 'urg', prefix: undefined },
      { term: 'the', prefix: 'the' },
    ]);
    expect(parseQuery('armenia urges ').map((word) => word.prefix)).toEqual([undefined, undefined]);
  });
});

describe('catalogue entries', () => {
  it('GIVEN an article THEN its entry weighs title words above body words and counts its length', () => {
    const entry = toCatalogueEntry(
      makeArticle({
        id: 'a',
        title: 'Ferry strike',
        paragraphs: ['The ferry crews strike again. Ferry late.'],
      }),
    );
    expect(entry.terms.split(' ').slice(0, 2)).toEqual(['ferri:5', 'strike:4']);
    expect(entry.length).toBeGreaterThan(5);
    expect(parseCatalogueEntry(JSON.parse(JSON.stringify(entry)))).toEqual(entry);
  });

  it('GIVEN malformed stored values THEN they are rejected or skipped, never thrown', () => {
    for (const junk of [
      null,
      42,
      'text',
      [],
      { id: 'x' },
      { ...toCatalogueEntry(makeArticle({ id: 'b' })), url: 3 },
    ]) {
      expect(parseCatalogueEntry(junk)).toBeUndefined();
    }
    const seen: string[] = [];
    forEachTerm('good:2 :3 broken nope:x  tail:1', (term, weight) => seen.push(`${term}=${weight}`));
    expect(seen).toEqual(['good=2', 'tail=1']);
  });
});
