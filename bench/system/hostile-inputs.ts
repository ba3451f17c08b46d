/**
 * Option values nobody should type but someone will: long unicode (emoji sequences, CJK, combining marks, astral
 * characters), zero-width and bidi controls, markdown, fake mentions, 6,000 characters, empty and blank, control
 * characters and lone surrogates. Seeded, so every run sends the same 1,000.
 */
import { seededRandom } from '../../test/support/random.ts';

const ZERO_WIDTH = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad'];
const BIDI = ['\u202e', '\u202d', '\u2066', '\u2067', '\u2068', '\u2069', '\u200f', '\u061c'];
const EMOJI = ['👨‍👩‍👧‍👦', '🏳️‍🌈', '🇺🇦', '🧑🏽‍💻', '🚋', '🔥', '❤️‍🔥', '🫠'];
const CJK = '新闻市政府议会投票电车线路天气热浪电力';
const RTL_TEXT = ['مجلس المدينة صوت على خط الترام', 'העירייה הצביעה על קו הרכבת הקלה'];
const MARKDOWN = [
  '**bold** __under__ ~~strike~~ ||spoiler||',
  '```js\nprocess.exit(1)\n```',
  '# Heading\n## Sub\n-# subtext',
  '> quoted\n>>> block quote',
  '[click me](https://evil.example/phish) <https://evil.example>',
  '`inline` *italic* _also_ \\*escaped\\*',
];
const MENTIONS = [
  '@everyone',
  '@here',
  '<@&123456789012345678>',
  '<@123456789012345678>',
  '<@!123456789012345678>',
  '<#123456789012345678>',
  '</ask:123456789012345678>',
  '<t:0:R>',
  '@everyone <@&123456789012345678> look at this',
];
const CONTROLS = ['\u0000', '\u0007', '\u001b[31m', '\r\n', '\t', '\u2028', '\u2029'];
const LONE_SURROGATES = ['\ud800', '\udfff', 'a\ud83d'];

export type HostileKind =
  | 'long-unicode'
  | 'zero-width'
  | 'rtl'
  | 'markdown'
  | 'mentions'
  | 'six-thousand'
  | 'empty'
  | 'controls'
  | 'mixed';

export const HOSTILE_KINDS: readonly HostileKind[] = [
  'long-unicode',
  'zero-width',
  'rtl',
  'markdown',
  'mentions',
  'six-thousand',
  'empty',
  'controls',
  'mixed',
];

export interface HostileValue {
  readonly kind: HostileKind;
  readonly value: string;
}

export function createHostileValues(count: number, words: readonly string[], seed = 13): HostileValue[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const repeat = (make: () => string, length: number) => {
    let text = '';
    while ([...text].length < length) text += make();
    return text;
  };
  const word = () => pick(words);
  const lengths = [20, 100, 101, 500, 501, 2000, 4000];
  const makers: Record<HostileKind, () => string> = {
    'long-unicode': () =>
      repeat(
        () => pick([pick(EMOJI), pick([...CJK]), `e${'\u0301\u0302\u0303'.repeat(8)}`, '𝕳𝖊𝖑𝖑𝖔', word()]),
        pick(lengths),
      ),
    'zero-width': () =>
      [word(), word(), word()].map((w) => [...w].join(pick(ZERO_WIDTH))).join(pick(ZERO_WIDTH)),
    rtl: () => `${pick(BIDI)}${pick(RTL_TEXT)} ${word()}${pick(BIDI)} ${pick(BIDI)}txt.exe`,
    markdown: () => `${pick(MARKDOWN)} ${word()} ${pick(MARKDOWN)}`,
    mentions: () => `${pick(MENTIONS)} ${word()} ${pick(MENTIONS)}`,
    'six-thousand': () => repeat(() => `${word()} ${pick(MENTIONS)} ${pick(EMOJI)} `, 6_000).slice(0, 6_000),
    empty: () => pick(['', ' ', '   ', '\n', '\u3000', '\u200b']),
    controls: () => `${word()}${pick(CONTROLS)}${word()}${pick(LONE_SURROGATES)}${pick(CONTROLS)}`,
    mixed: () =>
      `${pick(MENTIONS)}${pick(ZERO_WIDTH)}${pick(BIDI)}${pick(MARKDOWN)}${pick(EMOJI)}${word()}`.repeat(
        1 + Math.floor(random() * 20),
      ),
  };
  return Array.from({ length: count }, (_, i) => {
    const kind = HOSTILE_KINDS[i % HOSTILE_KINDS.length] as HostileKind;
    return { kind, value: makers[kind]() };
  });
}
