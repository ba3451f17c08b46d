import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  CommandInteractionOption,
  Interaction,
  ModalSubmitInteraction,
  RepliableInteraction,
} from 'discord.js';
import { UserFacingError } from '../core/errors.ts';
import {
  catalogueEntry,
  DEFAULT_LOCALE,
  isMessageKey,
  primaryLanguage,
  translate,
} from '../core/i18n/index.ts';
import type { Logger } from '../core/log.ts';
import { logThrottle } from '../store/error-log.ts';
import { type CommandDeps, guildOnlyRefusal, isGuildOnly, type SlashCommand } from './command.ts';
import type { Cooldowns, CooldownTicket, CooldownVerdict } from './cooldowns.ts';
import { classifyFailure, type FailureKind } from './errors.ts';
import { ephemeral, renderNotice } from './render.ts';

export interface Router {
  /** Serves one interaction; never throws (every failure is answered or logged). */
  handle(interaction: Interaction): Promise<void>;
}

export interface RouterOptions {
  readonly commands: readonly SlashCommand[];
  readonly deps: CommandDeps;
  readonly logger: Logger;
  /** Per user per command limits, checked before the deferral (buttons and modals too); none when absent. */
  readonly cooldowns?: Cooldowns;
  /** Buttons and modals (e.g. the digest's Summary/Ask), served with the same failure reporting as commands. */
  readonly components?: readonly ComponentRoute[];
}

export type ComponentInteraction = ButtonInteraction | ModalSubmitInteraction;

/** A family of buttons/modals recognised by custom id; `handle` throws what the router should report. */
export interface ComponentRoute {
  matches(interaction: Interaction): interaction is ComponentInteraction;
  /**
   * The command whose per-user cooldown this use counts against (a button that asks the model counts as the
   * command it stands for), or undefined when it costs no model call (e.g. opening a modal).
   */
  cooldownFor?(interaction: ComponentInteraction): string | undefined;
  /** `cooldown` is the use taken for it; refund it when the reply cost no model call. */
  handle(interaction: ComponentInteraction, deps: CommandDeps, cooldown: CooldownTicket): Promise<void>;
}

/** A user-caused problem in the asker's language when the catalogue has it (`error.<code>`), else as thrown. */
function userMessage(locale: string, failure: { message: string; code: string }): string {
  const key = `error.${failure.code}`;
  if (primaryLanguage(locale) === DEFAULT_LOCALE || !isMessageKey(key)) return failure.message;
  return catalogueEntry(primaryLanguage(locale), key) ?? failure.message;
}

/** An outage fails every command at once: one log line per kind of store problem every 10 s, with the count. */
function storeProblemLogger(logger: Logger) {
  const throttles = new Map<string, ReturnType<typeof logThrottle>>();
  return (command: string, failure: { readonly code: string; readonly message: string }) => {
    const throttle = throttles.get(failure.code) ?? logThrottle();
    throttles.set(failure.code, throttle);
    const { log, leftOut } = throttle();
    if (log)
      logger.error({ command, code: failure.code, problem: failure.message, leftOut }, 'store unavailable');
  };
}

function genericMessageKey(failure: FailureKind) {
  if (failure.kind !== 'store-unavailable') return 'error.unexpected';
  return failure.outage ? 'error.store-unavailable' : 'error.store-broken';
}

/** "You can use it again in 40 seconds": Discord renders `<t:…:R>` in the reader's language and counts down. */
function cooldownNotice(interaction: RepliableInteraction, command: string, retryAt: number, limit: number) {
  return ephemeral(
    renderNotice(
      translate(interaction.locale, 'cooldown.wait', {
        command,
        limit,
        retryAt: `<t:${Math.ceil(retryAt / 1000)}:R>`,
      }),
    ),
  );
}

const NO_COOLDOWN: CooldownVerdict = { allowed: true, ticket: { refund() {} } };

/** The options as typed, for the log line of an unexpected failure (subcommands flattened one level). */
function describeOptions(interaction: ChatInputCommandInteraction | AutocompleteInteraction) {
  const flatten = (options: readonly CommandInteractionOption[]): CommandInteractionOption[] =>
    options.flatMap((option) => (option.options ? [option, ...flatten(option.options)] : [option]));
  return Object.fromEntries(flatten(interaction.options.data).map((option) => [option.name, option.value]));
}

/**
 * Tells the person who ran the command what went wrong, privately. A public "thinking…" reply cannot turn
 * ephemeral, so it is first finished with the notice (nothing stays thinking even if the rest fails), the notice
 * is sent ephemerally, and the public copy removed.
 */
async function sendNotice(interaction: RepliableInteraction, text: string): Promise<void> {
  const notice = renderNotice(text);
  if (!interaction.deferred && !interaction.replied) {
    await interaction.reply(ephemeral(notice));
    return;
  }
  if (interaction.replied) {
    await interaction.followUp(ephemeral(notice));
    return;
  }
  await interaction.editReply(notice);
  if (interaction.ephemeral) return;
  await interaction.followUp(ephemeral(notice));
  await interaction.deleteReply();
}

