import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import packageJson from '../../../package.json' with { type: 'json' };
import { createPoliteFetcher, type FetchedBody } from '../../../src/ingest/http.ts';
import { HttpError } from '../../../src/ingest/http-errors.ts';
import { type FixtureServer, serveFixture, startFixtureServer } from '../feeds/fixture-server.ts';

let server: FixtureServer;
beforeEach(async () => {
  server = await startFixtureServer();
});
afterEach(async () => {
  await server.close();
});

async function bodyOf(url: string, fetcher = createPoliteFetcher()): Promise<FetchedBody> {
  const outcome = await fetcher.get(url);
  if (outcome.kind !== 'body') throw new Error(`expected a body, got ${outcome.kind}`);
  return outcome;
}

describe('polite fetcher', () => {
  it('GIVEN a gzip-compressed feed THEN names the bot in the User-Agent, asks for compression and decodes it', async () => {
    server.route('/feed', (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' });
      response.end(gzipSync('<rss>compressed</rss>'));
    });
    const outcome = await bodyOf(server.url('/feed'));
    expect(outcome.text).toBe('<rss>compressed</rss>');
    const headers = server.hits('/feed')[0]?.headers;
    expect(headers?.['user-agent']).toBe(`newsdesk/${packageJson.version}`);
    expect(headers?.['accept-encoding']).toMatch(/gzip/);
  });

  it('GIVEN a brotli-compressed page THEN decodes it', async () => {
    server.route('/br', (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'br' });
      response.end(brotliCompressSync('<p>brotli</p>'));
    });
    expect((await bodyOf(server.url('/br'))).text).toBe('<p>brotli</p>');
  });

  it('GIVEN stored validators THEN sends them and reports not-modified on 304', async () => {
    server.route('/feed', (request, response) => {
      const fresh = request.headers['if-none-match'] === '"v1"';
      response.writeHead(fresh ? 304 : 200, {
        etag: '"v1"',
        'last-modified': 'Tue, 10 Jun 2025 04:00:00 GMT',
      });
      response.end(fresh ? undefined : 'body');
    });
    const fetcher = createPoliteFetcher();
    const first = await fetcher.get(server.url('/feed'));
    expect(first.validators).toEqual({ etag: '"v1"', lastModified: 'Tue, 10 Jun 2025 04:00:00 GMT' });
    const second = await fetcher.get(server.url('/feed'), { validators: first.validators });
    expect(second.kind).toBe('not-modified');
    const sent = server.hits('/feed')[1]?.headers;
    expect(sent?.['if-none-match']).toBe('"v1"');
    expect(sent?.['if-modified-since']).toBe('Tue, 10 Jun 2025 04:00:00 GMT');
  });

  it('GIVEN five redirects THEN follows them to the final URL', async () => {
    for (let hop = 0; hop < 5; hop++) {
      server.route(`/r${hop}`, (_request, response) => {
        response.writeHead(hop % 2 ? 301 : 302, { location: `/r${hop + 1}` }).end();
      });
    }
    server.route('/r5', (_request, response) => void response.writeHead(200).end('arrived'));
    const outcome = await bodyOf(server.url('/r0'));
    expect(outcome).toMatchObject({ text: 'arrived', url: server.url('/r5') });
  });

  it('GIVEN six redirects THEN refuses with an error naming the request', async () => {
    for (let hop = 0; hop < 6; hop++) {
      server.route(
        `/r${hop}`,
        (_request, response) => void response.writeHead(302, { location: `/r${hop + 1}` }).end(),
      );
    }
    server.route('/r6', (_request, response) => void response.writeHead(200).end('too far'));
    await expect(createPoliteFetcher().get(server.url('/r0'))).rejects.toThrow(
      `[GET] "${server.url('/r0')}": more than 5 redirects`,
    );
    expect(server.hits('/r6')).toHaveLength(0);
  });

  it('GIVEN a server that never answers THEN gives up after the timeout', async () => {
    server.route('/hang', () => {});
    const started = Date.now();
    const error = await createPoliteFetcher({ timeoutMs: 200 })
      .get(server.url('/hang'))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).message).toBe(`[GET] "${server.url('/hang')}": timed out after 200 ms`);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('GIVEN a 500 THEN the error carries the method, URL, status and reason', async () => {
    server.route('/down', (_request, response) => void response.writeHead(500).end('oops'));
    const error = await createPoliteFetcher()
      .get(server.url('/down'))
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 500 });
    expect((error as Error).message).toBe(`[GET] "${server.url('/down')}": 500 Internal Server Error`);
  });

  it('GIVEN a body over the size cap THEN refuses it', async () => {
    server.route('/big', (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('x'.repeat(1_000));
      response.end('y'.repeat(1_000)); // chunked: no content-length to reject up front
    });
    await expect(createPoliteFetcher({ maxBodyBytes: 1_500 }).get(server.url('/big'))).rejects.toThrow(
      /response body exceeds 1500 bytes/,
    );
  });

  it('GIVEN Cache-Control max-age THEN reports it, capped at one hour', async () => {
    server.route(
      '/short',
      (_request, response) => void response.writeHead(200, { 'cache-control': 'max-age=120' }).end(),
    );
    server.route(
      '/long',
      (_request, response) =>
        void response.writeHead(200, { 'cache-control': 'public, max-age=86400' }).end(),
    );
    expect((await bodyOf(server.url('/short'))).maxAgeSeconds).toBe(120);
    expect((await bodyOf(server.url('/long'))).maxAgeSeconds).toBe(3_600);
  });

  it('GIVEN several requests to one host at once THEN sends them one at a time', async () => {
    let inFlight = 0;
    let mostInFlight = 0;
    server.route('/slow', async (_request, response) => {
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 30));
      inFlight--;
      response.writeHead(200).end('ok');
    });
    const fetcher = createPoliteFetcher();
    await Promise.all([1, 2, 3, 4].map(() => fetcher.get(server.url('/slow'))));
    expect(server.hits('/slow')).toHaveLength(4);
    expect(mostInFlight).toBe(1);
  });
});

describe('charset', () => {
  it('GIVEN a windows-1252 page declared only in <meta http-equiv> THEN é, ü and curly quotes read right', async () => {
    server.route('/heat', serveFixture(server, 'pages/heatwave-1252.html', 'text/html'));
    const { text } = await bodyOf(server.url('/heat'));
    expect(text).toContain('„Wir sind an der Grenze“');
    expect(text).toContain('The operator’s café near the Rhône plant said the “unprecedented” demand — over');
    expect(text).toContain('Müller & Söhne');
  });

  it('GIVEN an iso-8859-1 charset in the Content-Type header THEN the header wins over a wrong <meta>', async () => {
    server.route('/latin', (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=ISO-8859-1' });
      response.end(Buffer.from('<meta charset="utf-8"><p>Größe und Café</p>', 'latin1'));
    });
    expect((await bodyOf(server.url('/latin'))).text).toContain('Größe und Café');
  });

  it('GIVEN no declaration at all THEN reads UTF-8', async () => {
    server.route(
      '/plain',
      (_request, response) => void response.writeHead(200).end(Buffer.from('naïve “quotes”')),
    );
    expect((await bodyOf(server.url('/plain'))).text).toBe('naïve “quotes”');
  });
});
