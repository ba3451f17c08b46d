import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../../../src/core/errors.ts';
import { loadFeedDefinitions } from '../../../src/ingest/feeds/config.ts';
import {
  afterFailure,
  backoffDelayMs,
  FEED_BACKOFF_CAP_MS,
  initialFeedState,
  whyNotDue,
} from '../../../src/ingest/feeds/state.ts';

const MINUTE_MS = 60_000;

describe('feed backoff', () => {
  it('GIVEN consecutive failures THEN waits 5 min × 2ⁿ, never more than the cap', () => {
    expect([1, 2, 3, 4].map(backoffDelayMs)).toEqual([5, 10, 20, 40].map((minutes) => minutes * MINUTE_MS));
    expect(backoffDelayMs(30)).toBe(FEED_BACKOFF_CAP_MS);
  });

  it('GIVEN the eighth failure in a row THEN the feed is disabled with the reason kept', () => {
    const now = new Date('2025-06-12T12:00:00Z');
    let state = initialFeedState('https://news.example/feed');
    for (let failure = 1; failure <= 7; failure++) state = afterFailure(state, `timeout ${failure}`, now);
    expect(state.disabledReason).toBeNull();
    state = afterFailure(state, 'timeout 8', now);
    expect(state).toMatchObject({ disabledReason: 'timeout 8', consecutiveFailures: 8 });
    expect(whyNotDue(state, new Date('2030-01-01T00:00:00Z'))).toBe('disabled');
  });
});

describe('feed definitions', () => {
  const files: Record<string, string> = {
    'feeds.json': JSON.stringify([
      'https://a.example/feed',
      { url: 'https://b.example/rss', name: 'B Daily', disclaimer: 'B Daily does not endorse.' },
    ]),
    'bad.json': JSON.stringify([{ url: 'ftp://c.example/feed' }]),
    'bad-hosts.json': JSON.stringify([
      { url: 'https://d.example/rss', hosts: ['https://www.d-news.example/world'] },
    ]),
  };
  const readFile = async (file: string) => {
    const text = files[file];
    if (text === undefined) throw new Error('ENOENT: no such file');
    return text;
  };

  it('GIVEN NEWS_FEEDS and a feeds file THEN merges them, the file adding names and disclaimers', async () => {
    const feeds = await loadFeedDefinitions(
      ['https://b.example/rss', 'https://z.example/atom'],
      'feeds.json',
      readFile,
    );
    expect(feeds).toEqual([
      { url: 'https://b.example/rss', name: 'B Daily', disclaimer: 'B Daily does not endorse.' },
      { url: 'https://z.example/atom', name: null, disclaimer: null },
      { url: 'https://a.example/feed', name: null, disclaimer: null },
    ]);
  });

  it('GIVEN a bad or missing feeds file THEN one clear error naming the file and the entry', async () => {
    await expect(loadFeedDefinitions([], 'bad.json', readFile)).rejects.toThrow(
      /NEWS_FEEDS_FILE bad\.json: entry 0/,
    );
    await expect(loadFeedDefinitions([], 'missing.json', readFile)).rejects.toBeInstanceOf(UserFacingError);
  });

  it('GIVEN a story host written as a URL THEN the file is refused saying how to write a host, not ignored', async () => {
    await expect(loadFeedDefinitions([], 'bad-hosts.json', readFile)).rejects.toThrow(
      /entry 0\.hosts\.0: "https:\/\/www\.d-news\.example\/world" is not a host or host:port; write e\.g\. www\.example\.org/,
    );
  });
});
