import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOriginMemory, type Resolver } from '../../src/ingest/address-guard.ts';
import { contentFetcher, createPoliteFetcher } from '../../src/ingest/http.ts';
import { type InternalService, startInternalService } from './feeds/internal-service.ts';

/*
 * The feed's own origin is trusted, but its name is the publisher's: a plain-http feed fetched from a public address
 * must not have its name answer an internal one (169.254.169.254, a metadata service) when its links are fetched.
 * "news.test" always resolves to the local internal service here; what differs is what the operator's own fetch of
 * that host reached — noted by the fetcher itself, or seeded as a public answer (no test connects off this machine).
 */
let internal: InternalService;
const toLocal: Resolver = async () => [{ address: '127.0.0.1', family: 4 }];

beforeEach(async () => {
  internal = await startInternalService();
});
afterEach(async () => internal.close());

const feedUrl = () => `http://news.test:${internal.port}/feed.xml`;

describe('links on the feed’s own origin', () => {
  it('GIVEN a feed fetched from a public address WHEN its name later answers an internal one THEN its links are refused, naming why', async () => {
    const origins = createOriginMemory();
    origins.note('news.test', [{ address: '203.0.113.7', family: 4 }]);
    const fetcher = createPoliteFetcher({ resolver: toLocal, origins });
    const link = `http://news.test:${internal.port}/latest/meta-data/`;
    await expect(contentFetcher(fetcher, feedUrl()).get(link)).rejects.toThrow(
      /127\.0\.0\.1, a loopback address\. the feed at http:\/\/news\.test:\d+ was fetched from a public address/,
    );
    expect(internal.connections()).toBe(0);
  });

  it('GIVEN an intranet feed the operator fetched at an internal address THEN its own links are still fetched', async () => {
    const fetcher = createPoliteFetcher({ resolver: toLocal, origins: createOriginMemory() });
    await fetcher.get(feedUrl());
    const outcome = await contentFetcher(fetcher, feedUrl()).get(`http://news.test:${internal.port}/story`);
    expect(outcome.kind).toBe('body');
    expect(internal.requests).toEqual(['/feed.xml', '/story']);
  });

  it('GIVEN more trusted hosts than the memory keeps THEN the oldest is forgotten and counts as public', () => {
    const origins = createOriginMemory(2);
    for (const host of ['a.test', 'b.test', 'c.test'])
      origins.note(host, [{ address: '10.0.0.5', family: 4 }]);
    expect(['a.test', 'b.test', 'c.test'].map(origins.reachedInternally)).toEqual([false, true, true]);
    expect(origins.reachedInternally('10.0.0.9')).toBe(true);
  });
});
