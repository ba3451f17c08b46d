import { createHash } from 'node:crypto';

/**
 * Prompt-cache accounting as the Messages API reports it. The cacheable prefix is tools → system → messages up to a
 * `cache_control` breakpoint; a prefix shorter than the model's minimum is never cached (no error, both counters 0);
 * the first request writes it, an identical prefix within its TTL (5 min, or 1 h) reads it, and a read refreshes
 * the TTL. Tokens are estimated from characters (about 4 per token), which is all the tests and benchmarks need.
 */
export const DEFAULT_MIN_CACHEABLE_PREFIX_TOKENS = 4_096;
export const CHARS_PER_TOKEN = 4;
const TTL_MS = { '5m': 5 * 60_000, '1h': 60 * 60_000 } as const;

type Json = Record<string, unknown>;
type Ttl = keyof typeof TTL_MS;

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

export interface CacheAccount {
  /** Prompt tokens neither read from nor written to the cache. */
  readonly inputTokens: number;
  readonly cacheReadTokens: number;
  readonly cacheWriteTokens: number;
  readonly cacheWrite5mTokens: number;
  readonly cacheWrite1hTokens: number;
}

interface Unit {
  readonly tokens: number;
  readonly canonical: string;
  readonly ttl: Ttl | null;
}

function textOf(block: unknown): string {
  if (typeof block === 'string') return block;
  if (!block || typeof block !== 'object') return '';
  const value = block as Json;
  if (typeof value.text === 'string') return value.text;
  if (value.type === 'document') {
    const source = (value.source ?? {}) as Json;
    const content = Array.isArray(source.content)
      ? source.content.map(textOf).join('\n')
      : String(source.data ?? '');
    return `${String(value.title ?? '')}\n${content}`;
  }
  return JSON.stringify(value);
}

function unitOf(block: unknown): Unit {
  const control =
    block && typeof block === 'object' ? ((block as Json).cache_control as Json | undefined) : undefined;
  const ttl = control ? (control.ttl === '1h' ? '1h' : '5m') : null;
  return { tokens: estimateTokens(textOf(block)), canonical: JSON.stringify(block), ttl };
}

/** The request as an ordered list of cacheable units (tools, system blocks, message blocks). */
function unitsOf(body: Json): Unit[] {
  const units: Unit[] = [];
  for (const tool of Array.isArray(body.tools) ? body.tools : []) units.push(unitOf(tool));
  const system = body.system;
  if (typeof system === 'string') units.push(unitOf(system));
  else if (Array.isArray(system)) units.push(...system.map(unitOf));
  for (const message of Array.isArray(body.messages) ? (body.messages as Json[]) : []) {
    const content = message.content;
    const blocks = typeof content === 'string' ? [content] : Array.isArray(content) ? content : [];
    units.push(...blocks.map((block) => unitOf(block)));
  }
  const automatic = body.cache_control as Json | undefined;
  const last = units.at(-1);
  if (automatic && last && !last.ttl)
    units[units.length - 1] = { ...last, ttl: automatic.ttl === '1h' ? '1h' : '5m' };
  return units;
}

export interface PromptCache {
  account(body: Json): CacheAccount;
  /** Forget everything (a test that wants a cold cache). */
  clear(): void;
}

export function createPromptCache(options: { minPrefixTokens: number; now: () => number }): PromptCache {
  const entries = new Map<string, number>();
  const keyFor = (model: string, units: readonly Unit[], end: number) =>
    createHash('sha256')
      .update(model)
      .update(
        units
          .slice(0, end + 1)
          .map((unit) => unit.canonical)
          .join('\u0000'),
      )
      .digest('hex');

  return {
    clear: () => entries.clear(),
    account(body) {
      const now = options.now();
      const units = unitsOf(body);
      const model = String(body.model ?? '');
      const total = units.reduce((sum, unit) => sum + unit.tokens, 0);
      const prefixTokens = (end: number) =>
        units.slice(0, end + 1).reduce((sum, unit) => sum + unit.tokens, 0);
      const breakpoints = units
        .map((unit, index) => ({ index, ttl: unit.ttl }))
        .filter((point): point is { index: number; ttl: Ttl } => point.ttl !== null)
        .filter((point) => prefixTokens(point.index) >= options.minPrefixTokens);
      let read = 0;
      for (const point of breakpoints) {
        const key = keyFor(model, units, point.index);
        const expires = entries.get(key);
        if (expires !== undefined && expires > now) {
          read = prefixTokens(point.index);
          entries.set(key, now + TTL_MS[point.ttl]);
        }
      }
      let write = 0;
      let writeTtl: Ttl = '5m';
      for (const point of breakpoints) {
        const key = keyFor(model, units, point.index);
        if ((entries.get(key) ?? 0) > now) continue;
        entries.set(key, now + TTL_MS[point.ttl]);
        write = Math.max(write, prefixTokens(point.index) - read);
        writeTtl = point.ttl;
      }
      return {
        inputTokens: total - read - write,
        cacheReadTokens: read,
        cacheWriteTokens: write,
        cacheWrite5mTokens: writeTtl === '5m' ? write : 0,
        cacheWrite1hTokens: writeTtl === '1h' ? write : 0,
      };
    },
  };
}
