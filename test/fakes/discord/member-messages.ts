import type { FakeContext } from './context.ts';
import type { Gateway } from './gateway.ts';
import { DEFAULT_IDS } from './ids.ts';
import { announceMessage } from './message-create.ts';
import { createMessage, PARSE_ALL, toRecordedMessage } from './messages.ts';
import type { MemberMessageOpts, RecordedMessage, ThreadView } from './types.ts';
import { isThread } from './world.ts';

/** The test side of threads and members' messages (FakeDiscord.memberMessage, thread, threads). */
export function createMemberApi(ctx: FakeContext, gateway: Gateway) {
  const { world } = ctx;
  const view = (id: string): ThreadView | undefined => {
    const channel = world.channels.get(id);
    if (!channel || !isThread(channel) || channel.deleted) return undefined;
    const { name, type, parentId, ownerId } = channel;
    return { id, name, type, parentId: parentId ?? '', ownerId: ownerId ?? '' };
  };
  return {
    /**
     * A member posts `content` in a channel or thread: stored, then MESSAGE_CREATE to every session that may
     * receive it, with Message Content's rules per session. `<@id>` in the content mentions that user.
     */
    async memberMessage(
      channelId: string,
      content: string,
      opts: MemberMessageOpts = {},
    ): Promise<RecordedMessage> {
      const channel = world.requireChannel(channelId);
      if (channel.deleted) throw new Error(`fake Discord: channel ${channelId} was deleted`);
      const author = world.user(opts.userId ?? DEFAULT_IDS.user, opts.username);
      await gateway.waitForSession(channel.guildId, ctx.sessionWaitMs);
      const origin = {
        ...{ id: ctx.snowflake(), channelId, guildId: channel.guildId, webhookId: null, interactionId: null },
        ...{ createdAt: ctx.now(), defaultParse: PARSE_ALL },
      };
      const message = { ...createMessage({ content }, [], origin, ctx.snowflake), authorId: author.id };
      ctx.messages.add(message, { post: true });
      announceMessage(ctx, message);
      ctx.notifier.notify();
      return toRecordedMessage(message);
    },
    thread: view,
    /** The threads of a text channel (every channel when absent), oldest first. */
    threads(parentId?: string): ThreadView[] {
      return [...world.guilds.keys()]
        .flatMap((guildId) => world.threadsOf(guildId))
        .filter((thread) => parentId === undefined || thread.parentId === parentId)
        .flatMap((thread) => view(thread.id) ?? []);
    },
  };
}
