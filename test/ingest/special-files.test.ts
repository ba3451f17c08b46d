import { execFileSync } from 'node:child_process';
import { closeSync, constants, openSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { parseArticleFile } from '../../src/articles/parse/parse.ts';

/**
 * The folder walk takes regular files only, but whoever writes into the articles folder can swap a checked
 * file for a named pipe before it is opened (the watcher scans again and again). Opening a pipe for reading
 * waits for a writer: one such open holds a libuv thread, four hold all of them (DNS and file reads stall).
 */

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-fifo-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Opens the pipe's writing end and closes it: a reader still waiting in open() is let go. */
function releaseReaders(fifo: string): void {
  try {
    closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
  } catch {
    // ENXIO: nobody is waiting to read, which is the outcome wanted
  }
}

it('GIVEN an article file swapped for a named pipe THEN the import refuses it at once instead of waiting for a writer', async () => {
  const fifo = path.join(dir, 'harbour.txt');
  execFileSync('mkfifo', [fifo]);
  const started = performance.now();
  const waited = new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), 2_000));
  try {
    const outcome = await Promise.race([parseArticleFile(fifo), waited]);
    expect(outcome).toEqual({ ok: false, reason: expect.stringContaining('not a regular file') });
    expect(performance.now() - started).toBeLessThan(2_000);
  } finally {
    releaseReaders(fifo);
  }
});
