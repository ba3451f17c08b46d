import type { IncomingHttpHeaders } from 'node:http';
import type { ApiReply } from './api-error.ts';
import type { InteractionRecord } from './interaction-records.ts';
import type { UploadedFile } from './messages.ts';

/** One REST call as the route handlers see it. */
export interface FakeRequest {
  method: string;
  /** Decoded (so `%40original` is `@original`), without the /api/v10 prefix. */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Parsed JSON, or the payload_json of a multipart upload. */
  body: unknown;
  files: UploadedFile[];
  /** Set by a handler once it knows the interaction, so a rejection also lands in that interaction's view. */
  interaction?: InteractionRecord;
}

export type Handler = (request: FakeRequest) => ApiReply | Promise<ApiReply>;

export interface Route {
  method: string;
  /** Like `/channels/:channelId/messages`; `:name` matches one segment. */
  pattern: string;
  /** Bot routes need `Authorization: Bot …`; interaction callbacks and webhooks are sent without it. */
  auth: boolean;
  handler: Handler;
}

export type RouteMatch = { route: Route; params: Record<string, string> } | 'method-not-allowed' | null;

function matchPattern(pattern: string[], segments: string[]): Record<string, string> | null {
  if (pattern.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of pattern.entries()) {
    const segment = segments[i] ?? '';
    if (part.startsWith(':')) params[part.slice(1)] = segment;
    else if (part !== segment) return null;
  }
  return params;
}

export function createRouter(routes: readonly Route[]): (method: string, path: string) => RouteMatch {
  const compiled = routes.map((route) => ({ route, parts: route.pattern.split('/') }));
  return (method, path) => {
    const segments = path.split('/');
    let pathMatched = false;
    for (const { route, parts } of compiled) {
      const params = matchPattern(parts, segments);
      if (!params) continue;
      if (route.method === method) return { route, params };
      pathMatched = true;
    }
    return pathMatched ? 'method-not-allowed' : null;
  };
}

export const json = (status: number, body: unknown): ApiReply => ({ status, body });
export const noContent = (): ApiReply => ({ status: 204 });

/** A route parameter that the pattern guarantees (keeps noUncheckedIndexedAccess honest without `!`). */
export function param(request: FakeRequest, name: string): string {
  const value = request.params[name];
  if (value === undefined) throw new Error(`fake Discord: route has no :${name}`);
  return value;
}
