import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SITE_DISCLAIMER } from '../../src/core/config.ts';
import { runNewsdesk } from '../support/subprocess.ts';

describe('the local console (subprocess, no Discord token, no API key)', () => {
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-console-'));
    env = { STORE_URL: `sqlite://${path.join(dir, 'store.sqlite')}`, LOG_LEVEL: 'warn' };
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('GIVEN an empty store THEN --eval imports the samples and the summary ends with the disclaimer', async () => {
    const result = await runNewsdesk(['console', '--eval', '/summary length:brief'], env);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/imported 7 bundled sample articles/);
    expect(result.stdout.trimEnd().endsWith(`— ${SITE_DISCLAIMER}`)).toBe(true);
    expect(result.stdout).toMatch(/Offline answer: no AI model is configured/);
  });

  it('GIVEN an answerable and an unanswerable question THEN one quotes the article and one says it does not say', async () => {
    const result = await runNewsdesk(
      [
        'console',
        '--eval',
        '/ask question:How much will the tram line cost? article:001_tram_line_vote',
        '--eval',
        '/ask question:What colour will the trams be painted? article:001_tram_line_vote',
      ],
      env,
    );
    expect(result.code).toBe(0);
    const [answered, refused] = result.stdout.split('Harbor City council approves').slice(1);
    expect(answered).toContain('1.9 billion euros');
    expect(answered).toContain('> ');
    expect(refused).toMatch(/does not say/i);
  });

  it('GIVEN piped input with an unknown command THEN it says so, keeps going, and exits 1', async () => {
    const result = await runNewsdesk(['console'], env, { input: '/sumary\n/articles tram\n/quit\n' });
    expect(result.stdout).toContain('Unknown command "/sumary". Type /help for the list.');
    expect(result.stdout).toContain('001_tram_line_vote');
    expect(result.code).toBe(1);
  });

  it('GIVEN no terminal and no token THEN npm start exits 1 with one line saying what to do', async () => {
    const result = await runNewsdesk(['start'], env);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(
      /^DISCORD_TOKEN is not set and there is no terminal: set DISCORD_TOKEN/,
    );
  });

  it('GIVEN a bad setting THEN start fails naming the key and what it expects', async () => {
    const result = await runNewsdesk(['start'], { ...env, STORE_URL: 'ftp://x', FEED_POLL_MINUTES: 'soon' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/STORE_URL: expected a keyv URL/);
    expect(result.stderr).toMatch(/FEED_POLL_MINUTES: expected a whole number/);
  });
});
