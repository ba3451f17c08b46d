import { describe, expect, it } from 'vitest';
import type { Article } from '../../../src/articles/article.ts';
import { parseArticleText } from '../../../src/articles/parse/parse.ts';

/**
 * A notice with no subject word ("this site", "the text") is still recognised when it is detached from the story:
 * short, no reported events, no numbers, none of the body's names or vocabulary. Wordings here appear nowhere in
 * the code or the footer sets.
 */
function parse(text: string): Article {
  const parsed = parseArticleText(text, { fileName: 'detachment.txt' });
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.article;
}

const BODY = [
  'Harbour crane drivers vote to strike',
  '',
  'Crane drivers at the container harbour voted by 212 to 40 to stop work for two days next month.',
  '',
  'The harbour company said cargo would be moved to the northern quay during the stoppage.',
].join('\n');

describe('footer notices detached from the body', () => {
  it('GIVEN a machine-translation note naming neither the text nor the site THEN it leaves the body', () => {
    const note = 'Rendered from Estonian by translation software; wording may be unidiomatic.';
    const article = parse(`${BODY}\n\n${note}\n`);
    expect(article.disclaimer).toBe(note);
    expect(article.paragraphs.at(-1)).toBe(
      'The harbour company said cargo would be moved to the northern quay during the stoppage.',
    );
  });

  it('GIVEN a paid-placement line opening with its notion as a label THEN it leaves the body', () => {
    const note = 'Sponsorship: a brand partner paid for this placement but did not see it beforehand.';
    expect(parse(`${BODY}\n\n${note}\n`).disclaimer).toBe(note);
  });

  it('GIVEN a reader-advice paragraph of the same shape that reuses the body’s words THEN it stays body', () => {
    const last = 'Crane drivers should check with the harbour company before the stoppage.';
    const article = parse(`${BODY}\n\n${last}\n`);
    expect(article.disclaimer).toBeNull();
    expect(article.paragraphs.at(-1)).toBe(last);
  });

  it('GIVEN a short last paragraph reporting what someone said, with a translation word THEN it stays body', () => {
    const last = 'A translator for the union said the vote would be repeated if software errors were found.';
    const article = parse(`${BODY}\n\n${last}\n`);
    expect(article.disclaimer).toBeNull();
    expect(article.paragraphs.at(-1)).toBe(last);
  });

  it('GIVEN a short last paragraph with a number of its own THEN it stays body even when it shares nothing', () => {
    const last = 'Automatic gates were installed at 3 entrances last year.';
    const article = parse(`${BODY}\n\n${last}\n`);
    expect(article.disclaimer).toBeNull();
    expect(article.paragraphs.at(-1)).toBe(last);
  });
});
