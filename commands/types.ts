import type { Newsroom } from '../src/answer/newsroom-types.ts';
import type { ReportStore } from '../src/answer/reports.ts';
import type { UsageLedger } from '../src/answer/usage.ts';
import type { ArticleStore } from '../src/articles/article.ts';
import type { MessageKey } from '../src/core/i18n/index.ts';
import type { Logger } from '../src/core/log.ts';
import type { DigestService } from '../src/digest/service.ts';
import type { LinkIngest } from '../src/ingest/link.ts';

/**
 * The commands as data plus two functions, for every transport (Discord, console, CLI): what a command offers
 * (options, limits, who may use it) is declared once here, `parse` is the one place its input is validated, and
 * `run` returns a reply model that each transport renders its own way. Nothing here knows Discord.
 */

/** A user-facing text from the i18n catalogue, with the numbers it names. */
export interface CatalogueText {
  readonly key: MessageKey;
  readonly params?: Readonly<Record<string, string | number>>;
}

/**
 * A fixed choice: its label is a catalogue text (translated), a language (its own name, then its name in the
 * reader's language) or a name shown as is.
 */
export interface ChoiceSpec {
  readonly value: string;
  readonly label: CatalogueText | { readonly language: string } | { readonly text: string };
}

/** Which suggestions a transport offers while an option is typed. */
export type AutocompleteKind =
  /** Stored articles matching the typed text; while it is empty, those matching `fallbackOption`'s text. */
  { readonly kind: 'articles'; readonly fallbackOption?: string } | { readonly kind: 'time-zones' };

/** Where a channel option may point. */
export type ChannelKind = 'text' | 'announcement';

interface OptionBase {
  readonly name: string;
  readonly description: CatalogueText;
  readonly required?: boolean;
}

export interface StringOptionSpec extends OptionBase {
  readonly type: 'string';
  readonly maxLength?: number;
  readonly choices?: readonly ChoiceSpec[];
  readonly autocomplete?: AutocompleteKind;
}

export interface IntegerOptionSpec extends OptionBase {
  readonly type: 'integer';
  readonly min?: number;
  readonly max?: number;
}

export interface BooleanOptionSpec extends OptionBase {
  readonly type: 'boolean';
}

export interface ChannelOptionSpec extends OptionBase {
  readonly type: 'channel';
  readonly channelKinds: readonly ChannelKind[];
}

export type OptionSpec = StringOptionSpec | IntegerOptionSpec | BooleanOptionSpec | ChannelOptionSpec;

/** How a transport acknowledges a subcommand before its work: Discord's deferral, spelled as data. */
export type Acknowledgement =
  /** Model-backed: a public "thinking…" goes out at once and the work runs while it is in flight. */
  | 'public-at-once'
  /** Slow but private: acknowledged privately once the checks passed. */
  | 'private-before-work'
  /** Quick: answered directly, privately. */
  | 'private-reply';

export interface SubcommandSpec {
  readonly name: string;
  readonly description: CatalogueText;
  readonly options: readonly OptionSpec[];
  readonly acknowledgement: Acknowledgement;
}

/** Who may use a command, checked by every transport that has members and servers. */
export interface CommandAccess {
  /** Servers only. `installs: 'guild'` also keeps it out of user installs (a DM would have no server budget). */
  readonly guildOnly: boolean;
  readonly guildInstallOnly: boolean;
  /** Manage Server: hidden from other members at registration and refused, with this text, at run time. */
  readonly manageServer: { readonly refusal: MessageKey } | null;
}

/**
 * A slash command (the default), or a message command: run on a message from its menu (Apps → "Summarize
 * article"), the message's text read as the option `message`. Its `name` is what members see (1–32 characters,
 * any case, spaces allowed), so `label` gives it in every language; its uses count against the cooldown of the
 * command named by `countsAs` (it does that command's work).
 */
