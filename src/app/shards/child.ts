/**
 * A shard process ends when its ShardingManager does: if the manager is killed outright it cannot send SIGTERM,
 * but the IPC channel it forked us with closes, and a shard left running would hold a gateway session nobody
 * supervises. Resolves with 'disconnect' then.
 */
export function managerGone(): Promise<'disconnect'> {
  return new Promise((resolve) => process.once('disconnect', () => resolve('disconnect')));
}

/**
 * Once a shard is stopping, a second signal (Ctrl-C reaches the whole process group, then the manager sends
 * SIGTERM) must not kill it before it has closed its store; the manager kills one that overstays.
 */
export function ignoreFurtherSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => {});
}

/** The IPC channel keeps a forked process alive: let go of it so the shard exits once its bot has stopped. */
export function leaveManager(): void {
  if (process.connected) process.disconnect();
}
