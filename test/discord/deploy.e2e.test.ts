import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDiscordBot } from '../../src/app/discord-bot.ts';
import { type Config, parseConfig } from '../../src/core/config.ts';
import { DISCORD_COMMANDS as COMMANDS, DISCORD_MESSAGE_COMMANDS } from '../../src/discord/adapter.ts';
import { commandsBody } from '../../src/discord/deploy.ts';
import { run } from '../../src/discord/deploy-cli.ts';
import { type FakeDiscord, startFakeDiscord } from '../fakes/discord/index.ts';
import { captureLogs } from './support/harness.ts';

let discord: FakeDiscord;
let dir: string;
beforeAll(async () => {
  discord = await startFakeDiscord();
  dir = await mkdtemp(path.join(tmpdir(), 'newsdesk-deploy-'));
});
afterAll(async () => {
  await discord?.close();
  await rm(dir, { recursive: true, force: true });
});

function config(env: Record<string, string> = {}): Config {
  return parseConfig({
    DISCORD_TOKEN: 'fake.bot.token',
    DISCORD_API_URL: discord.restApi,
    STORE_URL: `sqlite://${path.join(dir, 'newsdesk.sqlite')}`,
    LOG_LEVEL: 'silent',
    ...env,
  });
}

async function deploy(argv: string[], env?: Record<string, string>) {
  const stderr = vi.spyOn(console, 'error').mockImplementation(() => {});
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    const code = await run(argv, { load: () => config(env), rest: discord.clientOptions().rest });
    return { code, stderr: stderr.mock.calls.join('\n'), stdout: stdout.mock.calls.join('') };
  } finally {
    stderr.mockRestore();
    stdout.mockRestore();
  }
}

/** Everything the bot registers: its slash commands, then its message commands. */
const REGISTERED = [...COMMANDS, ...DISCORD_MESSAGE_COMMANDS];

const commandPuts = () => discord.requests.filter((r) => r.method === 'PUT' && r.path.endsWith('/commands'));

describe('npm run deploy-commands', () => {
  it('GIVEN no guild THEN PUTs the whole list globally, exactly the commands the bot serves', async () => {
    const { code, stderr } = await deploy([]);
    expect(code).toBe(0);
    const [put] = commandPuts();
    expect(put?.path).toBe(`/applications/${discord.applicationId}/commands`);
    expect(put?.body).toEqual(commandsBody(REGISTERED));
    expect(discord.registeredCommands()).toEqual(commandsBody(REGISTERED));
    expect(stderr).toMatch(new RegExp(`Registered ${REGISTERED.length} commands globally: /summary, /ask`));
  });

  it('GIVEN DISCORD_GUILD_ID THEN PUTs the list to that guild', async () => {
    const { code } = await deploy([], { DISCORD_GUILD_ID: discord.guildId });
    expect(code).toBe(0);
    expect(commandPuts().at(-1)?.path).toBe(
      `/applications/${discord.applicationId}/guilds/${discord.guildId}/commands`,
    );
    expect(discord.registeredCommands({ guildId: discord.guildId })).toEqual(commandsBody(REGISTERED));
  });

  it('GIVEN --dry-run THEN prints the request body and calls nobody', async () => {
    const before = discord.requests.length;
    const { code, stdout } = await deploy(['--dry-run']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(commandsBody(REGISTERED));
    expect(discord.requests.length).toBe(before);
  });

  it('GIVEN no DISCORD_TOKEN THEN exits 1 saying what to set', async () => {
    const { code, stderr } = await deploy([], { DISCORD_TOKEN: '' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/Set DISCORD_TOKEN/);
  });

  it('GIVEN an unknown flag THEN exits 2 with the usage', async () => {
    expect((await deploy(['--force'])).code).toBe(2);
  });
});

describe('command sync at bot start', () => {
  async function startAndStop(commands = COMMANDS) {
    const bot = await startDiscordBot({
      config: config(),
      logger: captureLogs().logger,
      client: discord.clientOptions(),
      shutdownSignals: [],
      commands,
    });
    await bot.stop();
  }

  it('GIVEN the list was just deployed THEN the bot does not register it again', async () => {
    await deploy([]);
    const puts = commandPuts().length;
    await startAndStop();
    expect(commandPuts().length).toBe(puts);
  });

  it('GIVEN the list changed since the last sync THEN the bot registers it once', async () => {
    const puts = commandPuts().length;
    const changed = COMMANDS.slice(0, 1);
    await startAndStop(changed);
    await startAndStop(changed);
    expect(commandPuts().length).toBe(puts + 1);
    expect(discord.registeredCommands()).toEqual(commandsBody([...changed, ...DISCORD_MESSAGE_COMMANDS]));
  });
});

describe('command sync with shards', () => {
  let sharded: FakeDiscord;
  beforeAll(async () => {
    sharded = await startFakeDiscord({ shards: 2 });
  });
  afterAll(async () => sharded?.close());

  const puts = () => sharded.requests.filter((r) => r.method === 'PUT' && r.path.endsWith('/commands'));
  async function startShard(ids: number[], storeFile: string) {
    const bot = await startDiscordBot({
      config: parseConfig({
        DISCORD_TOKEN: 'fake.bot.token',
        DISCORD_API_URL: sharded.restApi,
        STORE_URL: `sqlite://${path.join(dir, storeFile)}`,
        LOG_LEVEL: 'silent',
      }),
      logger: captureLogs().logger,
      client: sharded.clientOptions(),
      shutdownSignals: [],
      placement: { count: 2, ids },
    });
    await bot.stop();
  }

  it('GIVEN a process without shard 0 THEN it registers nothing; the one holding shard 0 registers the list', async () => {
    await startShard([1], 'shard-one.sqlite');
    expect(puts()).toHaveLength(0);
    await startShard([0], 'shard-zero.sqlite');
    expect(puts()).toHaveLength(1);
    expect(sharded.registeredCommands()).toEqual(commandsBody(REGISTERED));
  });
});
