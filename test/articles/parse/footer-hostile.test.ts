import { describe, expect, it } from 'vitest';
import { parseArticleText } from '../../../src/articles/parse/parse.ts';

const BODY = 'The harbour board approved the dredging contract on Monday after a long debate about costs.';

function parse(text: string) {
  const parsed = parseArticleText(text, { fileName: 'hostile-footer.txt' });
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.article;
}

describe('footers written to attack the footer detector', () => {
  it('GIVEN an article ending in 20,000 bare "Disclaimer:" lines THEN the disclaimer stays one notice long and the body is kept', () => {
    const article = parse(`Harbour dredging approved\n\n${BODY}\n\n${'Disclaimer:\n\n'.repeat(20_000)}`);
    // Sources print one notice, at most three: a flood of labels must not become a disclaimer shown on every reply.
    expect(article.disclaimer?.length ?? 0).toBeLessThan(200);
    expect(article.paragraphs).toEqual([BODY]);
  });

  it('GIVEN an article ending in 5,000 "Disclaimer:" headings each over a short notice THEN at most three notices are taken and the rest stays body', () => {
    const notice = 'Opinions here belong to their writers, not to this publication.';
    const article = parse(
      `Harbour dredging approved\n\n${BODY}\n\n${`Disclaimer:\n\n${notice}\n\n`.repeat(5_000)}`,
    );
    expect(article.disclaimer?.split('\n\n').length ?? 0).toBeLessThanOrEqual(3);
    expect(article.paragraphs.length).toBeGreaterThan(5_000);
  });
});
