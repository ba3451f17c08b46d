import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEWS_LIST_MAX } from '../../commands/news.ts';
import { type NewsroomRuntime, openNewsroom } from '../../src/app/runtime.ts';
import { SHARED_COMMANDS } from '../../src/console/commands.ts';
import { executeLine, type SessionDeps } from '../../src/console/session.ts';
import { parseConfig } from '../../src/core/config.ts';
import { translate } from '../../src/core/i18n/index.ts';
import { silentLogger } from '../../src/core/log.ts';
import { ingestPaths } from '../../src/ingest/files.ts';
import { SAMPLES_DIR } from '../discord/support/harness.ts';
import { runNewsdesk } from '../support/subprocess.ts';

describe('/news and /help in the console', () => {
  let runtime: NewsroomRuntime;
  let printed = '';
  let deps: SessionDeps;

  beforeAll(async () => {
    const config = parseConfig({ STORE_URL: 'memory://', LOG_LEVEL: 'silent' });
    runtime = await openNewsroom(config, silentLogger);
    await ingestPaths([SAMPLES_DIR], { store: runtime.store, dryRun: false });
    const out = {
      write(text: string) {
        printed += text;
      },
    };
    deps = {
      ...runtime,
      logger: silentLogger,
      sourceDisclaimer: config.sourceDisclaimer,
      out,
      language: 'en',
    };
  });
  afterAll(async () => runtime?.close());

  async function run(line: string) {
    printed = '';
    const outcome = await executeLine(deps, line);
    return { ...outcome, printed };
  }

  it('GIVEN stored articles WHEN /news THEN the newest five, each with its date, category, link and the commands that act on it', async () => {
    const { printed, failed } = await run('/news');
    expect(failed).toBe(false);
    expect(printed).toMatch(/^Latest stored articles \(5\)/);
    const newest = await runtime.store.latest(NEWS_LIST_MAX);
    newest.forEach((article, index) => {
      expect(printed).toContain(`${index + 1}. ${article.title}`);
      expect(printed).toContain(`/summary article:${article.id}`);
      if (article.url) expect(printed).toContain(article.url);
      if (article.category) expect(printed).toContain(article.category);
    });
    expect(printed).not.toContain('**');
  });

  it('GIVEN words typed after /news (with or without query:) THEN the best matches; words that match nothing say so', async () => {
    const bare = await run('/news tram airport');
    expect(bare.printed).toMatch(/Best matches for “tram airport” \(\d\)/);
    expect(bare.printed).toMatch(/1\. .*tram line/);
    const named = await run('/news query:tram airport');
    expect(named.printed).toBe(bare.printed);
    const none = await run('/news query:zzzqqq');
    expect(none.printed.trim()).toBe(translate('en', 'news.no-match', { query: 'zzzqqq' }));
  });

  it('GIVEN /help THEN every command the console shares with Discord, typed as in the console, with the description Discord shows', async () => {
    const { printed } = await run('/help');
    for (const { data } of SHARED_COMMANDS) {
      expect(printed).toContain(`  /${data.name}`);
      expect(printed).toContain(translate('en', data.description.key));
    }
    expect(printed).toContain('/news [query:');
    expect(printed).toContain('/digest preview');
    expect(printed).toContain('/quit');
  });

  it('GIVEN the console as a program THEN --eval "/news harbor" lists the samples it imported', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-console-news-'));
    try {
      const env = { STORE_URL: `sqlite://${path.join(dir, 'store.sqlite')}`, LOG_LEVEL: 'warn' };
      const result = await runNewsdesk(['console', '--eval', '/news harbor'], env);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/Best matches for “harbor”/);
      expect(result.stdout).toMatch(/\/summary article:001_tram_line_vote/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
