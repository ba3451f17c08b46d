/**
 * One process of test/store/atomic.test.ts: opens `url`'s namespace, prints "ready", waits for a line on stdin
 * (so every process starts racing at once), increments `key` `count` times through atomicKeys, all issued at once,
 * and prints how many races it lost and how long it took (ms) as one JSON line.
 */
import { once } from 'node:events';
import { atomicKeys } from '../../../src/store/atomic.ts';
import { openKeyv } from '../../../src/store/keyv.ts';

const [url = '', namespace = '', key = '', count = '0'] = process.argv.slice(2);
const keyv = await openKeyv(url, { namespace });
let conflicts = 0;
const atomic = atomicKeys(keyv, { onConflict: () => conflicts++ });
console.log('ready');
await once(process.stdin, 'data');
const started = performance.now();
await Promise.all(
  Array.from({ length: Number(count) }, () => atomic.update<number>(key, (n) => ({ value: (n ?? 0) + 1 }))),
);
const ms = performance.now() - started;
await keyv.disconnect();
console.log(JSON.stringify({ conflicts, ms }));
process.exit(0);
