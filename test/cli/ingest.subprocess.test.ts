import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArticleStore } from '../../src/articles/store.ts';
import { runNewsdesk } from '../support/subprocess.ts';

const SAMPLES_DIR = path.resolve(import.meta.dirname, '../../data/samples');
const GOOD_SAMPLES = ['000_5330609adfd73756.txt', '002_grain_exports.txt'];

let tmp: string;
let articles: string;
let env: Record<string, string>;
/** Runs `tsx src/main.ts ingest …` in the temp folder (so no developer .env is read) with only STORE_URL set. */
const ingest = (...args: string[]) => runNewsdesk(['ingest', ...args], env, { cwd: tmp });

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-ingest-cli-'));
  articles = path.join(tmp, 'articles');
  await mkdir(path.join(articles, 'broken'), { recursive: true });
  for (const name of GOOD_SAMPLES) await copyFile(path.join(SAMPLES_DIR, name), path.join(articles, name));
  await writeFile(path.join(articles, 'broken/empty.txt'), '');
  await writeFile(path.join(articles, 'broken/title-only.txt'), 'Only a title\n');
  await writeFile(path.join(articles, 'broken/binary.txt'), Uint8Array.from([0x47, 0x49, 0x46, 0, 1]));
  await writeFile(path.join(articles, 'broken/latin1.txt'), Buffer.from('Caf\u00e9\n\nText.\n', 'latin1'));
  env = { STORE_URL: `sqlite://${path.join(tmp, 's.sqlite')}`, LOG_LEVEL: 'warn' };
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('npm run ingest as a subprocess', () => {
  it('GIVEN a folder with broken files and a missing path THEN good files are stored, each failure named, exit 1', async () => {
    const missing = path.join(tmp, 'no-such-folder');
    const { code, stdout, stderr } = await ingest(articles, missing);
    expect(stdout).toBe('2 new, 0 updated, 0 unchanged, 5 failed\n');
    expect(stderr.split('\n').filter(Boolean).sort()).toEqual(
      [
        `${missing}: no such file or folder`,
        `${path.join(articles, 'broken/binary.txt')}: binary file (NUL byte at offset 3), not a text article`,
        `${path.join(articles, 'broken/empty.txt')}: empty file: nothing to import`,
        `${path.join(articles, 'broken/latin1.txt')}: not valid UTF-8 (first bad byte at offset 3): save it as UTF-8 (e.g. \`iconv -f windows-1252 -t utf-8\`)`,
        `${path.join(articles, 'broken/title-only.txt')}: has a title ("Only a title") but no body paragraphs`,
      ].sort(),
    );
    expect(code).toBe(1);
  });

  it('GIVEN an unchanged file THEN it is unchanged; GIVEN it edited THEN it is updated', async () => {
    const file = path.join(articles, GOOD_SAMPLES[1] as string);
    const again = await ingest(file);
    expect([again.code, again.stdout]).toEqual([0, '0 new, 0 updated, 1 unchanged, 0 failed\n']);
    await writeFile(
      file,
      'Coastal grain exports recover\n\nShipments rose again in November.\n\nEconomy news\n',
    );
    const edited = await ingest(file);
    expect([edited.code, edited.stdout]).toEqual([0, '0 new, 1 updated, 0 unchanged, 0 failed\n']);
  });

  it('GIVEN --dry-run --json THEN stdout is JSON lines whose ids are the stored ids, and nothing new is stored', async () => {
    const { code, stdout, stderr } = await ingest(path.join(articles, '*.txt'), '--dry-run', '--json');
    expect(code).toBe(0);
    expect(stderr).toBe('2 parsed, 0 failed (dry run: nothing stored)\n');
    const lines = stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => Object.keys(line))).toEqual([
      ['id', 'title', 'category', 'disclaimer', 'paragraphs', 'hash'],
      ['id', 'title', 'category', 'disclaimer', 'paragraphs', 'hash'],
    ]);
    const store = await openArticleStore({ url: env.STORE_URL as string });
    try {
      expect(store.count()).toBe(2);
      for (const line of lines) expect((await store.get(line.id))?.hash).toBe(line.hash);
    } finally {
      await store.close();
    }
  });

  it('GIVEN an empty folder THEN it says the folder has no articles and exits 1', async () => {
    const empty = path.join(tmp, 'empty');
    await mkdir(empty);
    const { code, stdout, stderr } = await ingest(empty);
    expect(stderr).toBe(`${empty}: folder has no article files (*.txt, *.md)\n`);
    expect(stdout).toBe('0 new, 0 updated, 0 unchanged, 1 failed\n');
    expect(code).toBe(1);
  });
});
