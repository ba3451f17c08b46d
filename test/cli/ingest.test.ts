import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';
import { openArticleStore } from '../../src/articles/store.ts';
import { runIngest } from '../../src/cli/ingest.ts';
import type { IngestCliDeps } from '../../src/cli/ingest-deps.ts';
import { parseConfig } from '../../src/core/config.ts';
import { silentLogger } from '../../src/core/log.ts';
import { serveFixture, startFixtureServer } from '../ingest/feeds/fixture-server.ts';

const SAMPLES_DIR = path.resolve(import.meta.dirname, '../../data/samples');
const SAMPLE = path.join(SAMPLES_DIR, '001_tram_line_vote.txt');

function capture(isTTY = false) {
  let text = '';
  return { sink: { isTTY, write: (chunk: string) => (text += chunk) }, text: () => text };
}

/** runIngest in-process on an in-memory store, with captured output. */
async function ingest(argv: string[], env: Record<string, string> = {}) {
  const stdout = capture();
  const stderr = capture();
  const config = parseConfig({ STORE_URL: 'memory://', ...env });
  const deps: IngestCliDeps = {
    stdout: stdout.sink,
    stderr: stderr.sink,
    openStore: () => openArticleStore({ url: 'memory://' }),
    openFeedState: async () => new Keyv(),
    openLeases: async () => new Keyv(),
    now: () => Date.now(),
  };
  const code = await runIngest(argv, config, silentLogger, deps);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

describe('ingest command (in-process)', () => {
  it('GIVEN the samples folder THEN it prints the one summary line on stdout and exits 0', async () => {
    expect(await ingest([SAMPLES_DIR])).toEqual({
      code: 0,
      stdout: '7 new, 0 updated, 0 unchanged, 0 failed\n',
      stderr: '',
    });
  });

  it('GIVEN --dry-run --json THEN stdout is only JSON lines with exactly the stable fields', async () => {
    const { code, stdout, stderr } = await ingest([SAMPLE, '--dry-run', '--json']);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const parsed = JSON.parse(lines[0] as string);
    expect(Object.keys(parsed)).toEqual(['id', 'title', 'category', 'disclaimer', 'paragraphs', 'hash']);
    expect(parsed).toMatchObject({ id: '001_tram_line_vote', category: 'Europe news' });
    expect(stderr).toBe('1 parsed, 0 failed (dry run: nothing stored)\n');
  });

  it('GIVEN a feed URL on a local server THEN its items are imported like files, in the same summary', async () => {
    const server = await startFixtureServer();
    try {
      server.route('/rss.xml', serveFixture(server, 'feeds/rss.xml', 'application/rss+xml'));
      const { code, stdout, stderr } = await ingest([server.url('/rss.xml'), SAMPLE]);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(stdout).toMatch(/^[4-9] new, 0 updated, 0 unchanged, 0 failed\n$/);
    } finally {
      await server.close();
    }
  });

  it('GIVEN a feed URL that answers 500 THEN it is a named failure and exit 1', async () => {
    const server = await startFixtureServer();
    try {
      server.route('/down.xml', (_request, response) => void response.writeHead(500).end('boom'));
      const { code, stderr } = await ingest([server.url('/down.xml')]);
      expect(code).toBe(1);
      expect(stderr).toContain(`${server.url('/down.xml')}: [GET] "${server.url('/down.xml')}": 500`);
    } finally {
      await server.close();
    }
  });

  it('GIVEN --status THEN each configured feed has a line', async () => {
    const { code, stdout } = await ingest(['--status'], { NEWS_FEEDS: 'https://news.example/feed.xml' });
    expect(code).toBe(0);
    expect(stdout).toContain('https://news.example/feed.xml');
  });

  it('GIVEN no argument THEN ARTICLES_DIR is imported; without it, a usage error', async () => {
    expect((await ingest([], { ARTICLES_DIR: SAMPLES_DIR })).stdout).toBe(
      '7 new, 0 updated, 0 unchanged, 0 failed\n',
    );
    await expect(ingest([])).rejects.toThrow(/^Nothing to import\.\nUsage: npm run ingest/);
    await expect(ingest(['--nope'])).rejects.toThrow(/Unknown option '--nope'/);
    expect((await ingest(['--help'])).stdout).toMatch(
      /^Usage: npm run ingest -- <file\|folder\|glob\|feed URL\|article URL>/,
    );
  });

  it('GIVEN 1,000 files on a terminal THEN progress is one redrawn line, cleared before the summary', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-progress-'));
    try {
      for (let i = 0; i < 1_000; i += 1)
        await writeFile(path.join(dir, `a${i}.txt`), `T${i}\n\nBody ${i}.\n`);
      const stderr = capture(true);
      const stdout = capture();
      let clock = 0;
      const deps: IngestCliDeps = {
        stdout: stdout.sink,
        stderr: stderr.sink,
        openStore: () => openArticleStore({ url: 'memory://' }),
        openFeedState: async () => new Keyv(),
        openLeases: async () => new Keyv(),
        now: () => (clock += 10),
      };
      const code = await runIngest([dir, '--dry-run'], parseConfig({}), silentLogger, deps);
      expect(code).toBe(0);
      expect(stderr.text()).toMatch(/^\r\d+\/1000 files/);
      expect(stderr.text().endsWith('\r1000/1000 files\r\u001b[K')).toBe(true);
      expect(stdout.text()).toBe('1000 parsed, 0 failed (dry run: nothing stored)\n');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
