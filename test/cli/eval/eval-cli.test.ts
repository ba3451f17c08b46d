import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvalReport } from '../../../src/cli/eval/report.ts';
import { type FakeAnthropic, startFakeAnthropic } from '../../fakes/anthropic.ts';
import { runNewsdesk } from '../../support/subprocess.ts';

const DISCLAIMER = 'This page was assembled by an automated feed and is not reviewed by the editorial desk.';
const ARTICLE = [
  'Ferry crossing to Pell Island suspended after storm damages the pier',
  '',
  'The ferry service to Pell Island was suspended on Friday after a storm tore away part of the landing pier.',
  'Engineers from the county council said repairs would take at least three weeks.',
  'Islanders can still cross on a smaller boat that leaves the harbour twice a day.',
  '',
  'Transport news',
  '',
  DISCLAIMER,
  '',
].join('\n');
const ANSWERABLE = {
  article: 'ferry.txt',
  question: 'How long will the pier repairs take?',
  answerable: true,
  gold: 'Engineers from the county council said repairs would take at least three weeks.',
  kind: 'number',
  language: 'en',
};
const NEAR_MISS = {
  article: 'ferry.txt',
  question: 'Who owns the company that runs the ferry?',
  answerable: false,
  kind: 'near-miss',
  language: 'en',
};

/** What the fake model answers for the unanswerable question: nothing shares its words, so the marker. */
const MODEL_REFUSAL = { ...NEAR_MISS, question: 'What colour is the lighthouse on Tarn Rock?' };

async function writeSet(dir: string, pairs: readonly object[]): Promise<string> {
  await mkdir(path.join(dir, 'articles'), { recursive: true });
  await writeFile(path.join(dir, 'articles', 'ferry.txt'), ARTICLE);
  const file = path.join(dir, 'small.json');
  await writeFile(file, JSON.stringify({ description: 'test set', articlesDir: 'articles', pairs }));
  return file;
}

describe('npm run eval (subprocess)', () => {
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-eval-'));
    env = { STORE_URL: 'memory://', LOG_LEVEL: 'warn' };
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('GIVEN no API key and a set file THEN --json reports the offline answerer, one answer, one refusal, exact quotes and no cost', async () => {
    const file = await writeSet(path.join(dir, 'offline'), [ANSWERABLE, NEAR_MISS]);
    const result = await runNewsdesk(['eval', '--file', file, '--json'], env);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as EvalReport;
    expect(report.answerer.provider).toBe('extractive');
    const [set] = report.sets;
    expect(set?.pairs).toBe(2);
    expect(set?.figures.accuracy).toEqual({ hits: 1, total: 1, share: 1 });
    expect(set?.figures.refusals).toEqual({ hits: 1, total: 1, share: 1 });
    expect(set?.figures.quotes.share).toBe(1);
    expect(set?.figures.modelCalls).toBe(0);
    expect(set?.figures.costUsd).toBe(0);
  });

  it('GIVEN the default set THEN the plain report shows the tuning half with its figures, and no progress bar on a pipe', async () => {
    const result = await runNewsdesk(['eval'], env, { timeoutMs: 120_000 });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^tuning — \d+ pairs over \d+ articles/m);
    expect(result.stdout).toMatch(/accuracy +\d+\/\d+ = \d+\.\d %/);
    expect(result.stdout).toMatch(/refusals +\d+\/\d+ = \d+\.\d %/);
    expect(result.stdout).toMatch(/quote exactness +\d+\/\d+ = 100\.0 %/);
    expect(result.stdout).toMatch(/^held-out/m);
    expect(result.stderr).not.toContain('[#');
  }, 130_000);

  it('GIVEN a set naming an article outside its folders THEN it exits 1 saying which article and where it looked', async () => {
    const file = await writeSet(path.join(dir, 'broken'), [{ ...ANSWERABLE, article: 'missing.txt' }]);
    const result = await runNewsdesk(['eval', '--file', file], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/article "missing\.txt" is in none of its folders/);
  });
});

describe('npm run eval with ANTHROPIC_API_KEY (subprocess, real SDK, fake Messages API)', () => {
  let dir: string;
  let fake: FakeAnthropic;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-eval-model-'));
    fake = await startFakeAnthropic({ apiKey: 'sk-eval-test' });
  });
  afterAll(async () => {
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  });

  const modelEnv = (key: string) => ({
    STORE_URL: 'memory://',
    LOG_LEVEL: 'warn',
    ANTHROPIC_API_KEY: key,
    ANTHROPIC_BASE_URL: fake.url,
    ANTHROPIC_MAX_RETRIES: '0',
  });

  it('GIVEN a key THEN every question goes to the model once and the report counts the calls, tokens and cost', async () => {
    const file = await writeSet(path.join(dir, 'model'), [ANSWERABLE, MODEL_REFUSAL]);
    fake.requests.length = 0;
    const result = await runNewsdesk(['eval', '--file', file, '--json'], modelEnv('sk-eval-test'));
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as EvalReport;
    expect(report.answerer.provider).toBe('anthropic');
    const figures = report.sets[0]?.figures;
    expect(figures?.modelCalls).toBe(2);
    expect(fake.requests.filter((request) => request.path.endsWith('/messages'))).toHaveLength(2);
    expect(figures?.accuracy.hits).toBe(1);
    expect(figures?.refusals.hits).toBe(1);
    expect(figures?.quotes.share).toBe(1);
    expect(figures?.usage.inputTokens).toBeGreaterThan(0);
    expect(figures?.costUsd).toBeGreaterThan(0);
  });

  it('GIVEN a key the API refuses THEN it stops at the first question and says to check the key', async () => {
    const file = await writeSet(path.join(dir, 'refused'), [ANSWERABLE, MODEL_REFUSAL]);
    fake.requests.length = 0;
    const result = await runNewsdesk(['eval', '--file', file], modelEnv('sk-wrong'));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/check ANTHROPIC_API_KEY/);
    expect(fake.requests).toHaveLength(1);
  });
});
