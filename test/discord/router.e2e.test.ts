import { SlashCommandBuilder } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Newsroom, ReplyEvent } from '../../src/answer/newsroom-types.ts';
import { UserFacingError } from '../../src/core/errors.ts';
import { DISCORD_COMMANDS } from '../../src/discord/adapter.ts';
import type { SlashCommand } from '../../src/discord/command.ts';
import { answeredPrivately, settledPrivately } from './support/first-response.ts';
import { type BotHarness, startHarness } from './support/harness.ts';

const ACK_DEADLINE_MS = 300;
const SLOW_MODEL_MS = 600;
const DEFERRAL_HOLD_MS = 200;

/** Commands that misbehave the ways a future command might, to prove the router's guarantees. */
const misbehaving: SlashCommand[] = [
  {
    data: new SlashCommandBuilder()
      .setName('greet')
      .setDescription('Uses a service the bot was given')
      .toJSON(),
    defer: false,
    async execute(interaction, context) {
      const { greeting } = context as typeof context & { greeting: (name: string) => string };
      await interaction.reply({ content: greeting(interaction.user.username) });
    },
  },
  {
    data: new SlashCommandBuilder().setName('forgetful').setDescription('Defers and never answers').toJSON(),
    defer: true,
    async execute() {},
  },
  {
    data: new SlashCommandBuilder()
      .setName('brokenlist')
      .setDescription('Autocomplete that throws')
      .addStringOption((o) => o.setName('thing').setDescription('thing').setAutocomplete(true))
      .toJSON(),
    defer: false,
    async execute(interaction) {
      await interaction.reply({ content: 'ok' });
    },
    async autocomplete() {
      throw new Error('index corrupted');
    },
  },
];

async function* failingStream(): AsyncIterable<ReplyEvent> {
  yield* [];
  throw new Error('disk on fire');
}

const STORE_PROBLEM =
  'Cannot reach the store at STORE_URL=redis://cache.internal:6379: The client is offline. Check that the server runs and that STORE_URL is right.';

/** Fails after announcing a model call: by then the public deferral has gone out. */
async function* failingAfterDeferral(): AsyncIterable<ReplyEvent> {
  yield { type: 'calling' };
  await new Promise((resolve) => setTimeout(resolve, 100));
  throw new Error('disk on fire');
}

async function* storeDown(): AsyncIterable<ReplyEvent> {
  yield* [];
  throw new UserFacingError(STORE_PROBLEM, 'store-unreachable');
}

async function* storeBroken(): AsyncIterable<ReplyEvent> {
  yield* [];
  throw new UserFacingError(
    'The SQLite file /srv/newsdesk.sqlite is not a usable SQLite database.',
    'store-corrupt',
  );
}

async function* slow(events: AsyncIterable<ReplyEvent>): AsyncIterable<ReplyEvent> {
  await new Promise((resolve) => setTimeout(resolve, SLOW_MODEL_MS));
  yield* events;
}

/** The real newsroom, with failures the real one would not produce on demand: the interface, not a mock. */
const withFailures = (real: Newsroom): Newsroom => ({
  summary: (request) =>
    request.article === 'explode'
      ? failingStream()
      : request.article === 'explode-late'
        ? failingAfterDeferral()
        : request.article === 'store-down'
          ? storeDown()
          : request.article === 'store-broken'
            ? storeBroken()
            : slow(real.summary(request)),
  ask: (request) => (request.question === 'half a stream' ? headOnly(real.ask(request)) : real.ask(request)),
  followUp: (request) => real.followUp(request),
});

/** The stream's article, then its end: no answer and no `done`. */
async function* headOnly(events: AsyncIterable<ReplyEvent>): AsyncIterable<ReplyEvent> {
  for await (const event of events) {
    if (event.type === 'article') yield event;
    return;
  }
}

let h: BotHarness;
beforeAll(async () => {
  h = await startHarness({
    newsroom: withFailures,
    commands: [...DISCORD_COMMANDS, ...misbehaving],
    discord: { ackDeadlineMs: ACK_DEADLINE_MS },
    // Long enough that a failure found at once is reported before any deferral, short enough to meet the deadline.
    env: { DEFERRAL_HOLD_MS: String(DEFERRAL_HOLD_MS) },
    extraServices: (client) => ({
      greeting: (name: string) => `Hello ${name}, from ${client.user?.username}`,
    }),
  });
});
afterAll(async () => {
  await h?.close();
});

