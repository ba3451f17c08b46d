import { describe, expect, it } from 'vitest';
import { createWordNetThesaurus } from '../../src/text/wordnet.ts';

describe('createWordNetThesaurus', () => {
  const thesaurus = createWordNetThesaurus();

  it('GIVEN common words THEN synonyms from their commonest senses, inflected forms included', () => {
    expect(thesaurus.synonyms('start')).toContain('begin');
    expect(thesaurus.synonyms('negotiations')).toContain('talks');
    expect(thesaurus.synonyms('road')).toContain('route');
    expect(thesaurus.synonyms('started')).toContain('begin');
  });

  it('GIVEN an irregular past form THEN its verb is found', () => {
    expect(thesaurus.synonyms('began')).toContain('start');
  });

  it('GIVEN a verb THEN the nouns derived from it, and the verb from such a noun', () => {
    expect(thesaurus.derivations('complain')).toContain('complaint');
    expect(thesaurus.derivations('teach')).toContain('teacher');
    expect(thesaurus.derivations('invention')).toContain('invent');
  });

  it('GIVEN a verb with an opposite THEN its antonyms', () => {
    expect(thesaurus.antonyms('rose')).toContain('fall');
    expect(thesaurus.antonyms('opened')).toContain('close');
    expect(thesaurus.antonyms('pashinyan')).toEqual([]);
  });

  it('GIVEN a form with a doubled consonant before its ending THEN its base word is found', () => {
    expect(thesaurus.synonyms('begging')).toContain('implore');
    expect(thesaurus.derivations('shopping')).toContain('shopper');
  });

  it('GIVEN a word WordNet lacks THEN no synonyms and no senses', () => {
    expect(thesaurus.derivations('pashinyan')).toEqual([]);
    expect(thesaurus.synonyms('pashinyan')).toEqual([]);
    expect(thesaurus.senseCounts('pashinyan')).toEqual({ noun: 0, verb: 0, adj: 0, adv: 0 });
    expect(thesaurus.synonyms('東京')).toEqual([]);
  });

  it('GIVEN words used as nouns and verbs THEN sense counts per part of speech', () => {
    const demand = thesaurus.senseCounts('demand');
    expect(demand.noun).toBeGreaterThan(0);
    expect(demand.verb).toBeGreaterThan(0);
    expect(thesaurus.senseCounts('quickly').adv).toBeGreaterThan(0);
  });

  it('GIVEN the first word and the last word of the index THEN binary search finds both ends', () => {
    expect(thesaurus.senseCounts('aardvark').noun).toBe(1);
    expect(thesaurus.senseCounts('zyrian').noun).toBe(1);
  });
});
