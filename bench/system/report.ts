/** The markdown the benchmark prints (and the README section quotes): the load figures, then every verdict. */
import type { ScenarioResult } from './scenario.ts';

type P = { p50: number; p99: number; runs: number };
const ms = (p: P | undefined) => (p ? `p50 ${Math.round(p.p50)} ms · p99 ${Math.round(p.p99)} ms` : 'n/a');

function loadRows(figures: Record<string, unknown>): [string, string][] {
  const f = figures as Record<string, P> & {
    usage?: {
      inputTokens: number;
      outputTokens: number;
      cacheReadTokens: number;
      cacheWriteTokens: number;
      modelCalls: number;
      cachedReplies: number;
      offlineReplies: number;
    };
    interactions: number;
    concurrency: number;
    commands: number;
    autocompletes: number;
    modelRequests: number;
    cacheHitRate: number;
    peakMemoryMb: number;
    wallSeconds: number;
    harnessLoopDelayMs?: { p50: number; p99: number; max: number };
    botLoopDelayMs?: { p50: number; p99: number; max: number; stalls: number };
    cpu?: { botMsPerInteraction: number; botCores: number; harnessCores: number };
    afterOpening?: { settleMs: number; deferMs: P; botWorkMs: P; autocompleteMs: P };
  };
  const u = f.usage;
  return [
    [
      'Interactions (concurrent)',
      `${f.interactions} (${f.concurrency}): ${f.commands} commands, ${f.autocompletes} autocompletes, in ${f.wallSeconds} s`,
    ],
    ['First response (INTERACTION_CREATE → deferral, or a ready reply, accepted)', ms(f.deferMs)],
    ['Bot overhead beyond the model (answer shown − model time)', ms(f.overheadMs)],
    ['  … of which the bot and Discord (overhead − edit pacing)', ms(f.botWorkMs)],
    ['  … of which waiting for the next edit slot (STREAM_EDIT_INTERVAL_MS)', ms(f.pacingMs)],
    ['  … for answers from the cache (no model call)', ms(f.overheadCachedMs)],
    ["  … from the model's last token to the final edit", ms(f.afterModelMs)],
    ['Time to the final answer', ms(f.finalMs)],
    ['Autocomplete (event → choices)', ms(f.autocompleteMs)],
    [
      `Started after the opening ${f.afterOpening?.settleMs ?? '?'} ms (--settle-ms): defer / bot work / autocomplete p99`,
      f.afterOpening
        ? [f.afterOpening.deferMs, f.afterOpening.botWorkMs, f.afterOpening.autocompleteMs]
            .map((p) => (p.runs > 0 ? `${Math.round(p.p99)} ms` : 'n/a'))
            .join(' / ')
        : 'n/a',
    ],
    [
      "The bot's event-loop delay during the load (stalls over 50 ms)",
      f.botLoopDelayMs
        ? `p50 ${f.botLoopDelayMs.p50} ms · p99 ${f.botLoopDelayMs.p99} ms · max ${f.botLoopDelayMs.max} ms (${f.botLoopDelayMs.stalls})`
        : 'n/a',
    ],
    [
      "The harness's own event-loop delay (in every figure above)",
      f.harnessLoopDelayMs
        ? `p50 ${f.harnessLoopDelayMs.p50} ms · p99 ${f.harnessLoopDelayMs.p99} ms · max ${f.harnessLoopDelayMs.max} ms`
        : 'n/a',
    ],
    [
      "CPU during the load: the bot's per interaction; cores busy, bot / harness",
      f.cpu ? `${f.cpu.botMsPerInteraction} ms; ${f.cpu.botCores} / ${f.cpu.harnessCores}` : 'n/a',
    ],
    ['Model calls (ledger; requests the model saw)', `${u?.modelCalls ?? 'n/a'} (${f.modelRequests})`],
    [
      'Cache hit rate (cached ÷ all replies)',
      `${Math.round((f.cacheHitRate ?? 0) * 1000) / 10} % (${u?.cachedReplies ?? 0} of ${(u?.cachedReplies ?? 0) + (u?.modelCalls ?? 0) + (u?.offlineReplies ?? 0)})`,
    ],
    [
      'Tokens in / out / cache read / cache write',
      u ? `${u.inputTokens} / ${u.outputTokens} / ${u.cacheReadTokens} / ${u.cacheWriteTokens}` : 'n/a',
    ],
    ['Peak memory of the bot process (VmHWM)', `${f.peakMemoryMb} MB`],
  ];
}

export function markdownReport(results: readonly ScenarioResult[], articles: number): string {
  const lines: string[] = [];
  const load = results.find((result) => result.name === 'load');
  if (load && Object.keys(load.figures).length > 0) {
    lines.push(
      `| Load: ${articles.toLocaleString('en')} stored articles, model first token ~300 ms, ~40 tokens/s | |`,
      '| --- | --- |',
    );
    for (const [what, value] of loadRows(load.figures)) lines.push(`| ${what} | ${value} |`);
    lines.push('');
  }
  lines.push('| Scenario | Verdict |', '| --- | --- |');
  for (const result of results)
    lines.push(
      `| ${result.name} | **${result.pass ? 'PASS' : 'FAIL'}** ${result.summary.replace(/\|/g, '\\|')} |`,
    );
  return lines.join('\n');
}
