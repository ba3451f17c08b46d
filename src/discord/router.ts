import type {
  ButtonInteraction,
  ChatInputCommandInteraction,
  Interaction,
  MessageContextMenuCommandInteraction,
  ModalSubmitInteraction,
  RepliableInteraction,
} from 'discord.js';
import { UserFacingError } from '../core/errors.ts';
import { Foreground } from '../core/foreground.ts';
import { translate } from '../core/i18n/index.ts';
import type { Logger } from '../core/log.ts';
import { runAutocomplete } from './autocomplete-route.ts';
import {
  type CommandContext,
  type CommandDeps,
  guildOnlyRefusal,
  isGuildOnly,
  type SlashCommand,
} from './command.ts';
import { type Cooldowns, type CooldownTicket, type CooldownVerdict, cooldownText } from './cooldowns.ts';
import { createFailureReporter, type FailureReporter, labelOf } from './failure-report.ts';
import { heldDeferral, ownResponse } from './first-response.ts';
import { type MessageCommand, messageCommandFor } from './message-command.ts';
import { ephemeral, renderNotice } from './render.ts';
import { unavailableCommand } from './unavailable.ts';

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
  /** Message commands (a message's Apps menu: "Summarize article"). */
  readonly messageCommands?: readonly MessageCommand[];
  /** How long a model-backed command's deferral waits for a reply that is ready first (DEFERRAL_HOLD_MS). */
  readonly deferralHoldMs: number;
  /** Told while each interaction waits for its first response, so background ingest gives way to it. */
  readonly foreground?: Foreground;
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

function cooldownNotice(interaction: RepliableInteraction, command: string, retryAt: number, limit: number) {
  return ephemeral(renderNotice(cooldownText(interaction.locale, command, retryAt, limit)));
}

const NO_COOLDOWN: CooldownVerdict = { allowed: true, ticket: { refund() {} } };

/** What the router's pieces share: the commands by name, the services, and where failures go. */
interface RouterState {
  readonly byName: ReadonlyMap<string, SlashCommand>;
  readonly deps: CommandDeps;
  readonly logger: Logger;
  readonly cooldowns: Cooldowns | undefined;
  readonly reportFailure: FailureReporter;
  readonly deferralHoldMs: number;
  readonly foreground: Foreground;
}

/** Takes one use of `name`'s window; when none is left, tells the user when they may try again. */
async function takeCooldown(
  state: RouterState,
  interaction: ChatInputCommandInteraction | ComponentInteraction | MessageContextMenuCommandInteraction,
  name: string | undefined,
): Promise<CooldownVerdict> {
  const verdict =
    name && state.cooldowns ? await state.cooldowns.take(name, interaction.user.id) : NO_COOLDOWN;
  if (verdict.allowed || !name) return verdict;
  state.logger.info({ command: labelOf(interaction), retryAt: verdict.retryAt }, 'cooldown');
  await interaction
    .reply(cooldownNotice(interaction, name, verdict.retryAt, verdict.limit))
    .catch((error: unknown) => state.reportFailure(interaction, error));
  return verdict;
}

/** The command, if it may run here: an unknown one, or a guild-only one outside a server, is refused. */
async function commandFor(
  state: RouterState,
  interaction: ChatInputCommandInteraction,
): Promise<SlashCommand | undefined> {
  const command = state.byName.get(interaction.commandName);
  if (!command) {
    await state.reportFailure(interaction, unavailableCommand(state.logger, interaction));
    return undefined;
  }
  // Checked here as well as registered: a registration from before, or a server's override, must not open it.
  if (isGuildOnly(command.data) && !interaction.inGuild()) {
    await state.reportFailure(interaction, guildOnlyRefusal(interaction, command.data.name));
    return undefined;
  }
  return command;
}

type CommandUse = ChatInputCommandInteraction | MessageContextMenuCommandInteraction;

/** What serving a command takes: whose cooldown a use counts against, whether it defers, and its work. */
interface Served<I extends CommandUse> {
  readonly cooldown: string;
  readonly defer: boolean;
  execute(interaction: I, context: CommandContext): Promise<void>;
}

/**
 * Every command (slash and message) is served the same way: the cooldown, then — when model-backed — the deferral
 * held briefly (first-response.ts) while the work starts, and on failure the use refunded and the failure reported.
 */
