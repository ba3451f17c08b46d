/**
 * The digest's words in English: `/digest` replies and status, the posted digest (in the server's digest
 * language), the console's preview. Counts have one key per plural category (`plural()` picks one).
 */
export const digestEn = {
  'command.digest.set.language': 'Language of the posted digest (default: this server’s language)',
  'digest.config': 'Daily digest in <#{channel}> at {time} {zone}, up to {items}, in {language}{empty}.',
  'digest.config.empty-note': ', with a one-line note on days without news',
  'digest.articles.one': '{count} article',
  'digest.articles.few': '{count} articles',
  'digest.articles.many': '{count} articles',
  'digest.articles.other': '{count} articles',
  'digest.next-post': 'Next post: {time}.',
  'digest.status.paused': '**Paused** since {at}: {reason}',
  'digest.status.next': 'Next post: {time}, {relative}.',
  'digest.status.last': 'Last post: {at}, {count}{link}',
  'digest.status.last-none': 'Last post: none yet.',
  'digest.status.error': 'Last error ({at}): {message}',
  'digest.status.none': 'No daily digest is set up here. Use /digest set.',
  'digest.pause.channel-missing': 'The digest channel no longer exists. Choose another with /digest set.',
  'digest.pause.missing-access':
    'The bot can no longer see the digest channel. Give it View Channel there, then run /digest set.',
  'digest.pause.missing-permissions':
    'The bot may no longer post in the digest channel: it needs View Channel, Send Messages and Embed Links there. Fix the channel permissions, then run /digest set.',
  'digest.pause.missing-named':
    'The bot lacks {missing} in the digest channel. Grant them there (channel settings → Permissions), then run /digest set.',
  'digest.outcome.posted': 'Posted the digest ({count}) in <#{channel}>{link}.',
  'digest.outcome.nothing-new': 'No new articles since the last digest, so nothing was posted.',
  'digest.outcome.paused': 'The digest is paused: {reason}',
  'digest.outcome.busy': 'A digest is being posted in this server right now; check the channel in a moment.',
  'digest.outcome.failed': 'The digest could not be posted: {reason}',
  'digest.outcome.abandoned':
    'The digest could not be posted: it was interrupted while posting and was not resent, so that it cannot appear twice.',
  'digest.outcome.nothing': 'Nothing was posted.',
  'digest.off.done': 'The daily digest is off.',
  'digest.off.none': 'No daily digest was set up here.',
  'digest.preview.nothing': 'Nothing would be posted now: no new articles since the last digest.',
  'digest.no-guild': 'The digest is set per server: use /digest in a server.',
  'digest.bad-subcommand': '/digest has no subcommand “{name}”.',
  'digest.missing-option': '/digest set needs {name}.',
  'digest.bad-time': '“{typed}” is not a time of day: use HH:MM on a 24-hour clock, e.g. 09:00 or 18:30.',
  'digest.bad-timezone':
    '“{typed}” is not a time zone I know: pick one from the list, e.g. Europe/Berlin or America/New_York.',
  'digest.bad-items': 'items must be a whole number from {min} to {max}.',
  'digest.bad-language': 'The digest can be posted in {languages}; pick one from the list.',
  'digest.not-set': 'No digest is set up in this server yet. Use /digest set first.',
  'digest.bad-channel': 'I cannot see that channel. Pick a text or announcement channel of this server.',
  'digest.missing-permission':
    'I cannot post the digest in <#{channel}>: I lack {missing} there. Grant these to the bot in the channel’s permissions, then run /digest set again.',
  'digest.permission.view-channel': 'View Channel',
  'digest.permission.send-messages': 'Send Messages',
  'digest.permission.embed-links': 'Embed Links',
  'digest.post.heading': '**Daily digest** · {date} · {count}',
  'digest.post.new-articles.one': '{count} new article',
  'digest.post.new-articles.few': '{count} new articles',
  'digest.post.new-articles.many': '{count} new articles',
  'digest.post.new-articles.other': '{count} new articles',
  'digest.post.offline-note': '-# Some summaries are offline extracts (labelled).',
  'digest.post.offline-label': '*Offline extract: the summarizer was unavailable.*',
  'digest.post.empty': '**Daily digest** · No new articles since the last digest.',
  'digest.console.heading': 'Daily digest · {date} · {count}',
  'digest.console.empty': 'Daily digest · No new articles since the last digest.',
  'digest.console.offline': '(offline extract: the summarizer was unavailable)',
} as const;

export type DigestKey = keyof typeof digestEn;
