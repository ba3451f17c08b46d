import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, SITE_DISCLAIMER } from '../../src/core/config.ts';

describe('config', () => {
  it('GIVEN an empty environment THEN the defaults make a working offline setup', () => {
    const config = parseConfig({});
    expect(config.storeUrl).toBe('sqlite://./data/newsdesk.sqlite');
    expect(config.anthropic).toMatchObject({ apiKey: undefined, model: 'claude-haiku-5-5', maxRetries: 2 });
    expect(config.sourceDisclaimer).toBe(SITE_DISCLAIMER);
    expect(config.feeds.urls).toEqual([]);
  });

  it('GIVEN several bad values THEN one error names every bad key and what it expects', () => {
    const attempt = () =>
      parseConfig({
        STORE_URL: 'mysql://db',
        DISCORD_GUILD_ID: 'my-server',
        ANTHROPIC_MAX_RETRIES: '-1',
        LOG_LEVEL: 'loud',
      });
    expect(attempt).toThrow(ConfigError);
    const message = (() => {
      try {
        attempt();
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toMatch(
      /STORE_URL: expected a keyv URL starting with sqlite:\/\/.*\(got "mysql:\/\/db"\)/,
    );
    expect(message).toMatch(/DISCORD_GUILD_ID: expected a Discord id/);
    expect(message).toMatch(/ANTHROPIC_MAX_RETRIES: expected a whole number from 0 to 10/);
    expect(message).toMatch(/LOG_LEVEL: expected one of fatal, error/);
  });

  it('GIVEN a feed list with commas and spaces THEN each URL is kept, and a non-URL is named', () => {
    expect(parseConfig({ NEWS_FEEDS: 'https://a.example/rss, https://b.example/atom' }).feeds.urls).toEqual([
      'https://a.example/rss',
      'https://b.example/atom',
    ]);
    expect(() => parseConfig({ NEWS_FEEDS: 'https://a.example/rss not-a-url' })).toThrow(/NEWS_FEEDS/);
  });

  it('GIVEN the parsed config THEN it is frozen', () => {
    const config = parseConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.anthropic)).toBe(true);
  });

  it('GIVEN .env.example THEN every key the schema knows is documented there, and it parses', () => {
    const example = readFileSync(path.resolve(import.meta.dirname, '../../.env.example'), 'utf8');
    const keys = [...example.matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]);
    const source = readFileSync(path.resolve(import.meta.dirname, '../../src/core/config.ts'), 'utf8');
    const schemaKeys = [...source.matchAll(/^ {2}([A-Z][A-Z_]+):/gm)].map((m) => m[1]);
    expect(new Set(keys)).toEqual(new Set(schemaKeys));
    const values = Object.fromEntries([...example.matchAll(/^([A-Z_]+)=(.*)$/gm)].map((m) => [m[1], m[2]]));
    expect(() => parseConfig(values)).not.toThrow();
  });
});
