/**
 * The real bot as a separate process, as `npm start` runs it (src/main.ts start with DISCORD_TOKEN), started with
 * `node --import tsx` so the pid is the bot itself and /proc/<pid> describes it. Its stderr (pino JSON lines) is
 * kept and read for what an operator would worry about.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdir, readFile, readlink } from 'node:fs/promises';
import path from 'node:path';
import { pinnedCommand } from './pinning.ts';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

export interface LogLine {
  readonly level?: number;
  readonly msg?: string;
  readonly [key: string]: unknown;
}

const LOOP_PROBE = path.join(import.meta.dirname, 'loop-probe.ts');
/** The line loop-probe.ts prints. */
export const LOOP_DELAY_LOG = 'bench: event-loop delay';

export interface BotProcess {
  readonly pid: number;
  /** Parsed log lines, in order. */
  readonly lines: readonly LogLine[];
  /** Whatever stderr printed that was not a JSON log line (a crash's stack, a Node warning). */
  readonly otherOutput: readonly string[];
  alive(): boolean;
  exitCode(): number | null;
  waitForLog(match: (line: LogLine) => boolean, timeoutMs: number): Promise<LogLine>;
  /** The bot's event-loop delay since the previous call (bench/system/loop-probe.ts). */
  loopDelay(): Promise<LogLine>;
  /** SIGTERM, then the exit code (SIGKILL after STOP_TIMEOUT_MS). */
  stop(): Promise<number | null>;
  /** SIGKILL: a crash or a kill -9, nothing runs after it. */
  kill(): Promise<void>;
}

export interface ProcSample {
  readonly at: number;
  readonly rssMb: number;
  readonly hwmMb: number;
  readonly fds: number;
}

/** VmRSS, VmHWM and the number of open file descriptors of a live process (Linux /proc). */
export async function sampleProc(pid: number): Promise<ProcSample | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) =>
      Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    const fds = (await readdir(`/proc/${pid}/fd`)).length;
    return { at: Date.now(), rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024, fds };
  } catch {
    return null; // the process is gone
  }
}

/**
 * Store files the process still has open although they were deleted: a WAL or shared-memory file another
 * process removed as "the last connection". The bot then writes where no one else reads (see
 * test/system/shared-store.test.ts).
 */
export async function deletedStoreFiles(pid: number, storePath: string): Promise<string[]> {
  const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
  const targets = await Promise.all(fds.map((fd) => readlink(`/proc/${pid}/fd/${fd}`).catch(() => '')));
  return [
    ...new Set(targets.filter((target) => target.startsWith(storePath) && target.endsWith('(deleted)'))),
  ];
}

function collectStderr(child: ChildProcess, lines: LogLine[], other: string[], onLine: () => void): void {
  let pending = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const complete = pending.split('\n');
    pending = complete.pop() ?? '';
    for (const text of complete) {
      if (!text.trim()) continue;
      try {
        lines.push(JSON.parse(text) as LogLine);
      } catch {
        other.push(text);
      }
    }
    onLine();
  });
}

/**
 * Starts the bot with exactly `env` (plus PATH and HOME) and waits for `readyLines` 'bot ready' lines (one per
 * shard it runs). `inspect` opens the inspector on 127.0.0.1 (a random port; its URL is in `otherOutput`), for the
 * soak's heap probe.
 */
export async function startBotProcess(
  env: Record<string, string>,
  inspect = false,
  readyLines = 1,
): Promise<BotProcess> {
  // BENCH_CPU_PROF_DIR=/tmp/prof: every bot process writes a CPU profile there when it stops (open it in
  // Chrome DevTools); node refuses --cpu-prof in NODE_OPTIONS, so it cannot come through --env.
  const profileDir = process.env.BENCH_CPU_PROF_DIR;
  const args = [
    ...(inspect ? ['--inspect=127.0.0.1:0'] : []),
    ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
    ...['--import', 'tsx', '--import', LOOP_PROBE, 'src/main.ts', 'start'],
  ];
  // taskset execs the bot in its place (--pin), so the child's pid is still the bot's.
  const start = pinnedCommand(process.execPath, args);
  const child = spawn(start.command, start.args, {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const lines: LogLine[] = [];
  const otherOutput: string[] = [];
  const waiters = new Set<() => void>();
  collectStderr(child, lines, otherOutput, () => {
    for (const wake of [...waiters]) wake();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.once('exit', () => {
    for (const wake of [...waiters]) wake();
  });

  const bot: BotProcess = {
    async loopDelay() {
      const seen = lines.length;
      child.kill('SIGUSR2');
      return bot.waitForLog((line) => line.msg === LOOP_DELAY_LOG && lines.indexOf(line) >= seen, 5_000);
    },
    pid: child.pid ?? -1,
    lines,
    otherOutput,
    alive: () => child.exitCode === null && child.signalCode === null,
    exitCode: () => child.exitCode,
    waitForLog(match, timeoutMs) {
      return new Promise((resolve, reject) => {
        let seen = 0;
        const check = () => {
          for (; seen < lines.length; seen++) {
            const line = lines[seen] as LogLine;
            if (match(line)) return finish(() => resolve(line));
          }
          if (!bot.alive())
            finish(() => reject(new Error(`the bot exited (${child.exitCode}): ${otherOutput.join('\n')}`)));
        };
        const timer = setTimeout(
          () => finish(() => reject(new Error('timed out waiting for a log line'))),
          timeoutMs,
        );
        const finish = (settle: () => void) => {
          clearTimeout(timer);
          waiters.delete(check);
          settle();
        };
        waiters.add(check);
        check();
      });
    },
    async stop() {
      if (!bot.alive()) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
    async kill() {
      if (!bot.alive()) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
  try {
    // A ShardingManager's process carries its shards' logs: it is up when each of them is.
    let ready = 0;
    await bot.waitForLog(
      (line) => line.msg === 'bot ready' && ++ready >= readyLines,
      READY_TIMEOUT_MS * readyLines,
    );
  } catch (error) {
    await bot.kill();
    throw error;
  }
  return bot;
}