export type CommandType =
  | 'chat-input'
  | { readonly kind: 'message'; readonly label: MessageKey; readonly countsAs: string };

export interface CommandData {
  /** 'chat-input' when absent. */
  readonly type?: CommandType;
  readonly name: string;
  readonly description: CatalogueText;
  readonly access: CommandAccess;
  /** The options of a command without subcommands. */
  readonly options: readonly OptionSpec[];
  readonly acknowledgement: Acknowledgement;
  /** A command with subcommands has no options of its own. */
  readonly subcommands: readonly SubcommandSpec[];
}

/** What a transport read from the user: option values by name (channels by id) and the subcommand. */
export interface RawOptions {
  readonly subcommand?: string | undefined;
  readonly values: Readonly<Record<string, string | number | boolean | undefined>>;
}

/** Who asks, where, and in what language. */
export interface CommandRequest {
  readonly guildId: string | null;
  readonly userId: string | null;
  /** The asker's language (Discord locale, or the console's). */
  readonly locale: string;
  /** The server's language, when there is a server. */
  readonly guildLocale: string | null;
  /** Whether the member holds Manage Server (false where there are no members). */
  readonly mayManageServer: boolean;
  /** Aborted when the reply can no longer be delivered, so model work stops. */
  readonly signal: AbortSignal;
}

/** The stored model accounting, for /usage. */
export interface Accounting {
  readonly usage: UsageLedger;
  /** GUILD_DAILY_TOKEN_BUDGET: tokens per guild per UTC day; 0 = unlimited. */
  readonly dailyTokenBudget: number;
}

/** What /summary and /ask use. */
export interface AnswerServices {
  readonly newsroom: Newsroom;
  readonly store: ArticleStore;
  readonly logger: Logger;
}

export interface UsageServices {
  readonly accounting: Accounting;
}

export interface DigestServices {
  readonly digest: DigestService;
}

/** What /reports reads: the reports members filed with the Report button under answers. */
export interface ReportServices {
  readonly reportStore: ReportStore;
}

/** What "Summarize article" uses besides the answer services: a linked article from a feed's site, fetched. */
export interface LinkServices {
  readonly links: LinkIngest;
}

/** Every service a command of the list uses: what a transport that offers the whole list provides. */
export type AllServices = AnswerServices & UsageServices & DigestServices & ReportServices & LinkServices;

export type CommandContext<Needs> = Needs & { readonly request: CommandRequest };

export type {
  AnswerReply,
  ArticleListReply,
  CommandReply,
  DigestReply,
  HelpReply,
  NoticeReply,
  ReportListReply,
  UsageReply,
} from './replies.ts';

import type { CommandReply } from './replies.ts';

/**
 * One command as a transport uses it: its data, and `execute` = parse + run. `execute` is a property, not a
 * method, so a list typed by the services a transport has refuses a command that needs one it lacks.
 */
export interface Command<Needs, Reply extends CommandReply = CommandReply> {
  readonly data: CommandData;
  readonly execute: (raw: RawOptions, context: CommandContext<Needs>) => Promise<Reply>;
}

/** A command with its two halves exposed: `parse` validates everything, `run` only acts. */
export interface DefinedCommand<Input, Needs, Reply extends CommandReply = CommandReply>
  extends Command<Needs, Reply> {
  parse(raw: RawOptions, request: CommandRequest): Input;
  run(input: Input, context: CommandContext<Needs>): Promise<Reply>;
}

export function defineCommand<Input, Needs, Reply extends CommandReply = CommandReply>(definition: {
  readonly data: CommandData;
  parse(raw: RawOptions, request: CommandRequest): Input;
  run(input: Input, context: CommandContext<Needs>): Promise<Reply>;
}): DefinedCommand<Input, Needs, Reply> {
  return {
    data: definition.data,
    parse: definition.parse,
    run: definition.run,
    execute: async (raw, context) => definition.run(definition.parse(raw, context.request), context),
  };
}
