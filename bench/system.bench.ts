/**
 * The whole bot under load, faults, hostile input and a soak, the bot running as its own process against the fake
 * Discord and the fake Anthropic: `npm run bench -- system [--flag value…]`, or directly
 * `npx tsx bench/system.bench.ts [--only load,faults,hostile-input,hostile-sources,first-poll,soak]
 * [--soak-minutes 3] [--soak-speed 10]`. Other flags: `--interactions 500 --concurrency 50` (load; per phase for
 * hostile-sources and first-poll, 300 by default), `--poll-items 10000` (first-poll), `--articles 10000` (store
 * size), `--env KEY=VALUE,…` (more bot environment, e.g. `--env STREAM_EDIT_INTERVAL_MS=250` to compare a setting),
 * `--pin` (the harness on CPU 0, the bot on the others: see system/pinning.ts), `--settle-ms 1000` (load: the p99s
 * again for interactions started after this much of the run, past the opening burst), `--discord-latency-ms 0`
 * (load: each fake Discord REST answer reaches the bot this much later, as over a real network).
 * Prints one verdict line per scenario and a markdown table, then every figure as one JSON line (the last line).
 */
import { pinHarnessAndBots } from './system/pinning.ts';
import { markdownReport } from './system/report.ts';
import { parseEnvFlag, readCatalogue, type Scenario, type ScenarioResult } from './system/scenario.ts';
import { digestScenario } from './system/scenarios/digest.ts';
import { gatewayKillScenario, modelOverloadScenario, restFaultScenario } from './system/scenarios/faults.ts';
import { hostileScenario } from './system/scenarios/hostile.ts';
import { firstPollScenario, hostileSourcesScenario } from './system/scenarios/hostile-sources.ts';
import { loadScenario } from './system/scenarios/load.ts';
import { postgresRestartScenario, redisRestartScenario } from './system/scenarios/server-restart.ts';
import { shardsScenario } from './system/scenarios/shards.ts';
import { soakScenario } from './system/scenarios/soak.ts';
import { storeLockScenario } from './system/scenarios/store-lock.ts';
import { cachedStore } from './system/store-cache.ts';

const SCENARIOS: Readonly<Record<string, Scenario>> = {
  load: loadScenario,
  'model-529': modelOverloadScenario,
  'discord-rest-faults': restFaultScenario,
  'gateway-killed': gatewayKillScenario,
  'store-locked': storeLockScenario,
  'redis-restarted': redisRestartScenario,
  'postgres-restarted': postgresRestartScenario,
  'digest-once': digestScenario,
  'hostile-input': hostileScenario,
  'hostile-sources': hostileSourcesScenario,
  'first-poll': firstPollScenario,
  soak: soakScenario,
  shards: shardsScenario,
};

function parseFlags(argv: readonly string[]): Record<string, string> {
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) continue;
    const [name, inline] = arg.slice(2).split('=', 2);
    const next = argv[i + 1];
    if (inline !== undefined) flags[name ?? ''] = inline;
    else if (next !== undefined && !next.startsWith('--')) flags[name ?? ''] = argv[++i] ?? '';
    else flags[name ?? ''] = 'true';
  }
  return flags;
}

const flags = parseFlags(process.argv.slice(2));
const log = (message: string) => console.error(`[system] ${message}`);
if (flags.pin === 'true') {
  const cpus = pinHarnessAndBots();
  log(`pinned: the harness on CPU ${cpus.harness}, every bot process on CPU ${cpus.bot}`);
}
const articles = Number(flags.articles ?? 10_000);
const store = await cachedStore(articles);
log(store.builtMs === null ? `store: cached ${store.file}` : `store: built in ${store.builtMs} ms`);
const catalogue = await readCatalogue(store.file);
const botEnv = parseEnvFlag(flags.env);
/** Names that stand for several scenarios in --only. */
const GROUPS: Readonly<Record<string, readonly string[]>> = {
  faults: [
    'model-529',
    'discord-rest-faults',
    'gateway-killed',
    'store-locked',
    'redis-restarted',
    'postgres-restarted',
    'digest-once',
  ],
};
const selected = (flags.only ?? Object.keys(SCENARIOS).join(','))
  .split(',')
  .flatMap((name) => GROUPS[name] ?? [name])
  .filter((name) => name in SCENARIOS);
const results: ScenarioResult[] = [];
for (const name of selected) {
  const scenario = SCENARIOS[name] as Scenario;
  log(`${name}: starting`);
  const result = await scenario({ storeFile: store.file, catalogue, flags, botEnv, log }).catch(
    (error: unknown): ScenarioResult => ({
      name,
      pass: false,
      summary: `crashed the harness: ${error instanceof Error ? error.message : String(error)}`,
      figures: {},
      problems: [error instanceof Error ? (error.stack ?? error.message) : String(error)],
    }),
  );
  results.push(result);
  console.log(`${result.pass ? 'PASS' : 'FAIL'} ${result.name}: ${result.summary}`);
  for (const problem of result.problems.slice(0, 5)) console.log(`  - ${problem}`);
}
console.log(`\n${markdownReport(results, articles)}\n`);
console.log(JSON.stringify({ articles, results: Object.fromEntries(results.map((r) => [r.name, r])) }));
