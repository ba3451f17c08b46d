import {
  type ChatInputCommandInteraction,
  InteractionContextType,
  PermissionFlagsBits,
  SlashCommandBuilder,
} from 'discord.js';
import { UserFacingError } from '../src/core/errors.ts';
import { translate } from '../src/core/i18n/index.ts';
import type { Accounting } from '../src/discord/command.ts';
import { english, localized, requireManageServer, type SlashCommand } from '../src/discord/command.ts';
import { renderUsage, USAGE_REPORT_DAYS } from '../src/discord/usage-report.ts';

const data = new SlashCommandBuilder()
  .setName('usage')
  .setDescription(english('command.usage.description'))
  .setDescriptionLocalizations(localized('command.usage.description'))
  // Hidden from members without Manage Server; admins can change that per server, so it is checked again below.
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild);

function requireManager(interaction: ChatInputCommandInteraction): string {
  if (!interaction.inGuild())
    throw new UserFacingError(translate(interaction.locale, 'usage.no-guild'), 'no-guild');
  requireManageServer(interaction, 'usage.no-permission');
  return interaction.guildId;
}

function accountingOf(deps: { readonly accounting?: Accounting | undefined }): Accounting {
  if (!deps.accounting)
    throw new Error('the usage accounting is not wired into the bot (CommandDeps.accounting)');
  return deps.accounting;
}

/** `/usage`: this server's model calls, tokens, cache hits, offline replies and cost, today and over 7 days. */
export const usage: SlashCommand = {
  data: data.toJSON(),
  // A few store reads: answered directly, privately (a deferral would be public).
  defer: false,
  async execute(interaction, context) {
    const guildId = requireManager(interaction);
    const accounting = accountingOf(context);
    const [days, { zone }] = await Promise.all([
      accounting.usage.days(guildId, USAGE_REPORT_DAYS),
      accounting.usage.accountingDay(guildId),
    ]);
    await interaction.reply(
      renderUsage(days, { locale: interaction.locale, dailyTokenBudget: accounting.dailyTokenBudget, zone }),
    );
  },
};
