import { expect } from 'vitest';
import { ConfigError, parseConfig } from '../../../src/core/config.ts';

/** The one problem line a bad environment gives (ConfigError has a header, then a line per bad key). */
export function problemOf(env: Record<string, string>): string {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(1);
    return problems[0] ?? '';
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`);
}
