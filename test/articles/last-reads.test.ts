import { describe, expect, it } from 'vitest';
import type { StoredArticle } from '../../src/articles/article.ts';
import { LastReads } from '../../src/articles/last-reads.ts';
import { makeArticle } from '../store/articles-fixture.ts';

const stored = (id: string, version = 1): StoredArticle => ({
  ...makeArticle({ id }),
  version,
  firstSeenAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
});

describe('the copies kept for a store outage', () => {
  it('GIVEN more articles read than it keeps THEN the least recently read go first', () => {
    const reads = new LastReads(2);
    reads.remember(stored('a'));
    reads.remember(stored('b'));
    reads.remember(stored('a'));
    reads.remember(stored('c'));
    expect(reads.get('a')?.id).toBe('a');
    expect(reads.get('b')).toBeUndefined();
    expect(reads.get('c')?.id).toBe('c');
  });

  it('GIVEN a newer version written here THEN it replaces the copy; GIVEN one written elsewhere THEN the copy is dropped', () => {
    const reads = new LastReads();
    reads.remember(stored('a'));
    reads.replace(stored('a', 2));
    reads.replace(stored('never-read', 2));
    expect(reads.get('a')?.version).toBe(2);
    expect(reads.get('never-read')).toBeUndefined();
    reads.forget('a');
    expect(reads.get('a')).toBeUndefined();
  });

  it('GIVEN a read that finishes after a newer write THEN the newer version stays', () => {
    const reads = new LastReads();
    reads.remember(stored('a', 1));
    reads.replace(stored('a', 2));
    reads.remember(stored('a', 1));
    expect(reads.get('a')?.version).toBe(2);
  });
});
