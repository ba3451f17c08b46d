import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type APIButtonComponent, ButtonStyle, ComponentType, Events, Routes } from 'discord.js';
import { type AnswerRecords, createAnswerRecords, RECORDS_NAMESPACE } from '../../../src/answer/records.ts';
import { createReportStore, REPORTS_NAMESPACE } from '../../../src/answer/reports.ts';
import { type NewsroomRuntime, openNewsroom } from '../../../src/app/runtime.ts';
import { DISCORD_COMMANDS, DISCORD_MESSAGE_COMMANDS } from '../../../src/discord/adapter.ts';
import { type AnswerAction, answerCustomId } from '../../../src/discord/answer-actions.ts';
import { createDiscordClient } from '../../../src/discord/client.ts';
import { ARTICLE_BUTTONS } from '../../../src/discord/digest/components.ts';
import { createRouter } from '../../../src/discord/router.ts';
import { ingestPaths } from '../../../src/ingest/files.ts';
import { NO_LINKS } from '../../../src/ingest/link.ts';
import { type FakeAnthropic, startFakeAnthropic } from '../../fakes/anthropic.ts';
import { type FakeDiscord, startFakeDiscord, type UserView } from '../../fakes/discord/index.ts';
import { type CapturedLogs, captureLogs, SAMPLES_DIR, testConfig } from './harness.ts';

/**
 * The bot as it serves /news, /help and the article buttons: the real discord.js Client against the fake Discord,
 * the real newsroom (Anthropic SDK) against the fake Anthropic, a SQLite store with the samples, the commands of
 * commands/ and the article-button route — and one answer action (a "Probe" button), standing for the buttons
 * features put under every answer, so a test sees whether an answer carries them and what its record holds.
 */

export const PROBE: AnswerAction = {
  button: (recordId): APIButtonComponent => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label: 'Probe',
    custom_id: answerCustomId('probe', recordId),
  }),
};

export interface NewsWorld {
  readonly discord: FakeDiscord;
  readonly anthropic: FakeAnthropic;
  readonly runtime: NewsroomRuntime;
  readonly records: AnswerRecords;
  readonly logs: CapturedLogs;
  close(): Promise<void>;
}

/** A settled reply: answered, not "thinking…". */
export const settled = (view: UserView) => view.original !== null && !view.thinking;

export async function startNewsWorld(options: { ingest?: boolean } = {}): Promise<NewsWorld> {
  const dir = await mkdtemp(path.join(tmpdir(), 'newsdesk-news-'));
  const discord = await startFakeDiscord();
  const anthropic = await startFakeAnthropic();
  const config = testConfig(discord, anthropic, dir);
  const logs = captureLogs();
  const runtime = await openNewsroom(config, logs.logger);
  if (options.ingest !== false) await ingestPaths([SAMPLES_DIR], { store: runtime.store, dryRun: false });
  const records = createAnswerRecords(await runtime.openKeyv(RECORDS_NAMESPACE));
  const client = createDiscordClient(config.discord, discord.clientOptions());
  const deps = {
    ...{ newsroom: runtime.newsroom, store: runtime.store, logger: logs.logger, records },
    accounting: { usage: runtime.usage, dailyTokenBudget: config.guildDailyTokenBudget },
    // /digest is registered (every command is) but not used here: no digest service.
    digest: undefined as never,
    reportStore: createReportStore(await runtime.openKeyv(REPORTS_NAMESPACE)),
    links: NO_LINKS,
    answerActions: [PROBE],
  };
  const router = createRouter({
    commands: DISCORD_COMMANDS,
    deps,
    logger: logs.logger,
    components: [ARTICLE_BUTTONS],
    deferralHoldMs: config.deferralHoldMs,
  });
  client.on(Events.InteractionCreate, (interaction) => void router.handle(interaction));
  const ready = once(client, Events.ClientReady);
  await client.login(config.discord.token);
  await ready;
  // Registered as the bot registers them: the slash commands and the message commands.
  const body = [...DISCORD_COMMANDS, ...DISCORD_MESSAGE_COMMANDS].map((command) => command.data);
  await client.rest.put(Routes.applicationCommands(discord.applicationId), { body });
  return {
    ...{ discord, anthropic, runtime, records, logs },
    async close() {
      await client.destroy();
      await runtime.close();
      await Promise.all([discord.close(), anthropic.close()]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
