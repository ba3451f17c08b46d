/**
 * Discord transport benchmark: `npx tsx bench/discord.bench.ts`. The real bot (discord.js Client, router,
 * newsroom, SQLite store) against the fake Discord and a fake model with a fixed latency, all in this process.
 * Prints a table, then the figures as one JSON line (the last line).
 *
 * Targets (issue 4), 50 concurrent /ask: INTERACTION_CREATE → defer p99 < 100 ms; the bot's own time beyond the
 * model's p99 < 50 ms. Autocomplete over 100,000 stored articles: p99 < 50 ms.
 */
import { Events } from 'discord.js';
import type { Newsroom, ReplyEvent } from '../src/answer/newsroom-types.ts';
import type { Article } from '../src/articles/article.ts';
import { articleChoices } from '../src/discord/autocomplete.ts';
import { type BotHarness, startHarness } from '../test/discord/support/harness.ts';
import type { FakeInteraction } from '../test/fakes/discord/index.ts';
import { createArticleGenerator } from './support/generate-articles.ts';
import { percentiles, round } from './support/stats.ts';

const CONCURRENT_ASKS = 50;
const ASK_ROUNDS = 10;
const MODEL_LATENCY_MS = 250;
const STORED_ARTICLES = 100_000;
const AUTOCOMPLETE_RUNS = 1_000;
const INGEST_CONCURRENCY = 8;
const SAMPLE_IDS = ['001_tram_line_vote', '002_grain_exports', '003_heatwave_power', '004_football_final'];

/** Sub-millisecond clock shared by the fake Discord and the probes below. */
const preciseNow = () => performance.timeOrigin + performance.now();

/** When the bot received each interaction and when its newsroom stream started and ended, by question. */
const probes = {
  received: new Map<string, number>(),
  started: new Map<string, number>(),
  done: new Map<string, number>(),
};

async function* observed(question: string, events: AsyncIterable<ReplyEvent>): AsyncIterable<ReplyEvent> {
  probes.started.set(question, preciseNow());
  for await (const event of events) {
    if (event.type === 'done') probes.done.set(question, preciseNow());
    yield event;
  }
}

const observe = (real: Newsroom): Newsroom => ({
  summary: real.summary,
  followUp: real.followUp,
  ask: (request) => observed(request.question, real.ask(request)),
});

async function measureAsk(interaction: FakeInteraction, question: string) {
  const ack = await interaction.waitForAck(10_000);
  const view = await interaction.waitFor((v) => v.edits.length > 0 && !v.thinking, 30_000);
  const shownAt = view.edits[0]?.at ?? Number.NaN;
  const doneAt = probes.done.get(question) ?? Number.NaN;
  const receivedAt = probes.received.get(interaction.id) ?? Number.NaN;
  return {
    deferMs: ack.latencyMs,
    overheadMs: shownAt - view.createdAt - MODEL_LATENCY_MS,
    // The transport's share: gateway delivery to the handler, then render + edit after the newsroom finished.
    transportMs: receivedAt - view.createdAt + (shownAt - doneAt),
    newsroomMs: doneAt - (probes.started.get(question) ?? Number.NaN) - MODEL_LATENCY_MS,
  };
}

async function askRound(h: BotHarness, roundNumber: number) {
  // Unique questions: no answer-cache hits and no shared in-flight calls; every ask pays the model.
  const questions = Array.from(
    { length: CONCURRENT_ASKS },
    (_, i) => `Round ${roundNumber} asker ${i}: what did the report say happened?`,
  );
  const interactions = await Promise.all(
    questions.map((question, i) =>
      h.discord.command('ask', { question, article: SAMPLE_IDS[i % SAMPLE_IDS.length] as string }),
    ),
  );
  return Promise.all(interactions.map((interaction, i) => measureAsk(interaction, questions[i] as string)));
}

