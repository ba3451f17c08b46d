/**
 * The bot's fixed strings. English is complete and defines the keys; every other language may leave keys out and
 * falls back to English. Placeholders are `{name}`. Article text, quotes and model answers never go through here.
 */
export const en = {
  'command.summary.description': 'Summarize a stored news article',
  'command.summary.article': 'The article (start typing to search); empty means the latest',
  'command.summary.length': 'How long the summary should be',
  'command.summary.length.brief': 'Brief',
  'command.summary.length.standard': 'Standard',
  'command.summary.length.detailed': 'Detailed',
  'command.ask.description': 'Ask a question answered only from a stored news article',
  'command.ask.question': 'Your question about the article',
  'command.ask.article': 'The article (start typing to search); empty means the best match',
  'reply.picked.best-match': 'Answered from the best-matching article: **{title}** ({date})',
  'reply.picked.latest': 'Summary of the latest article: **{title}** ({date})',
  'reply.offline':
    '⚠️ Offline answer: the AI model is not available right now, so these sentences come straight from the article.',
  'reply.budget': 'This server has used up today’s AI budget; it resets at {resetsAt}.',
  'reply.quotes': 'From the article',
  'reply.continued': 'Continued below ({part}/{total})',
  'reply.truncated': '…(shortened to fit Discord)',
  'error.unexpected':
    'Sorry, something went wrong on our side while answering. Please try again in a minute.',
  'error.unknown-command':
    'This command is no longer available. Ask an admin to run `npm run deploy-commands`.',
} as const;

export type MessageKey = keyof typeof en;
export type Catalogue = Partial<Record<MessageKey, string>>;

export const de: Catalogue = {
  'command.summary.description': 'Einen gespeicherten Nachrichtenartikel zusammenfassen',
  'command.summary.article': 'Der Artikel (tippen zum Suchen); leer bedeutet der neueste',
  'command.summary.length': 'Wie lang die Zusammenfassung sein soll',
  'command.summary.length.brief': 'Kurz',
  'command.summary.length.standard': 'Normal',
  'command.summary.length.detailed': 'Ausführlich',
  'command.ask.description': 'Eine Frage stellen, beantwortet nur aus einem gespeicherten Artikel',
  'command.ask.question': 'Deine Frage zum Artikel',
  'command.ask.article': 'Der Artikel (tippen zum Suchen); leer bedeutet der passendste',
  'reply.picked.best-match': 'Beantwortet aus dem passendsten Artikel: **{title}** ({date})',
  'reply.picked.latest': 'Zusammenfassung des neuesten Artikels: **{title}** ({date})',
  'reply.offline':
    '⚠️ Offline-Antwort: Das KI-Modell ist gerade nicht erreichbar, diese Sätze stammen direkt aus dem Artikel.',
  'reply.budget':
    'Dieser Server hat das heutige KI-Budget aufgebraucht; es wird um {resetsAt} zurückgesetzt.',
  'reply.quotes': 'Aus dem Artikel',
  'reply.continued': 'Fortsetzung unten ({part}/{total})',
  'reply.truncated': '…(gekürzt, damit es in Discord passt)',
  'error.unexpected':
    'Entschuldigung, beim Antworten ist bei uns etwas schiefgelaufen. Bitte versuche es in einer Minute erneut.',
  'error.unknown-command':
    'Dieser Befehl ist nicht mehr verfügbar. Bitte einen Admin, `npm run deploy-commands` auszuführen.',
};

/** Catalogues by primary language subtag (Discord locales like `de`, `en-US`, `pt-BR` reduce to these). */
export const CATALOGUES: Readonly<Record<string, Catalogue>> = { en, de };
