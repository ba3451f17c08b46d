/** The core texts in English: answers, errors, /usage, command descriptions. English defines the keys. */
export const coreEn = {
  'command.summary.description': 'Summarize a stored news article',
  'command.summary.article': 'The article (start typing to search); empty means the latest',
  'command.summary.length': 'How long the summary should be',
  'command.summary.length.brief': 'Brief',
  'command.summary.length.standard': 'Standard',
  'command.summary.length.detailed': 'Detailed',
  'command.ask.description': 'Ask a question answered only from a stored news article',
  'command.ask.question': 'Your question about the article',
  'command.ask.article': 'The article (start typing to search); empty means the best match',
  'command.summary.language': 'The reply language (default: your Discord language)',
  'command.ask.language': 'The reply language (default: your Discord language)',
  'command.usage.description': 'This server’s AI use: model calls, tokens, cache hits and estimated cost',
  'command.digest.description': 'The daily digest of new articles in a channel of this server',
  'command.digest.set': 'Post the digest every day in a channel at a local time',
  'command.digest.set.channel': 'Where the digest goes',
  'command.digest.set.time': 'Local time, HH:MM (24 h), e.g. 09:00',
  'command.digest.set.timezone': 'IANA time zone, e.g. Europe/Berlin',
  'command.digest.set.empty_note': 'On days without new articles, post a one-line note (default: no post)',
  'command.digest.off': 'Stop the daily digest',
  'command.digest.status': 'Settings, next post, last post and last error',
  'command.digest.preview': 'See privately exactly what would be posted now',
  'command.digest.post-now': 'Post the digest now',
  'command.digest.set.items': 'How many articles ({min}–{max}, default {default})',
  'reply.picked.best-match': 'Answered from the best-matching article: **{title}** ({date})',
  'reply.picked.latest': 'Summary of the latest article: **{title}** ({date})',
  'reply.offline':
    '⚠️ Offline answer: the AI model is not available right now, so these sentences come straight from the article.',
  'reply.offline.over-budget':
    '⚠️ Offline answer: this server’s AI budget for today is used up, so these sentences come straight from the article.',
  'reply.offline.no-api-key':
    'ℹ️ Offline answer: no AI model is configured, so these sentences come straight from the article.',
  'reply.budget':
    'This server has used up today’s AI budget; it resets at midnight ({zone}), {resetsAt}. Until then answers come straight from the articles.',
  'reply.writing': '✍️ Writing…',
  'reply.quotes': 'From the article',
  'reply.continued': 'Continued below ({part}/{total})',
  'reply.truncated': '…(shortened to fit Discord)',
  'error.unexpected':
    'Sorry, something went wrong on our side while answering. Please try again in a minute.',
  'error.store-unavailable':
    'The article store is not available right now; nothing stored was lost. Please try again in a minute — if this keeps happening, tell a server admin.',
  'error.store-broken':
    'The article store needs an admin’s attention (the details are in the bot’s log), so this cannot be answered right now. Please tell a server admin.',
  'error.empty-store':
    'No articles are stored yet. An operator can import some with `npm run ingest -- <folder>`.',
  'error.unknown-article':
    'No stored article matches that. Start typing in the article option and pick one from the list.',
  'error.no-matching-article':
    'No stored article seems to be about that. Name one with the article option (start typing to pick from the list).',
  'error.empty-question': 'Please type a question about the article.',
  'error.question-too-long': 'That question is too long; please keep it under {max} characters.',
  'cooldown.wait':
    'You have used /{command} {limit} times in the last minute. You can use it again {retryAt}.',
  'usage.no-guild': '/usage works in a server: it shows that server’s AI use.',
  'usage.no-permission': 'Only members who can manage this server can see its AI use.',
  'digest.no-permission':
    'Only members who can manage this server can change or post its daily digest. Ask a server admin.',
  'error.guild-only':
    '/{command} works in a server, where the server’s daily AI budget applies: use it in a channel there.',
  'usage.title': 'AI use of this server',
  'usage.today': 'Today ({zone})',
  'usage.week': 'Last 7 days',
  'usage.model-calls': 'Model calls: {count}',
  'usage.tokens':
    'Tokens: {total} (input {input} · output {output} · cache read {cacheRead} · cache write {cacheWrite})',
  'usage.cache-hits': 'Answer cache hits: {rate} ({cached} of {replies} replies)',
  'usage.prompt-cache': 'Prompt cache reads: {share} of input tokens',
  'usage.offline': 'Offline replies: {count}',
  'usage.cost': 'Estimated cost: {cost}',
  'usage.budget': 'Daily token budget: {used} of {budget} used today (resets at midnight UTC)',
  'usage.no-budget': 'Daily token budget: unlimited',
  'offline.does-not-say': 'The article does not say {restated}.',
  'offline.does-not-answer': 'The article does not answer “{question}”.',
  'offline.covers': 'It covers: {title} — {topics}.',
  'offline.covers-title': 'It covers: {title}.',
  'offline.empty-article': 'The article has no text to summarise.',
  'resolve.no-match': 'No stored article matches “{typed}” closely enough to be sure.',
  'resolve.close-titles': 'Close titles:',
  'resolve.pick': 'Start typing in the article option and pick one from the list.',
  'resolve.unsure-question':
    'No stored article clearly matches that question, so it was not answered from a guess.',
  'resolve.considered': 'Articles considered:',
  'resolve.name-one': 'Name one with the article option (start typing to pick from the list).',
  'reply.unsupported.answer':
    'The article does not support an answer to this: the AI model’s reply cited nothing in the article, so it is not shown.',
  'reply.unsupported.summary':
    'No summary is shown: the AI model’s summary cited nothing in the article, so it could not be checked against it.',
  'reply.unsupported.offline-answer':
    'Sentences the offline search found in the article (straight from the article, not an answer):',
  'reply.unsupported.offline-summary': 'The offline summary instead (sentences straight from the article):',
  'reply.withdrawn': '(The text above is withdrawn: it cited nothing in the article.)',
} as const;

export type CoreKey = keyof typeof coreEn;
