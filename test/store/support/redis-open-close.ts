/**
 * A process that opens a few namespaces on the Redis at argv[2], uses and closes them, then prints "closed" and
 * has nothing left to do: it should exit at once, even after a write attempted late (test/store/redis-exit.test.ts).
 */
import { openKeyv } from '../../../src/store/keyv.ts';

const url = process.argv[2] ?? '';
const opened = await Promise.all(
  ['answers', 'usage', 'leases'].map((namespace) => openKeyv(url, { namespace })),
);
await Promise.all(opened.map((keyv) => keyv.set('probe', 1)));
await Promise.all(opened.map((keyv) => keyv.disconnect()));
// A write that arrives after shutdown (a usage count retried, a reply finishing) is refused, not reconnected.
const late = await opened[0]?.set('late', 1).then(
  () => 'written',
  (error: unknown) => String(error),
);
process.stdout.write(`late write: ${late}\nclosed\n`);
