import {
  type APIApplicationCommand,
  type APIApplicationCommandOption,
  ApplicationCommandType,
} from 'discord-api-types/v10';
import { isRecord } from './message-rules.ts';

/** Registered application commands per scope (global or one guild), as bulk overwrites leave them. */
export interface CommandRegistry {
  /** Replace a scope's commands; unchanged commands keep their id and version, as on Discord. */
  put(guildId: string | null, body: unknown[]): APIApplicationCommand[];
  upsert(guildId: string | null, body: Record<string, unknown>): APIApplicationCommand;
  remove(guildId: string | null, commandId: string): boolean;
  list(guildId: string | null): APIApplicationCommand[];
  /** The raw body of the last PUT for the scope (what the deploy step sent). */
  lastBody(guildId: string | null): unknown[];
  /** The command an interaction in this guild would run: guild commands shadow global ones. */
  find(name: string, guildId: string | null): APIApplicationCommand | undefined;
}

export function createCommandRegistry(applicationId: string, snowflake: () => string): CommandRegistry {
  const scopes = new Map<string, APIApplicationCommand[]>();
  const bodies = new Map<string, unknown[]>();
  const key = (guildId: string | null) => guildId ?? 'global';

  const build = (guildId: string | null, body: Record<string, unknown>, previous?: APIApplicationCommand) => {
    const type = (
      typeof body.type === 'number' ? body.type : ApplicationCommandType.ChatInput
    ) as ApplicationCommandType;
    const fields = {
      type,
      name: String(body.name),
      description: typeof body.description === 'string' ? body.description : '',
      options: (Array.isArray(body.options) ? body.options : []) as APIApplicationCommandOption[],
      default_member_permissions:
        typeof body.default_member_permissions === 'string' ? body.default_member_permissions : null,
      nsfw: body.nsfw === true,
      ...(isRecord(body.name_localizations) ? { name_localizations: body.name_localizations } : {}),
      ...(isRecord(body.description_localizations)
        ? { description_localizations: body.description_localizations }
        : {}),
      ...(Array.isArray(body.contexts) ? { contexts: body.contexts } : {}),
      ...(Array.isArray(body.integration_types) ? { integration_types: body.integration_types } : {}),
    };
    const unchanged = previous && JSON.stringify(comparable(previous)) === JSON.stringify(fields);
    return {
      id: previous?.id ?? snowflake(),
      application_id: applicationId,
      ...(guildId ? { guild_id: guildId } : {}),
      version: unchanged ? previous.version : snowflake(),
      ...fields,
    } as APIApplicationCommand;
  };

  const sameCommand = (body: Record<string, unknown>) => (command: APIApplicationCommand) =>
    command.name === body.name && command.type === ((body.type as number | undefined) ?? 1);

  return {
    put(guildId, body) {
      const previous = scopes.get(key(guildId)) ?? [];
      const commands = body
        .filter(isRecord)
        .map((item) => build(guildId, item, previous.find(sameCommand(item))));
      scopes.set(key(guildId), commands);
      bodies.set(key(guildId), structuredClone(body));
      return commands;
    },
    upsert(guildId, body) {
      const existing = scopes.get(key(guildId)) ?? [];
      const command = build(guildId, body, existing.find(sameCommand(body)));
      scopes.set(key(guildId), [...existing.filter((c) => c.id !== command.id), command]);
      return command;
    },
    remove(guildId, commandId) {
      const existing = scopes.get(key(guildId)) ?? [];
      scopes.set(
        key(guildId),
        existing.filter((c) => c.id !== commandId),
      );
      return existing.some((c) => c.id === commandId);
    },
    list: (guildId) => scopes.get(key(guildId)) ?? [],
    lastBody: (guildId) => bodies.get(key(guildId)) ?? [],
    find(name, guildId) {
      const byName = (command: APIApplicationCommand) => command.name === name && command.type === 1;
      return (
        (guildId ? scopes.get(key(guildId))?.find(byName) : undefined) ?? scopes.get('global')?.find(byName)
      );
    },
  };
}

function comparable(command: APIApplicationCommand): Record<string, unknown> {
  const { id: _id, application_id: _app, guild_id: _guild, version: _version, ...fields } = command;
  return fields;
}
