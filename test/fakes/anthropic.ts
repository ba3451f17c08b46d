import { setMaxListeners } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import {
  createPromptCache,
  DEFAULT_MIN_CACHEABLE_PREFIX_TOKENS,
  type PromptCache,
} from './anthropic-cache.ts';
import { ERROR_TYPE_BY_STATUS, type FakeFault } from './anthropic-faults.ts';
import { buildMessage, contentOf, outputTokensOf, usageOf } from './anthropic-reply.ts';
import { createDefaultResponder, type Responder, viewOf } from './anthropic-responder.ts';
import {
  type StreamErrorPlan,
  type StreamOutcome,
  type StreamTiming,
  writeMessageStream,
} from './anthropic-sse.ts';
import { validateMessagesRequest } from './anthropic-validate.ts';

export { type FakeFault, faults } from './anthropic-faults.ts';
export { type FakeDocument, type ScriptedBlock, type ScriptedReply, text } from './anthropic-reply.ts';
export { FAKE_NOT_IN_ARTICLE_MARKER, type FakeRequestView, type Responder } from './anthropic-responder.ts';

type Json = Record<string, unknown>;

export interface FakeAnthropicOptions {
  /** When set, any other key gets 401; by default any non-empty key is accepted. */
  readonly apiKey?: string;
  /** Below this many (estimated) prefix tokens nothing is cached. Default 4096 (Haiku). */
  readonly minCacheablePrefixTokens?: number;
  /** Clock for cache TTLs (ms); inject one to expire the cache without waiting. */
  readonly now?: () => number;
  readonly firstTokenDelayMs?: number;
  /** Output pacing for benchmarks; 0 (default) streams as fast as possible. */
  readonly tokensPerSecond?: number;
  /** What the default responder puts before its text: Haiku 5.5 thinks by default and omits the text. */
  readonly thinking?: 'omitted' | 'summarized' | 'none';
  readonly responder?: Responder;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The parsed JSON body (the raw text when it is not JSON). */
  readonly body: Json;
}

