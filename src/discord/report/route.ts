import {
  ActionRowBuilder,
  type ButtonInteraction,
  type Interaction,
  ModalBuilder,
  PermissionFlagsBits,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import { REPORT_NOTE_MAX_CHARS, REPORTS_PAGE_SIZE } from '../../answer/reports.ts';
import { UserFacingError } from '../../core/errors.ts';
import { translate } from '../../core/i18n/index.ts';
import type { CommandDeps } from '../command.ts';
import { DISCORD_LIMITS, ephemeral, renderNotice } from '../render.ts';
import type { ComponentInteraction, ComponentRoute } from '../router.ts';
import { truncate } from '../text.ts';
import { NOTE_FIELD, parseReportCustomId, reportModalId } from './custom-ids.ts';
import { createReportLimiter, type ReportLimiter } from './limits.ts';
import { renderReportPage } from './list.ts';
import { fileReport } from './submit.ts';

/**
 * The Report button, its modal and the /reports page buttons, as one route of the bot's router. None of them
 * calls the model, so none counts against a command's cooldown; the reports themselves are limited per member
 * (limits.ts).
 */

function isReportComponent(interaction: Interaction): interaction is ComponentInteraction {
  return (
    (interaction.isButton() || interaction.isModalSubmit()) &&
    parseReportCustomId(interaction.customId) !== null
  );
}

/** A modal must be the first response (no defer): built from the catalogue only, no store read before it. */
async function openModal(interaction: ButtonInteraction, recordId: string, limiter: ReportLimiter) {
  const { locale } = interaction;
  if (limiter.reported(interaction.user.id, recordId)) {
    await interaction.reply(ephemeral(renderNotice(translate(locale, 'report.already'))));
    return;
  }
  const note = new TextInputBuilder()
    .setCustomId(NOTE_FIELD)
    .setLabel(truncate(translate(locale, 'report.modal.label'), DISCORD_LIMITS.modalTitleChars))
    .setPlaceholder(truncate(translate(locale, 'report.modal.placeholder'), DISCORD_LIMITS.placeholderChars))
    .setStyle(TextInputStyle.Paragraph)
    .setRequired(false)
    .setMaxLength(REPORT_NOTE_MAX_CHARS);
  const modal = new ModalBuilder()
    .setCustomId(reportModalId(recordId))
    .setTitle(truncate(translate(locale, 'report.modal.title'), DISCORD_LIMITS.modalTitleChars))
    .addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(note));
  await interaction.showModal(modal);
}

/** Newer/Older under /reports: the same checks as the command (a server, Manage Server), then the page. */
async function turnPage(interaction: ButtonInteraction, page: number, deps: CommandDeps) {
  const { locale } = interaction;
  if (!interaction.inGuild()) throw new UserFacingError(translate(locale, 'report.no-guild'), 'no-guild');
  if (!interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild))
    throw new UserFacingError(translate(locale, 'report.no-permission'), 'missing-permission');
  const shown = await deps.reportStore.page(interaction.guildId, page, REPORTS_PAGE_SIZE);
  await interaction.update(renderReportPage(shown, locale));
}

export function createReportRoute(limiter: ReportLimiter = createReportLimiter()): ComponentRoute {
  return {
    matches: isReportComponent,
    async handle(interaction, deps) {
      const parsed = parseReportCustomId(interaction.customId);
      if (!parsed) return;
      if (parsed.kind === 'button' && interaction.isButton())
        return openModal(interaction, parsed.recordId, limiter);
      if (parsed.kind === 'page' && interaction.isButton()) return turnPage(interaction, parsed.page, deps);
      if (parsed.kind === 'modal' && interaction.isModalSubmit())
        return fileReport(interaction, parsed.recordId, deps, limiter);
    },
  };
}
