import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Keyv from 'keyv';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createConversationStore } from '../../src/answer/conversations.ts';
import { type NewsroomRuntime, openNewsroom } from '../../src/app/runtime.ts';
import { contentHash } from '../../src/articles/identity.ts';
import { inMemoryConversation } from '../../src/console/follow-up.ts';
import { executeLine, type SessionDeps } from '../../src/console/session.ts';
import { parseConfig } from '../../src/core/config.ts';
import { translate } from '../../src/core/i18n/index.ts';
import { silentLogger } from '../../src/core/log.ts';
import { type FakeAnthropic, startFakeAnthropic } from '../fakes/anthropic.ts';
import { sampleArticle } from '../support/articles.ts';
import { runNewsdesk } from '../support/subprocess.ts';

const TRAM = '001_tram_line_vote';
type Body = { messages: { role: string; content: { type: string; text?: string }[] }[] };

describe('the console follow-up prompt (in process, the real SDK against the fake Messages API)', () => {
  let fake: FakeAnthropic;
  let runtime: NewsroomRuntime;
  let printed: string[];
  let notes: string[];
  let deps: SessionDeps;

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
      STORE_URL: 'memory://',
    });
    runtime = await openNewsroom(config, silentLogger);
    await runtime.store.upsert(await sampleArticle(`${TRAM}.txt`));
    printed = [];
    notes = [];
    deps = {
      newsroom: runtime.newsroom,
      store: runtime.store,
      logger: silentLogger,
      sourceDisclaimer: 'The source’s disclaimer.',
      language: 'en',
      out: { write: (chunk) => printed.push(chunk) },
      notes: { write: (chunk) => notes.push(chunk) },
      conversation: inMemoryConversation(),
    };
  });
  afterEach(async () => runtime.close());

  const bodyAt = (index: number): Body => {
    const request = fake.requests[index];
    if (!request) throw new Error(`no request ${index}`);
    return request.body as unknown as Body;
  };
  const roles = (index: number) => bodyAt(index).messages.map((m) => m.role);
  const run = async (line: string) => {
    printed.length = 0;
    const outcome = await executeLine(deps, line);
    return { ...outcome, text: printed.join('') };
  };

  it('GIVEN an answer WHEN a line starts with > THEN it is answered about the same article with the earlier turns, and the turns grow', async () => {
    await run(`/ask question:How much will the tram line cost? article:${TRAM}`);
    expect(notes.join('')).toContain(translate('en', 'conversation.console-hint'));
    const first = await run('> How many stops will it have?');
    expect(first).toMatchObject({ failed: false });
    expect(first.text).toContain('11 stops');
    expect(first.text).toContain('Harbor City council approves');
    expect(roles(1)).toEqual(['user', 'assistant', 'user']);
    await run('> How many passengers will it carry?');
    expect(roles(2)).toEqual(['user', 'assistant', 'user', 'assistant', 'user']);
    const sent = JSON.stringify(fake.requests[2]?.body);
    expect(sent).toContain('How many stops will it have?');
    expect(notes.join('').split(translate('en', 'conversation.console-hint'))).toHaveLength(2);
  });

  it('GIVEN a summary THEN a follow-up continues from it, and a new /ask starts a new conversation', async () => {
    await run(`/summary article:${TRAM} length:brief`);
    await run('> How many stops will it have?');
    const afterSummary = bodyAt(1).messages[0]?.content[1]?.text;
    expect(afterSummary).toContain('Summarise the article.');
    await run(`/ask question:Who opposed the line? article:${TRAM}`);
    await run('> What did they argue?');
    expect(roles(3)).toEqual(['user', 'assistant', 'user']);
    expect(JSON.stringify(fake.requests[3]?.body)).not.toContain('Summarise the article.');
  });

  it('GIVEN the article changed after the answer THEN the follow-up says so before answering from the new version', async () => {
    await run(`/ask question:How much will the tram line cost? article:${TRAM}`);
    const article = await sampleArticle(`${TRAM}.txt`);
    const paragraphs = article.paragraphs.map((p) => p.replace('11 stops', '12 stops'));
    await runtime.store.upsert({ ...article, paragraphs, hash: contentHash(article.title, paragraphs) });
    const { text } = await run('> How many stops will it have?');
    expect(text).toContain(translate('en', 'conversation.changed', { version: 1 }));
    expect(text).toContain('12 stops');
  });

  it('GIVEN a conversation whose article is gone, or no answer yet, THEN the > line says what happened and what to do', async () => {
    const none = await run('> Who pays for it?');
    expect(none).toMatchObject({ failed: true, text: `${translate('en', 'conversation.console-none')}\n` });
    const store = createConversationStore(new Keyv());
    const gone = { id: 'removed_article', version: 1, hash: '0123456789abcdef', title: 'Gone' };
    await store.start({ id: 'c', guildId: null, article: gone, language: 'en', turns: [] });
    deps = { ...deps, conversation: { store, id: 'c', hint: { shown: true } } };
    const refused = await run('> Who pays for it?');
    expect(refused).toMatchObject({
      failed: true,
      text: `${translate('en', 'conversation.article-gone')}\n`,
    });
    const empty = await run('>   ');
    expect(empty.text).toContain('Please type a question about the article.');
    expect(fake.requests).toHaveLength(0);
  });
});

describe('the console follow-up prompt (subprocess, no API key)', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-follow-up-'));
    env = { STORE_URL: `sqlite://${path.join(dir, 'store.sqlite')}`, LOG_LEVEL: 'warn' };
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('GIVEN --eval of an answer and a > line THEN the offline follow-up reads "it" from the earlier question', async () => {
    const result = await runNewsdesk(
      [
        'console',
        '--eval',
        `/ask question:When does construction begin? article:${TRAM}`,
        '--eval',
        '> How long will it take?',
      ],
      env,
    );
    expect(result.code).toBe(0);
    const replies = result.stdout.split('Harbor City council approves');
    expect(replies).toHaveLength(3);
    expect(replies[2]).toContain('last four years');
    expect(replies[2]).not.toMatch(/does not say/i);
    expect(result.stderr).toContain('start a line with >');
  });
});
