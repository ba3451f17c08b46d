import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { collectReply } from '../../src/answer/collect.ts';
import type { ReplyEvent } from '../../src/answer/newsroom-types.ts';
import { type NewsroomRuntime, openNewsroom } from '../../src/app/runtime.ts';
import { openArticleStore } from '../../src/articles/store.ts';
import { replyJson } from '../../src/cli/answer.ts';
import { executeLine } from '../../src/console/session.ts';
import { parseConfig } from '../../src/core/config.ts';
import { silentLogger } from '../../src/core/log.ts';
import { type FakeAnthropic, startFakeAnthropic, text } from '../fakes/anthropic.ts';
import { sampleArticle } from '../support/articles.ts';
import { runNewsdesk } from '../support/subprocess.ts';

const context = { guildId: null, userId: null };
const TRAM = '001_tram_line_vote';
// What the scripted model says without citing anything: wording of its own, not in the article.
const UNCITED = 'Officials expect the trams to be painted a bright teal and to run all night long.';

describe('a model reply that cites nothing (real SDK, fake Messages API)', () => {
  let fake: FakeAnthropic;
  let runtime: NewsroomRuntime;

  beforeAll(async () => {
    fake = await startFakeAnthropic();
  });
  afterAll(async () => fake.close());

  beforeEach(async () => {
    fake.requests.length = 0;
    const config = parseConfig({
      ANTHROPIC_API_KEY: 'sk-test',
      ANTHROPIC_BASE_URL: fake.url,
      ANTHROPIC_MAX_RETRIES: '0',
      ANTHROPIC_TIMEOUT_MS: '2000',
      STORE_URL: 'memory://',
    });
    runtime = await openNewsroom(config, silentLogger);
    await runtime.store.upsert(await sampleArticle('001_tram_line_vote.txt'));
  });
  afterEach(async () => {
    fake.setResponder(undefined);
    fake.setTiming({ tokensPerSecond: 0, firstTokenDelayMs: 0 });
    await runtime.close();
  });

  const ask = (question: string, language = 'en', onEvent?: (event: ReplyEvent) => void) =>
    collectReply(runtime.newsroom.ask({ question, article: TRAM, language, context }), onEvent);

  it('GIVEN an uncited answer THEN it is not shown; the reply says the article does not support one, answered false', async () => {
    fake.setResponder(() => ({ blocks: [text(UNCITED)] }));
    const reply = await ask('How much will the tram line cost?');
    expect(reply.result.answered).toBe(false);
    expect(reply.result.text).not.toContain('teal');
    expect(reply.result.text).toMatch(/does not support an answer/);
    expect(replyJson(reply)).toMatchObject({ answered: false, provider: 'anthropic' });
    expect(fake.requests).toHaveLength(1);
  });

  it('GIVEN an uncited answer THEN the offline sentences follow, labelled, each quote verbatim from the article', async () => {
    fake.setResponder(() => ({ blocks: [text(UNCITED)] }));
    const reply = await ask('How much will the tram line cost?');
    expect(reply.result.text).toMatch(
      /offline search found in the article \(straight from the article, not an answer\)/,
    );
    expect(reply.result.citations.length).toBeGreaterThan(0);
    for (const citation of reply.result.citations)
      expect(reply.article.paragraphs[citation.paragraph]).toContain(citation.quote);
  });

  it('GIVEN a German asker THEN the withheld notice is in German', async () => {
    fake.setResponder(() => ({ blocks: [text(UNCITED)] }));
    const reply = await ask('Was kostet die Straßenbahn?', 'de');
    expect(reply.result.text).toMatch(/stützt keine Antwort/);
  });

  it('GIVEN the same uncited question again THEN the withheld reply is served from the cache, no second call', async () => {
    fake.setResponder(() => ({ blocks: [text(UNCITED)] }));
    await ask('Who opposed the tram?');
    const again = await ask('Who opposed the tram?');
    expect(again.result).toMatchObject({ cached: true, answered: false });
    expect(again.result.text).not.toContain('teal');
    expect(fake.requests).toHaveLength(1);
  });

  it('GIVEN an answer that cites the article THEN it is shown as the answer', async () => {
    fake.setResponder(() => ({ blocks: [text('It will cost 1.9 billion euros.', 1)] }));
    const reply = await ask('How much will the tram line cost?');
    expect(reply.result).toMatchObject({ answered: true, text: 'It will cost 1.9 billion euros.' });
  });

  it('GIVEN a summary that cites nothing THEN no summary is shown; the offline summary follows, labelled', async () => {
    fake.setResponder(() => ({ blocks: [text(UNCITED)] }));
    const reply = await collectReply(
      runtime.newsroom.summary({ article: TRAM, length: 'brief', language: 'en', context }),
    );
    expect(reply.result.answered).toBe(false);
    expect(reply.result.text).not.toContain('teal');
    expect(reply.result.text).toMatch(/No summary is shown/);
    expect(reply.result.text).toMatch(/offline summary instead/);
  });

  it('GIVEN an uncited answer streamed to the console THEN it is marked withdrawn before the reply', async () => {
    fake.setResponder(() => ({ blocks: [text(UNCITED)] }));
    const chunks: string[] = [];
    const out = { write: (chunk: string) => chunks.push(chunk) };
    const deps = {
      newsroom: runtime.newsroom,
      store: runtime.store,
      out,
      logger: silentLogger,
      sourceDisclaimer: 'The source’s disclaimer.',
      language: 'en',
    };
    await executeLine(deps, `/ask question:Who will drive the trams? article:${TRAM}`);
    const printed = chunks.join('');
    const withdrawnAt = printed.indexOf('(The text above is withdrawn: it cited nothing in the article.)');
    expect(printed.indexOf('teal')).toBeGreaterThan(-1);
    expect(withdrawnAt).toBeGreaterThan(printed.indexOf('teal'));
    expect(printed.slice(withdrawnAt)).toMatch(/does not support an answer/);
  });

  it('GIVEN an uncited answer streamed word by word THEN the text streams, but the final reply withdraws it', async () => {
    fake.setResponder(() => ({ blocks: [text(`${UNCITED} ${UNCITED}`)] }));
    fake.setTiming({ tokensPerSecond: 200, firstTokenDelayMs: 0 });
    const streamed: string[] = [];
    const reply = await ask('When will the trams run?', 'en', (event) => {
      if (event.type === 'text') streamed.push(event.text);
    });
    expect(streamed.length).toBeGreaterThan(1);
    expect(streamed.join('')).toContain('teal');
    expect(reply.result.text).not.toContain('teal');
    expect(reply.result.answered).toBe(false);
  });
});

describe('npm run cli -- ask … --json with a model that cites nothing', () => {
  it('GIVEN an uncited model answer THEN the JSON reports answered: false and not the uncited text', async () => {
    const fake = await startFakeAnthropic({ responder: () => ({ blocks: [text(UNCITED)] }) });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-uncited-'));
    try {
      const storeUrl = `sqlite://${path.join(dir, 'store.sqlite')}`;
      const store = await openArticleStore({ url: storeUrl });
      await store.upsert(await sampleArticle('001_tram_line_vote.txt'));
      await store.close();
      const env = {
        STORE_URL: storeUrl,
        ANTHROPIC_API_KEY: 'sk-test',
        ANTHROPIC_BASE_URL: fake.url,
        LOG_LEVEL: 'warn',
      };
      const result = await runNewsdesk(
        ['cli', 'ask', 'Who pays for the tram?', '--article', TRAM, '--json'],
        env,
      );
      expect(result.code).toBe(0);
      const json = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
      expect(json).toMatchObject({ answered: false, provider: 'anthropic' });
      expect(String(json.text)).not.toContain('teal');
      expect(fake.requests).toHaveLength(1);
    } finally {
      await fake.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
