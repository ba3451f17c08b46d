/**
 * `--pin`: the harness (fake Discord, fake model, the simulated users) on CPU 0, every bot process on the other
 * CPUs, with taskset (util-linux). Unpinned, the two compete for the same cores and each one's tails include time
 * spent waiting for the other to yield a core; pinned, the bot's figures show what it does with a core of its own.
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';

const HARNESS_CPU = 0;
let botCpus: string | null = null;

/** Pins this process (every thread it has) to CPU 0 and remembers the rest for bot processes. */
export function pinHarnessAndBots(): { readonly harness: string; readonly bot: string } {
  const cpus = os.availableParallelism();
  if (cpus < 2) throw new Error('--pin needs at least 2 CPUs');
  try {
    const args = ['--all-tasks', '--cpu-list', '--pid', String(HARNESS_CPU), String(process.pid)];
    execFileSync('taskset', args, { stdio: 'ignore' });
  } catch (error) {
    throw new Error(`--pin needs taskset (util-linux): ${error instanceof Error ? error.message : error}`);
  }
  botCpus = cpus === 2 ? '1' : `1-${cpus - 1}`;
  return { harness: String(HARNESS_CPU), bot: botCpus };
}

/** How to start a bot process: behind `taskset --cpu-list …` once pinHarnessAndBots ran, else directly. */
export function pinnedCommand(command: string, args: readonly string[]): { command: string; args: string[] } {
  return botCpus === null
    ? { command, args: [...args] }
    : { command: 'taskset', args: ['--cpu-list', botCpus, command, ...args] };
}
