import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, open, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asyncFileSystem, syncFileSystem } from '../../../src/articles/parse/file-system.ts';
import { readArticleText } from '../../../src/articles/parse/read-text.ts';

/**
 * The ingest worker reads article files with synchronous calls, the event loop with asynchronous ones
 * (src/articles/parse/file-system.ts). Every refusal — a link, a pipe, a swapped folder, an oversized or binary
 * file — must hold in both, word for word.
 */

let root: string;
let outside: string;
const files: Record<string, string> = {};

beforeAll(async () => {
  const base = await realpath(await mkdtemp(path.join(os.tmpdir(), 'newsdesk-fs-')));
  root = path.join(base, 'articles');
  outside = path.join(base, 'private');
  await mkdir(root);
  await mkdir(outside);
  await writeFile(path.join(outside, 'log.txt'), 'Keeper log\n\nThe passphrase is tern-4417.\n');
  const write = async (name: string, content: string | Uint8Array) => {
    files[name] = path.join(root, name);
    await writeFile(files[name], content);
  };
  await write('good.txt', '\ufeffTide tables\n\nHigh water is at noon on Sunday.\n');
  await write('..notes.txt', 'Quay notes\n\nThe north quay reopens on Monday.\n');
  await write('empty.txt', '');
  await write('binary.txt', Uint8Array.from([0x47, 0x49, 0x46, 0, 1]));
  await write('latin1.txt', Buffer.from('Caf\u00e9 opens\n\nToday.\n', 'latin1'));
  await write(
    'utf16.txt',
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Hi\n\nThere.\n', 'utf16le')]),
  );
  files.huge = path.join(root, 'huge.txt');
  const huge = await open(files.huge, 'w');
  await huge.truncate(20 * 1024 * 1024);
  await huge.close();
  files.link = path.join(root, 'link.txt');
  await symlink(path.join(outside, 'log.txt'), files.link);
  files.fifo = path.join(root, 'pipe.txt');
  execFileSync('mkfifo', [files.fifo]);
  await symlink(outside, path.join(root, 'region'));
  files.swapped = path.join(root, 'region', 'log.txt');
  files.missing = path.join(root, 'missing.txt');
  files.folder = outside;
});
afterAll(async () => {
  await rm(path.dirname(root), { recursive: true, force: true });
});

const read = (file: string, fileSystem: typeof asyncFileSystem) =>
  readArticleText(file, { realRoot: root, fileSystem });

describe('reading article files synchronously (the ingest worker) and asynchronously (the event loop)', () => {
  it('GIVEN good, hostile and broken files THEN both read and refuse each one identically', async () => {
    for (const file of Object.values(files)) {
      expect(await read(file, syncFileSystem), file).toEqual(await read(file, asyncFileSystem));
    }
  });

  it('GIVEN a link, a pipe, a swapped folder and an oversized file THEN the synchronous reader refuses each without reading it', async () => {
    const reasons = Object.fromEntries(
      await Promise.all(
        Object.entries(files).map(async ([name, file]) => {
          const result = await read(file, syncFileSystem);
          return [name, result.ok ? `read: ${result.text}` : result.reason];
        }),
      ),
    );
    expect(reasons).toMatchObject({
      'good.txt': 'read: Tide tables\n\nHigh water is at noon on Sunday.\n',
      '..notes.txt': 'read: Quay notes\n\nThe north quay reopens on Monday.\n',
      link: expect.stringMatching(/symbolic link/),
      fifo: 'not a regular file',
      swapped: expect.stringMatching(/outside the folder .*replaced by a link/),
      huge: expect.stringMatching(/^20\.0 MB, over the 5\.0 MB limit/),
      'binary.txt': expect.stringMatching(/^binary file/),
      missing: 'no such file or folder',
    });
    expect(JSON.stringify(reasons)).not.toContain('tern-4417');
  });
});

describe('where an opened file really is', () => {
  it('GIVEN the descriptor’s link text says its file was removed THEN that text is not believed: the file is checked by its name, and read', async () => {
    // Linux appends " (deleted)" to the link text of a removed file; what precedes it is no longer a place.
    const removedElsewhere = {
      ...syncFileSystem,
      readlink: async () => `${path.join(outside, 'log.txt')} (deleted)`,
    };
    const result = await readArticleText(files['good.txt'] as string, {
      realRoot: root,
      fileSystem: removedElsewhere,
    });
    expect(result).toMatchObject({ ok: true, text: 'Tide tables\n\nHigh water is at noon on Sunday.\n' });
  });
});
