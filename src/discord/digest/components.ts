import {
  ActionRowBuilder,
  type ButtonInteraction,
  type Interaction,
  MessageFlags,
  ModalBuilder,
  type ModalSubmitInteraction,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import { QUESTION_MAX_CHARS } from '../../../commands/limits.ts';
import { collectReply } from '../../answer/collect.ts';
import type { Newsroom } from '../../answer/newsroom-types.ts';
import type { SummaryLength } from '../../answer/types.ts';
import type { ArticleStore } from '../../articles/article.ts';
import { UserFacingError } from '../../core/errors.ts';
import { guildOnlyRefusal, replyLanguage, requestContext } from '../command.ts';
import type { CooldownTicket } from '../cooldowns.ts';
import { ephemeral, localizeUnresolved, renderReply } from '../render.ts';
import { deliverReply, madeModelCall } from '../reply.ts';
import type { ComponentRoute } from '../router.ts';
import { oneLine, truncate } from '../text.ts';
import { digestCustomId, parseDigestCustomId } from './custom-ids.ts';

/**
 * The digest's way into Q&A: "Summary" answers with that article's summary, "Ask about" opens a modal whose
 * question is answered from that article. Both go through the newsroom exactly as /summary and /ask do, and
 * both answer privately (ephemeral), so the digest channel stays the digest. They count against the same
 * per-user cooldowns as /summary and /ask (the router takes the use) and the same server budget (the newsroom
 * sees the server in the request context).
 */

/** The Summary button gives more than the digest's one-liner: /summary's default length. */
const BUTTON_SUMMARY_LENGTH: SummaryLength = 'standard';
const QUESTION_FIELD = 'question';
const MODAL_TITLE_MAX_CHARS = 45;

export interface DigestComponentDeps {
  readonly newsroom: Newsroom;
  readonly store: Pick<ArticleStore, 'get'>;
}

/** True for the buttons and modals this module serves (custom id `digest:…`). */
export function isDigestComponent(
  interaction: Interaction,
): interaction is ButtonInteraction | ModalSubmitInteraction {
  return (
    (interaction.isButton() || interaction.isModalSubmit()) &&
    parseDigestCustomId(interaction.customId) !== null
  );
}

async function answerPrivately(
  interaction: ButtonInteraction | ModalSubmitInteraction,
  events: Parameters<typeof collectReply>[0],
  cooldown: CooldownTicket,
): Promise<void> {
  const reply = await collectReply(events).catch((error: unknown) => {
    throw localizeUnresolved(error, interaction.locale);
  });
  if (!madeModelCall(reply.result)) cooldown.refund();
  const [first, ...rest] = renderReply(reply, interaction.locale);
  if (first) await deliverReply(interaction, [first, ...rest.map(ephemeral)]);
}

/** Buttons outlive articles: a removed one is said so, never silently swapped for the best match of its id. */
async function requireArticle(deps: DigestComponentDeps, articleId: string): Promise<void> {
  if (!(await deps.store.get(articleId))) {
    throw new UserFacingError(
      'That article is no longer stored, so I cannot answer about it. Try /summary or /ask with another article.',
      'digest-article-gone',
    );
  }
}

async function openQuestionModal(
  interaction: ButtonInteraction,
  deps: DigestComponentDeps,
  articleId: string,
) {
  // A modal must be the first answer (no defer), so only a quick store read comes before it.
  const article = await deps.store.get(articleId);
  const title = truncate(`Ask about: ${oneLine(article?.title ?? articleId)}`, MODAL_TITLE_MAX_CHARS);
  const question = new TextInputBuilder()
    .setCustomId(QUESTION_FIELD)
    .setLabel('Your question about this article')
    .setStyle(TextInputStyle.Paragraph)
    .setRequired(true)
    .setMaxLength(QUESTION_MAX_CHARS);
  const modal = new ModalBuilder()
    .setCustomId(digestCustomId('question', articleId))
    .setTitle(title)
    .addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(question));
  await interaction.showModal(modal);
}

/**
 * Serves one digest button or modal. Failures (an article since removed, an outage) are thrown for the router to
 * report like a command's: a UserFacingError shown privately, anything else logged.
 */
export async function handleDigestComponent(
  interaction: ButtonInteraction | ModalSubmitInteraction,
  deps: DigestComponentDeps,
  cooldown: CooldownTicket = { refund() {} },
): Promise<void> {
  const parsed = parseDigestCustomId(interaction.customId);
  if (!parsed) return;
  if (!interaction.inGuild()) throw guildOnlyRefusal(interaction, 'digest');
  const { action, articleId } = parsed;
  if (action === 'ask' && interaction.isButton()) return openQuestionModal(interaction, deps, articleId);
  const context = requestContext(interaction);
  const language = replyLanguage(interaction);
  if (action === 'summary') {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    await requireArticle(deps, articleId);
    const events = deps.newsroom.summary({
      article: articleId,
      length: BUTTON_SUMMARY_LENGTH,
      language,
      context,
    });
    return answerPrivately(interaction, events, cooldown);
  }
  if (action === 'question' && interaction.isModalSubmit()) {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    await requireArticle(deps, articleId);
    const question = interaction.fields.getTextInputValue(QUESTION_FIELD);
    return answerPrivately(
      interaction,
      deps.newsroom.ask({ question, article: articleId, language, context }),
      cooldown,
    );
  }
}

/** The command a digest button or modal stands for, whose cooldown it counts against; none for opening the modal. */
function cooldownFor(interaction: ButtonInteraction | ModalSubmitInteraction): string | undefined {
  const action = parseDigestCustomId(interaction.customId)?.action;
  if (action === 'summary') return 'summary';
  return action === 'question' ? 'ask' : undefined;
}

/** The digest's buttons and modal, as a route the bot's router serves with its usual failure reporting. */
export const DIGEST_COMPONENTS: ComponentRoute = {
  matches: isDigestComponent,
  cooldownFor,
  handle: (interaction, deps, cooldown) => handleDigestComponent(interaction, deps, cooldown),
};
