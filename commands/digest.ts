import { LocalizedError } from '../src/core/i18n/errors.ts';
import { translate } from '../src/core/i18n/index.ts';
import type { ComposedDigest } from '../src/digest/compose.ts';
import type { DigestService } from '../src/digest/service.ts';
import { describeConfig, describeOutcome, describeStatus, zonedTime } from '../src/digest/status.ts';
import { DIGEST_LANGUAGES, type DigestSettings, parseDigestSettings } from './digest-settings.ts';
import { DIGEST_ITEMS, DIGEST_TIME_MAX_CHARS, TIME_ZONE_MAX_CHARS } from './limits.ts';
import type { CommandData, CommandReply, DigestServices, SubcommandSpec } from './types.ts';
import { defineCommand } from './types.ts';

const ITEM_LIMITS = { min: DIGEST_ITEMS.min, max: DIGEST_ITEMS.max, default: DIGEST_ITEMS.default };

const SET: SubcommandSpec = {
  name: 'set',
  description: { key: 'command.digest.set' },
  acknowledgement: 'private-reply',
  options: [
    {
      type: 'channel',
      name: 'channel',
      description: { key: 'command.digest.set.channel' },
      required: true,
      channelKinds: ['text', 'announcement'],
    },
    {
      type: 'string',
      name: 'time',
      description: { key: 'command.digest.set.time' },
      required: true,
      maxLength: DIGEST_TIME_MAX_CHARS,
    },
    {
      type: 'string',
      name: 'timezone',
      description: { key: 'command.digest.set.timezone' },
      required: true,
      autocomplete: { kind: 'time-zones' },
      maxLength: TIME_ZONE_MAX_CHARS,
    },
    {
      type: 'integer',
      name: 'items',
      description: { key: 'command.digest.set.items', params: ITEM_LIMITS },
      min: DIGEST_ITEMS.min,
      max: DIGEST_ITEMS.max,
    },
    { type: 'boolean', name: 'empty_note', description: { key: 'command.digest.set.empty_note' } },
    {
      type: 'string',
      name: 'language',
      description: { key: 'command.digest.set.language' },
      choices: DIGEST_LANGUAGES.map((language) => ({ value: language, label: { language } })),
    },
  ],
};

const plain = (
  name: 'off' | 'status' | 'preview' | 'post-now',
  acknowledgement: SubcommandSpec['acknowledgement'],
): SubcommandSpec => ({ name, description: { key: `command.digest.${name}` }, acknowledgement, options: [] });

const data: CommandData = {
  name: 'digest',
  description: { key: 'command.digest.description' },
  // Every subcommand, status and preview included: the config and the digest's content are the admins'.
  access: { guildOnly: true, guildInstallOnly: false, manageServer: { refusal: 'digest.no-permission' } },
  acknowledgement: 'private-reply',
  options: [],
  // Every answer is private: quick ones reply directly, slow ones acknowledge privately first.
  subcommands: [
    SET,
    plain('off', 'private-reply'),
    plain('status', 'private-reply'),
    plain('preview', 'private-before-work'),
    plain('post-now', 'private-before-work'),
  ],
};

export type DigestInput = (
  | { readonly subcommand: 'set'; readonly settings: DigestSettings }
  | { readonly subcommand: 'off' | 'status' | 'preview' | 'post-now' }
) & {
  readonly guildId: string;
  /** The admin's language: the reply's (the digest itself is posted in the config's language). */
  readonly locale: string;
};

const notice = (text: string): CommandReply => ({ kind: 'notice', text });

/** What /digest preview says when nothing would be posted, in English (the console's words). */
export const NOTHING_TO_POST = translate('en', 'digest.preview.nothing');

/** Nothing to post: no new articles, and the server chose silence over the "no new articles" note. */
export function isEmptyDigest(composed: ComposedDigest): boolean {
  return composed.items.length === 0 && !composed.announceEmpty;
}

async function set(digest: DigestService, input: DigestInput & { subcommand: 'set' }): Promise<CommandReply> {
  const { guildId, locale } = input;
  const { language, otherwise, ...settings } = input.settings;
  // Changing the time or channel keeps the language picked before.
  const earlier = (await digest.status(guildId))?.config.language;
  const config = await digest.configure({ guildId, ...settings, language: language ?? earlier ?? otherwise });
  const status = await digest.status(guildId);
  const next = status?.nextPost
    ? ` ${translate(locale, 'digest.next-post', { time: zonedTime(status.nextPost, config, locale) })}`
    : '';
  return notice(`${describeConfig(config, locale)}${next}`);
}

async function preview(digest: DigestService, guildId: string, locale: string): Promise<CommandReply> {
  const composed = await digest.preview(guildId);
  const status = isEmptyDigest(composed) ? null : await digest.status(guildId);
  if (!status) return notice(translate(locale, 'digest.preview.nothing'));
  return { kind: 'digest', composed, config: status.config };
}

async function runSubcommand(digest: DigestService, input: DigestInput): Promise<CommandReply> {
  const { guildId, locale } = input;
  switch (input.subcommand) {
    case 'set':
      return set(digest, input);
    case 'off': {
      const had = await digest.disable(guildId);
      return notice(translate(locale, had ? 'digest.off.done' : 'digest.off.none'));
    }
    case 'status': {
      const status = await digest.status(guildId);
      return notice(status ? describeStatus(status, locale) : translate(locale, 'digest.status.none'));
    }
    case 'preview':
      return preview(digest, guildId, locale);
    case 'post-now':
      return notice(describeOutcome(await digest.postNow(guildId), guildId, locale));
  }
}

const SUBCOMMAND_NAMES: readonly string[] = data.subcommands.map((sub) => sub.name);

const isSubcommand = (name: string | undefined): name is DigestInput['subcommand'] =>
  name !== undefined && SUBCOMMAND_NAMES.includes(name);

/** `/digest set|off|status|preview|post-now` — for members who may manage the server. */
export const digest = defineCommand<DigestInput, DigestServices>({
  data,
  parse(raw, request) {
    const { subcommand } = raw;
    if (!isSubcommand(subcommand))
      throw new LocalizedError('digest.bad-subcommand', 'bad-option', {
        name: (subcommand ?? '').slice(0, 32),
      });
    if (request.guildId === null) throw new LocalizedError('digest.no-guild', 'no-guild');
    const { guildId, locale } = request;
    if (subcommand === 'set')
      return { subcommand, guildId, locale, settings: parseDigestSettings(raw, request) };
    return { subcommand, guildId, locale };
  },
  run: (input, { digest }) => runSubcommand(digest, input),
});
