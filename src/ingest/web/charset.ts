import { TextDecoder } from 'node:util';

/**
 * Turns response bytes into text with the right character set: a byte-order mark wins, then the Content-Type
 * charset, then what the document declares about itself (<meta charset>, http-equiv, or the XML declaration), and
 * UTF-8 when nothing says otherwise. TextDecoder knows windows-1252 and maps iso-8859-1 onto it, as browsers do.
 */

/** Browsers look for <meta charset> in the first 1024 bytes; some real pages put it a little later. */
const SNIFF_BYTES = 4096;

const BOMS: ReadonlyArray<readonly [readonly number[], string]> = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xff, 0xfe], 'utf-16le'],
  [[0xfe, 0xff], 'utf-16be'],
];

function bomEncoding(bytes: Uint8Array): string | null {
  for (const [mark, encoding] of BOMS) {
    if (mark.every((byte, index) => bytes[index] === byte)) return encoding;
  }
  return null;
}

/** The charset parameter of a Content-Type header, e.g. `text/html; charset="windows-1252"` → windows-1252. */
export function charsetFromContentType(contentType: string | null): string | null {
  const match = contentType?.match(/;\s*charset\s*=\s*"?([\w.:-]+)"?/i);
  return match?.[1]?.toLowerCase() ?? null;
}

/** What the document declares about itself near its start, read as Latin-1 so any byte is a character. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, SNIFF_BYTES));
  const patterns = [
    /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i,
    /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)["']/i,
  ];
  for (const pattern of patterns) {
    const label = head.match(pattern)?.[1]?.toLowerCase();
    // A document that could be read as ASCII to find this label is not UTF-16, whatever it says (HTML spec).
    if (label) return label.startsWith('utf-16') ? 'utf-8' : label;
  }
  return null;
}

/**
 * Node 20's TextDecoder('windows-1252') decodes bytes 0x80–0x9F as Latin-1 C1 controls instead of € ‚ „ “ ” —
 * (fixed in later Node versions). Mapping any C1 character through the windows-1252 table is right on every version:
 * a correct decoder only yields C1 for the five bytes windows-1252 leaves undefined, and those map to themselves.
 */
const WINDOWS_1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function fixWindows1252(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80] ?? c);
}

function decoderFor(label: string | null): TextDecoder | null {
  if (!label) return null;
  try {
    return new TextDecoder(label);
  } catch {
    return null; // an unknown label is treated as if nothing were declared
  }
}

/** Decodes a response body; invalid sequences become U+FFFD rather than failing the whole document. */
export function decodeBody(bytes: Uint8Array, contentType: string | null): string {
  const decoder =
    decoderFor(bomEncoding(bytes)) ??
    decoderFor(charsetFromContentType(contentType)) ??
    decoderFor(declaredCharset(bytes)) ??
    new TextDecoder('utf-8');
  // TextDecoder strips a BOM matching its own encoding, so the text never starts with U+FEFF.
  const text = decoder.decode(bytes);
  return decoder.encoding === 'windows-1252' ? fixWindows1252(text) : text;
}
