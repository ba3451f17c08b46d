import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import { translate } from '../../core/i18n/index.ts';
import { DISCORD_LIMITS } from '../render.ts';
import { truncate } from '../text.ts';
import { articleCustomId } from './custom-ids.ts';

/** Discord's cap on a button label. */

function button(label: string, customId: string, style: ButtonStyle.Primary | ButtonStyle.Secondary) {
  return {
    type: ComponentType.Button,
    style,
    label: truncate(label, DISCORD_LIMITS.buttonLabelChars),
    custom_id: customId,
  } satisfies APIButtonComponentWithCustomId;
}

/**
 * The Summary and Ask buttons of the article listed at `position` (1-based, as the list numbers it), labelled in
 * `locale`: one row under each digest item and each /news entry, served by ARTICLE_BUTTONS (components.ts).
 */
export function articleButtons(
  articleId: string,
  position: number,
  locale: string,
): APIButtonComponentWithCustomId[] {
  return [
    button(
      translate(locale, 'news.button.summary', { position }),
      articleCustomId('summary', articleId),
      ButtonStyle.Secondary,
    ),
    button(
      translate(locale, 'news.button.ask', { position }),
      articleCustomId('ask', articleId),
      ButtonStyle.Primary,
    ),
  ];
}

export function articleButtonRow(
  articleId: string,
  position: number,
  locale: string,
): APIActionRowComponent<APIButtonComponentWithCustomId> {
  return { type: ComponentType.ActionRow, components: articleButtons(articleId, position, locale) };
}
