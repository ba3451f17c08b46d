/**
 * Live-edit benchmark: `npx tsx bench/streaming.bench.ts`. The real bot (discord.js Client, router, newsroom, SQLite
 * store, real Anthropic SDK) against the fake Discord and a fake model writing 400-token answers at 40 tokens/s,
 * with the default 1 s edit interval. Prints a table, then the figures as one JSON line (the last line).
 *
 * Targets (issue 5): model's first token → first visible edit p99 < 1.2 s; REST edits per 400-token answer ≤ 12.
 * "First token" is when the first text_delta reaches the bot (a tap on the SDK's fetch), "visible" when the fake
 * Discord accepted the edit: both on one clock, in this process.
 */

import { type BotHarness, startHarness } from '../test/discord/support/harness.ts';
import { longProse } from '../test/discord/support/replies.ts';
import { text } from '../test/fakes/anthropic.ts';
import { estimateTokens } from '../test/fakes/anthropic-cache.ts';
import { deltasOf } from '../test/fakes/anthropic-reply.ts';
import type { FakeInteraction } from '../test/fakes/discord/index.ts';
import { percentiles, round } from './support/stats.ts';

const EDIT_INTERVAL_MS = 1_000;
const ANSWER_TOKENS = 400;
const TOKENS_PER_SECOND = 40;
const FIRST_TOKEN_DELAY_MS = 300;
const CONCURRENT_ANSWERS = 20;
const ROUNDS = 3;
const ARTICLE = '001_tram_line_vote';

const preciseNow = () => performance.timeOrigin + performance.now();

/** When the first and the last token of each question's stream reached the bot. */
const tokens = { first: new Map<string, number>(), last: new Map<string, number>() };

/** The SDK's fetch, with a tap on streamed bodies that notes when the first text and the end arrive. */
const tappedFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  const question = /<question>([^<]*)<\/question>/.exec(String(init?.body ?? ''))?.[1];
  if (!response.body || !question) return response;
  const decoder = new TextDecoder();
  const tap = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      const seen = decoder.decode(chunk, { stream: true });
      if (!tokens.first.has(question) && seen.includes('"text_delta"'))
        tokens.first.set(question, preciseNow());
      if (seen.includes('message_stop')) tokens.last.set(question, preciseNow());
      controller.enqueue(chunk);
    },
  });
  const { status, statusText, headers } = response;
  return new Response(response.body.pipeThrough(tap), { status, statusText, headers });
};

/** Tokens as the fake model paces them: each streamed piece (about a word) counts its own estimate. */
const pacedTokens = (value: string) => deltasOf(value).reduce((sum, piece) => sum + estimateTokens(piece), 0);

/** An answer of ANSWER_TOKENS paced tokens: at TOKENS_PER_SECOND it streams for ANSWER_TOKENS / TOKENS_PER_SECOND s. */
function answerOfTokens(count: number): string {
  const words = longProse(count * 8).split(' ');
  let kept = '';
  for (const word of words) {
    const next = kept ? `${kept} ${word}` : word;
    if (pacedTokens(next) > count) break;
    kept = next;
  }
  return kept;
}

const answer = answerOfTokens(ANSWER_TOKENS);

async function measure(h: BotHarness, interaction: FakeInteraction, question: string) {
  const view = await interaction.waitFor(
    (v) => v.original?.embeds[0]?.footer?.text?.startsWith('Not all news') === true,
    60_000,
  );
  const patches = h.discord.requests.filter(
    (r) => r.method === 'PATCH' && r.path.includes(interaction.token),
  ).length;
  const first = tokens.first.get(question) ?? Number.NaN;
  const last = tokens.last.get(question) ?? Number.NaN;
  const gaps = view.edits.slice(1).map((edit, i) => edit.at - (view.edits[i]?.at ?? Number.NaN));
  return {
    firstEditMs: (view.edits[0]?.at ?? Number.NaN) - first,
    finalEditMs: (view.edits.at(-1)?.at ?? Number.NaN) - last,
    streamMs: last - first,
    patches,
    minGapMs: Math.min(...gaps),
  };
}

async function round_(h: BotHarness, n: number) {
  const questions = Array.from(
    { length: CONCURRENT_ANSWERS },
    (_, i) => `Round ${n} reader ${i}: tell me all?`,
  );
  const interactions = await Promise.all(
    questions.map((question) => h.discord.command('ask', { question, article: ARTICLE })),
  );
  return Promise.all(interactions.map((interaction, i) => measure(h, interaction, questions[i] as string)));
}

async function bench() {
  const h = await startHarness({
    env: { STREAM_EDIT_INTERVAL_MS: String(EDIT_INTERVAL_MS) },
    anthropic: {
      tokensPerSecond: TOKENS_PER_SECOND,
      firstTokenDelayMs: FIRST_TOKEN_DELAY_MS,
      thinking: 'none',
      responder: () => ({ blocks: [text(answer, 1)] }),
    },
    discord: { now: preciseNow },
    fetch: tappedFetch,
    logLevel: 'silent',
  });
  try {
    const samples: Awaited<ReturnType<typeof measure>>[] = [];
    for (let n = 0; n < ROUNDS; n++) samples.push(...(await round_(h, n)));
    const patches = samples.map((s) => s.patches);
    return {
      firstEdit: percentiles(samples.map((s) => s.firstEditMs)),
      finalEdit: percentiles(samples.map((s) => s.finalEditMs)),
      stream: percentiles(samples.map((s) => s.streamMs)),
      editsPerAnswer: {
        mean: round(patches.reduce((a, b) => a + b, 0) / patches.length, 2),
        max: Math.max(...patches),
      },
      minGapMs: round(Math.min(...samples.map((s) => s.minGapMs)), 1),
    };
  } finally {
    await h.close();
  }
}

const result = await bench();
const figure = (p: { p50: number; p99: number }) => `p50 ${p.p50} ms, p99 ${p.p99} ms`;
const answers = `${ROUNDS * CONCURRENT_ANSWERS} answers of ${pacedTokens(answer)} tokens at ${TOKENS_PER_SECOND}/s`;
const rows: [string, string, string][] = [
  [`${answers}: first token → first visible edit`, figure(result.firstEdit), 'p99 < 1200 ms'],
  [
    'REST edits per answer (PATCH @original, live + final)',
    `mean ${result.editsPerAnswer.mean}, max ${result.editsPerAnswer.max}`,
    '≤ 12',
  ],
  ['model stream, first → last token', figure(result.stream), ''],
  ['last token → final edit (citations + disclaimer)', figure(result.finalEdit), ''],
  [`smallest gap between two edits (interval ${EDIT_INTERVAL_MS} ms)`, `${result.minGapMs} ms`, ''],
];
for (const [what, value, target] of rows) console.log(`${what.padEnd(72)} ${value.padEnd(32)} ${target}`);
console.log(
  JSON.stringify({
    editIntervalMs: EDIT_INTERVAL_MS,
    answerTokens: pacedTokens(answer),
    tokensPerSecond: TOKENS_PER_SECOND,
    ...result,
  }),
);
