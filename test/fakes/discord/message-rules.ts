import type { APIEmbed } from 'discord-api-types/v10';
import type { FormErrors } from './api-error.ts';

/** Discord's server-side limits (discord-api-docs resources/message.mdx). */
export const LIMITS = {
  contentChars: 2000,
  embedsPerMessage: 10,
  embedTitleChars: 256,
  embedDescriptionChars: 4096,
  embedFields: 25,
  fieldNameChars: 256,
  fieldValueChars: 1024,
  footerChars: 2048,
  authorNameChars: 256,
  embedTotalChars: 6000,
  nonceChars: 25,
  mentionIds: 100,
  actionRows: 5,
  rowComponents: 5,
  customIdChars: 100,
  buttonLabelChars: 80,
  maxColor: 0xffffff,
} as const;

const MENTION_KINDS = ['users', 'roles', 'everyone'];

/** Discord counts characters (code points), not UTF-16 units: an emoji is one. */
export function charCount(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** The fields of a message body the fake reads; everything arrives as untrusted JSON. */
export interface MessageBody {
  content?: unknown;
  embeds?: unknown;
  components?: unknown;
  allowed_mentions?: unknown;
  flags?: unknown;
  nonce?: unknown;
  enforce_nonce?: unknown;
  attachments?: unknown;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every rule Discord applies to a message create or edit body; errors go into `errors`. */
export function checkMessageBody(body: MessageBody, errors: FormErrors): void {
  if (body.content !== undefined && body.content !== null) {
    if (typeof body.content !== 'string') errors.add(['content'], 'STRING_TYPE_CONVERT', 'Must be a string.');
    else if (charCount(body.content) > LIMITS.contentChars)
      errors.maxLength(['content'], LIMITS.contentChars);
  }
  if (Array.isArray(body.embeds)) checkEmbeds(body.embeds, errors);
  if (body.allowed_mentions !== undefined && body.allowed_mentions !== null) {
    checkAllowedMentions(body.allowed_mentions, errors);
  }
  if (Array.isArray(body.components)) checkComponents(body.components, errors);
  if (body.nonce !== undefined && body.nonce !== null) checkNonce(body.nonce, errors);
}

function checkNonce(nonce: unknown, errors: FormErrors): void {
  if (typeof nonce === 'string' && charCount(nonce) > LIMITS.nonceChars) errors.maxLength(['nonce'], 25);
  if (typeof nonce === 'number' && !Number.isSafeInteger(nonce)) {
    errors.add(['nonce'], 'NUMBER_TYPE_COERCE', 'Value is not int.');
  }
}

function checkEmbeds(embeds: unknown[], errors: FormErrors): void {
  if (embeds.length > LIMITS.embedsPerMessage) errors.maxLength(['embeds'], LIMITS.embedsPerMessage);
  let total = 0;
  for (const [index, embed] of embeds.entries()) {
    if (isRecord(embed)) total += checkEmbed(embed as APIEmbed, index, errors);
    else errors.add(['embeds', index], 'DICT_TYPE_CONVERT', 'Only dictionaries may be used.');
  }
  if (total > LIMITS.embedTotalChars) {
    errors.add(
      ['embeds'],
      'MAX_EMBED_SIZE_EXCEEDED',
      `Embed size exceeds maximum size of ${LIMITS.embedTotalChars}`,
    );
  }
}

/** Checks one embed and returns the characters it adds to the message's 6000 total. */
function checkEmbed(embed: APIEmbed, index: number, errors: FormErrors): number {
  const at = (...path: (string | number)[]) => ['embeds', index, ...path];
  const text = (value: unknown, path: (string | number)[], max: number, min = 0): number => {
    if (value === undefined || value === null) return 0;
    const chars = typeof value === 'string' ? charCount(value) : 0;
    if (typeof value !== 'string') errors.add(at(...path), 'STRING_TYPE_CONVERT', 'Must be a string.');
    else if (chars > max || chars < min)
      min > 0 ? errors.badLength(at(...path), min, max) : errors.maxLength(at(...path), max);
    return chars;
  };
  let total = text(embed.title, ['title'], LIMITS.embedTitleChars);
  total += text(embed.description, ['description'], LIMITS.embedDescriptionChars);
  if (embed.footer) total += text(embed.footer.text, ['footer', 'text'], LIMITS.footerChars, 1);
  if (embed.author) total += text(embed.author.name, ['author', 'name'], LIMITS.authorNameChars, 1);
  const fields = embed.fields ?? [];
  if (fields.length > LIMITS.embedFields) errors.maxLength(at('fields'), LIMITS.embedFields);
  fields.forEach((field, i) => {
    total += text(field.name, ['fields', i, 'name'], LIMITS.fieldNameChars, 1);
    total += text(field.value, ['fields', i, 'value'], LIMITS.fieldValueChars, 1);
    if (field.name === undefined) errors.required(at('fields', i, 'name'));
    if (field.value === undefined) errors.required(at('fields', i, 'value'));
  });
  checkUrl(embed.url, at('url'), errors, false);
  checkUrl(embed.image?.url, at('image', 'url'), errors, true);
  checkUrl(embed.thumbnail?.url, at('thumbnail', 'url'), errors, true);
  checkUrl(embed.author?.url, at('author', 'url'), errors, false);
  if (embed.color !== undefined && (embed.color < 0 || embed.color > LIMITS.maxColor)) {
    errors.add(
      at('color'),
      'NUMBER_TYPE_MAX',
      `int value should be less than or equal to ${LIMITS.maxColor}.`,
    );
  }
  return total;
}

function checkUrl(
  value: unknown,
  path: (string | number)[],
  errors: FormErrors,
  allowAttachment: boolean,
): void {
  if (value === undefined || value === null) return;
  const schemes = allowAttachment ? ['http:', 'https:', 'attachment:'] : ['http:', 'https:'];
  const ok = typeof value === 'string' && URL.canParse(value) && schemes.includes(new URL(value).protocol);
  if (!ok) errors.add(path, 'URL_TYPE_INVALID_URL', 'Not a well formed URL.');
}

function checkAllowedMentions(value: unknown, errors: FormErrors): void {
  if (!isRecord(value)) {
    errors.add(['allowed_mentions'], 'DICT_TYPE_CONVERT', 'Only dictionaries may be used.');
    return;
  }
  const parse = Array.isArray(value.parse) ? value.parse : [];
  parse.forEach((kind, i) => {
    if (!MENTION_KINDS.includes(String(kind))) {
      errors.add(
        ['allowed_mentions', 'parse', i],
        'BASE_TYPE_CHOICES',
        'Value must be one of {"everyone", "roles", "users"}.',
      );
    }
  });
  for (const kind of ['users', 'roles'] as const) {
    const ids = value[kind];
    if (!Array.isArray(ids)) continue;
    if (ids.length > LIMITS.mentionIds) errors.maxLength(['allowed_mentions', kind], LIMITS.mentionIds);
    if (parse.includes(kind)) {
      const message = `parse:["${kind}"] and ${kind}: [ids...] are mutually exclusive.`;
      errors.add(['allowed_mentions'], 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE', message);
    }
  }
}

function checkComponents(rows: unknown[], errors: FormErrors): void {
  if (rows.length > LIMITS.actionRows) errors.maxLength(['components'], LIMITS.actionRows);
  const seen = new Set<string>();
  rows.forEach((row, r) => {
    if (!isRecord(row) || row.type !== 1 || !Array.isArray(row.components)) return;
    if (row.components.length > LIMITS.rowComponents) errors.maxLength(['components', r, 'components'], 5);
    row.components.forEach((item: unknown, c: number) => {
      if (!isRecord(item)) return;
      const at = (key: string) => ['components', r, 'components', c, key];
      const customId = item.custom_id;
      if (typeof customId === 'string') {
        const chars = charCount(customId);
        if (chars < 1 || chars > LIMITS.customIdChars)
          errors.badLength(at('custom_id'), 1, LIMITS.customIdChars);
        if (seen.has(customId))
          errors.add(
            at('custom_id'),
            'COMPONENT_CUSTOM_ID_DUPLICATED',
            'Component custom id cannot be duplicated',
          );
        seen.add(customId);
      }
      if (typeof item.label === 'string' && charCount(item.label) > LIMITS.buttonLabelChars) {
        errors.maxLength(at('label'), LIMITS.buttonLabelChars);
      }
    });
  });
}
