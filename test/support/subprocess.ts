import { spawn } from 'node:child_process';
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(PROJECT_ROOT, 'node_modules/.bin/tsx');

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `tsx src/main.ts <args>` as a real subprocess with exactly the environment given (plus PATH), so no .env
 * or developer variable leaks in. `input` is piped to stdin, which is then closed (no terminal).
 */
export function runNewsdesk(
  args: readonly string[],
  env: Record<string, string>,
  options: { input?: string; cwd?: string; timeoutMs?: number } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [path.join(PROJECT_ROOT, 'src/main.ts'), ...args], {
      cwd: options.cwd ?? PROJECT_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** A JSON log line of `npm start` (pino), with the fields the tests read. */
export interface LogLine {
  msg: string;
  shard?: number;
  shards?: number[];
  pid?: number;
  code?: number | null;
  guilds?: number;
  shardCount?: number;
  /** pino's time of the line, in ms since the epoch. */
  time: number;
}

/** `npm start` as a subprocess, its stderr read as the JSON log lines the shards and their manager write. */
export function startNewsdesk(env: Record<string, string>) {
  const child = spawn(path.join(PROJECT_ROOT, 'node_modules/.bin/tsx'), ['src/main.ts', 'start'], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const logs = (msg: string): LogLine[] =>
    stderr
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as LogLine)
      .filter((line) => line.msg === msg);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, logs, exited, stderr: () => stderr };
}

export type NewsdeskProcess = ReturnType<typeof startNewsdesk>;

/**
 * The environment of a bot on the given fake Discord and fake model with its store in `dir`, and the sample
 * articles ingested into it through `npm run ingest`; `ingested` is that command's summary line.
 */
export async function envWithSamples(dir: string, discordApi: string, anthropicUrl: string) {
  const env = {
    STORE_URL: `sqlite://${path.join(dir, 'store.sqlite')}`,
    DISCORD_TOKEN: 'fake.bot.token',
    DISCORD_API_URL: discordApi,
    ANTHROPIC_API_KEY: 'sk-test',
    ANTHROPIC_BASE_URL: anthropicUrl,
    LOG_LEVEL: 'info',
  };
  const ingest = await runNewsdesk(['ingest', path.join(PROJECT_ROOT, 'data/samples')], env);
  return { env, ingested: ingest.stdout };
}
