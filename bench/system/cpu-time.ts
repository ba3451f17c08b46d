/**
 * CPU time spent by the bot process and by the harness during the load: which of the two fills the cores. A
 * latency tail with both together near the core count is waiting for a core; the bot's CPU per interaction is
 * its own work, whatever the harness and other processes on the machine do meanwhile.
 */
import { readFile } from 'node:fs/promises';

/** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in these ticks. */
const TICKS_PER_SECOND = 100;

/** utime + stime of every thread of a live process (Linux /proc), in ms; NaN once it is gone. */
async function processCpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // The command name (field 2) may hold spaces and parentheses: count fields after its closing one.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / TICKS_PER_SECOND;
}

export interface CpuWindow {
  /** CPU used since the window opened: the bot's ms per interaction, and cores busy (CPU time ÷ wall time). */
  stop(
    interactions: number,
  ): Promise<{ botMsPerInteraction: number; botCores: number; harnessCores: number }>;
}

export async function openCpuWindow(botPid: number): Promise<CpuWindow> {
  const botBefore = await processCpuMs(botPid);
  const harnessBefore = process.cpuUsage();
  const startedAt = performance.now();
  return {
    async stop(interactions) {
      const bot = (await processCpuMs(botPid)) - botBefore;
      const harnessUs = process.cpuUsage(harnessBefore);
      const wallMs = performance.now() - startedAt;
      const round = (value: number, digits: number) => Number(value.toFixed(digits));
      return {
        botMsPerInteraction: round(bot / interactions, 2),
        botCores: round(bot / wallMs, 2),
        harnessCores: round((harnessUs.user + harnessUs.system) / 1000 / wallMs, 2),
      };
    },
  };
}
