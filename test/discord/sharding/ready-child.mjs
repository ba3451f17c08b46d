// A stand-in shard process for the fleet's tests: records the shards it was given, says ready after
// READY_AFTER_MS like a discord.js Client would through its ShardClientUtil, and runs until SIGTERM.
import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// A SIGTERM can come before READY (a stop right after the spawn, on a busy machine): a send on the closed
// channel would then throw and exit 1, which is the child's race, not the fleet's.
const ready = setTimeout(
  () => {
    if (process.connected) process.send?.({ _ready: true });
  },
  Number(process.env.READY_AFTER_MS ?? 0),
);
const alive = setInterval(() => {}, 60_000);
process.on('SIGTERM', () => {
  clearTimeout(ready);
  clearInterval(alive);
  process.disconnect?.();
});
// Recorded only once the SIGTERM handler is in place: the test stops the fleet as soon as it sees this file,
// and a SIGTERM before the handler would kill the child by signal (exit code null) instead of a clean exit 0.
const record = { shards: JSON.parse(process.env.SHARDS ?? 'null'), pid: process.pid, startedAt: Date.now() };
// Written whole, then renamed: the test never reads half a record.
const recordPath = path.join(process.env.FLEET_TEST_DIR ?? '.', `${process.pid}.json`);
writeFileSync(`${recordPath}.partial`, JSON.stringify(record));
renameSync(`${recordPath}.partial`, recordPath);
