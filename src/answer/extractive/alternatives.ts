import { extractTerms } from '../../text/terms.ts';

const ALTERNATIVE = /([\p{L}\p{N}'’]+)\s+(?:or|oder|o|ou|oppure|или)\s+([\p{L}\p{N}'’]+)/giu;

/** Pairs of terms a question offers as alternatives: "any blackouts or outages", "Sellmouth or Kell". */
export function alternativePairs(question: string, language: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const match of question.matchAll(ALTERNATIVE)) {
    const [left] = extractTerms(match[1] ?? '', { language });
    const [right] = extractTerms(match[2] ?? '', { language });
    if (left && right) pairs.push([left.term, right.term]);
  }
  return pairs;
}

/** Puts each pair's terms in one group; generic so question.ts can use it on its own term type. */
export function groupAlternatives<T extends { readonly term: string; readonly group: number }>(
  terms: readonly T[],
  pairs: readonly [string, string][],
): T[] {
  const groupOf = new Map(terms.map((term) => [term.term, term.group]));
  for (const [left, right] of pairs) {
    const target = groupOf.get(left);
    const source = groupOf.get(right);
    if (target === undefined || source === undefined) continue;
    for (const [term, group] of groupOf) if (group === source) groupOf.set(term, target);
  }
  return terms.map((term) => ({ ...term, group: groupOf.get(term.term) ?? term.group }));
}
