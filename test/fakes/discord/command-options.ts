import {
  type APIApplicationCommand,
  type APIApplicationCommandInteractionDataOption,
  type APIApplicationCommandOption,
  type APIInteractionDataResolved,
  ApplicationCommandOptionType as OptionType,
} from 'discord-api-types/v10';
import { isRecord } from './message-rules.ts';
import { memberPayload, userPayload } from './payloads.ts';
import { channelPermissions } from './permissions.ts';
import type { InteractionOpts } from './types.ts';
import type { FakeGuild, World } from './world.ts';

/** A flat option value, or a raw API option object (`{ type, value }`) for ids and anything inference cannot tell. */
export type OptionInput = string | number | boolean | Record<string, unknown>;

type DataOption = APIApplicationCommandInteractionDataOption;

interface Declared {
  options?: readonly APIApplicationCommandOption[];
}

function inferType(value: string | number | boolean): OptionType {
  if (typeof value === 'boolean') return OptionType.Boolean;
  if (typeof value === 'number') return Number.isInteger(value) ? OptionType.Integer : OptionType.Number;
  return OptionType.String;
}

function findDeclared(declared: Declared | undefined, name: string): APIApplicationCommandOption | undefined {
  return declared?.options?.find((option) => option.name === name);
}

/** The options of the registered command (or subcommand) these values belong to, when one was registered. */
function declaredScope(
  command: APIApplicationCommand | undefined,
  opts: InteractionOpts,
): Declared | undefined {
  let scope: Declared | undefined = command;
  if (opts.subcommandGroup) scope = findDeclared(scope, opts.subcommandGroup) as Declared | undefined;
  if (opts.subcommand) scope = findDeclared(scope, opts.subcommand) as Declared | undefined;
  return scope;
}

/**
 * Builds `data.options` as Discord would: types come from the registered command when there is one (so 5 can be a
 * NUMBER), otherwise from the value; subcommand and group nest them. `focused` marks the autocomplete option.
 */
export function buildOptions(
  values: Record<string, OptionInput>,
  opts: InteractionOpts,
  command: APIApplicationCommand | undefined,
  focused?: string,
): DataOption[] {
  const scope = declaredScope(command, opts);
  let options = Object.entries(values).map(([name, value]) => {
    const option = isRecord(value)
      ? { name, ...value }
      : { name, type: findDeclared(scope, name)?.type ?? inferType(value), value };
    return (name === focused ? { ...option, focused: true } : option) as DataOption;
  });
  if (opts.subcommand)
    options = [{ type: OptionType.Subcommand, name: opts.subcommand, options } as DataOption];
  if (opts.subcommandGroup) {
    options = [{ type: OptionType.SubcommandGroup, name: opts.subcommandGroup, options } as DataOption];
  }
  return options;
}

function basicOptions(options: readonly DataOption[]): { type: number; value?: unknown }[] {
  return options.flatMap((option) => ('options' in option ? basicOptions(option.options ?? []) : [option]));
}

/** `data.resolved` for user, channel, role and mentionable options, which discord.js reads for getChannel() etc. */
export function buildResolved(
  world: World,
  guild: FakeGuild | null,
  options: readonly DataOption[],
  memberPermissions: bigint,
): APIInteractionDataResolved | undefined {
  const resolved: APIInteractionDataResolved = {};
  for (const option of basicOptions(options)) {
    const id = String(option.value);
    if (option.type === OptionType.Channel) addChannel(world, resolved, id, memberPermissions);
    const isUser = option.type === OptionType.User || option.type === OptionType.Mentionable;
    if (isUser && (option.type === OptionType.User || !guild || id !== guild.id)) {
      addUser(world, guild, resolved, id);
    }
    if (option.type === OptionType.Role || (option.type === OptionType.Mentionable && id === guild?.id)) {
      addRole(guild, resolved, id);
    }
  }
  return Object.keys(resolved).length > 0 ? resolved : undefined;
}

function addChannel(
  world: World,
  resolved: APIInteractionDataResolved,
  id: string,
  memberPermissions: bigint,
) {
  const channel = world.channels.get(id);
  if (!channel) throw new Error(`fake Discord: a channel option names ${id}, which the fake does not know`);
  const guild = world.requireGuild(channel.guildId);
  const subject = {
    guildId: guild.id,
    ownerId: guild.ownerId,
    userId: '',
    roleIds: [],
    base: memberPermissions,
  };
  const permissions = channelPermissions(subject, channel.overwrites).toString();
  resolved.channels = {
    ...resolved.channels,
    [id]: { id, name: channel.name, type: channel.type, permissions },
  };
}

function addUser(world: World, guild: FakeGuild | null, resolved: APIInteractionDataResolved, id: string) {
  const user = world.user(id);
  resolved.users = { ...resolved.users, [id]: userPayload(user) };
  if (!guild) return;
  const { user: _user, ...member } = memberPayload(user, guild.joinedAt);
  const permissions = guild.everyonePermissions.toString();
  resolved.members = { ...resolved.members, [id]: { ...member, permissions } };
}

function addRole(guild: FakeGuild | null, resolved: APIInteractionDataResolved, id: string) {
  const role = {
    id,
    name: guild && id === guild.id ? '@everyone' : `role-${id.slice(-4)}`,
    permissions: guild && id === guild.id ? guild.everyonePermissions.toString() : '0',
    position: 0,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    managed: false,
    mentionable: true,
    flags: 0,
  };
  resolved.roles = {
    ...resolved.roles,
    [id]: role as NonNullable<APIInteractionDataResolved['roles']>[string],
  };
}
