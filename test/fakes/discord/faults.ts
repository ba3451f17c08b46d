import { seededRandom } from '../../support/random.ts';
import type { ApiReply } from './api-error.ts';
import type { FaultMatch, FaultRates, FaultReply } from './types.ts';

const DEFAULT_RETRY_AFTER_SECONDS = 0.05;

/** A 429 as Discord sends it: Retry-After (seconds, float), the X-RateLimit-* headers and the JSON body. */
export function rateLimitReply(
  retryAfterSeconds = DEFAULT_RETRY_AFTER_SECONDS,
  scope: 'user' | 'global' | 'shared' = 'user',
): FaultReply {
  const global = scope === 'global';
  return {
    status: 429,
    headers: {
      'Retry-After': String(retryAfterSeconds),
      'X-RateLimit-Scope': scope,
      'X-RateLimit-Limit': '5',
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset-After': String(retryAfterSeconds),
      'X-RateLimit-Bucket': 'fake-bucket',
      ...(global ? { 'X-RateLimit-Global': 'true' } : {}),
    },
    body: { message: 'You are being rate limited.', retry_after: retryAfterSeconds, global },
  };
}

export function serverErrorReply(status = 500): FaultReply {
  return { status, body: { message: `${status}: Internal Server Error`, code: 0 } };
}

/** Fills what a bare `{ status: 429 }` or `{ status: 500 }` leaves out, so discord.js sees a real answer. */
function complete(reply: FaultReply): ApiReply {
  if (reply.status === 429) {
    const seconds =
      (reply.body as { retry_after?: number } | undefined)?.retry_after ?? DEFAULT_RETRY_AFTER_SECONDS;
    const base = rateLimitReply(seconds);
    return { status: 429, headers: { ...base.headers, ...reply.headers }, body: reply.body ?? base.body };
  }
  const base =
    reply.status >= 500 ? serverErrorReply(reply.status) : { status: reply.status, body: { code: 0 } };
  return {
    status: reply.status,
    body: reply.body ?? base.body,
    ...(reply.headers ? { headers: reply.headers } : {}),
  };
}

function matches(match: FaultMatch, method: string, path: string): boolean {
  if (match.method && match.method.toUpperCase() !== method) return false;
  match.path.lastIndex = 0;
  return match.path.test(path);
}

const LOGIN_ROUTE: FaultMatch = { path: /^(?!\/gateway\/bot$)/ };

export interface Faults {
  failNext(match: FaultMatch, reply: FaultReply, times: number): void;
  setRates(rates: FaultRates): void;
  clear(): void;
  /** The injected answer for this request, if a scripted or random fault applies. */
  take(method: string, path: string): ApiReply | null;
}

export function createFaults(seed: number): Faults {
  const random = seededRandom(seed);
  let scripted: { match: FaultMatch; reply: FaultReply; remaining: number }[] = [];
  let rates: FaultRates = {};

  const randomFault = (method: string, path: string): ApiReply | null => {
    if (!rates.rest500 && !rates.rest429) return null;
    if (!matches(rates.match ?? LOGIN_ROUTE, method, path)) return null;
    const roll = random();
    if (roll < (rates.rest500 ?? 0)) return complete(serverErrorReply());
    if (roll < (rates.rest500 ?? 0) + (rates.rest429 ?? 0))
      return complete(rateLimitReply(rates.retryAfterSeconds));
    return null;
  };

  return {
    failNext(match, reply, times) {
      scripted.push({ match, reply, remaining: times });
    },
    setRates(next) {
      rates = { ...next };
    },
    clear() {
      scripted = [];
      rates = {};
    },
    take(method, path) {
      const entry = scripted.find((candidate) => matches(candidate.match, method, path));
      if (!entry) return randomFault(method, path);
      entry.remaining -= 1;
      if (entry.remaining <= 0) scripted = scripted.filter((candidate) => candidate !== entry);
      return complete(entry.reply);
    },
  };
}