async function benchAsks() {
  const h = await startHarness({
    anthropic: { firstTokenDelayMs: MODEL_LATENCY_MS },
    discord: { now: preciseNow },
    logLevel: 'silent',
    newsroom: observe,
  });
  h.bot.client.on(Events.InteractionCreate, (interaction) =>
    probes.received.set(interaction.id, preciseNow()),
  );
  try {
    await askRound(h, -1); // warm-up: JIT, connection pools
    const samples: Awaited<ReturnType<typeof measureAsk>>[] = [];
    for (let n = 0; n < ASK_ROUNDS; n++) samples.push(...(await askRound(h, n)));
    const of = (key: keyof (typeof samples)[number]) => percentiles(samples.map((sample) => sample[key]));
    return {
      defer: of('deferMs'),
      overhead: of('overheadMs'),
      transport: of('transportMs'),
      newsroom: of('newsroomMs'),
    };
  } finally {
    await h.close();
  }
}

async function fillStore(h: BotHarness) {
  const generator = createArticleGenerator(7);
  let next = 0;
  const worker = async () => {
    while (next < STORED_ARTICLES) await h.runtime.store.upsert(generator.article(next++) as Article);
  };
  await Promise.all(Array.from({ length: INGEST_CONCURRENCY }, worker));
}

/** What people type: prefixes and whole words of stored titles, and every tenth an odd input. */
function typedInputs(h: BotHarness): string[] {
  const words = h.runtime.store.search('', 200).flatMap((hit) => hit.title.split(' '));
  const odd = ['', '🚋', 'x'.repeat(100), '**bold** <@1>', 'the'];
  return Array.from({ length: AUTOCOMPLETE_RUNS }, (_, i) => {
    const word = words[(i * 37) % words.length] ?? 'news';
    return i % 10 === 0 ? (odd[(i / 10) % odd.length] as string) : word.slice(0, 2 + (i % 6));
  });
}

async function benchAutocomplete() {
  const h = await startHarness({
    env: { STORE_URL: 'memory://' },
    ingest: false,
    discord: { now: preciseNow },
    logLevel: 'silent',
  });
  try {
    const started = performance.now();
    await fillStore(h);
    const fillSeconds = round((performance.now() - started) / 1000, 1);
    const inputs = typedInputs(h);
    const roundTrip: number[] = [];
    for (const typed of inputs) {
      const interaction = await h.discord.autocomplete('summary', { article: typed }, 'article');
      roundTrip.push((await interaction.waitForAck(10_000)).latencyMs);
    }
    const search = inputs.map((typed) => {
      const t0 = performance.now();
      articleChoices(h.runtime.store, typed);
      return performance.now() - t0;
    });
    const articles = h.runtime.store.count();
    return { articles, fillSeconds, roundTrip: percentiles(roundTrip), search: percentiles(search) };
  } finally {
    await h.close();
  }
}

const asks = await benchAsks();
const autocomplete = await benchAutocomplete();
const figure = (p: { p50: number; p99: number }) => `p50 ${p.p50} ms, p99 ${p.p99} ms`;
const rows: [string, string, string][] = [
  [
    `/ask x${CONCURRENT_ASKS} at once, ${ASK_ROUNDS} rounds: INTERACTION_CREATE → defer`,
    figure(asks.defer),
    'p99 < 100 ms',
  ],
  [
    `/ask: time beyond the model's ${MODEL_LATENCY_MS} ms, to the answer shown`,
    figure(asks.overhead),
    'p99 < 50 ms',
  ],
  ['  of which Discord transport (receive; render + edit)', figure(asks.transport), ''],
  ['  of which newsroom (resolve, cache, usage, SDK) beyond the model', figure(asks.newsroom), ''],
  [
    `autocomplete, ${autocomplete.articles} articles: event → respond`,
    figure(autocomplete.roundTrip),
    'p99 < 50 ms',
  ],
  ['  of which search + choices (in process)', figure(autocomplete.search), ''],
];
for (const [what, value, target] of rows) console.log(`${what.padEnd(72)} ${value.padEnd(32)} ${target}`);
console.log(JSON.stringify({ modelLatencyMs: MODEL_LATENCY_MS, asks, autocomplete }));
