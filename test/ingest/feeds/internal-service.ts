import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Resolver } from '../../../src/ingest/address-guard.ts';
import { systemResolver } from '../../../src/ingest/address-guard.ts';

/** What an internal admin page would say: text that must never reach the store unless allowed. */
export const INTERNAL_SECRET_TEXT =
  'Cluster maintenance console. Replication lag on shard seven is forty one seconds and the standby credentials ' +
  'rotate at midnight. Only operators on the management network should ever read this page. Disk usage on the ' +
  'archive volume stands at ninety two percent and the nightly snapshot failed twice this week.';

/**
 * "An internal service": a second local server, on 127.0.0.1 and [::1] at the same port, that counts every TCP
 * connection it accepts, so a test can say it was never even connected to.
 */
export interface InternalService {
  readonly port: number;
  connections(): number;
  readonly requests: string[];
  close(): Promise<void>;
}

const PAGE = `<!doctype html><html><head><title>Admin console</title></head><body><article>
<h1>Admin console</h1>${INTERNAL_SECRET_TEXT.split('. ')
  .map((sentence) => `<p>${sentence}.</p>`)
  .join('\n')}</article></body></html>`;

async function listen(server: http.Server, host: string, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

export async function startInternalService(): Promise<InternalService> {
  let connections = 0;
  const requests: string[] = [];
  const handler: http.RequestListener = (request, response) => {
    requests.push(request.url ?? '/');
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
  };
  const v4 = http.createServer(handler).on('connection', () => connections++);
  const v6 = http.createServer(handler).on('connection', () => connections++);
  const port = await listen(v4, '127.0.0.1', 0);
  await listen(v6, '::1', port);
  const close = (server: http.Server) =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return {
    port,
    connections: () => connections,
    requests,
    close: async () => {
      await Promise.all([close(v4), close(v6)]);
    },
  };
}

/**
 * The system resolver, with every name it is asked recorded, and a few made-up names (".test", which no real DNS
 * answers) mapped to fixed addresses so a test controls what a name resolves to.
 */
export function recordingResolver(names: Record<string, string> = {}): Resolver & { asked: string[] } {
  const asked: string[] = [];
  const resolve: Resolver = async (hostname) => {
    asked.push(hostname);
    const fixed = names[hostname];
    if (fixed) return [{ address: fixed, family: fixed.includes(':') ? 6 : 4 }];
    return systemResolver(hostname);
  };
  return Object.assign(resolve, { asked });
}