describe('router', () => {
  it('GIVEN a model slower than the acknowledgement deadline THEN deferred in time and answered later', async () => {
    const interaction = await h.discord.command('summary', { article: '001_tram_line_vote' });
    const ack = await interaction.waitForAck();
    expect(ack.latencyMs).toBeLessThan(ACK_DEADLINE_MS);
    const view = await interaction.waitFor((v) => !v.thinking);
    expect(view.original?.embeds[0]?.footer?.text).toMatch(/^Not all news/);
    expect(view.rejections).toEqual([]);
  });

  it('GIVEN an unexpected failure THEN logged with command, options and stack, short private reply', async () => {
    const interaction = await h.discord.command('summary', { article: 'explode', length: 'brief' });
    const view = await interaction.waitFor(answeredPrivately);
    expect(view.original?.content).toMatch(/went wrong.*try again/i);
    const line = h.logs.lines.find((l) => l.msg === 'command failed');
    expect(line).toMatchObject({ command: 'summary', options: { article: 'explode', length: 'brief' } });
    expect((line?.err as { stack?: string } | undefined)?.stack).toMatch(/disk on fire\n\s+at /);
  });

  it('GIVEN a failure after the deferral went out THEN the public "thinking…" is removed for a private reply', async () => {
    const interaction = await h.discord.command('summary', { article: 'explode-late' });
    const view = await interaction.waitFor(settledPrivately);
    expect(view.ackType).toBe(5);
    expect(view.followUps.map((f) => f.content)).toEqual([expect.stringMatching(/went wrong.*try again/i)]);
  });

  it('GIVEN the store unavailable THEN a short private "try again" for the person, the full problem in the log', async () => {
    const view = await (await h.discord.command('summary', { article: 'store-down' })).waitFor(
      answeredPrivately,
    );
    const notice = view.original?.content;
    expect(notice).toMatch(/not available right now.*nothing stored was lost.*try again/i);
    expect(notice).not.toMatch(/STORE_URL|redis/);
    expect(h.logs.lines.find((l) => l.msg === 'store unavailable')).toMatchObject({
      command: 'summary',
      code: 'store-unreachable',
      problem: STORE_PROBLEM,
    });
    const german = await (
      await h.discord.command('summary', { article: 'store-down' }, { locale: 'de' })
    ).waitFor(answeredPrivately);
    expect(german.original?.content).toMatch(/nicht erreichbar/);
  });

  it('GIVEN a damaged store THEN the person is told to get an admin, not to try again; the file stays out of Discord', async () => {
    const view = await (await h.discord.command('summary', { article: 'store-broken' })).waitFor(
      answeredPrivately,
    );
    const notice = view.original?.content;
    expect(notice).toMatch(/needs an admin.*tell a server admin/i);
    expect(notice).not.toMatch(/try again|sqlite/i);
  });

  it('GIVEN a stream that ends without an answer THEN the user still gets a reply, not endless thinking', async () => {
    // A named article, so the stream gets as far as its article (a bare question matches none and is refused).
    const interaction = await h.discord.command('ask', {
      question: 'half a stream',
      article: '001_tram_line_vote',
    });
    const view = await interaction.waitFor(answeredPrivately);
    expect(view.original?.content).toMatch(/went wrong/);
  });

  it('GIVEN a command that never replies THEN the router answers for it', async () => {
    const view = await (await h.discord.command('forgetful')).waitFor(answeredPrivately);
    expect(view.original?.content).toMatch(/went wrong/);
  });

  it('GIVEN a command the bot does not know THEN a private note, not a silent failure', async () => {
    const view = await (await h.discord.command('vanished')).waitFor((v) => v.ackType !== null);
    expect(view.ackType).toBe(4);
    expect(view.ephemeral).toBe(true);
    // For the member, not the operator: the deploy hint goes to the log (test/discord/help.e2e.test.ts).
    expect(view.original?.content).toMatch(/not available yet/);
  });

  it('GIVEN extra services for commands THEN a command can use them, with the client that runs it', async () => {
    const view = await (await h.discord.command('greet')).waitFor((v) => v.original !== null);
    expect(view.original?.content).toBe('Hello alice, from testbot');
  });

  it('GIVEN an autocomplete that throws THEN answers with no choices', async () => {
    const interaction = await h.discord.autocomplete('brokenlist', { thing: 'x' }, 'thing');
    const view = await interaction.waitFor((v) => v.choices !== null);
    expect(view.choices).toEqual([]);
  });

  it('GIVEN Discord refuses the deferral (unknown interaction) THEN logged, and no further reply is tried', async () => {
    h.discord.failNext(
      { method: 'POST', path: /\/callback$/ },
      { status: 404, body: { code: 10062, message: 'Unknown interaction' } },
    );
    const interaction = await h.discord.command('summary', { article: '002_grain_exports' });
    await h.discord.waitUntil(() =>
      h.logs.lines.some((l) => l.msg === 'interaction no longer accepts replies'),
    );
    const tried = h.discord.requests.filter((r) => r.path.includes(interaction.token));
    expect(tried).toHaveLength(1);
  });

  it('GIVEN a German user and an unexpected failure THEN the reply is German', async () => {
    const view = await (await h.discord.command('forgetful', {}, { locale: 'de' })).waitFor(
      answeredPrivately,
    );
    expect(view.original?.content).toMatch(/schiefgelaufen/);
  });
});
