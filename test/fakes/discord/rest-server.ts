import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ApiReply, apiErrors, DiscordApiError } from './api-error.ts';
import type { FakeContext } from './context.ts';
import type { Faults } from './faults.ts';
import type { InteractionRecord } from './interaction-records.ts';
import type { UploadedFile } from './messages.ts';
import { createRouter, type FakeRequest, type Route } from './router.ts';
import type { RecordedRequest } from './types.ts';

const API_PREFIX = '/api/v10';
const RECORDED_HEADERS = ['authorization', 'content-type', 'user-agent', 'x-audit-log-reason'];

export interface RestLog {
  readonly requests: RecordedRequest[];
  /** Failures inside the fake itself (a bug here or a bad test setup), answered as 500. */
  readonly internalErrors: Error[];
  /** `METHOD /path` of every request no route matched (answered 404, as Discord does). */
  readonly unknownRoutes: string[];
}

type Answer = ApiReply & { injected?: boolean };

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** JSON, or multipart with `payload_json` and `files[n]` (how discord.js uploads attachments). */
async function parseBody(
  contentType: string,
  raw: Buffer,
): Promise<{ body: unknown; files: UploadedFile[] }> {
  if (raw.length === 0) return { body: undefined, files: [] };
  if (contentType.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    const files: UploadedFile[] = [];
    for (const value of form.values()) {
      if (typeof value !== 'string')
        files.push({ filename: value.name, size: value.size, contentType: value.type });
    }
    const payload = form.get('payload_json');
    return { body: typeof payload === 'string' ? JSON.parse(payload) : {}, files };
  }
  return { body: JSON.parse(raw.toString('utf8')), files: [] };
}

function decodePath(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

function rejection(request: FakeRequest, reply: Answer, at: number) {
  const body = (reply.body ?? {}) as { code?: number; message?: string };
  const injected = reply.injected ? { injected: true } : {};
  return {
    status: reply.status,
    code: body.code ?? 0,
    message: body.message ?? '',
    method: request.method,
    path: request.path,
    at,
    ...injected,
  };
}

/** The request log's bound, and how long each answer travels back (FakeDiscordOptions.restLatencyMs). */
interface RestSettings {
  readonly maxRecorded: number;
  readonly latencyMs: number;
}

export function createRestHandler(ctx: FakeContext, routes: Route[], faults: Faults, settings: RestSettings) {
  const { maxRecorded, latencyMs } = settings;
  const route = createRouter(routes);
  const log: RestLog = { requests: [], internalErrors: [], unknownRoutes: [] };

  const interactionOf = (params: Record<string, string>): InteractionRecord | undefined =>
    (params.id ? ctx.interactions.byId(params.id) : undefined) ??
    (params.token ? ctx.interactions.byToken(params.token) : undefined);

  async function answer(request: FakeRequest): Promise<Answer> {
    const match = route(request.method, request.path);
    const params = match && match !== 'method-not-allowed' ? match.params : {};
    const injected = faults.take(request.method, request.path);
    if (injected) {
      const interaction = interactionOf(params);
      if (interaction) request.interaction = interaction;
      return { ...injected, injected: true };
    }
    if (match === null) {
      log.unknownRoutes.push(`${request.method} ${request.path}`);
      return apiErrors.notFound().toReply();
    }
    if (match === 'method-not-allowed') return apiErrors.methodNotAllowed().toReply();
    request.params = params;
    if (match.route.auth && !String(request.headers.authorization ?? '').startsWith('Bot ')) {
      return apiErrors.unauthorized().toReply();
    }
    return match.route.handler(request);
  }

  async function handle(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(incoming);
    const fullPath = decodePath(url.pathname);
    const request: FakeRequest = {
      method: incoming.method ?? 'GET',
      path: fullPath.startsWith(`${API_PREFIX}/`) ? fullPath.slice(API_PREFIX.length) : fullPath,
      params: {},
      query: url.searchParams,
      headers: incoming.headers,
      body: undefined,
      files: [],
    };
    const reply = await safeAnswer(request, raw, fullPath);
    const at = ctx.now();
    if (reply.status >= 400 && request.interaction)
      request.interaction.rejections.push(rejection(request, reply, at));
    record(request, reply, at);
    ctx.notifier.notify();
    if (latencyMs > 0) await sleep(latencyMs);
    send(response, reply);
  }

  async function safeAnswer(request: FakeRequest, raw: Buffer, fullPath: string): Promise<Answer> {
    try {
      if (!fullPath.startsWith(`${API_PREFIX}/`)) return apiErrors.notFound().toReply();
      Object.assign(request, await parseBody(String(request.headers['content-type'] ?? ''), raw));
      return await answer(request);
    } catch (error) {
      if (error instanceof DiscordApiError) return error.toReply();
      if (error instanceof SyntaxError)
        return { status: 400, body: { message: 'The request body contains invalid JSON.', code: 50109 } };
      log.internalErrors.push(error as Error);
      console.error('fake Discord: internal error on', request.method, request.path, error);
      return { status: 500, body: { message: `fake Discord internal error: ${String(error)}`, code: 0 } };
    }
  }

  function record(request: FakeRequest, reply: Answer, at: number): void {
    const headers = Object.fromEntries(
      RECORDED_HEADERS.flatMap((name) =>
        request.headers[name] ? [[name, String(request.headers[name])]] : [],
      ),
    );
    const query = Object.fromEntries(request.query.entries());
    const entry: RecordedRequest = {
      method: request.method,
      path: request.path,
      query,
      headers,
      body: request.body,
      status: reply.status,
      response: reply.body ?? null,
      at,
    };
    if (reply.injected) entry.injected = true;
    log.requests.push(entry);
    // Trim in batches so a long bench does not pay a splice per request.
    if (log.requests.length > maxRecorded * 1.1) log.requests.splice(0, log.requests.length - maxRecorded);
  }

  return { handle, log };
}

function send(response: ServerResponse, reply: ApiReply): void {
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.body === undefined || reply.status === 204) {
    response.writeHead(reply.status, headers).end();
    return;
  }
  const text = JSON.stringify(reply.body);
  headers['Content-Type'] = 'application/json';
  response.writeHead(reply.status, headers).end(text);
}
