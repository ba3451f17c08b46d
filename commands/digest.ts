import {
  type ChatInputCommandInteraction,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
} from 'discord.js';
import { UserFacingError } from '../src/core/errors.ts';
import { readDigestSettings } from '../src/digest/command-input.ts';
import { canonicalTimeZone } from '../src/digest/schedule.ts';
import type { DigestService } from '../src/digest/service.ts';
import { describeConfig, describeOutcome, describeStatus, zonedTime } from '../src/digest/status.ts';
import { timeZoneChoices } from '../src/digest/timezones.ts';
import { DIGEST_ITEMS_DEFAULT, DIGEST_ITEMS_MAX, DIGEST_ITEMS_MIN } from '../src/digest/types.ts';
import {
  type CommandDeps,
  english,
  localized,
  requireManageServer,
  type SlashCommand,
} from '../src/discord/command.ts';
import { DIGEST_CHANNEL_TYPES } from '../src/discord/digest/channel.ts';
import { type DigestMessage, digestMessages } from '../src/discord/digest/layout.ts';

const ITEM_LIMITS = { min: DIGEST_ITEMS_MIN, max: DIGEST_ITEMS_MAX, default: DIGEST_ITEMS_DEFAULT };

const data = new SlashCommandBuilder()
  .setName('digest')
  .setDescription(english('command.digest.description'))
  .setDescriptionLocalizations(localized('command.digest.description'))
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild)
  .addSubcommand((sub) =>
    sub
      .setName('set')
      .setDescription(english('command.digest.set'))
      .setDescriptionLocalizations(localized('command.digest.set'))
      .addChannelOption((o) =>
        o
          .setName('channel')
          .setDescription(english('command.digest.set.channel'))
          .setDescriptionLocalizations(localized('command.digest.set.channel'))
          .setRequired(true)
          .addChannelTypes(...DIGEST_CHANNEL_TYPES),
      )
      .addStringOption((o) =>
        o
          .setName('time')
          .setDescription(english('command.digest.set.time'))
          .setDescriptionLocalizations(localized('command.digest.set.time'))
          .setRequired(true)
          .setMaxLength(5),
      )
      .addStringOption((o) =>
        o
          .setName('timezone')
          .setDescription(english('command.digest.set.timezone'))
          .setDescriptionLocalizations(localized('command.digest.set.timezone'))
          .setRequired(true)
          .setAutocomplete(true)
          .setMaxLength(64),
      )
      .addIntegerOption((o) =>
        o
          .setName('items')
          .setDescription(english('command.digest.set.items', ITEM_LIMITS))
          .setDescriptionLocalizations(localized('command.digest.set.items', ITEM_LIMITS))
          .setMinValue(DIGEST_ITEMS_MIN)
          .setMaxValue(DIGEST_ITEMS_MAX),
      )
      .addBooleanOption((o) =>
        o
          .setName('empty_note')
          .setDescription(english('command.digest.set.empty_note'))
          .setDescriptionLocalizations(localized('command.digest.set.empty_note')),
      ),
  )
  .addSubcommand((sub) =>
    sub
      .setName('off')
      .setDescription(english('command.digest.off'))
      .setDescriptionLocalizations(localized('command.digest.off')),
  )
  .addSubcommand((sub) =>
    sub
      .setName('status')
      .setDescription(english('command.digest.status'))
      .setDescriptionLocalizations(localized('command.digest.status')),
  )
  .addSubcommand((sub) =>
    sub
      .setName('preview')
      .setDescription(english('command.digest.preview'))
      .setDescriptionLocalizations(localized('command.digest.preview')),
  )
  .addSubcommand((sub) =>
    sub
      .setName('post-now')
      .setDescription(english('command.digest.post-now'))
      .setDescriptionLocalizations(localized('command.digest.post-now')),
  );

/** The bot passes the digest service with the other command deps. */
export interface DigestCommandDeps extends CommandDeps {
  readonly digest?: DigestService;
}

