import { describe, expect, it } from 'vitest';
import { extractPage } from '../../../src/ingest/web/extract.ts';
import { htmlParagraphs } from '../../../src/ingest/web/paragraphs.ts';
import { fixtureText } from '../feeds/fixture-server.ts';

const ORIGIN = 'https://ledger.example';

const story = (body: string, head = '') =>
  `<!doctype html><html lang="en"><head><title>Ferry timetable</title>${head}</head><body><article>${body}</article></body></html>`;

const PROSE = [
  'The island ferry will run every forty minutes from October, the operator announced on Thursday after months of complaints.',
  'Commuters had asked for an earlier first crossing, and the new timetable adds one at a quarter past five in the morning.',
  'The operator said two older boats would be taken out of service for repairs during the winter months.',
];

describe('page shapes the boilerplate filter used to get wrong', () => {
  it('GIVEN a column whose wrapper id carries a furniture word THEN the whole column is kept, without byline, captions or comment splits', async () => {
    const page = extractPage(
      await fixtureText('pages/orchard-column.html', ORIGIN),
      `${ORIGIN}/columns/pears`,
    );
    expect(page.paragraphs).toHaveLength(5);
    expect(page.paragraphs[0]).toMatch(/^When the Lindqvist orchard cooperative voted/);
    expect(page.paragraphs.at(-1)).toMatch(/cider contracts signed last year can still be met\.$/);
    expect(page.paragraphs).toContain(
      "The cooperative's chair, Teodor Lindqvist, said the change would take at least six years to pay for itself, because young pear trees give little fruit before their fourth summer.",
    );
    const text = page.paragraphs.join('\n');
    for (const left of ['Ingrid Solheim-Varga', 'Photo: Ledger archive', 'Picture: M. Berg', 'More columns'])
      expect(text).not.toContain(left);
  });

  it('GIVEN a wire story in a section named like related links THEN its four paragraphs are kept and the byline lines dropped', async () => {
    const page = extractPage(
      await fixtureText('pages/port-wire.html', ORIGIN),
      `${ORIGIN}/ports/night-shifts`,
    );
    expect(page.paragraphs).toHaveLength(4);
    expect(page.paragraphs[2]).toBe(
      'Residents of the Nordkai district, which faces the terminal across the inner basin, have complained about noise from reversing trucks after midnight.',
    );
    const text = page.paragraphs.join('\n');
    for (const left of ['Ferreira-Lund', 'Gantry cranes at the northern berth', 'Share'])
      expect(text).not.toContain(left);
  });

  it('GIVEN a share bar inside the article THEN it is still dropped (small furniture goes, only the article itself stays)', () => {
    const html = story(
      `${PROSE.map((p) => `<p>${p}</p>`).join('')}<div class="sharing-row"><a>Post to a friend</a> <a>Copy link</a></div>`,
    );
    expect(extractPage(html, `${ORIGIN}/ferry`).paragraphs).toEqual(PROSE);
  });

  it('GIVEN a sentence that names the author THEN it stays: only unpunctuated byline lines are dropped', () => {
    const head = '<meta name="author" content="Pavel Horák">';
    const html = story(
      `<p>Pavel Horák</p>${PROSE.map((p) => `<p>${p}</p>`).join('')}<p>Pavel Horák asked the operator about the winter timetable.</p>`,
      head,
    );
    const { paragraphs } = extractPage(html, `${ORIGIN}/ferry`);
    expect(paragraphs[0]).toBe(PROSE[0]);
    expect(paragraphs.at(-1)).toBe('Pavel Horák asked the operator about the winter timetable.');
  });

  it('GIVEN text interrupted by HTML comments, in a page or in feed HTML THEN it stays one paragraph', () => {
    const broken = 'The <!-- a -->harbour master <!--b--> confirmed the <!-- c --> closure<!-- d -->.';
    const page = extractPage(
      story(`<div>${broken}</div>${PROSE.map((p) => `<p>${p}</p>`).join('')}`),
      ORIGIN,
    );
    expect(page.paragraphs[0]).toBe('The harbour master confirmed the closure.');
    expect(htmlParagraphs(`<p>${broken}</p>`)).toEqual(['The harbour master confirmed the closure.']);
  });

  it('GIVEN a long paragraph in a box marked as a caption THEN it is read as prose', () => {
    const long = `${PROSE.join(' ')} ${PROSE.join(' ')}`;
    const html = story(
      `${PROSE.map((p) => `<p>${p}</p>`).join('')}<div class="caption-style-quote"><p>${long}</p></div>`,
    );
    expect(extractPage(html, ORIGIN).paragraphs.at(-1)).toBe(long);
  });
});
