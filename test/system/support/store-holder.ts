/**
 * A long-running process holding the store open the way the bot does (src/app/runtime.ts): `node --import tsx
 * store-holder.ts <STORE_URL>`. Prints `ready` once open. Each stdin line `write <id>` stores an article and counts
 * a reply in the usage ledger, then prints `wrote <id>` (or `failed <id> <message>`); `close` closes the store,
 * prints `closed` and exits.
 */
import { createInterface } from 'node:readline';
import { openNewsroom } from '../../../src/app/runtime.ts';
import { parseConfig } from '../../../src/core/config.ts';
import { errorMessage } from '../../../src/core/errors.ts';
import { silentLogger } from '../../../src/core/log.ts';

const url = process.argv[2];
if (!url) throw new Error('usage: store-holder.ts <STORE_URL>');
const runtime = await openNewsroom(parseConfig({ STORE_URL: url, LOG_LEVEL: 'silent' }), silentLogger);

async function write(id: string): Promise<void> {
  await runtime.store.upsert({
    ...{ id, title: `Held ${id}`, paragraphs: [`Written by the holding process as ${id}.`], category: null },
    ...{ disclaimer: null, url: null, source: 'test', language: 'en' },
    ...{
      publishedAt: new Date().toISOString(),
      hash: Buffer.from(id).toString('hex').padEnd(16, '0').slice(0, 16),
    },
  });
  await runtime.usage.recordCachedReply('holder');
}

process.stdout.write('ready\n');
for await (const line of createInterface({ input: process.stdin })) {
  const [command, id = ''] = line.trim().split(' ');
  if (command === 'close') break;
  if (command !== 'write') continue;
  await write(id).then(
    () => process.stdout.write(`wrote ${id}\n`),
    (error: unknown) => process.stdout.write(`failed ${id} ${errorMessage(error).replace(/\n/g, ' ')}\n`),
  );
}
await runtime.close();
process.stdin.destroy();
process.stdout.write('closed\n');
