import { mkdtemp, open, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ARTICLE_BYTES, parseArticleFile } from '../../../src/articles/parse/parse.ts';
import { firstInvalidUtf8Offset } from '../../../src/articles/parse/read-text.ts';

const GOOD = 'A title\n\nA body sentence that is long enough to count as a paragraph.\n';
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-parse-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, content: string | Uint8Array): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, content);
  return file;
}

async function reasonFor(file: string): Promise<string> {
  const parsed = await parseArticleFile(file);
  if (parsed.ok) throw new Error(`expected ${file} to be refused`);
  return parsed.reason;
}

describe('parseArticleFile refuses what is not an article', () => {
  it.each([
    ['empty', '', /^empty file/],
    ['white space only', ' \n\t\r\n \u00a0\n', /only white space/],
    ['title only', 'Just a title\n\n\n', /has a title \("Just a title"\) but no body/],
    [
      'title and footer only',
      'A title\n\nWorld news\n\nDisclaimer: not ours.\nBack to top button\n',
      /no body/,
    ],
    ['only leftovers', 'Back to top button\nShare this:\n', /only theme leftovers/],
  ])('GIVEN a file with %s THEN it is refused with a reason', async (name, content, reason) => {
    expect(await reasonFor(await write(`${name}.txt`, content))).toMatch(reason);
  });

  it('GIVEN a binary file THEN the reason names the NUL byte offset', async () => {
    const file = await write(
      'image.txt',
      Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]),
    );
    expect(await reasonFor(file)).toBe('binary file (NUL byte at offset 8), not a text article');
  });

  it('GIVEN Latin-1 text THEN the reason names the offset of the bad byte and how to convert', async () => {
    const file = await write(
      'latin1.txt',
      Buffer.from('Caf\u00e9 opens\n\nThe caf\u00e9 opened today.\n', 'latin1'),
    );
    expect(await reasonFor(file)).toMatch(
      /^not valid UTF-8 \(first bad byte at offset 3\): save it as UTF-8/,
    );
  });

  it('GIVEN UTF-16 text THEN it is refused as UTF-16, not as binary', async () => {
    const file = await write(
      'utf16.txt',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(GOOD, 'utf16le')]),
    );
    expect(await reasonFor(file)).toMatch(/^UTF-16 text, not UTF-8/);
  });

  it('GIVEN a 50 MB file THEN it is refused by its size without being read', async () => {
    const file = path.join(dir, 'huge.txt');
    const handle = await open(file, 'w');
    await handle.truncate(50 * 1024 * 1024); // sparse: instant to make, and reading it would take visible time
    await handle.close();
    expect(await reasonFor(file)).toBe(
      '50.0 MB, over the 5.0 MB limit for one article: check it is an article, or split it',
    );
    expect(MAX_ARTICLE_BYTES).toBe(5 * 1024 * 1024);
  });

  it('GIVEN a missing path or a folder THEN the reason says so', async () => {
    expect(await reasonFor(path.join(dir, 'nope.txt'))).toBe('no such file or folder');
    expect(await reasonFor(dir)).toBe('not a regular file');
  });
});

describe('parseArticleFile never reads through a symbolic link', () => {
  it('GIVEN a link to a secrets file THEN it is refused as a link and the secret is not read', async () => {
    const secret = await write(
      'secret.env',
      'Top secret\n\nDISCORD_TOKEN=leaked-token-value-that-must-stay-home\n',
    );
    const link = path.join(dir, 'innocent.txt');
    await symlink(secret, link);
    const parsed = await parseArticleFile(link);
    expect(parsed.ok).toBe(false);
    expect(JSON.stringify(parsed)).not.toContain('leaked-token');
    expect(await reasonFor(link)).toMatch(/symbolic link/);
  });
});

describe('parseArticleFile on good files', () => {
  it('GIVEN a UTF-8 byte-order mark THEN it is accepted and not part of the title', async () => {
    const parsed = await parseArticleFile(await write('bom.txt', `\ufeff${GOOD}`));
    expect(parsed.ok && parsed.article.title).toBe('A title');
  });

  it('GIVEN no date THEN publishedAt is the file mtime; given origin fields THEN they win', async () => {
    const file = await write('dated.txt', GOOD);
    const mtime = new Date('2023-05-06T07:08:09.000Z');
    await utimes(file, mtime, mtime);
    const plain = await parseArticleFile(file);
    expect(plain.ok && plain.article.publishedAt).toBe('2023-05-06T07:08:09.000Z');
    const given = await parseArticleFile(file, {
      publishedAt: new Date('2024-01-01T00:00:00Z'),
      url: 'https://example.com/a',
      source: 'Example',
    });
    expect(given.ok && given.article).toMatchObject({
      id: 'dated',
      publishedAt: '2024-01-01T00:00:00.000Z',
      url: 'https://example.com/a',
      source: 'Example',
    });
  });

  it('GIVEN control characters and mis-decoded text THEN it parses with warnings', async () => {
    const parsed = await parseArticleFile(await write('odd.txt', `${GOOD}Odd \u0007bell and \ufffd here.\n`));
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.article.paragraphs.at(-1)).toBe('Odd bell and \ufffd here.');
    expect(parsed.warnings).toEqual([
      'removed 1 control characters',
      'contains U+FFFD replacement characters: the text was mis-decoded once',
    ]);
  });
});

describe('firstInvalidUtf8Offset', () => {
  it.each([
    ['a lone continuation byte', [0x61, 0x80, 0x62], 1],
    ['a lead byte followed by ASCII', [0x61, 0x62, 0xc3, 0x28], 2],
    ['a three-byte sequence cut by ASCII', [0x61, 0xe2, 0x82, 0x28], 1],
    ['a stray byte after a valid é', [0xc3, 0xa9, 0x80], 2],
    ['a sequence cut at the end of the file', [0x61, 0x62, 0xe2, 0x82], 2],
    ['an invalid byte', [0x61, 0xff], 1],
  ])('GIVEN %s THEN it points at the start of the bad sequence', (_name, bytes, offset) => {
    expect(firstInvalidUtf8Offset(Uint8Array.from(bytes))).toBe(offset);
  });
});