async function serveCommand<I extends CommandUse>(
  state: RouterState,
  interaction: I,
  served: Served<I>,
  answered: () => void,
) {
  const verdict = await takeCooldown(state, interaction, served.cooldown);
  if (!verdict.allowed) return;
  const firstResponse = served.defer
    ? heldDeferral(interaction, state.deferralHoldMs)
    : ownResponse(interaction);
  const { acknowledged } = firstResponse;
  // A command that answers by itself is foreground until it has (the router's finally); a deferral ends it sooner.
  if (served.defer) acknowledged.then(answered, answered);
  const abort = new AbortController();
  acknowledged.catch(() => abort.abort());
  const cooldown = verdict.ticket;
  try {
    await waitTurnIfOthersWait(state, served.defer);
    // Discord refused the deferral while the work waited: nothing it would do could reach the member.
    abort.signal.throwIfAborted();
    await served.execute(interaction, { ...state.deps, firstResponse, signal: abort.signal, cooldown });
    // Still unsent means no reply came: the report below becomes the first response instead of a late deferral.
    firstResponse.claim();
    await acknowledged;
    if (!interaction.replied) throw new Error(`"${labelOf(interaction)}" finished without replying`);
  } catch (error) {
    cooldown.refund();
    // A failure before the deferral went is answered privately as the first response. Otherwise settle the
    // deferral first: its refusal (too late, already answered) explains everything after it.
    firstResponse.claim();
    const refused = await acknowledged.then(
      () => undefined,
      (ackError: unknown) => ackError,
    );
    await state.reportFailure(interaction, refused ?? error);
  }
}

/**
 * While other interactions wait for their first response, or other commands' work for its turn, a model-backed
 * command's work waits its turn (src/core/turns.ts), so the others' first responses go out before it. Its held
 * deferral keeps its timer meanwhile: a reply ready within the hold is still the first response, and one that is
 * not gets the deferral when the hold ends. A command that answers by itself is its own first response and goes
 * at once.
 */
async function waitTurnIfOthersWait(state: RouterState, defers: boolean) {
  const { foreground } = state;
  // This interaction is among those waiting (the router's begin() counted it), so others wait when more than one does.
  const othersWait = foreground.waitingInteractions > 1 || foreground.turns.length > 0;
  if (defers && othersWait) await foreground.turns.take();
}

async function runCommand(
  state: RouterState,
  interaction: ChatInputCommandInteraction,
  answered: () => void,
): Promise<void> {
  const command = await commandFor(state, interaction);
  if (!command) return;
  const served = { cooldown: command.data.name, defer: command.defer };
  await serveCommand(state, interaction, { ...served, execute: command.execute.bind(command) }, answered);
}

/** A button or form no route serves (an older version's, or a forged id): said privately, never left to time out. */
async function refuseStale(state: RouterState, interaction: ComponentInteraction): Promise<void> {
  state.logger.debug({ customId: interaction.customId.slice(0, 100) }, 'a component no route serves');
  const message = translate(interaction.locale, 'router.stale-component');
  await state.reportFailure(interaction, new UserFacingError(message, 'stale-component'));
}

async function runComponent(
  state: RouterState,
  interaction: ComponentInteraction,
  route: ComponentRoute,
): Promise<void> {
  const verdict = await takeCooldown(state, interaction, route.cooldownFor?.(interaction));
  if (!verdict.allowed) return;
  try {
    await route.handle(interaction, state.deps, verdict.ticket);
    if (!interaction.replied && !interaction.deferred)
      throw new Error(`${interaction.customId} was not answered`);
  } catch (error) {
    verdict.ticket.refund();
    await state.reportFailure(interaction, error);
  }
}

/** A message command (src/discord/message-command.ts), served like a slash command. */
async function runMessage(
  state: RouterState,
  byName: ReadonlyMap<string, MessageCommand>,
  interaction: MessageContextMenuCommandInteraction,
  answered: () => void,
): Promise<void> {
  const command = messageCommandFor(byName, state.logger, interaction);
  if (command instanceof UserFacingError) return state.reportFailure(interaction, command);
  const served = { cooldown: command.countsAs, defer: command.defer };
  await serveCommand(state, interaction, { ...served, execute: command.execute.bind(command) }, answered);
}

export function createRouter(options: RouterOptions): Router {
  const { commands, deps, logger, cooldowns, components = [] } = options;
  const messageCommands = new Map(options.messageCommands?.map((command) => [command.data.name, command]));
  const state: RouterState = {
    byName: new Map(commands.map((command) => [command.data.name, command])),
    deps,
    logger,
    cooldowns,
    reportFailure: createFailureReporter(logger),
    deferralHoldMs: options.deferralHoldMs,
    foreground: options.foreground ?? new Foreground(),
  };
  const { foreground } = state;
  const route = async (interaction: Interaction, answered: () => void) => {
    if (interaction.isChatInputCommand()) await runCommand(state, interaction, answered);
    else if (interaction.isAutocomplete())
      await runAutocomplete(state.byName, state.deps, state.logger, interaction);
    else if (interaction.isMessageContextMenuCommand())
      await runMessage(state, messageCommands, interaction, answered);
    else {
      if (!interaction.isButton() && !interaction.isModalSubmit()) return;
      const component = components.find((candidate) => candidate.matches(interaction));
      if (component) await runComponent(state, interaction, component);
      else await refuseStale(state, interaction);
    }
  };
  return {
    async handle(interaction) {
      // Foreground until the first response (a command's acknowledgement), or until served.
      const answered = foreground.begin();
      await route(interaction, answered).finally(answered);
    },
  };
}
