import {
  type APIApplicationCommand,
  type APIApplicationCommandOption,
  ApplicationCommandType,
  Locale,
} from 'discord-api-types/v10';
import type { FormErrors } from './api-error.ts';
import { charCount, isRecord } from './message-rules.ts';

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
  find(
    name: string,
    guildId: string | null,
    type?: ApplicationCommandType,
  ): APIApplicationCommand | undefined;
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
    find(name, guildId, type = ApplicationCommandType.ChatInput) {
      const byName = (command: APIApplicationCommand) => command.name === name && command.type === type;
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

// message commands: Discord's rules for a command's identity (application-commands.mdx, "Naming" and
// "Localization"): the name by type, the description only for chat input, localizations only under Discord's
// locales and by the same rules as what they translate. A broken rule is a 400 50035 like Discord's.

type Path = (string | number)[];

const NAME_CHARS = "-_'\\p{L}\\p{N}\\p{sc=Deva}\\p{sc=Thai}";
/** CHAT_INPUT command and option names: no spaces, and lowercase wherever a letter has a lowercase form. */
const CHAT_INPUT_NAME = new RegExp(`^[${NAME_CHARS}]{1,32}$`, 'u');
/** USER and MESSAGE command names: the same characters plus spaces, any case, 1–32. */
const CONTEXT_MENU_NAME = new RegExp(`^[${NAME_CHARS} ]{1,32}$`, 'u');
const DISCORD_LOCALES: ReadonlySet<string> = new Set(Object.values(Locale));
const DESCRIPTION_MAX = 100;
const KNOWN_TYPES = new Set<unknown>([
  ApplicationCommandType.ChatInput,
  ApplicationCommandType.User,
  ApplicationCommandType.Message,
]);

export type NameRule = 'chat-input' | 'context-menu';

export function isValidName(name: unknown, rule: NameRule): boolean {
  if (typeof name !== 'string') return false;
  if (rule === 'context-menu') return CONTEXT_MENU_NAME.test(name) && name.trim() === name;
  return CHAT_INPUT_NAME.test(name) && name === name.toLowerCase();
}

function invalidName(errors: FormErrors, path: Path): void {
  errors.add(path, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
}

function checkDescription(errors: FormErrors, path: Path, value: unknown): void {
  const chars = typeof value === 'string' ? charCount(value) : -1;
  if (chars < 1 || chars > DESCRIPTION_MAX) errors.badLength(path, 1, DESCRIPTION_MAX);
}

/** `name_localizations` / `description_localizations`: Discord locales only, each value valid as its field. */
export function checkLocalizations(
  holder: Record<string, unknown>,
  path: Path,
  rule: NameRule,
  errors: FormErrors,
): void {
  const fields = [
    ['name_localizations', (at: Path, value: unknown) => isValidName(value, rule) || invalidName(errors, at)],
    ['description_localizations', (at: Path, value: unknown) => checkDescription(errors, at, value)],
  ] as const;
  for (const [field, check] of fields) {
    const map = holder[field];
    if (map === undefined || map === null) continue;
    if (!isRecord(map)) {
      errors.add([...path, field], 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
      continue;
    }
    for (const [locale, value] of Object.entries(map)) {
      if (!DISCORD_LOCALES.has(locale))
        errors.add(
          [...path, field, locale],
          'ENUM_TYPE_COERCE',
          `Value "${locale}" is not a valid enum value.`,
        );
      else check([...path, field, locale], value);
    }
  }
}

/** One command's type, name, description and their localizations; a context-menu command takes no options. */
export function checkCommandIdentity(command: Record<string, unknown>, path: Path, errors: FormErrors): void {
  const type = command.type ?? ApplicationCommandType.ChatInput;
  if (!KNOWN_TYPES.has(type)) {
    errors.add([...path, 'type'], 'ENUM_TYPE_COERCE', `Value "${String(type)}" is not a valid enum value.`);
    return;
  }
  const rule: NameRule = type === ApplicationCommandType.ChatInput ? 'chat-input' : 'context-menu';
  if (!isValidName(command.name, rule)) invalidName(errors, [...path, 'name']);
  if (rule === 'chat-input') {
    checkDescription(errors, [...path, 'description'], command.description);
    checkLocalizations(command, path, rule, errors);
    return;
  }
  // Context-menu commands: no description (Discord stores ""), no description localizations, no options.
  const { description, description_localizations: described, options } = command;
  if (typeof description === 'string' && description !== '')
    errors.add(
      [...path, 'description'],
      'CONTEXT_MENU_DESCRIPTION',
      'Context menu commands cannot have a description',
    );
  if (isRecord(described) && Object.keys(described).length > 0)
    errors.add(
      [...path, 'description_localizations'],
      'CONTEXT_MENU_DESCRIPTION',
      'Context menu commands cannot have a description',
    );
  if (Array.isArray(options) && options.length > 0)
    errors.add([...path, 'options'], 'CONTEXT_MENU_OPTIONS', 'Context menu commands cannot have options');
  checkLocalizations({ name_localizations: command.name_localizations }, path, rule, errors);
}

const CHOICE_NAME_MAX = 100;

/** An option's localizations, and its choices' `name_localizations` (1–100 characters, Discord locales). */
export function checkOptionLocalizations(
  option: Record<string, unknown>,
  path: Path,
  errors: FormErrors,
): void {
  checkLocalizations(option, path, 'chat-input', errors);
  const choices = Array.isArray(option.choices) ? option.choices : [];
  for (const [i, choice] of choices.entries()) {
    const names = isRecord(choice) ? choice.name_localizations : undefined;
    if (!isRecord(names)) continue;
    for (const [locale, value] of Object.entries(names)) {
      const at = [...path, 'choices', i, 'name_localizations', locale];
      const chars = typeof value === 'string' ? charCount(value) : 0;
      if (!DISCORD_LOCALES.has(locale))
        errors.add(at, 'ENUM_TYPE_COERCE', `Value "${locale}" is not a valid enum value.`);
      else if (chars < 1 || chars > CHOICE_NAME_MAX) errors.badLength(at, 1, CHOICE_NAME_MAX);
    }
  }
}
