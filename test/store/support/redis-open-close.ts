/**
 * A process that opens a few namespaces on the Redis at argv[2], uses and closes them, then prints "closed" and
 * has nothing left to do: it should exit at once (test/store/redis-exit.test.ts).
 */
import { openKeyv } from '../../../src/store/keyv.ts';

const url = process.argv[2] ?? '';
const opened = await Promise.all(
  ['answers', 'usage', 'leases'].map((namespace) => openKeyv(url, { namespace })),
);
await Promise.all(opened.map((keyv) => keyv.set('probe', 1)));
await Promise.all(opened.map((keyv) => keyv.disconnect()));
process.stdout.write('closed\n');
