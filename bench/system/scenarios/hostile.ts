/**
 * Hostile input: 1,000 generated option values on /ask, /summary and autocomplete, then 200 malformed article
 * files dropped into the bot's ARTICLES_DIR (and the same files through `npm run ingest` into a scratch store),
 * then /summary and autocomplete over whatever of them was stored. Verdict: no crash, every reply within Discord's
 * limits (the fake rejects violations), allowed_mentions always { parse: [] }, nobody pinged.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runNewsdesk } from '../../../test/support/subprocess.ts';
import { checkInteractions, checkMentions, checkProcess } from '../checks.ts';
import { createHostileValues } from '../hostile-inputs.ts';
import { writeMalformedFiles } from '../malformed-files.ts';
import { userId } from '../mix.ts';
import type { ScenarioContext, ScenarioResult } from '../scenario.ts';
import { type InteractionSpec, runTraffic } from '../traffic.ts';
import { basicLine, trafficProblems } from '../verdict.ts';
import { startWorld, type World } from '../world.ts';

const HOSTILE_VALUES = 1_000;
const MALFORMED_FILES = 200;
const INGEST_WAIT_MS = 90_000;
const INGESTED_LOG = 'articles folder: ingested new or changed files';

function valueSpecs(context: ScenarioContext): InteractionSpec[] {
  const words = context.catalogue.slice(0, 200).flatMap((entry) => entry.title.split(' '));
  const ids = context.catalogue.slice(0, 50).map((entry) => entry.id);
  return createHostileValues(HOSTILE_VALUES, words).map(({ kind, value }, i): InteractionSpec => {
    const base = {
      userId: userId(10_000 + i),
      locale: i % 7 === 0 ? 'de' : 'en-US',
      title: null,
      label: `hostile:${kind}`,
    };
    const article = ids[i % ids.length] as string;
    switch (i % 6) {
      case 0:
        return { ...base, type: 'command', command: 'ask', options: { question: value, article } };
      case 1:
        return {
          ...base,
          type: 'autocomplete',
          command: 'summary',
          options: { article: value },
          focused: 'article',
        };
      case 2:
        return { ...base, type: 'command', command: 'ask', options: { question: value } };
      case 3:
        return {
          ...base,
          type: 'autocomplete',
          command: 'ask',
          options: { question: value, article: '' },
          focused: 'question',
        };
      case 4:
        return {
          ...base,
          type: 'command',
          command: i % 12 === 4 ? 'summary' : 'ask',
          options: { question: 'What happened?', article: value },
        };
      default:
        return {
          ...base,
          type: 'autocomplete',
          command: 'ask',
          options: { question: 'tram', article: value },
          focused: 'article',
        };
    }
  });
}

const ingestedFiles = (world: World) =>
  world
    .bot()
    .lines.filter((line) => line.msg === INGESTED_LOG)
    .reduce((sum, line) => sum + Number(line.files ?? 0), 0);

/** What `npm run ingest -- --dry-run --json` makes of the files: the articles that parse, by id and title. */
async function parsedArticles(folder: string): Promise<{ id: string; title: string }[]> {
  const dry = await runNewsdesk(
    ['ingest', folder, '--dry-run', '--json'],
    { LOG_LEVEL: 'silent' },
    { timeoutMs: 120_000 },
  );
  return dry.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { id: string; title: string });
}

function storedSpecs(articles: readonly { id: string; title: string }[]): InteractionSpec[] {
  return articles.flatMap(({ id, title }, i): InteractionSpec[] => {
    const base = { userId: userId(20_000 + i), locale: 'en-US', title: null };
    return [
      { ...base, type: 'command', command: 'summary', options: { article: id }, label: 'malformed:summary' },
      {
        ...base,
        type: 'autocomplete',
        command: 'summary',
        options: { article: title.slice(0, 12) },
        focused: 'article',
        label: 'malformed:autocomplete',
      },
    ];
  });
}

export async function hostileScenario(context: ScenarioContext): Promise<ScenarioResult> {
  const world = await startWorld({
    storeFile: context.storeFile,
    env: context.botEnv,
    articlesDir: true,
    seed: 26,
  });
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-malformed-'));
  try {
    const bot = await world.startBot();
    context.log(`hostile: ${HOSTILE_VALUES} option values`);
    const valueOutcomes = await runTraffic(world.discord, valueSpecs(context), { concurrency: 50 });

    context.log(`hostile: ${MALFORMED_FILES} malformed files`);
    await writeMalformedFiles(path.join(scratch, 'files'), MALFORMED_FILES);
    const files = await writeMalformedFiles(world.articlesDir as string, MALFORMED_FILES);
    const parsed = await parsedArticles(path.join(scratch, 'files'));
    const cli = await runNewsdesk(
      ['ingest', path.join(scratch, 'files')],
      { STORE_URL: `sqlite://${path.join(scratch, 'cli.sqlite')}`, LOG_LEVEL: 'warn' },
      { timeoutMs: 120_000 },
    );
    const nonEmpty = files.filter((file) => !path.basename(file).startsWith('empty-')).length;
    await world.discord.waitUntil(() => ingestedFiles(world) >= nonEmpty, INGEST_WAIT_MS).catch(() => {});
    const storedOutcomes = await runTraffic(world.discord, storedSpecs(parsed), { concurrency: 30 });

    const outcomes = [...valueOutcomes, ...storedOutcomes];
    const health = checkProcess(bot);
    const exitCode = await bot.stop();
    const interactions = checkInteractions(outcomes);
    const mentions = checkMentions(world.discord);
    const cliCrashed = /^\s+at |Unhandled|TypeError|RangeError/m.test(cli.stderr);
    const figures = {
      ...{
        values: HOSTILE_VALUES,
        files: MALFORMED_FILES,
        parsedFiles: parsed.length,
        botIngestedFiles: ingestedFiles(world),
      },
      ...{ cliExitCode: cli.code, cliSummary: cli.stdout.trim().split('\n').at(-1) ?? '', cliCrashed },
      ...{
        commands: interactions.commands,
        autocompletes: interactions.autocompletes,
        messageBodies: mentions.messageBodies,
      },
      errorLogs: health.errorLogs,
      warnLogs: health.warnLogs,
    };
    const problems = [
      ...trafficProblems({ interactions, mentions, health, exitCode, discord: world.discord }),
      ...(cliCrashed ? [`npm run ingest crashed: ${cli.stderr.slice(0, 300)}`] : []),
      ...(ingestedFiles(world) >= nonEmpty
        ? []
        : [`the bot handed ${ingestedFiles(world)} of ${nonEmpty} files to ingest`]),
    ];
    const summary = `${basicLine(interactions, health)}; ${mentions.messageBodies} message bodies, ${mentions.violations} without allowed_mentions {parse:[]}, ${mentions.pings} pings; ${parsed.length}/${MALFORMED_FILES} malformed files parsed, ingest CLI exit ${cli.code} (${figures.cliSummary})`;
    return { name: 'hostile-input', pass: problems.length === 0, summary, figures, problems };
  } finally {
    await world.close();
    await rm(scratch, { recursive: true, force: true });
  }
}
