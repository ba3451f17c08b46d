import {
  ApplicationCommandType,
  ChannelType,
  ContextMenuCommandBuilder,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type RESTPostAPIContextMenuApplicationCommandsJSONBody,
  SlashCommandBuilder,
  type SlashCommandSubcommandBuilder,
} from 'discord.js';
import type {
  CatalogueText,
  ChannelKind,
  ChoiceSpec,
  CommandData,
  IntegerOptionSpec,
  OptionSpec,
  StringOptionSpec,
  SubcommandSpec,
} from '../../commands/types.ts';
import type { MessageKey } from '../core/i18n/index.ts';
import { english, GUILD_ONLY, languageChoiceJson, localized, nameLocalizations } from './command.ts';

/** Discord's channel types for the kinds a command's channel option allows. */
const CHANNEL_TYPES: Readonly<Record<ChannelKind, ChannelType.GuildText | ChannelType.GuildAnnouncement>> = {
  text: ChannelType.GuildText,
  announcement: ChannelType.GuildAnnouncement,
};

type OptionHolder = SlashCommandBuilder | SlashCommandSubcommandBuilder;

/** The common part of every option and subcommand: name, English description and its translations. */
interface Describable {
  setName(name: string): unknown;
  setNameLocalizations(map: ReturnType<typeof localized>): unknown;
  setDescription(text: string): unknown;
  setDescriptionLocalizations(map: ReturnType<typeof localized>): unknown;
}

function describe<T extends Describable>(target: T, name: string, text: CatalogueText): T {
  target.setName(name);
  target.setNameLocalizations(nameLocalizations(name));
  target.setDescription(english(text.key, text.params));
  target.setDescriptionLocalizations(localized(text.key, text.params));
  return target;
}

function choiceJson(choice: ChoiceSpec) {
  if ('text' in choice.label) return { name: choice.label.text, value: choice.value };
  if ('language' in choice.label)
    return { ...languageChoiceJson(choice.label.language), value: choice.value };
  const { key, params } = choice.label;
  return { name: english(key, params), name_localizations: localized(key, params), value: choice.value };
}

function addString(holder: OptionHolder, spec: StringOptionSpec): void {
  holder.addStringOption((option) => {
    describe(option, spec.name, spec.description);
    if (spec.required) option.setRequired(true);
    if (spec.autocomplete) option.setAutocomplete(true);
    if (spec.maxLength !== undefined) option.setMaxLength(spec.maxLength);
    if (spec.choices) option.addChoices(spec.choices.map(choiceJson));
    return option;
  });
}

function addInteger(holder: OptionHolder, spec: IntegerOptionSpec): void {
  holder.addIntegerOption((option) => {
    describe(option, spec.name, spec.description);
    if (spec.required) option.setRequired(true);
    if (spec.min !== undefined) option.setMinValue(spec.min);
    if (spec.max !== undefined) option.setMaxValue(spec.max);
    return option;
  });
}

function addOption(holder: OptionHolder, spec: OptionSpec): void {
  if (spec.type === 'string') addString(holder, spec);
  else if (spec.type === 'integer') addInteger(holder, spec);
  else if (spec.type === 'boolean')
    holder.addBooleanOption((option) =>
      describe(option, spec.name, spec.description).setRequired(!!spec.required),
    );
  else
    holder.addChannelOption((option) =>
      describe(option, spec.name, spec.description)
        .setRequired(!!spec.required)
        .addChannelTypes(...spec.channelKinds.map((kind) => CHANNEL_TYPES[kind])),
    );
}

function addSubcommand(builder: SlashCommandBuilder, spec: SubcommandSpec): void {
  builder.addSubcommand((sub) => {
    describe(sub, spec.name, spec.description);
    for (const option of spec.options) addOption(sub, option);
    return sub;
  });
}

/** The registration JSON (names, descriptions and choices localized) of one command, built from its data in commands/. */
export function registrationOf(data: CommandData): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const builder = describe(new SlashCommandBuilder(), data.name, data.description);
  if (data.access.manageServer) builder.setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild);
  if (data.access.guildOnly) builder.setContexts(GUILD_ONLY.contexts);
  if (data.access.guildInstallOnly) builder.setIntegrationTypes(GUILD_ONLY.integrationTypes);
  for (const option of data.options) addOption(builder, option);
  for (const subcommand of data.subcommands) addSubcommand(builder, subcommand);
  return builder.toJSON();
}

/**
 * The registration JSON of a message command (type 3, in a message's Apps menu): its name is what members see, so
 * it goes out in every language (`label`); Discord takes no description and no options for it.
 */
export function messageRegistrationOf(
  data: CommandData,
  label: MessageKey,
): RESTPostAPIContextMenuApplicationCommandsJSONBody {
  const builder = new ContextMenuCommandBuilder()
    .setType(ApplicationCommandType.Message)
    .setName(data.name)
    .setNameLocalizations(localized(label));
  if (data.access.manageServer) builder.setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild);
  if (data.access.guildOnly) builder.setContexts(GUILD_ONLY.contexts);
  if (data.access.guildInstallOnly) builder.setIntegrationTypes(GUILD_ONLY.integrationTypes);
  return builder.toJSON();
}
