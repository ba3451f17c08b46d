import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEvalSet } from '../../../src/cli/eval/fixture.ts';
import { progressLine } from '../../../src/cli/eval/report.ts';

const article = (title: string) =>
  `${title}\n\nThe harbour museum reopened on Tuesday after a two-year renovation.\n`;

describe('evaluation set files', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-evalset-'));
    await mkdir(path.join(dir, 'sets'), { recursive: true });
    await mkdir(path.join(dir, 'old'), { recursive: true });
    await mkdir(path.join(dir, 'sets', 'new'), { recursive: true });
    await writeFile(path.join(dir, 'old', 'a.txt'), article('Museum reopens'));
    await writeFile(path.join(dir, 'sets', 'new', 'b.txt'), article('Harbour museum back'));
    await writeFile(path.join(dir, 'sets', 'new', 'a.txt'), article('A second a.txt'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  async function setWith(name: string, body: object): Promise<string> {
    const file = path.join(dir, 'sets', `${name}.json`);
    await writeFile(file, JSON.stringify(body));
    return file;
  }

  const pair = (articleName: string) => ({
    article: articleName,
    question: 'When did it reopen?',
    answerable: false,
  });

  it('GIVEN folders relative to the JSON file THEN each article is read from the folder that has it', async () => {
    const file = await setWith('two-folders', { articlesDir: ['../old', 'new'], pairs: [pair('b.txt')] });
    const set = await loadEvalSet(file);
    expect(set.articles.get('b.txt')?.title).toBe('Harbour museum back');
  });

  it('GIVEN an article name present in two of its folders THEN the set is refused as ambiguous', async () => {
    const file = await setWith('ambiguous', { articlesDir: ['../old', 'new'], pairs: [pair('a.txt')] });
    await expect(loadEvalSet(file)).rejects.toThrow(/"a\.txt" is in more than one of its folders/);
  });

  it('GIVEN an article given as a path THEN it is refused rather than read outside the folders', async () => {
    const file = await setWith('escape', { articlesDir: 'new', pairs: [pair('../../old/a.txt')] });
    await expect(loadEvalSet(file)).rejects.toThrow(/must be a file name, not a path/);
  });

  it('GIVEN an answerable pair without its gold sentence THEN the error names the pair', async () => {
    const file = await setWith('no-gold', {
      articlesDir: 'new',
      pairs: [{ ...pair('b.txt'), answerable: true }],
    });
    await expect(loadEvalSet(file)).rejects.toThrow(/pairs\.0: an answerable pair needs its gold sentence/);
  });

  it('GIVEN progress THEN the bar redraws in place with the count', () => {
    expect(progressLine('tuning', 5, 10)).toBe(`\rtuning [${'#'.repeat(15)}${'-'.repeat(15)}] 5/10`);
  });
});
