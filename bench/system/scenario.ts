/** What every scenario gets and gives back. */
import { openArticleStore } from '../../src/articles/store.ts';
import { parseConfig } from '../../src/core/config.ts';
import type { CatalogueEntry } from './mix.ts';

export interface ScenarioContext {
  /** The cached benchmark store (each world copies it). */
  readonly storeFile: string;
  readonly catalogue: readonly CatalogueEntry[];
  readonly flags: Readonly<Record<string, string>>;
  /** More environment for every bot process (`--env KEY=VALUE,KEY=VALUE`), e.g. to compare settings. */
  readonly botEnv: Readonly<Record<string, string>>;
  /** Progress for the person watching (stderr: stdout carries the report). */
  log(message: string): void;
}

export interface ScenarioResult {
  readonly name: string;
  readonly pass: boolean;
  /** One line: the verdict and the numbers behind it. */
  readonly summary: string;
  readonly figures: Record<string, unknown>;
  /** Why it failed, when it did: the first few problems. */
  readonly problems: readonly string[];
}

export type Scenario = (context: ScenarioContext) => Promise<ScenarioResult>;

/** Every stored article's id and title (the store lists them newest first). */
export async function readCatalogue(storeFile: string): Promise<CatalogueEntry[]> {
  const store = await openArticleStore({ url: `sqlite://${storeFile}` });
  try {
    return store.search('', store.count()).map((hit) => ({ id: hit.id, title: hit.title }));
  } finally {
    await store.close();
  }
}

/** `KEY=VALUE,KEY=VALUE` → an object. */
export function parseEnvFlag(value: string | undefined): Record<string, string> {
  const pairs = (value ?? '').split(',').filter((pair) => pair.includes('='));
  return Object.fromEntries(
    pairs.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
  );
}

export const numberFlag = (flags: Readonly<Record<string, string>>, name: string, fallback: number) => {
  const value = flags[name];
  return value === undefined ? fallback : Number(value);
};

/** The bot's STREAM_EDIT_INTERVAL_MS in this run: its default unless `--env` set it. */
export function editIntervalMs(context: ScenarioContext): number {
  return parseConfig({ DISCORD_TOKEN: 'bench.token.unused', ...context.botEnv }).streamEditIntervalMs;
}
