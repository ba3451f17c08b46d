import type { SlashCommand } from '../src/discord/command.ts';
import { ask } from './ask.ts';
import { digest } from './digest.ts';
import { summary } from './summary.ts';
import { usage } from './usage.ts';

/** The explicit command list: the bot routes these and `npm run deploy-commands` registers exactly these. */
export const COMMANDS: readonly SlashCommand[] = [summary, ask, digest, usage];
