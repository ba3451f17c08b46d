import { type APIOverwrite, ChannelType, OverwriteType } from 'discord-api-types/v10';
import { createGuildIds, DEFAULT_IDS } from './ids.ts';
import { ALL_PERMISSIONS, channelPermissions, DEFAULT_EVERYONE_PERMISSIONS } from './permissions.ts';
import type { GuildSpec } from './types.ts';

export interface FakeUser {
  id: string;
  username: string;
  globalName: string | null;
  bot: boolean;
}

/** DM channels exist only inside DM interactions (InteractionOpts.dm); the world holds guild channels. */
export type FakeChannelType =
  | ChannelType.GuildText
  | ChannelType.PublicThread
  | ChannelType.PrivateThread
  | ChannelType.DM;

export interface FakeChannel {
  id: string;
  guildId: string;
  name: string;
  type: FakeChannelType;
  position: number;
  overwrites: APIOverwrite[];
  deleted: boolean;
  /** Threads: the text channel they belong to (permissions are the parent's); null for a text channel. */
  parentId: string | null;
  /** Threads: who created it. */
  ownerId: string | null;
  createdAt: number;
}

export const isThread = (channel: FakeChannel) =>
  channel.type === ChannelType.PublicThread || channel.type === ChannelType.PrivateThread;

export interface FakeGuild {
  id: string;
  name: string;
  ownerId: string;
  everyonePermissions: bigint;
  channelIds: string[];
  joinedAt: string;
}

/** The servers, channels and people the fake Discord knows; the gateway and REST routes read it. */
export interface World {
  readonly bot: FakeUser;
  readonly applicationId: string;
  readonly guilds: Map<string, FakeGuild>;
  readonly channels: Map<string, FakeChannel>;
  user(id: string, username?: string): FakeUser;
  addGuild(
    spec: GuildSpec,
    ids?: { guildId: string; channelId: string },
  ): { guildId: string; channelId: string };
  /** The bot's effective permissions in a channel, by Discord's overwrite rules. */
  botPermissions(channel: FakeChannel): bigint;
  /** Replace the bot's member overwrite so that it may do exactly `allow` there. */
  setBotChannelPermissions(channelId: string, allow: bigint): FakeChannel;
  requireGuild(guildId: string): FakeGuild;
  requireChannel(channelId: string): FakeChannel;
  /** A thread in `parent` (created by `ownerId`); `id` is the starter message's id for a thread from a message. */
  addThread(
    parent: FakeChannel,
    spec: { id: string; name: string; type: FakeChannelType; ownerId: string },
  ): FakeChannel;
  /** The guild's threads that are not deleted, oldest first (GUILD_CREATE lists them, as Discord lists active ones). */
  threadsOf(guildId: string): FakeChannel[];
}

export function createWorld(
  snowflake: () => string,
  now: () => number,
  nextGuildId: () => string = createGuildIds(),
): World {
  const bot: FakeUser = { id: DEFAULT_IDS.application, username: 'testbot', globalName: null, bot: true };
  const users = new Map<string, FakeUser>([[bot.id, bot]]);
  users.set(DEFAULT_IDS.user, { id: DEFAULT_IDS.user, username: 'alice', globalName: 'Alice', bot: false });
  const guilds = new Map<string, FakeGuild>();
  const channels = new Map<string, FakeChannel>();

  const requireGuild = (guildId: string) => {
    const guild = guilds.get(guildId);
    if (!guild) throw new Error(`fake Discord: no guild ${guildId}`);
    return guild;
  };
  const requireChannel = (channelId: string) => {
    const channel = channels.get(channelId);
    if (!channel) throw new Error(`fake Discord: no channel ${channelId}`);
    return channel;
  };

  return {
    bot,
    applicationId: bot.id,
    guilds,
    channels,
    requireGuild,
    requireChannel,
    user(id, username) {
      const known = users.get(id);
      if (known) return known;
      const user = { id, username: username ?? `user${id.slice(-4)}`, globalName: null, bot: false };
      users.set(id, user);
      return user;
    },
    addGuild(spec, ids = { guildId: nextGuildId(), channelId: snowflake() }) {
      const channel: FakeChannel = {
        id: ids.channelId,
        guildId: ids.guildId,
        name: spec.channelName ?? 'general',
        type: ChannelType.GuildText,
        position: 0,
        overwrites: [],
        deleted: false,
        parentId: null,
        ownerId: null,
        createdAt: now(),
      };
      channels.set(channel.id, channel);
      guilds.set(ids.guildId, {
        id: ids.guildId,
        name: spec.name ?? `Test Guild ${guilds.size + 1}`,
        ownerId: DEFAULT_IDS.owner,
        everyonePermissions: spec.everyonePermissions ?? DEFAULT_EVERYONE_PERMISSIONS,
        channelIds: [channel.id],
        joinedAt: new Date(now()).toISOString(),
      });
      return ids;
    },
    botPermissions(channel) {
      const guild = requireGuild(channel.guildId);
      const subject = { guildId: guild.id, ownerId: guild.ownerId, userId: bot.id, roleIds: [] };
      // A thread has no overwrites of its own: it is governed by its parent channel's.
      const governing = channel.parentId ? requireChannel(channel.parentId) : channel;
      return channelPermissions({ ...subject, base: guild.everyonePermissions }, governing.overwrites);
    },
    addThread(parent, spec) {
      const thread: FakeChannel = {
        ...spec,
        guildId: parent.guildId,
        position: 0,
        overwrites: [],
        deleted: false,
        parentId: parent.id,
        createdAt: now(),
      };
      channels.set(thread.id, thread);
      return thread;
    },
    threadsOf(guildId) {
      return [...channels.values()].filter((c) => c.guildId === guildId && isThread(c) && !c.deleted);
    },
    setBotChannelPermissions(channelId, allow) {
      const channel = requireChannel(channelId);
      const others = channel.overwrites.filter((o) => o.id !== bot.id);
      const deny = ALL_PERMISSIONS & ~allow;
      const mine = { id: bot.id, type: OverwriteType.Member, allow: allow.toString(), deny: deny.toString() };
      channel.overwrites = [...others, mine];
      return channel;
    },
  };
}
