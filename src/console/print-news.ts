import { type HelpTopic, helpTopics } from '../../commands/help.ts';
import { articleDate } from '../../commands/news.ts';
import type { ArticleListReply, CommandData, OptionSpec } from '../../commands/types.ts';
import { translator } from '../core/i18n/index.ts';
import type { Output } from './print.ts';

/**
 * /news and /help in the terminal: the same reply models as Discord's, as plain lines. The console has no buttons,
 * so each listed article names the commands that act on it.
 */

/** The catalogue's headings carry Discord's bold; the terminal shows plain text. */
const plain = (text: string) => text.replace(/\*\*/g, '');

export function printArticleList(out: Output, reply: ArticleListReply): void {
  const t = translator(reply.locale);
  const { articles, query, locale } = reply;
  if (articles.length === 0) {
    out.write(`${t('news.no-match', { query: query ?? '' })}\n`);
    return;
  }
  const count = articles.length;
  const heading =
    query === null ? t('news.heading.latest', { count }) : t('news.heading.matches', { query, count });
  const lines = [plain(heading), ''];
  articles.forEach((entry, index) => {
    const category = entry.category ?? t('news.no-category');
    lines.push(`${index + 1}. ${entry.title}`, `   ${articleDate(entry.publishedAt, locale)} · ${category}`);
    if (entry.url) lines.push(`   ${entry.url}`);
    lines.push(`   /summary article:${entry.id}  ·  /ask question:… article:${entry.id}`, '');
  });
  out.write(`${lines.join('\n')}\n`);
}

/** What to type for an option: its few choices, or what kind of text it takes. */
function placeholder(option: OptionSpec): string {
  if (option.type === 'string' && option.choices && option.choices.length <= 5)
    return option.choices.map((choice) => choice.value).join('|');
  if (option.type === 'string' && option.choices) return '<code>';
  if (option.type === 'string' && option.autocomplete?.kind === 'articles') return '<id or words>';
  return `<your ${option.name}>`;
}

/** `/ask question:<your question> [article:<id or words>] …`, from the command's own data. */
function usageLine(data: CommandData): string {
  const options = data.options.map((option) => {
    const typed = `${option.name}:${placeholder(option)}`;
    return option.required ? typed : `[${typed}]`;
  });
  return `  /${[data.name, ...options].join(' ')}`;
}

/** The console's own commands, which exist only here. */
const CONSOLE_ONLY_HELP = `  > <question>              follow up on the last answer (same article, earlier turns as context)
  /articles [words]        list the newest articles, or search them
  /digest preview          what the daily digest would post now
  /quit                    leave (Ctrl+D works too)
Tab completes commands, and article ids after "article:".`;

function topicLines(topic: HelpTopic, data: CommandData): string[] {
  return [usageLine(data), `      ${topic.description}`];
}

/** /help: each command the console offers, typed as in Discord, with the description Discord shows. */
export function printHelp(out: Output, commands: readonly CommandData[], locale: string): void {
  const topics = helpTopics(commands, locale, 'typed');
  const lines = topics.flatMap((topic, index) => topicLines(topic, commands[index] as CommandData));
  out.write(`Commands (as in Discord):\n${lines.join('\n')}\n${CONSOLE_ONLY_HELP}\n`);
}
