/**
 * A pass-through in front of the fake Anthropic: it times every Messages call (the model's share of an
 * interaction's wait) and can answer a seeded share of calls with 529 overloaded, as the real API does when busy.
 * The bot's ANTHROPIC_BASE_URL points here.
 */
import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type FakeRequestView, viewOf } from '../../test/fakes/anthropic-responder.ts';
import { seededRandom } from '../../test/support/random.ts';

export interface ModelCall {
  /** What the call was about: the question (null for a summary), the article's title, the summary length. */
  readonly question: string | null;
  readonly title: string | null;
  readonly length: string | null;
  readonly startedAt: number;
  endedAt: number;
  status: number;
}

export interface ModelProxy {
  readonly url: string;
  readonly calls: readonly ModelCall[];
  /** Share of calls (0–1) answered 529 before they reach the model. */
  setOverloadRate(rate: number): void;
  close(): Promise<void>;
}

const LENGTH = /\b(brief|standard|detailed)\b/;

function describe(view: FakeRequestView) {
  return {
    question: view.question,
    title: view.documents[0]?.title ?? null,
    length: view.question === null ? (LENGTH.exec(view.instruction)?.[1] ?? null) : null,
  };
}

function overloaded(res: ServerResponse): void {
  const body = { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } };
  res.writeHead(529, { 'content-type': 'application/json', 'request-id': 'req_proxy_529' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parse(raw: Buffer): Record<string, unknown> {
  try {
    return JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

export async function startModelProxy(target: string, now: () => number, seed = 3): Promise<ModelProxy> {
  const calls: ModelCall[] = [];
  const random = seededRandom(seed);
  let overloadRate = 0;
  const upstream = new URL(target);

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const raw = await readBody(req);
    const call: ModelCall = { ...describe(viewOf(parse(raw))), startedAt: now(), endedAt: 0, status: 0 };
    calls.push(call);
    const finish = (status: number) => {
      call.endedAt = now();
      call.status = status;
    };
    if (random() < overloadRate) {
      overloaded(res);
      finish(529);
      return;
    }
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on('end', () => finish(answer.statusCode ?? 502));
      },
    );
    forward.on('error', () => {
      finish(502);
      res.destroy();
    });
    // The bot hung up (aborted): stop the upstream call too.
    res.on('close', () => {
      if (res.writableFinished) return;
      forward.destroy();
      if (call.endedAt === 0) finish(499);
    });
    forward.end(raw);
  }

  const server = createServer((req, res) => void handle(req, res).catch(() => res.destroy()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    setOverloadRate(rate) {
      overloadRate = rate;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
