// A stand-in shard process for the fleet's tests: records the shards it was given, says ready after
// READY_AFTER_MS like a discord.js Client would through its ShardClientUtil, and runs until SIGTERM.
import { writeFileSync } from 'node:fs';
import path from 'node:path';

const record = { shards: JSON.parse(process.env.SHARDS ?? 'null'), pid: process.pid, startedAt: Date.now() };
writeFileSync(path.join(process.env.FLEET_TEST_DIR ?? '.', `${process.pid}.json`), JSON.stringify(record));
setTimeout(() => process.send?.({ _ready: true }), Number(process.env.READY_AFTER_MS ?? 0));
const alive = setInterval(() => {}, 60_000);
process.on('SIGTERM', () => {
  clearInterval(alive);
  process.disconnect?.();
});
