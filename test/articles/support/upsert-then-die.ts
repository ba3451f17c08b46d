/**
 * A process that dies the moment its upsert resolves (SIGKILL: no close, no flush), as a crash or an OOM kill
 * would end the bot. Usage: node --import tsx upsert-then-die.ts <store-file> <article-json>
 */
import { openArticleStore } from '../../../src/articles/store.ts';

const [file, json] = process.argv.slice(2);
if (!file || !json) throw new Error('usage: upsert-then-die.ts <store-file> <article-json>');
const store = await openArticleStore({
  url: `sqlite://${file}`,
  indexSnapshotMinArticles: Number.POSITIVE_INFINITY,
  catalogueWorkers: null,
});
await store.upsert(JSON.parse(json));
process.kill(process.pid, 'SIGKILL');
