import { expect, it } from 'vitest';
import { toParagraphs } from '../../src/text/paragraphs.ts';

it('GIVEN a million short lines with no sentence end (a hostile 2 MB file) THEN they join into one paragraph in linear time, well inside the test timeout', () => {
  // Quadratic before (each line re-tested the whole growing paragraph): minutes for this input.
  const lines = Array.from({ length: 1_000_000 }, (_, i) => (i % 2 ? 'x' : 'y'));
  const paragraphs = toParagraphs(lines, () => false);
  expect(paragraphs).toHaveLength(1);
  expect(paragraphs[0]?.length).toBe(2 * 1_000_000 - 1);
});

it('GIVEN lines ending a sentence, or a quotation after one THEN each starts a new paragraph, as before', () => {
  expect(
    toParagraphs(['The tide turned.', 'Boats', 'came in.', '“It is over.”', 'Done'], () => false),
  ).toEqual(['The tide turned.', 'Boats came in.', '“It is over.”', 'Done']);
});
