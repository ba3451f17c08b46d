import { ask } from './ask.ts';
import { digest } from './digest.ts';
import { help } from './help.ts';
import { news } from './news.ts';
import { reports } from './reports.ts';
import { summarizeMessage } from './summarize-message.ts';
import { summary } from './summary.ts';
import type { AllServices, Command } from './types.ts';
import { usage } from './usage.ts';

/** The explicit command list: the bot routes these and `npm run deploy-commands` registers exactly these. */
export const COMMANDS: readonly Command<AllServices>[] = [
  summary,
  ask,
  news,
  digest,
  usage,
  reports,
  help,
  summarizeMessage,
];
