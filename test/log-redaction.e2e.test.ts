import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeAnthropic, faults, startFakeAnthropic } from './fakes/anthropic.ts';
import { type FakeDiscord, type FakeInteraction, startFakeDiscord } from './fakes/discord/index.ts';
import { type PostgresServer, startPostgresServer } from './support/postgres-server.ts';
import { PROJECT_ROOT, runNewsdesk } from './support/subprocess.ts';

/**
 * `npm start` as an operator runs it, logging at debug, on a PostgreSQL store whose URL carries a password, while
 * things go wrong: Discord answers 500 and 401, the model fails, the store goes away. Its whole stderr must not
 * carry the bot token, the API key, any interaction token or the store password.
 */

const BOT_TOKEN = 'MTk4NjIy.redaction-check.Zq8vLr2TxW91bNfHc';
const API_KEY = 'sk-ant-redaction-check-4f7d2e9a1c';
const STORE_PASSWORD = 'tide-Ledger-7731';
const TSX = path.join(PROJECT_ROOT, 'node_modules/.bin/tsx');
const settled =
  (timeoutMs = 20_000) =>
  (interaction: FakeInteraction) =>
    interaction.waitFor((v) => !v.thinking && (v.original !== null || v.followUps.length > 0), timeoutMs);

describe('a bot run with errors forced logs no secret', () => {
  let discord: FakeDiscord;
  let anthropic: FakeAnthropic;
  let postgres: PostgresServer;
  let bot: ChildProcess;
  let stderr = '';
  let env: Record<string, string>;

  beforeAll(async () => {
    [discord, anthropic, postgres] = await Promise.all([
      startFakeDiscord(),
      startFakeAnthropic({ apiKey: API_KEY }),
      startPostgresServer(),
    ]);
    env = {
      STORE_URL: postgres.url.replace('//newsdesk@', `//newsdesk:${STORE_PASSWORD}@`),
      DISCORD_TOKEN: BOT_TOKEN,
      DISCORD_API_URL: discord.restApi,
      ANTHROPIC_API_KEY: API_KEY,
      ANTHROPIC_BASE_URL: anthropic.url,
      ANTHROPIC_MAX_RETRIES: '0',
      ASK_COOLDOWN_PER_MINUTE: '0',
      SUMMARY_COOLDOWN_PER_MINUTE: '0',
      LOG_LEVEL: 'debug',
    };
    const ingest = await runNewsdesk(['ingest', path.join(PROJECT_ROOT, 'data/samples')], env, {
      timeoutMs: 60_000,
    });
    expect(ingest.stdout).toMatch(/^7 new/);
    stderr += ingest.stderr;
    bot = spawn(TSX, ['src/main.ts', 'start'], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    bot.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    await discord.waitUntil(() => stderr.includes('bot ready'), 30_000);
  }, 120_000);

  afterAll(async () => {
    if (bot && bot.exitCode === null) bot.kill('SIGKILL');
    await Promise.all([discord?.close(), anthropic?.close(), postgres?.close()]);
  });

  it('GIVEN REST 500s and 401s, a model failure and a store outage THEN the log names them but carries none of the secrets', async () => {
    // Discord refuses the reply edits (500) and then an interaction callback (401).
    discord.failNext({ path: /^\/webhooks\// }, { status: 500 }, 40);
    await settled()(await discord.command('summary', { article: '001_tram_line_vote' })).catch(
      () => undefined,
    );
    discord.clearFaults();
    discord.failNext(
      { path: /^\/interactions\// },
      { status: 401, body: { code: 0, message: '401: Unauthorized' } },
      2,
    );
    await discord.command('ask', { question: 'Who voted for the tram?', article: '002_grain_exports' });
    await discord.waitUntil(() => /status":401|401: Unauthorized/.test(stderr), 15_000);
    discord.clearFaults();
    // The model fails: the extractive answer serves.
    anthropic.injectFaults(faults.serverErrorNoRetry());
    await settled()(await discord.command('summary', { article: '003_heatwave_power' }));
    // The store goes away.
    await postgres.stop();
    await settled(30_000)(
      await discord.command('ask', {
        question: 'What happened at the final?',
        article: '004_football_final',
      }),
    );

    const exited = new Promise((resolve) => bot.once('exit', resolve));
    bot.kill('SIGTERM');
    await exited;

    // The failures really were logged (so the absence below means something).
    expect(stderr).toMatch(/\/webhooks\/\d+\/\[redacted\]/);
    expect(stderr).toMatch(/store unavailable|store/i);
    expect(stderr).toContain(':***@');
    expect(anthropic.requests.length).toBeGreaterThan(0);

    const interactionTokens = discord.interactions().map((interaction) => interaction.token);
    expect(interactionTokens.length).toBeGreaterThanOrEqual(4);
    for (const secret of [BOT_TOKEN, API_KEY, STORE_PASSWORD, ...interactionTokens]) {
      expect(stderr.includes(secret), `the log carries ${secret}`).toBe(false);
      expect(stderr.includes(encodeURIComponent(secret)), `the log carries ${secret}, encoded`).toBe(false);
    }
  }, 120_000);
});

describe('a STORE_URL with a mistyped scheme', () => {
  it('GIVEN redsi://user:password@host THEN the config error names the key and the scheme, never the password', async () => {
    const result = await runNewsdesk(['start'], {
      STORE_URL: `redsi://newsdesk:${STORE_PASSWORD}@127.0.0.1:6379/0`,
      DISCORD_TOKEN: BOT_TOKEN,
      LOG_LEVEL: 'silent',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /STORE_URL: expected a keyv URL starting with .*got "redsi:\*\*\*@127\.0\.0\.1:6379\/0"/,
    );
    expect(result.stderr).not.toContain(STORE_PASSWORD);
  });
});
