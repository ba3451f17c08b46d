import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openArticleStore } from '../../src/articles/store.ts';
import { PROJECT_ROOT, runNewsdesk } from '../support/subprocess.ts';

/**
 * The deployment the design promises: the bot keeps the SQLite store open while `npm run ingest` (another process)
 * writes to the same file. Found by the system benchmark (issue 9): after the ingest process closed, the bot's
 * connections went on writing into a WAL file that had been deleted under them, and the file ended up malformed.
 */

const HOLDER = path.join(PROJECT_ROOT, 'test/system/support/store-holder.ts');
const ROUNDS = 2;
const ARTICLES_PER_INGEST = 3;

interface Holder {
  send(line: string, expect: RegExp): Promise<string>;
  child: ChildProcessWithoutNullStreams;
}

function startHolder(url: string): Promise<Holder> {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, url], { cwd: PROJECT_ROOT });
  let output = '';
  const waiters: (() => void)[] = [];
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    for (const wake of waiters.splice(0)) wake();
  });
  const next = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`holder said: ${output}`)), 15_000);
      const check = () => {
        const match = pattern.exec(output);
        if (!match) return void waiters.push(check);
        output = output.slice((match.index ?? 0) + match[0].length);
        clearTimeout(timer);
        resolve(match[0]);
      };
      check();
    });
  const holder: Holder = {
    child,
    send(line, pattern) {
      child.stdin.write(`${line}\n`);
      return next(pattern);
    },
  };
  return next(/ready\n/).then(() => holder);
}

function integrityCheck(file: string): string {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return String(db.pragma('integrity_check', { simple: true }));
  } finally {
    db.close();
  }
}

describe('one store shared by the bot and the ingest command', () => {
  let dir = '';
  let holder: Holder | undefined;

  afterEach(async () => {
    holder?.child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  it('GIVEN the bot holding the store WHEN `npm run ingest` runs and exits between its writes THEN nothing is lost or damaged', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-shared-'));
    const file = path.join(dir, 'store.sqlite');
    const url = `sqlite://${file}`;
    holder = await startHolder(url);
    const expected: string[] = [];
    const replies: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      replies.push(await holder.send(`write held-${round}`, /(wrote|failed) [^\n]*\n/));
      expected.push(`held-${round}`);
      const folder = path.join(dir, `import-${round}`);
      await mkdir(folder);
      for (let n = 0; n < ARTICLES_PER_INGEST; n++) {
        const id = `import_${round}_${n}`;
        expected.push(id);
        await writeFile(
          path.join(folder, `${id}.txt`),
          `Imported ${id}\n\nThe body of ${id} says one thing.\n`,
        );
      }
      const ingest = await runNewsdesk(['ingest', folder], { STORE_URL: url });
      expect(ingest.stdout).toBe(`${ARTICLES_PER_INGEST} new, 0 updated, 0 unchanged, 0 failed\n`);
    }
    replies.push(await holder.send('write held-last', /(wrote|failed) [^\n]*\n/));
    expected.push('held-last');
    await holder.send('close', /closed\n/);

    expect(replies.filter((reply) => reply.startsWith('failed'))).toEqual([]);
    expect(integrityCheck(file)).toBe('ok');
    const store = await openArticleStore({ url });
    const missing: string[] = [];
    for (const id of expected) if (!(await store.get(id))) missing.push(id);
    await store.close();
    expect(missing).toEqual([]);
  }, 60_000);
});