function serviceOf(deps: DigestCommandDeps): DigestService {
  if (!deps.digest) throw new Error('the digest service is not wired into the bot (CommandDeps.digest)');
  return deps.digest;
}

function guildIdOf(interaction: ChatInputCommandInteraction): string {
  if (!interaction.guildId)
    throw new UserFacingError('The digest is set per server: use /digest in a server.', 'no-guild');
  return interaction.guildId;
}

/** Plain text, no pings; `privately` adds the ephemeral flag for a first reply (edits keep the defer's flag). */
const notice = (content: string) => ({ content, allowedMentions: { parse: [] as [] } });
const privately = (content: string) => ({ ...notice(content), flags: MessageFlags.Ephemeral as const });

async function showPrivately(interaction: ChatInputCommandInteraction, messages: readonly DigestMessage[]) {
  const [first, ...rest] = messages;
  if (!first) return;
  await interaction.editReply({ ...first, allowedMentions: { parse: [] } });
  for (const message of rest) {
    await interaction.followUp({ ...message, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
  }
}

type Handler = (
  interaction: ChatInputCommandInteraction,
  digest: DigestService,
  guildId: string,
) => Promise<void>;

const SUBCOMMANDS: Readonly<Record<string, Handler>> = {
  async set(interaction, digest, guildId) {
    const settings = readDigestSettings(interaction);
    const config = await digest.configure({ guildId, ...settings });
    const status = await digest.status(guildId);
    const next = status?.nextPost ? ` Next post: ${zonedTime(status.nextPost, config)}.` : '';
    await interaction.reply(privately(`${describeConfig(config)}${next}`));
  },
  async off(interaction, digest, guildId) {
    const had = await digest.disable(guildId);
    await interaction.reply(privately(had ? 'The daily digest is off.' : 'No daily digest was set up here.'));
  },
  async status(interaction, digest, guildId) {
    const status = await digest.status(guildId);
    await interaction.reply(
      privately(status ? describeStatus(status) : 'No daily digest is set up here. Use /digest set.'),
    );
  },
  async preview(interaction, digest, guildId) {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const composed = await digest.preview(guildId);
    const config = (await digest.status(guildId))?.config;
    // windowEnd is the instant it was composed for: the heading's date, as post-now would show it.
    const messages = config ? digestMessages(composed, config, composed.windowEnd) : [];
    if (messages.length === 0) {
      await interaction.editReply(
        notice('Nothing would be posted now: no new articles since the last digest.'),
      );
      return;
    }
    await showPrivately(interaction, messages);
  },
  async 'post-now'(interaction, digest, guildId) {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    await interaction.editReply(notice(describeOutcome(await digest.postNow(guildId), guildId)));
  },
};

/** `/digest set|off|status|preview|post-now` — for members who may manage the server. */
export const digest: SlashCommand = {
  data: data.toJSON(),
  // Every answer is private, so each subcommand acknowledges (ephemerally) itself.
  defer: false,
  async execute(interaction, deps: DigestCommandDeps) {
    const handler = SUBCOMMANDS[interaction.options.getSubcommand()];
    if (!handler) throw new Error(`unknown /digest subcommand ${interaction.options.getSubcommand()}`);
    const guildId = guildIdOf(interaction);
    // Every subcommand, status and preview included: the config and the digest's content are the admins'.
    requireManageServer(interaction, 'digest.no-permission');
    await handler(interaction, serviceOf(deps), guildId);
  },
  async autocomplete(interaction) {
    const focused = interaction.options.getFocused(true);
    const typed = focused.name === 'timezone' ? focused.value : '';
    const exact = canonicalTimeZone(typed);
    const choices = timeZoneChoices(typed, new Date());
    // A valid zone typed in full (e.g. an alias like Asia/Calcutta) is always offered, first.
    if (exact && !choices.some((c) => c.value === exact)) choices.unshift({ name: exact, value: exact });
    await interaction.respond(choices.slice(0, 25));
  },
};
