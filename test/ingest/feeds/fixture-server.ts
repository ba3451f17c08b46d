import { readFile } from 'node:fs/promises';
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export const FIXTURES_DIR = path.resolve(import.meta.dirname, '../../fixtures');

export type Handler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

export interface RecordedRequest {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
}

/** A real HTTP server on 127.0.0.1, port 0, serving whatever routes a test gives it and recording every request. */
export interface FixtureServer {
  readonly origin: string;
  readonly requests: RecordedRequest[];
  url(routePath: string): string;
  route(routePath: string, handler: Handler): void;
  /** Requests received for one path (query string ignored). */
  hits(routePath: string): RecordedRequest[];
  close(): Promise<void>;
}

export async function startFixtureServer(): Promise<FixtureServer> {
  const routes = new Map<string, Handler>();
  const requests: RecordedRequest[] = [];
  const server = http.createServer((request, response) => {
    const routePath = (request.url ?? '/').split('?')[0] ?? '/';
    requests.push({ path: routePath, headers: request.headers });
    const handler = routes.get(routePath);
    if (!handler) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    Promise.resolve(handler(request, response)).catch((error: unknown) => {
      response.writeHead(500).end(String(error));
    });
  });
  // Node's 5 s default races undici reusing a socket idle for 4–5 s (its timers tick once a second): a poll a few
  // seconds after the previous one could get ECONNRESET on a loaded machine. Real feed polls are minutes apart.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    requests,
    url: (routePath) => `${origin}${routePath}`,
    route: (routePath, handler) => void routes.set(routePath, handler),
    hits: (routePath) => requests.filter((request) => request.path === routePath),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections(); // hanging handlers never end their responses
        server.close(() => resolve());
      }),
  };
}

/** A fixture file as text, with {{origin}} replaced by the test server's origin. */
export async function fixtureText(relativePath: string, origin: string): Promise<string> {
  const text = await readFile(path.join(FIXTURES_DIR, relativePath), 'utf8');
  return text.replaceAll('{{origin}}', origin);
}

/** A fixture file as bytes, with {{origin}} replaced (Latin-1 round trip keeps non-UTF-8 bytes intact). */
export async function fixtureBytes(relativePath: string, origin: string): Promise<Buffer> {
  const bytes = await readFile(path.join(FIXTURES_DIR, relativePath));
  return Buffer.from(bytes.toString('latin1').replaceAll('{{origin}}', origin), 'latin1');
}

/** A handler that serves a fixture with the given content type (and extra headers). */
export function serveFixture(
  server: Pick<FixtureServer, 'origin'>,
  relativePath: string,
  contentType: string,
  headers: Record<string, string> = {},
): Handler {
  return async (_request, response) => {
    const body = await fixtureBytes(relativePath, server.origin);
    response.writeHead(200, { 'content-type': contentType, ...headers }).end(body);
  };
}
