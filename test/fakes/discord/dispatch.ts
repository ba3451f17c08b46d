import {
  type APIApplicationCommandInteractionDataOption,
  type APIInteraction,
  type APIMessage,
  ApplicationCommandType,
  ChannelType,
  ComponentType,
  GatewayDispatchEvents,
} from 'discord-api-types/v10';
import type { OptionInput } from './command-options.ts';
import type { FakeContext } from './context.ts';
import type { Gateway } from './gateway.ts';
import { DEFAULT_IDS, interactionToken } from './ids.ts';
import {
  autocompletePayload,
  buttonPayload,
  commandPayload,
  type InteractionSource,
  type MessageTarget,
  memberMessage,
  messageCommandPayload,
  modalPayload,
  selectPayload,
} from './interaction-payloads.ts';
import type { InteractionKind, InteractionRecord } from './interaction-records.ts';
import { createMessage, PARSE_ALL, type StoredMessage, toApiMessage } from './messages.ts';
import type { ComponentOpts, FakeInteraction, InteractionOpts } from './types.ts';
import type { FakeChannel } from './world.ts';

/** Builds INTERACTION_CREATE payloads and sends them to the client that holds the guild. */
export function createDispatcher(ctx: FakeContext, gateway: Gateway) {
  const { world } = ctx;

  /** One DM channel per user, as on Discord. */
  const dmChannels = new Map<string, FakeChannel>();
  function dmSource(opts: InteractionOpts): InteractionSource {
    const user = world.user(opts.userId ?? DEFAULT_IDS.user, opts.username);
    const channel = dmChannels.get(user.id) ?? dmChannel(ctx.snowflake(), user.id, ctx.now());
    dmChannels.set(user.id, channel);
    return { world, id: ctx.snowflake(), token: interactionToken(), guild: null, channel, user, opts };
  }

  function source(opts: InteractionOpts): InteractionSource {
    if (opts.dm) return dmSource(opts);
    const channelId =
      opts.channelId ?? world.requireGuild(opts.guildId ?? DEFAULT_IDS.guild).channelIds[0] ?? '';
    const channel = world.requireChannel(channelId);
    if (channel.deleted)
      throw new Error(`fake Discord: channel ${channelId} was deleted; no one can interact there`);
    const guild = world.requireGuild(channel.guildId);
    const user = world.user(opts.userId ?? DEFAULT_IDS.user, opts.username);
    return { world, id: ctx.snowflake(), token: interactionToken(), guild, channel, user, opts };
  }

  async function dispatch(
    kind: InteractionKind,
    from: InteractionSource,
    payload: APIInteraction,
    extra: Partial<InteractionRecord> = {},
  ): Promise<FakeInteraction> {
    const guildId = from.guild?.id ?? null;
    await gateway.waitForSession(guildId, ctx.sessionWaitMs);
    const record: InteractionRecord = {
      ...{
        id: from.id,
        token: from.token,
        kind,
        payload,
        guildId,
        channelId: from.channel.id,
      },
      ...{ createdAt: ctx.now(), ack: null, ephemeral: false, thinking: false, originalId: null },
      ...{ componentMessageId: null, followUpIds: [], edits: [], choices: null, modal: null, rejections: [] },
      focusedType: null,
      delivery: { sessionId: '', shard: [0, 1] },
      ...extra,
    };
    // Stored before it is sent, so a fast client's callback finds it; filled in with where it went.
    const handle = ctx.interactions.add(record);
    const lateBy = from.opts.deliveredAfterMs ?? 0;
    if (lateBy > 0) await new Promise((resolve) => setTimeout(resolve, lateBy));
    const delivery = gateway.dispatchToOwner(guildId, GatewayDispatchEvents.InteractionCreate, payload);
    Object.assign(record.delivery, delivery);
    ctx.notifier.notify();
    return handle;
  }

  /** The message a component sits on: a message the bot made, or a made-up bot message carrying it. */
  function componentMessage(
    from: InteractionSource,
    messageId: string | undefined,
    component: unknown,
  ): APIMessage {
    if (messageId) {
      const message = ctx.messages.get(messageId);
      if (!message) throw new Error(`fake Discord: no message ${messageId} for the component to sit on`);
      return toApiMessage(message, world);
    }
    const origin = {
      ...{
        id: ctx.snowflake(),
        channelId: from.channel.id,
        guildId: from.guild?.id ?? null,
        webhookId: null,
      },
      ...{ interactionId: null, createdAt: ctx.now(), defaultParse: PARSE_ALL },
    };
    const body = {
      content: 'Pick one:',
      components: [{ type: ComponentType.ActionRow, components: [component] }],
    };
    const made: StoredMessage = createMessage(body, [], origin, ctx.snowflake);
    ctx.messages.add(made);
    return toApiMessage(made, world);
  }

  return {
    command(name: string, options: Record<string, OptionInput> = {}, opts: InteractionOpts = {}) {
      const from = source(opts);
      const command = ctx.commands.find(name, from.guild?.id ?? null);
      return dispatch('command', from, commandPayload(from, name, options, command));
    },
    autocomplete(
      name: string,
      options: Record<string, OptionInput>,
      focused: string,
      opts: InteractionOpts = {},
    ) {
      const from = source(opts);
      const payload = autocompletePayload(
        from,
        name,
        options,
        focused,
        ctx.commands.find(name, from.guild?.id ?? null),
      );
      const focusedType = findFocused(payload.data.options)?.type ?? null;
      return dispatch('autocomplete', from, payload, { focusedType });
    },
    button(customId: string, opts: ComponentOpts = {}) {
      const from = source(opts);
      const button = { type: ComponentType.Button, style: 1, custom_id: customId, label: 'Open' };
      const message = componentMessage(from, opts.messageId, button);
      return dispatch('component', from, buttonPayload(from, customId, message), {
        componentMessageId: message.id,
      });
    },
    select(customId: string, values: string[], opts: ComponentOpts = {}) {
      const from = source(opts);
      const options = values.map((value) => ({ label: value, value }));
      const menu = { type: ComponentType.StringSelect, custom_id: customId, options };
      const message = componentMessage(from, opts.messageId, menu);
      return dispatch('component', from, selectPayload(from, customId, values, message), {
        componentMessageId: message.id,
      });
    },
    // message commands: a member runs a message command (Apps menu) on a message.
    messageCommand(name: string, target: MessageTarget, opts: InteractionOpts = {}) {
      const from = source(opts);
      const command = ctx.commands.find(name, from.guild?.id ?? null, ApplicationCommandType.Message);
      const stored = 'messageId' in target ? ctx.messages.get(target.messageId) : undefined;
      if ('messageId' in target && !stored) throw new Error(`fake Discord: no message ${target.messageId}`);
      const message = stored
        ? toApiMessage(stored, world)
        : memberMessage(
            from,
            target as Exclude<MessageTarget, { messageId: string }>,
            ctx.snowflake(),
            ctx.now(),
          );
      return dispatch('command', from, messageCommandPayload(from, name, message, command));
    },
    modalSubmit(customId: string, fields: Record<string, string>, opts: ComponentOpts = {}) {
      const from = source(opts);
      const shown = ctx.interactions.latestModal(customId);
      const labels =
        Array.isArray(shown?.components) && shown.components.some((c) => c?.type === ComponentType.Label);
      const stored = opts.messageId ? ctx.messages.get(opts.messageId) : undefined;
      const message = stored ? toApiMessage(stored, world) : undefined;
      const payload = modalPayload(from, customId, fields, { labels }, message);
      return dispatch('modal', from, payload, { componentMessageId: stored?.id ?? null });
    },
  };
}

function findFocused(
  options: readonly APIApplicationCommandInteractionDataOption[] | undefined,
): { type: number } | undefined {
  for (const option of options ?? []) {
    if ('focused' in option && option.focused) return option;
    if ('options' in option) {
      const nested = findFocused(option.options);
      if (nested) return nested;
    }
  }
  return undefined;
}

function dmChannel(id: string, userId: string, createdAt: number): FakeChannel {
  const none = { position: 0, overwrites: [], deleted: false, parentId: null };
  return { id, guildId: '', name: '', type: ChannelType.DM, ...none, ownerId: userId, createdAt };
}