export interface FakeAnthropic {
  /** The base URL to give the SDK (no /v1). */
  readonly url: string;
  /** Every request received, faulted ones and retries included. */
  readonly requests: RecordedRequest[];
  /** A per-test script of what the model says; undefined restores the default grounded responder. */
  setResponder(responder: Responder | undefined): void;
  /** Queue faults: the next requests get them, one each, in order. */
  injectFaults(...faults: FakeFault[]): void;
  setTiming(timing: Partial<StreamTiming>): void;
  /** How each streamed reply ended, in order (e.g. 'client-closed' when the caller stopped reading). */
  readonly streamOutcomes: StreamOutcome[];
  readonly cache: PromptCache;
  close(): Promise<void>;
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function sendError(
  res: ServerResponse,
  requestId: string,
  fault: Extract<FakeFault, { kind: 'status' }>,
): void {
  const type = fault.errorType ?? ERROR_TYPE_BY_STATUS[fault.status] ?? 'api_error';
  const error: Json = { type, message: fault.message ?? `fake ${type}` };
  if (fault.errorCode) error.details = { error_code: fault.errorCode };
  const headers: Record<string, string> = { 'request-id': requestId };
  if (fault.retryAfterMs !== undefined) headers['retry-after-ms'] = String(fault.retryAfterMs);
  if (fault.shouldRetry !== undefined) headers['x-should-retry'] = String(fault.shouldRetry);
  sendJson(res, fault.status, { type: 'error', error, request_id: requestId }, headers);
}

function streamErrorPlan(fault: FakeFault | undefined): StreamErrorPlan | undefined {
  if (fault?.kind === 'cut-stream')
    return { errorType: null, message: '', afterChars: fault.afterChars ?? 10 };
  if (fault?.kind !== 'stream-error') return undefined;
  return {
    errorType: fault.errorType ?? 'overloaded_error',
    message: fault.message ?? 'Overloaded',
    afterChars: fault.afterChars ?? 10,
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(raw: string): Json {
  try {
    const parsed: unknown = JSON.parse(raw);
    return parsed && typeof parsed === 'object' ? (parsed as Json) : { raw };
  } catch {
    return { raw };
  }
}

function authorized(headers: IncomingMessage['headers'], apiKey: string | undefined): boolean {
  const bearer = /^Bearer (.+)$/.exec(headers.authorization ?? '')?.[1];
  const given = bearer ?? (typeof headers['x-api-key'] === 'string' ? headers['x-api-key'] : undefined);
  return Boolean(given) && (apiKey === undefined || given === apiKey);
}

/**
 * A fake Anthropic Messages API on 127.0.0.1 (port 0) that the real SDK reaches through `baseURL`: JSON and SSE
 * replies with content_block_location citations, prompt-cache accounting, scripted or default grounded answers,
 * 400s the real API gives (temperature on Haiku 5.5, empty blocks, too many breakpoints) and injectable faults.
 */
export async function startFakeAnthropic(options: FakeAnthropicOptions = {}): Promise<FakeAnthropic> {
  const stopping = new AbortController();
  // Every delayed response listens on this one signal; benches hold hundreds at once.
  setMaxListeners(0, stopping.signal);
  const requests: RecordedRequest[] = [];
  const streamOutcomes: StreamOutcome[] = [];
  const queued: FakeFault[] = [];
  const fallbackResponder = createDefaultResponder(options.thinking ?? 'omitted');
  let responder = options.responder ?? fallbackResponder;
  let timing: StreamTiming = {
    firstTokenDelayMs: options.firstTokenDelayMs ?? 0,
    tokensPerSecond: options.tokensPerSecond ?? 0,
  };
  const cache = createPromptCache({
    minPrefixTokens: options.minCacheablePrefixTokens ?? DEFAULT_MIN_CACHEABLE_PREFIX_TOKENS,
    now: options.now ?? Date.now,
  });
  const sleep = async (ms: number) => {
    if (ms > 0) await delay(ms, undefined, { signal: stopping.signal }).catch(() => undefined);
  };
  let counter = 0;

  async function answer(res: ServerResponse, body: Json, requestId: string, error?: StreamErrorPlan) {
    const problem = validateMessagesRequest(body);
    if (problem) {
      sendError(res, requestId, {
        kind: 'status',
        status: problem.status,
        errorType: problem.type,
        message: problem.message,
      });
      return;
    }
    const view = viewOf(body);
    const reply = await responder(view);
    const content = contentOf(reply, view.documents);
    const usage = usageOf(cache.account(body), outputTokensOf(reply));
    const message = buildMessage(requestId.replace('req_', 'msg_'), view.model, reply, content, usage);
    if (view.stream) {
      res.setHeader('request-id', requestId);
      streamOutcomes.push(await writeMessageStream({ res, timing, sleep, error }, message));
      return;
    }
    await sleep(
      timing.firstTokenDelayMs +
        (timing.tokensPerSecond > 0 ? (outputTokensOf(reply) * 1_000) / timing.tokensPerSecond : 0),
    );
    sendJson(res, 200, message, { 'request-id': requestId });
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    counter += 1;
    const requestId = `req_fake_${counter}`;
    const raw = await readBody(req);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([name, value]) => [name, String(value)]),
    );
    const body = parseBody(raw);
    requests.push({ method: req.method ?? 'GET', path, headers, body });
    if (req.method !== 'POST' || path !== '/v1/messages') {
      sendError(res, requestId, { kind: 'status', status: 404, message: `Not found: ${req.method} ${path}` });
      return;
    }
    if (!authorized(req.headers, options.apiKey)) {
      sendError(res, requestId, { kind: 'status', status: 401, message: 'invalid x-api-key' });
      return;
    }
    const fault = queued.shift();
    if (fault?.kind === 'status') return sendError(res, requestId, fault);
    if (fault?.kind === 'drop-connection') return void req.socket.destroy();
    if (fault?.kind === 'delay-headers') await sleep(fault.ms);
    if (res.destroyed) return;
    const streamError = streamErrorPlan(fault);
    if (streamError && body.stream !== true) {
      return sendError(res, requestId, { kind: 'status', status: 529 });
    }
    await answer(res, body, requestId, streamError);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      sendJson(res, 500, {
        type: 'error',
        error: { type: 'api_error', message: `fake failed: ${String(error)}` },
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    streamOutcomes,
    cache,
    setResponder: (next) => {
      responder = next ?? fallbackResponder;
    },
    injectFaults: (...faults) => {
      queued.push(...faults);
    },
    setTiming: (next) => {
      timing = { ...timing, ...next };
    },
    close: async () => {
      stopping.abort();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
