/**
 * Pages, feeds and article text a hostile publisher could serve, as small generators so tests and the system
 * bench build the same shapes: markup nested thousands deep, a page of tens of thousands of elements, and one
 * paragraph of megabytes. Issue 13 measured the first at 82 s (2,000 divs, 22 KB) and the last at 252 s per
 * offline question (4.8 MB) before the caps.
 */

const SENTENCES = [
  'The harbour authority approved the new ferry timetable after a long debate.',
  'Residents of the eastern district asked for more buses on weekday evenings.',
  'A spokesperson said the repairs would be finished before the winter storms.',
  'Council members disagreed about the cost of widening the coastal road.',
  'The library will open on Sundays from the first week of next month.',
];

/** `chars` characters of prose in one run, no paragraph break: sentences repeated with a counter. */
export function hugeParagraph(chars: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let index = 0; length < chars; index++) {
    const sentence = `${SENTENCES[index % SENTENCES.length]?.slice(0, -1)} (item ${index}).`;
    parts.push(sentence);
    length += sentence.length + 1;
  }
  return parts.join(' ');
}

/** An article file in the site's text form whose body is one paragraph of `chars` characters. */
export function hugeParagraphArticle(chars: number, title = 'Harbour district notes'): string {
  return `${title}\n\n${hugeParagraph(chars)}\n`;
}

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><title>${title}</title></head><body>${body}</body></html>`;

/** A story whose one paragraph sits `depth` <div>s deep. */
export function deeplyNestedPage(depth: number): string {
  const story = `<p>${SENTENCES.join(' ')}</p>`;
  return page('Nested', `${'<div>'.repeat(depth)}${story}${'</div>'.repeat(depth)}`);
}

/** A story of `count` short paragraphs, each in its own <div> (two elements apiece). */
export function manyElementsPage(count: number): string {
  const blocks = Array.from(
    { length: count },
    (_, index) => `<div><p>${SENTENCES[index % SENTENCES.length]} (${index})</p></div>`,
  );
  return page('Crowded', `<article>${blocks.join('')}</article>`);
}

/** A page whose article is one paragraph of `chars` characters. */
export function hugeParagraphPage(chars: number): string {
  return page('Endless', `<article><h1>Endless</h1><p>${hugeParagraph(chars)}</p></article>`);
}

export interface FeedEntry {
  readonly title: string;
  readonly link: string;
  /** The item's own text; a short teaser makes newsdesk fetch the page. */
  readonly description?: string;
}

/** An RSS 2.0 feed of teaser items, so every item's page is fetched. */
export function teaserFeed(title: string, entries: readonly FeedEntry[]): string {
  const items = entries
    .map(
      (entry) =>
        `<item><title>${entry.title}</title><link>${entry.link}</link><guid>${entry.link}</guid>` +
        `<description>${entry.description ?? 'Read the full story.'}</description></item>`,
    )
    .join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title>${items}</channel></rss>`;
}
