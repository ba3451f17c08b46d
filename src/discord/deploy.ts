import { createHash } from 'node:crypto';
import {
  type REST,
  type RESTGetCurrentApplicationResult,
  type RESTPostAPIApplicationCommandsJSONBody,
  type RESTPutAPIApplicationCommandsJSONBody,
  Routes,
} from 'discord.js';
import type { Logger } from '../core/log.ts';

/** A command as registered: slash commands and message commands alike. */
export interface RegisteredCommand {
  readonly data: RESTPostAPIApplicationCommandsJSONBody;
}

/** Where commands are registered: one guild (instant, for development) or globally. */
export interface CommandScope {
  readonly applicationId: string;
  readonly guildId?: string | undefined;
}

/** Where the last registered list's hash is kept (a keyv namespace in the store). */
export interface MetaStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: string): Promise<unknown>;
}

export function commandsBody(commands: readonly RegisteredCommand[]): RESTPutAPIApplicationCommandsJSONBody {
  return commands.map((command) => command.data);
}

export function commandsHash(body: RESTPutAPIApplicationCommandsJSONBody): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

function hashKey(scope: CommandScope): string {
  return `commands-hash:${scope.applicationId}:${scope.guildId ?? 'global'}`;
}

function route(scope: CommandScope): `/${string}` {
  return scope.guildId
    ? Routes.applicationGuildCommands(scope.applicationId, scope.guildId)
    : Routes.applicationCommands(scope.applicationId);
}

/** Bulk-overwrites the whole list (PUT): unchanged commands keep their ids and do not count against limits. */
export async function putCommands(
  rest: REST,
  scope: CommandScope,
  body: RESTPutAPIApplicationCommandsJSONBody,
): Promise<unknown> {
  return rest.put(route(scope), { body });
}

export async function recordCommandsHash(
  meta: MetaStore,
  scope: CommandScope,
  body: RESTPutAPIApplicationCommandsJSONBody,
): Promise<void> {
  await meta.set(hashKey(scope), commandsHash(body));
}

/**
 * The bot's start-up sync: registers the list only when it differs from the last registration in this scope,
 * so restarts cost no API calls.
 */
export async function syncCommands(options: {
  readonly rest: REST;
  readonly scope: CommandScope;
  readonly commands: readonly RegisteredCommand[];
  readonly meta: MetaStore;
  readonly logger: Logger;
}): Promise<'registered' | 'unchanged'> {
  const { rest, scope, meta, logger } = options;
  const body = commandsBody(options.commands);
  if ((await meta.get(hashKey(scope))) === commandsHash(body)) return 'unchanged';
  await putCommands(rest, scope, body);
  await recordCommandsHash(meta, scope, body);
  logger.info(
    { commands: body.map((c) => c.name), guildId: scope.guildId ?? null },
    'registered slash commands',
  );
  return 'registered';
}

/** The application a bot token belongs to (`GET /applications/@me`). */
export async function fetchApplicationId(rest: REST): Promise<string> {
  const application = (await rest.get(Routes.currentApplication())) as RESTGetCurrentApplicationResult;
  return application.id;
}
