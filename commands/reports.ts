import { REPORTS_PAGE_SIZE } from '../src/answer/reports.ts';
import { UserFacingError } from '../src/core/errors.ts';
import { translate } from '../src/core/i18n/index.ts';
import {
  type CommandData,
  type CommandRequest,
  defineCommand,
  type ReportListReply,
  type ReportServices,
} from './types.ts';

const data: CommandData = {
  name: 'reports',
  description: { key: 'report.command.description' },
  // What members wrote about answers is for the people who look after the server: hidden from others, and
  // checked again when run (a server may open the command to anyone).
  access: { guildOnly: true, guildInstallOnly: false, manageServer: { refusal: 'report.no-permission' } },
  // One index read and one page of reports: answered directly, privately.
  acknowledgement: 'private-reply',
  options: [],
  subcommands: [],
};

/** `/reports`: the newest page of this server's reported answers; the page's buttons go to older ones. */
export const reports = defineCommand<{ readonly guildId: string }, ReportServices, ReportListReply>({
  data,
  parse: (_raw, request) => ({ guildId: guildOf(request) }),
  async run({ guildId }, { reportStore, request }) {
    const page = await reportStore.page(guildId, 0, REPORTS_PAGE_SIZE);
    return { kind: 'reports', page, locale: request.locale };
  },
});

function guildOf(request: CommandRequest): string {
  if (request.guildId === null)
    throw new UserFacingError(translate(request.locale, 'report.no-guild'), 'no-guild');
  return request.guildId;
}
