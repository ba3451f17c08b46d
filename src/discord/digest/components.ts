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
import { parseQuestion } from '../../../commands/ask.ts';
import { QUESTION_MAX_CHARS } from '../../../commands/limits.ts';
import { collectReply } from '../../answer/collect.ts';
import type { RecordKind } from '../../answer/records.ts';
import type { SummaryLength } from '../../answer/types.ts';
import { UserFacingError } from '../../core/errors.ts';
import { translate } from '../../core/i18n/index.ts';
import { withAnswerActions } from '../answer-actions.ts';
import { type CommandDeps, guildOnlyRefusal, replyLanguage, requestContext } from '../command.ts';
import type { CooldownTicket } from '../cooldowns.ts';
import { DISCORD_LIMITS, ephemeral, localizeUnresolved, renderReply } from '../render.ts';
import { deliverReply, madeModelCall, recordedAnswer } from '../reply.ts';
import type { ComponentRoute } from '../router.ts';
import { oneLine, truncate } from '../text.ts';
import { articleCustomId, parseArticleCustomId } from './custom-ids.ts';

/**
 * The way into Q&A from a listed article (a digest item, a /news entry): "Summary" answers with that article's
 * summary, "Ask about" opens a modal whose question is answered from that article. Both go through the newsroom
 * exactly as /summary and /ask do, and both answer privately (ephemeral), so the channel stays the digest (and a
 * /news list stays the reader's own). The answer carries the buttons every answer carries (Discuss, Report, …:
 * CommandDeps.answerActions), on its record. They count against the same per-user cooldowns as /summary and /ask
 * (the router takes the use) and the same server budget (the newsroom sees the server in the request context).
 */

/** The Summary button gives more than the digest's one-liner: /summary's default length. */
const BUTTON_SUMMARY_LENGTH: SummaryLength = 'standard';
const QUESTION_FIELD = 'question';

export type ArticleButtonDeps = Pick<
  CommandDeps,
  'newsroom' | 'store' | 'records' | 'answerActions' | 'logger'
>;
/** The digest's name for the same services. */
export type DigestComponentDeps = ArticleButtonDeps;

/** True for the buttons and modals this module serves (custom id `article:…`, or `digest:…` of older digests). */
export function isArticleComponent(
  interaction: Interaction,
): interaction is ButtonInteraction | ModalSubmitInteraction {
  return (
    (interaction.isButton() || interaction.isModalSubmit()) &&
    parseArticleCustomId(interaction.customId) !== null
  );
}

interface Asked {
  readonly kind: RecordKind;
  readonly question: string | null;
}

async function answerPrivately(
  interaction: ButtonInteraction | ModalSubmitInteraction,
  deps: ArticleButtonDeps,
  events: Parameters<typeof collectReply>[0],
  context: { readonly cooldown: CooldownTicket; readonly asked: Asked },
): Promise<void> {
  const language = replyLanguage(interaction);
  const reply = await collectReply(events).catch((error: unknown) => {
    throw localizeUnresolved(error, interaction.locale);
  });
  if (!madeModelCall(reply.result)) context.cooldown.refund();
  const recording = { records: deps.records, actions: deps.answerActions, asked: context.asked };
  const recorded = recordedAnswer(interaction, reply, { language, logger: deps.logger, recording });
  const [first, ...rest] = await withAnswerActions(renderReply(reply, language), recorded);
  if (first) await deliverReply(interaction, [ephemeral(first), ...rest.map(ephemeral)]);
}

/** Buttons outlive articles: a removed one is said so, never silently swapped for the best match of its id. */
async function requireArticle(
  deps: ArticleButtonDeps,
  articleId: string,
  interaction: Interaction,
): Promise<void> {
  if (!(await deps.store.get(articleId))) {
    const message = translate(interaction.locale, 'news.article-gone');
    throw new UserFacingError(message, 'article-gone');
  }
}

async function openQuestionModal(interaction: ButtonInteraction, deps: ArticleButtonDeps, articleId: string) {
  // A modal must be the first answer (no defer), so only a quick store read comes before it.
  const article = await deps.store.get(articleId);
  const { locale } = interaction;
  const named = translate(locale, 'news.modal.title', { title: oneLine(article?.title ?? articleId) });
  const question = new TextInputBuilder()
    .setCustomId(QUESTION_FIELD)
    .setLabel(truncate(translate(locale, 'news.modal.question'), DISCORD_LIMITS.textInputLabelChars))
    .setStyle(TextInputStyle.Paragraph)
    .setRequired(true)
    .setMaxLength(QUESTION_MAX_CHARS);
  const modal = new ModalBuilder()
    .setCustomId(articleCustomId('question', articleId))
    .setTitle(truncate(named, DISCORD_LIMITS.modalTitleChars))
    .addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(question));
  await interaction.showModal(modal);
}

/**
 * Serves one article button or modal. Failures (an article since removed, an outage) are thrown for the router to
 * report like a command's: a UserFacingError shown privately, anything else logged.
 */
export async function handleArticleComponent(
  interaction: ButtonInteraction | ModalSubmitInteraction,
  deps: ArticleButtonDeps,
  cooldown: CooldownTicket = { refund() {} },
): Promise<void> {
  const parsed = parseArticleCustomId(interaction.customId);
  if (!parsed) return;
  const { action, articleId } = parsed;
  // Named after the command the button stands for: its answer counts against a server's budget.
  if (!interaction.inGuild()) throw guildOnlyRefusal(interaction, action === 'summary' ? 'summary' : 'ask');
  if (action === 'ask' && interaction.isButton()) return openQuestionModal(interaction, deps, articleId);
  const context = requestContext(interaction);
  const language = replyLanguage(interaction);
  if (action === 'summary') {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    await requireArticle(deps, articleId, interaction);
    const length = BUTTON_SUMMARY_LENGTH;
    const events = deps.newsroom.summary({ article: articleId, length, language, context });
    return answerPrivately(interaction, deps, events, {
      cooldown,
      asked: { kind: 'summary', question: null },
    });
  }
  if (action === 'question' && interaction.isModalSubmit()) {
    // /ask's own checks (not empty, within QUESTION_MAX_CHARS): a modal's limits are the client's to keep.
    const question = parseQuestion(interaction.fields.getTextInputValue(QUESTION_FIELD));
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    await requireArticle(deps, articleId, interaction);
    const events = deps.newsroom.ask({ question, article: articleId, language, context });
    return answerPrivately(interaction, deps, events, { cooldown, asked: { kind: 'ask', question } });
  }
}

/** The command a button or modal stands for, whose cooldown it counts against; none for opening the modal. */
function cooldownFor(interaction: ButtonInteraction | ModalSubmitInteraction): string | undefined {
  const action = parseArticleCustomId(interaction.customId)?.action;
  if (action === 'summary') return 'summary';
  return action === 'question' ? 'ask' : undefined;
}

/** The article buttons and modal (digest items, /news), as a route the bot's router serves. */
export const ARTICLE_BUTTONS: ComponentRoute = {
  matches: isArticleComponent,
  cooldownFor,
  handle: (interaction, deps, cooldown) => handleArticleComponent(interaction, deps, cooldown),
};

/** The route's earlier name (the bot process and the digest's tests register it so). */
export const DIGEST_COMPONENTS = ARTICLE_BUTTONS;
