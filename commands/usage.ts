import { UserFacingError } from '../src/core/errors.ts';
import { translate } from '../src/core/i18n/index.ts';
import { type CommandData, type CommandRequest, defineCommand, type UsageServices } from './types.ts';

/** Days shown by /usage: today and the six before it (in the guild's accounting time zone). */
export const USAGE_REPORT_DAYS = 7;

const data: CommandData = {
  name: 'usage',
  description: { key: 'command.usage.description' },
  // Hidden from members without Manage Server; admins can change that per server, so it is checked again when run.
  access: { guildOnly: true, guildInstallOnly: false, manageServer: { refusal: 'usage.no-permission' } },
  // A few store reads: answered directly, privately (a deferral would be public).
  acknowledgement: 'private-reply',
  options: [],
  subcommands: [],
};

/** `/usage`: this server's model calls, tokens, cache hits, offline replies and cost, today and over 7 days. */
export const usage = defineCommand<{ readonly guildId: string }, UsageServices>({
  data,
  parse: (_raw, request) => ({ guildId: guildOf(request) }),
  async run({ guildId }, { accounting, request }) {
    const [days, { zone }] = await Promise.all([
      accounting.usage.days(guildId, USAGE_REPORT_DAYS),
      accounting.usage.accountingDay(guildId),
    ]);
    return {
      kind: 'usage',
      days,
      dailyTokenBudget: accounting.dailyTokenBudget,
      zone,
      locale: request.locale,
    };
  },
});

function guildOf(request: CommandRequest): string {
  if (request.guildId === null)
    throw new UserFacingError(translate(request.locale, 'usage.no-guild'), 'no-guild');
  return request.guildId;
}
