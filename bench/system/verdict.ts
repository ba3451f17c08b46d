/** Folds the checks into problems (empty = PASS) and a compact line of numbers. */
import type { FakeDiscord } from '../../test/fakes/discord/index.ts';
import { fakeProblems, type InteractionChecks, type MentionChecks, type ProcessChecks } from './checks.ts';

const SAMPLE = 3;

export function interactionProblems(checks: InteractionChecks): string[] {
  const problems: string[] = [];
  if (checks.unanswered.length > 0)
    problems.push(
      `${checks.unanswered.length} commands without a final reply, e.g. ${checks.unanswered.slice(0, SAMPLE).join(' | ')}`,
    );
  if (checks.autocompleteUnanswered.length > 0)
    problems.push(
      `${checks.autocompleteUnanswered.length} autocompletes unanswered, e.g. ${checks.autocompleteUnanswered.slice(0, SAMPLE).join(' | ')}`,
    );
  if (checks.rejections.length > 0) {
    const shown = checks.rejections
      .slice(0, SAMPLE)
      .map((r) => `${r.status}/${r.code} ${r.method} ${r.path}: ${r.message}`);
    problems.push(`${checks.rejections.length} requests rejected by Discord, e.g. ${shown.join(' | ')}`);
  }
  return problems;
}

export function mentionProblems(checks: MentionChecks): string[] {
  const problems: string[] = [];
  if (checks.violations > 0)
    problems.push(
      `${checks.violations} message bodies without allowed_mentions {parse:[]}, e.g. ${checks.violationSamples.join(' | ')}`,
    );
  if (checks.pings > 0) problems.push(`${checks.pings} messages pinged someone`);
  return problems;
}

export function processProblems(checks: ProcessChecks, expectAlive = true): string[] {
  const problems: string[] = [];
  if (expectAlive && !checks.alive) problems.push(`the bot exited (code ${checks.exitCode})`);
  if (checks.unhandled.length > 0)
    problems.push(`unhandled: ${checks.unhandled.slice(0, SAMPLE).join(' | ')}`);
  const stacks = checks.otherOutput.filter((line) => /Error|^\s+at /.test(line));
  if (stacks.length > 0) problems.push(`stderr outside the log: ${stacks.slice(0, SAMPLE).join(' | ')}`);
  return problems;
}

/**
 * What every traffic scenario requires: each interaction answered, no ping (when mentions were checked), the bot
 * up and stopped cleanly by SIGTERM, nothing the fake Discord flagged. Scenarios add their own after these.
 */
export function trafficProblems(run: {
  readonly interactions: InteractionChecks;
  readonly mentions?: MentionChecks;
  readonly health: ProcessChecks;
  readonly exitCode: number | null;
  readonly discord: FakeDiscord;
}): string[] {
  return [
    ...interactionProblems(run.interactions),
    ...(run.mentions ? mentionProblems(run.mentions) : []),
    ...processProblems(run.health),
    ...(run.exitCode === 0 ? [] : [`SIGTERM exit code ${run.exitCode}`]),
    ...fakeProblems(run.discord),
  ];
}

export function basicLine(interactions: InteractionChecks, process: ProcessChecks): string {
  const answered = interactions.commands - interactions.unanswered.length;
  const completed = interactions.autocompletes - interactions.autocompleteUnanswered.length;
  const errors = Object.values(process.errorLogs).reduce((sum, n) => sum + n, 0);
  return [
    `${answered}/${interactions.commands} commands answered`,
    `${completed}/${interactions.autocompletes} autocompletes`,
    `${interactions.rejections.length} rejections`,
    `bot ${process.alive ? 'up' : 'DOWN'}`,
    `${process.unhandled.length} unhandled`,
    `${errors} error logs`,
  ].join(', ');
}
