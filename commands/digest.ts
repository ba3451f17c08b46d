import { UserFacingError } from '../src/core/errors.ts';
import type { ComposedDigest } from '../src/digest/compose.ts';
import type { DigestService } from '../src/digest/service.ts';
import { describeConfig, describeOutcome, describeStatus, zonedTime } from '../src/digest/status.ts';
import { type DigestSettings, parseDigestSettings } from './digest-settings.ts';
import { InputError } from './input.ts';
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

export type DigestInput =
  | { readonly subcommand: 'set'; readonly guildId: string; readonly settings: DigestSettings }
  | { readonly subcommand: 'off' | 'status' | 'preview' | 'post-now'; readonly guildId: string };

const notice = (text: string): CommandReply => ({ kind: 'notice', text });

/** What /digest preview says when nothing would be posted (every transport's preview says the same). */
export const NOTHING_TO_POST = 'Nothing would be posted now: no new articles since the last digest.';

/** Nothing to post: no new articles, and the server chose silence over the "no new articles" note. */
export function isEmptyDigest(composed: ComposedDigest): boolean {
  return composed.items.length === 0 && !composed.announceEmpty;
}

async function set(digest: DigestService, guildId: string, settings: DigestSettings): Promise<CommandReply> {
  const config = await digest.configure({ guildId, ...settings });
  const status = await digest.status(guildId);
  const next = status?.nextPost ? ` Next post: ${zonedTime(status.nextPost, config)}.` : '';
  return notice(`${describeConfig(config)}${next}`);
}

async function preview(digest: DigestService, guildId: string): Promise<CommandReply> {
  const composed = await digest.preview(guildId);
  const status = isEmptyDigest(composed) ? null : await digest.status(guildId);
  if (!status) return notice(NOTHING_TO_POST);
  return { kind: 'digest', composed, config: status.config };
}

async function runSubcommand(digest: DigestService, input: DigestInput): Promise<CommandReply> {
  const { guildId } = input;
  switch (input.subcommand) {
    case 'set':
      return set(digest, guildId, input.settings);
    case 'off':
      return notice(
        (await digest.disable(guildId)) ? 'The daily digest is off.' : 'No daily digest was set up here.',
      );
    case 'status': {
      const status = await digest.status(guildId);
      return notice(status ? describeStatus(status) : 'No daily digest is set up here. Use /digest set.');
    }
    case 'preview':
      return preview(digest, guildId);
    case 'post-now':
      return notice(describeOutcome(await digest.postNow(guildId), guildId));
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
      throw new InputError(`/digest has no subcommand "${subcommand ?? ''}".`, 'bad-option');
    if (request.guildId === null)
      throw new UserFacingError('The digest is set per server: use /digest in a server.', 'no-guild');
    const guildId = request.guildId;
    if (subcommand === 'set') return { subcommand, guildId, settings: parseDigestSettings(raw, request) };
    return { subcommand, guildId };
  },
  run: (input, { digest }) => runSubcommand(digest, input),
});
