/**
 * The verdict's parts, each a plain fact from the fakes or the bot's process: unanswered interactions, what the
 * fake Discord refused, message bodies that could ping, and the bot's health (alive, no crash, no unhandled
 * rejection in its stderr).
 */
import { isDeepStrictEqual } from 'node:util';
import type { FakeDiscord, Rejection } from '../../test/fakes/discord/index.ts';
import type { BotProcess } from './bot-process.ts';
import { finalProblem, type Outcome } from './traffic.ts';

const ERROR_LEVEL = 50;
const UNHANDLED = /unhandled|uncaught/i;
const SAMPLE_SIZE = 5;

export interface InteractionChecks {
  readonly commands: number;
  readonly autocompletes: number;
  /** Commands the user never saw a final reply to: [label, problem, options]. */
  readonly unanswered: readonly string[];
  readonly autocompleteUnanswered: readonly string[];
  /** Refusals by the fake Discord that the scenario did not inject itself. */
  readonly rejections: readonly Rejection[];
}

export function checkInteractions(outcomes: readonly Outcome[]): InteractionChecks {
  const unanswered: string[] = [];
  const autocompleteUnanswered: string[] = [];
  const rejections: Rejection[] = [];
  for (const outcome of outcomes) {
    const { spec, interaction } = outcome;
    const view = interaction?.view();
    if (view) rejections.push(...view.rejections.filter((rejection) => !rejection.injected));
    const describe = (problem: string) =>
      `${spec.label}: ${problem} ${JSON.stringify(spec.options).slice(0, 120)}`;
    if (spec.type === 'autocomplete') {
      if (!view || view.choices === null)
        autocompleteUnanswered.push(describe(outcome.error ?? 'no choices'));
      continue;
    }
    const problem = view ? finalProblem(view) : (outcome.error ?? 'not sent');
    if (problem) unanswered.push(describe(problem));
  }
  const commands = outcomes.filter((outcome) => outcome.spec.type === 'command').length;
  return {
    commands,
    autocompletes: outcomes.length - commands,
    unanswered,
    autocompleteUnanswered,
    rejections,
  };
}

function messageBody(body: unknown): Record<string, unknown> | null {
  if (typeof body !== 'object' || body === null) return null;
  const record = body as Record<string, unknown>;
  const data = record.data;
  const candidate = typeof data === 'object' && data !== null && 'type' in record ? data : record;
  const message = candidate as Record<string, unknown>;
  return 'content' in message || 'embeds' in message ? message : null;
}

export interface MentionChecks {
  readonly messageBodies: number;
  /** Bodies with content or embeds whose allowed_mentions is not exactly { parse: [] }. */
  readonly violations: number;
  readonly violationSamples: readonly string[];
  /** Messages the fake says notified someone. */
  readonly pings: number;
}

export function checkMentions(discord: FakeDiscord): MentionChecks {
  let messageBodies = 0;
  const samples: string[] = [];
  let violations = 0;
  for (const request of discord.requests) {
    if (request.method === 'GET' || request.method === 'DELETE') continue;
    const body = messageBody(request.body);
    if (!body) continue;
    messageBodies++;
    if (isDeepStrictEqual(body.allowed_mentions, { parse: [] })) continue;
    violations++;
    if (samples.length < SAMPLE_SIZE)
      samples.push(`${request.method} ${request.path}: ${JSON.stringify(body.allowed_mentions)}`);
  }
  const views = discord.interactions().map((interaction) => interaction.view());
  const messages = [
    ...views.flatMap((view) => [...(view.original ? [view.original] : []), ...view.followUps]),
    ...discord.channelMessages(),
  ];
  const pings = messages.filter(
    (message) => message.pings.everyone || message.pings.users.length > 0 || message.pings.roles.length > 0,
  ).length;
  return { messageBodies, violations, violationSamples: samples, pings };
}

export interface ProcessChecks {
  readonly alive: boolean;
  readonly exitCode: number | null;
  /** stderr lines that speak of an unhandled rejection or an uncaught exception. */
  readonly unhandled: readonly string[];
  /** stderr that was not a log line (a stack trace, a Node warning). */
  readonly otherOutput: readonly string[];
  /** Error-level log messages by text, with their counts. */
  readonly errorLogs: Readonly<Record<string, number>>;
  readonly warnLogs: Readonly<Record<string, number>>;
}

export function checkProcess(bot: BotProcess): ProcessChecks {
  const errorLogs: Record<string, number> = {};
  const warnLogs: Record<string, number> = {};
  for (const line of bot.lines) {
    const level = line.level ?? 0;
    const key = String(line.msg ?? '(no msg)');
    if (level >= ERROR_LEVEL) errorLogs[key] = (errorLogs[key] ?? 0) + 1;
    else if (level >= 40) warnLogs[key] = (warnLogs[key] ?? 0) + 1;
  }
  const unhandled = [
    ...bot.otherOutput.filter((text) => UNHANDLED.test(text)),
    ...bot.lines.filter((line) => UNHANDLED.test(String(line.msg ?? ''))).map((line) => JSON.stringify(line)),
  ];
  return {
    alive: bot.alive(),
    exitCode: bot.exitCode(),
    unhandled,
    otherOutput: bot.otherOutput.slice(0, 20),
    errorLogs,
    warnLogs,
  };
}

/** The fake's own failures: a bug in the harness, not the bot, but it voids the run. */
export function fakeProblems(discord: FakeDiscord): string[] {
  return discord.internalErrors.map((error) => error.message);
}
