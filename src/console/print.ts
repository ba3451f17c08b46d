import type { DigestReply } from '../../commands/types.ts';
import type { CompletedReply } from '../answer/collect.ts';
import type { ReplyEvent } from '../answer/newsroom-types.ts';
import { offlineNoteKey } from '../answer/offline-note.ts';
import type { ArticleSummaryEntry } from '../articles/article.ts';
import { plural, translate } from '../core/i18n/index.ts';
import { runtimeZone } from '../digest/timezones.ts';

/** Where the console writes: stdout in real use, a buffer in tests. */
export interface Output {
  write(text: string): void;
}

const day = (iso: string) => iso.slice(0, 10);

export function articleLine(entry: ArticleSummaryEntry): string {
  return `  ${entry.id}  ${day(entry.publishedAt)}  ${entry.title}`;
}

/**
 * Streams a reply to the terminal as it is written, then closes it like the Discord embed does: the quotes, the
 * labels, and the source's disclaimer last.
 */
export function createStreamPrinter(out: Output, locale: string) {
  let streamedText = false;
  let streamed = '';
  return {
    onEvent(event: ReplyEvent): void {
      if (event.type === 'article') {
        const picked =
          event.pickedBy === 'id'
            ? event.article.title
            : translate(locale, `reply.picked.${event.pickedBy}`, {
                title: event.article.title,
                date: day(event.article.publishedAt),
              }).replace(/\*\*/g, '');
        out.write(`\n${picked}${event.article.url ? `\n${event.article.url}` : ''}\n\n`);
        if (event.changedSince)
          out.write(
            `(${translate(locale, 'conversation.changed', { version: event.changedSince.version })})\n\n`,
          );
      } else if (event.type === 'text') {
        streamedText = true;
        streamed += event.text;
        out.write(event.text);
      } else if (event.type === 'restart' && streamedText) {
        out.write('\n\n(the model stopped; the offline answer follows)\n\n');
        streamedText = false;
        streamed = '';
      }
    },
    finish(reply: CompletedReply): void {
      const { result } = reply;
      const lines: string[] = [];
      // A streamed answer the newsroom then withheld (it cited nothing) cannot be unprinted: say so, then the reply.
      const withdrawn = streamedText && streamed.trim() !== result.text.trim();
      if (withdrawn) lines.push('', '', translate(locale, 'reply.withdrawn'), '');
      lines.push(streamedText && !withdrawn ? '' : result.text);
      if (result.citations.length > 0) {
        lines.push('', `${translate(locale, 'reply.quotes')}:`);
        for (const citation of result.citations)
          lines.push(`  > ${citation.quote} (¶${citation.paragraph + 1})`);
      }
      if (result.provider === 'extractive')
        lines.push('', translate(locale, offlineNoteKey(result.fallbackReason)));
      if (result.budgetNotice)
        lines.push(translate(locale, 'reply.budget', { resetsAt: result.budgetNotice.resetsAt }));
      lines.push('', `— ${reply.disclaimer}`, '');
      out.write(`${lines.join('\n')}\n`);
    },
  };
}

/**
 * The digest as the terminal shows it: the heading, each article with its link and summary (offline extracts
 * labelled), then the sources' disclaimers, each once — the same composed digest the Discord post is laid out from.
 */
export function printDigest(out: Output, reply: DigestReply): void {
  const { composed, config } = reply;
  const { language } = config;
  const date = new Intl.DateTimeFormat(language, {
    dateStyle: 'full',
    timeZone: runtimeZone(config.timeZone),
  });
  const count = plural(language, 'digest.post.new-articles', composed.items.length);
  const heading =
    composed.items.length > 0
      ? translate(language, 'digest.console.heading', { date: date.format(composed.windowEnd), count })
      : translate(language, 'digest.console.empty');
  const lines = [heading, ''];
  composed.items.forEach((item, index) => {
    lines.push(`${index + 1}. ${item.title}`, ...(item.url ? [item.url] : []), item.summary);
    if (item.offline) lines.push(translate(language, 'digest.console.offline'));
    lines.push('');
  });
  for (const disclaimer of new Set(composed.items.map((item) => item.disclaimer)))
    lines.push(`— ${disclaimer}`);
  out.write(`${lines.join('\n')}\n`);
}
