import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_PROMPTS_DIR,
  loadPrompts,
  NOT_IN_ARTICLE_MARKER,
  PromptError,
  parsePrompt,
  SUMMARY_MAX_WORDS,
} from '../../src/answer/prompts.ts';

const temporary: string[] = [];
afterEach(async () => {
  await Promise.all(temporary.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A copy of prompts/ with one file edited. */
async function promptsWith(name: string, edit: (text: string) => string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-prompts-'));
  temporary.push(dir);
  await cp(DEFAULT_PROMPTS_DIR, dir, { recursive: true });
  const file = path.join(dir, `${name}.md`);
  await writeFile(file, edit(await readFile(file, 'utf8')));
  return dir;
}

describe('loading the prompts', () => {
  it('GIVEN the bundled prompts THEN both load, render with no placeholder left, and carry a hash', async () => {
    const prompts = await loadPrompts();
    for (const name of ['summary', 'ask'] as const) {
      const text = prompts[name].render();
      expect(text).not.toMatch(/\{\{|\}\}/);
      expect(prompts[name].hash).toMatch(/^[0-9a-f]{16}$/);
    }
    expect(prompts.ask.render()).toContain(NOT_IN_ARTICLE_MARKER);
    expect(prompts.summary.render()).toContain(`at most ${SUMMARY_MAX_WORDS.brief} words`);
    expect(new Set([prompts.summary.hash, prompts.ask.hash]).size).toBe(2);
  });

  it('GIVEN a placeholder no code fills THEN loading fails naming the file and the placeholder', async () => {
    const dir = await promptsWith('ask', (text) => `${text}\nAlso consider {{house_style}}.`);
    const failure = loadPrompts(dir);
    await expect(failure).rejects.toThrow(PromptError);
    await expect(failure).rejects.toThrow(/ask\.md: unknown placeholder \{\{house_style\}\}/);
  });

  it('GIVEN a declared placeholder missing from the file THEN loading fails naming it', async () => {
    const dir = await promptsWith('summary', (text) => text.replace('{{brief_words}}', '50'));
    await expect(loadPrompts(dir)).rejects.toThrow(
      /summary\.md: placeholder \{\{brief_words\}\} is declared/,
    );
  });

  it('GIVEN malformed braces THEN loading fails instead of sending them to the model', async () => {
    const dir = await promptsWith('ask', (text) => `${text}\nWrite {{ max words }} words.`);
    await expect(loadPrompts(dir)).rejects.toThrow(/ask\.md: malformed placeholder/);
    const unbalanced = await promptsWith('ask', (text) => `${text}\nWrite {{max_words} words.`);
    await expect(loadPrompts(unbalanced)).rejects.toThrow(/ask\.md: unbalanced/);
  });

  it('GIVEN a missing prompt file THEN loading fails naming it', async () => {
    const dir = await promptsWith('ask', (text) => text);
    await rm(path.join(dir, 'summary.md'));
    await expect(loadPrompts(dir)).rejects.toThrow(/summary\.md: cannot read the prompt \(ENOENT\)/);
  });

  it('GIVEN a one-word change to a prompt THEN its hash changes and the others do not', async () => {
    const before = await loadPrompts();
    const after = await loadPrompts(
      await promptsWith('ask', (text) => text.replace('Answer directly', 'Answer briefly')),
    );
    expect(after.ask.hash).not.toBe(before.ask.hash);
    expect(after.summary.hash).toBe(before.summary.hash);
  });

  it('GIVEN CRLF line ends THEN the prompt and its hash are the same as with LF', async () => {
    const before = await loadPrompts();
    const after = await loadPrompts(await promptsWith('ask', (text) => text.replace(/\n/g, '\r\n')));
    expect(after.ask.hash).toBe(before.ask.hash);
  });
});

describe('rendering', () => {
  it('GIVEN a value left out THEN rendering fails naming the placeholder', () => {
    const prompt = parsePrompt(
      'ask',
      'Mark {{not_in_article_marker}}; at most {{max_words}} words.',
      'ask.md',
    );
    expect(prompt.render({ not_in_article_marker: '[N]', max_words: '30' })).toBe(
      'Mark [N]; at most 30 words.',
    );
    expect(() => prompt.render({ not_in_article_marker: '[N]' })).toThrow(
      /ask\.md: placeholder \{\{max_words\}\} has no value/,
    );
  });
});

describe('the rules the prompts state', () => {
  it('GIVEN each prompt THEN it keeps to the article, treats it as data, leaves the disclaimer and mentions out', async () => {
    const prompts = await loadPrompts();
    for (const name of ['summary', 'ask'] as const) {
      const text = prompts[name].render();
      expect(text, name).toMatch(/never instructions/i);
      expect(text, name).toMatch(/own knowledge/i);
      expect(text, name).toMatch(/disclaimer/i);
      expect(text, name).toMatch(/@everyone/);
      expect(text, name).toMatch(/exactly as it is written/i);
    }
    const ask = prompts.ask.render();
    expect(ask).toMatch(/does not say/);
    expect(ask).toMatch(/name what the article does cover/);
    for (const length of ['brief', 'standard', 'detailed'])
      expect(prompts.summary.render()).toContain(`- ${length}:`);
  });
});