/** What the log names: the command, or the button/modal custom id. */
const labelOf = (interaction: ChatInputCommandInteraction | ComponentInteraction) =>
  interaction.isChatInputCommand() ? interaction.commandName : interaction.customId;

export function createRouter({ commands, deps, logger, cooldowns, components = [] }: RouterOptions): Router {
  const byName = new Map(commands.map((command) => [command.data.name, command]));
  const logStoreProblem = storeProblemLogger(logger);

  async function reportFailure(
    interaction: ChatInputCommandInteraction | ComponentInteraction,
    error: unknown,
  ): Promise<void> {
    const command = labelOf(interaction);
    const failure = classifyFailure(error);
    if (failure.kind === 'interaction-gone') {
      logger.warn({ command, reason: failure.reason }, 'interaction no longer accepts replies');
      return;
    }
    if (failure.kind === 'user') logger.info({ command, code: failure.code }, 'user-facing problem');
    else if (failure.kind === 'store-unavailable') logStoreProblem(command, failure);
    else {
      const options = interaction.isChatInputCommand() ? describeOptions(interaction) : {};
      logger.error({ err: error, command, options }, 'command failed');
    }
    const text =
      failure.kind === 'user'
        ? userMessage(interaction.locale, failure)
        : translate(interaction.locale, genericMessageKey(failure));
    try {
      await sendNotice(interaction, text);
    } catch (noticeError) {
      logger.warn({ err: noticeError, command }, 'could not tell the user about a failure');
    }
  }

  async function runCommand(interaction: ChatInputCommandInteraction): Promise<void> {
    const command = byName.get(interaction.commandName);
    if (!command) {
      const message = translate(interaction.locale, 'error.unknown-command');
      await reportFailure(interaction, new UserFacingError(message, 'unknown-command'));
      return;
    }
    // Checked here as well as registered: a registration from before, or a server's override, must not open it.
    if (isGuildOnly(command.data) && !interaction.inGuild()) {
      await reportFailure(interaction, guildOnlyRefusal(interaction, command.data.name));
      return;
    }
    const verdict = await takeCooldown(interaction, command.data.name);
    if (!verdict.allowed) return;
    // Model-backed: the deferral goes out before anything else, and the work runs while it is in flight.
    const acknowledged = command.defer ? interaction.deferReply().then(() => {}) : Promise.resolve();
    const abort = new AbortController();
    acknowledged.catch(() => abort.abort());
    const cooldown = verdict.ticket;
    try {
      await command.execute(interaction, { ...deps, acknowledged, signal: abort.signal, cooldown });
      await acknowledged;
      if (!interaction.replied) throw new Error(`/${interaction.commandName} finished without replying`);
    } catch (error) {
      cooldown.refund();
      // Settle the deferral first: its refusal (too late, already answered) explains everything after it.
      const refused = await acknowledged.then(
        () => undefined,
        (ackError: unknown) => ackError,
      );
      await reportFailure(interaction, refused ?? error);
    }
  }

  async function runAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    try {
      const command = byName.get(interaction.commandName);
      if (command?.autocomplete) await command.autocomplete(interaction, deps);
      else await interaction.respond([]);
    } catch (error) {
      logger.warn(
        { err: error, command: interaction.commandName, options: describeOptions(interaction) },
        'autocomplete failed',
      );
      if (interaction.responded) return;
      await interaction.respond([]).catch((respondError: unknown) => {
        logger.warn({ err: respondError, command: interaction.commandName }, 'could not answer autocomplete');
      });
    }
  }

  /** Takes one use of `name`'s window; when none is left, tells the user when they may try again. */
  async function takeCooldown(
    interaction: ChatInputCommandInteraction | ComponentInteraction,
    name: string | undefined,
  ): Promise<CooldownVerdict> {
    const verdict = (name && cooldowns?.take(name, interaction.user.id)) || NO_COOLDOWN;
    if (verdict.allowed || !name) return verdict;
    logger.info({ command: labelOf(interaction), retryAt: verdict.retryAt }, 'cooldown');
    await interaction
      .reply(cooldownNotice(interaction, name, verdict.retryAt, verdict.limit))
      .catch((error: unknown) => reportFailure(interaction, error));
    return verdict;
  }

  async function runComponent(interaction: ComponentInteraction, route: ComponentRoute): Promise<void> {
    const verdict = await takeCooldown(interaction, route.cooldownFor?.(interaction));
    if (!verdict.allowed) return;
    try {
      await route.handle(interaction, deps, verdict.ticket);
      if (!interaction.replied && !interaction.deferred)
        throw new Error(`${interaction.customId} was not answered`);
    } catch (error) {
      verdict.ticket.refund();
      await reportFailure(interaction, error);
    }
  }

  return {
    async handle(interaction) {
      if (interaction.isChatInputCommand()) await runCommand(interaction);
      else if (interaction.isAutocomplete()) await runAutocomplete(interaction);
      else {
        const route = components.find((candidate) => candidate.matches(interaction));
        if (route && (interaction.isButton() || interaction.isModalSubmit()))
          await runComponent(interaction, route);
      }
    },
  };
}
