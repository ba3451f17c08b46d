import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, startRedisServer } from '../support/redis-server.ts';
import { PROJECT_ROOT } from '../support/subprocess.ts';

/** Well under the 10 s connect timeout the Redis client used to hold the process for. */
const EXITS_WITHIN_MS = 3_000;

/** Milliseconds between the child printing "closed" and its exit. */
function lingerAfterClose(url: string): Promise<{ code: number | null; lingerMs: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(import.meta.dirname, 'support/redis-open-close.ts'), url],
      { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let closedAt: number | undefined;
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('closed\n')) closedAt ??= performance.now();
    });
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, lingerMs: performance.now() - (closedAt ?? 0), output }));
  });
}

describe('a process done with its Redis store', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(() => redis.close());

  it('GIVEN every namespace closed, and a write arriving after THEN the write is refused and the process exits at once', async () => {
    const { code, lingerMs, output } = await lingerAfterClose(redis.url);
    expect(output).toContain('late write: Error: The Redis store was closed');
    expect(code).toBe(0);
    expect(lingerMs).toBeLessThan(EXITS_WITHIN_MS);
  }, 30_000);
});
