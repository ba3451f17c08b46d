/**
 * Child process of bench/store.bench.ts: opens an existing store as the bot would at start, reports how long that
 * took and the memory it holds, then times searches over it. Prints one JSON line on stdout.
 * Usage: tsx bench/support/store-startup.ts <store-url> [seed]
 */
import { openArticleStore } from '../../src/articles/store.ts';
import { seededRandom } from './generate-articles.ts';
import { percentiles, round, timeEach } from './stats.ts';

const QUERIES_PER_KIND = 2_000;
const WARM_UP_QUERIES = 200;
const AUTOCOMPLETE_LIMIT = 25;

const url = process.argv[2];
if (!url) throw new Error('usage: store-startup.ts <store-url>');
const random = seededRandom(Number(process.argv[3] ?? 7));

const started = performance.now();
const cpuBefore = process.cpuUsage();
const store = await openArticleStore({ url });
const openMs = performance.now() - started;
const openCpu = process.cpuUsage(cpuBefore);
// From process start (node, tsx and module loading included) to a store ready to serve.
const readyMs = process.uptime() * 1000;
const rssAfterOpenMb = process.memoryUsage().rss / 1_048_576;
const peakRssAtOpenMb = process.resourceUsage().maxRSS / 1024;

const titles = store.search('', store.count()).map((hit) => hit.title);
const pickTitle = () => titles[Math.floor(random() * titles.length)] ?? '';
const titleWords = () => pickTitle().split(' ');

/** What a user types into the autocomplete box: the start of a title, cut mid-word. */
function autocompleteQuery(): string {
  const words = titleWords().slice(0, 1 + Math.floor(random() * 3));
  const text = words.join(' ');
  return text.slice(0, Math.max(1, text.length - Math.floor(random() * 4)));
}

/** A question in plain words about one article, naming two of its title words. */
function questionQuery(): string {
  const words = titleWords();
  const pick = () => words[Math.floor(random() * words.length)] ?? '';
  return `What did the officials say about ${pick()} and the ${pick()} plan this week?`;
}

const kinds = {
  autocomplete: autocompleteQuery,
  question: questionQuery,
  empty: () => '',
} as const;

const search: Record<string, ReturnType<typeof percentiles>> = {};
for (const [kind, make] of Object.entries(kinds)) {
  const queries = Array.from({ length: QUERIES_PER_KIND + WARM_UP_QUERIES }, make);
  const samples = await timeEach(queries, (query) => store.search(query, AUTOCOMPLETE_LIMIT));
  search[kind] = percentiles(samples.slice(WARM_UP_QUERIES));
}

await store.close();
process.stdout.write(
  `${JSON.stringify({
    articles: titles.length,
    openMs: round(openMs, 0),
    openCpuMs: round((openCpu.user + openCpu.system) / 1000, 0),
    readyMs: round(readyMs, 0),
    rssAfterOpenMb: round(rssAfterOpenMb, 0),
    peakRssAtOpenMb: round(peakRssAtOpenMb, 0),
    search,
  })}\n`,
);
