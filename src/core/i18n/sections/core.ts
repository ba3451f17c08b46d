import type { Catalogue } from '../section.ts';

/**
 * The bot's first strings (answers, errors, /usage, /digest options). English defines the keys. Until every
 * language is complete here, the other languages may leave keys out and fall back to English; new sections are
 * complete from the start (defineSection).
 */
const en = {
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
  'error.unknown-command':
    'This command is no longer available. Ask an admin to run `npm run deploy-commands`.',
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

const de: Catalogue<keyof typeof en> = {
  'command.summary.description': 'Einen gespeicherten Nachrichtenartikel zusammenfassen',
  'command.summary.article': 'Der Artikel (tippen zum Suchen); leer bedeutet der neueste',
  'command.summary.length': 'Wie lang die Zusammenfassung sein soll',
  'command.summary.length.brief': 'Kurz',
  'command.summary.length.standard': 'Normal',
  'command.summary.length.detailed': 'Ausführlich',
  'command.ask.description': 'Eine Frage stellen, beantwortet nur aus einem gespeicherten Artikel',
  'command.ask.question': 'Deine Frage zum Artikel',
  'command.ask.article': 'Der Artikel (tippen zum Suchen); leer bedeutet der passendste',
  'command.summary.language': 'Die Antwortsprache (Standard: deine Discord-Sprache)',
  'command.ask.language': 'Die Antwortsprache (Standard: deine Discord-Sprache)',
  'command.usage.description':
    'KI-Nutzung dieses Servers: Modellaufrufe, Tokens, Cache-Treffer und geschätzte Kosten',
  'command.digest.description': 'Der tägliche Überblick neuer Artikel in einem Kanal dieses Servers',
  'command.digest.set': 'Den Überblick täglich zu einer Ortszeit in einem Kanal posten',
  'command.digest.set.channel': 'Wohin der Überblick geht',
  'command.digest.set.time': 'Ortszeit, HH:MM (24 h), z. B. 09:00',
  'command.digest.set.timezone': 'IANA-Zeitzone, z. B. Europe/Berlin',
  'command.digest.set.empty_note': 'An Tagen ohne neue Artikel eine Zeile posten (Standard: kein Post)',
  'command.digest.off': 'Den täglichen Überblick beenden',
  'command.digest.status': 'Einstellungen, nächster Post, letzter Post und letzter Fehler',
  'command.digest.preview': 'Privat sehen, was jetzt gepostet würde',
  'command.digest.post-now': 'Den Überblick jetzt posten',
  'command.digest.set.items': 'Wie viele Artikel ({min}–{max}, Standard {default})',
  'reply.picked.best-match': 'Beantwortet aus dem passendsten Artikel: **{title}** ({date})',
  'reply.picked.latest': 'Zusammenfassung des neuesten Artikels: **{title}** ({date})',
  'reply.offline':
    '⚠️ Offline-Antwort: Das KI-Modell ist gerade nicht erreichbar, diese Sätze stammen direkt aus dem Artikel.',
  'reply.offline.over-budget':
    '⚠️ Offline-Antwort: Das heutige KI-Budget dieses Servers ist aufgebraucht, diese Sätze stammen direkt aus dem Artikel.',
  'reply.offline.no-api-key':
    'ℹ️ Offline-Antwort: Es ist kein KI-Modell eingerichtet, diese Sätze stammen direkt aus dem Artikel.',
  'reply.budget':
    'Dieser Server hat das heutige KI-Budget aufgebraucht; es wird um Mitternacht ({zone}) zurückgesetzt, {resetsAt}. Bis dahin stammen die Antworten direkt aus den Artikeln.',
  'reply.writing': '✍️ Schreibt…',
  'reply.quotes': 'Aus dem Artikel',
  'reply.continued': 'Fortsetzung unten ({part}/{total})',
  'reply.truncated': '…(gekürzt, damit es in Discord passt)',
  'error.unexpected':
    'Entschuldigung, beim Antworten ist bei uns etwas schiefgelaufen. Bitte versuche es in einer Minute erneut.',
  'error.store-unavailable':
    'Der Artikelspeicher ist gerade nicht erreichbar; gespeichert ist nichts verloren. Bitte versuche es in einer Minute erneut – wenn das anhält, sag einem Server-Admin Bescheid.',
  'error.store-broken':
    'Der Artikelspeicher braucht die Aufmerksamkeit eines Admins (Details stehen im Log des Bots), daher kann das gerade nicht beantwortet werden. Bitte sag einem Server-Admin Bescheid.',
  'error.unknown-command':
    'Dieser Befehl ist nicht mehr verfügbar. Bitte einen Admin, `npm run deploy-commands` auszuführen.',
  'error.empty-store':
    'Es sind noch keine Artikel gespeichert. Ein Betreiber kann welche mit `npm run ingest -- <Ordner>` importieren.',
  'error.unknown-article':
    'Kein gespeicherter Artikel passt dazu. Tippe in die Artikel-Option und wähle einen aus der Liste.',
  'error.no-matching-article':
    'Kein gespeicherter Artikel scheint davon zu handeln. Nenne einen mit der Artikel-Option (tippen, um aus der Liste zu wählen).',
  'error.empty-question': 'Bitte gib eine Frage zum Artikel ein.',
  'error.question-too-long': 'Die Frage ist zu lang; bitte bleib unter {max} Zeichen.',
  'cooldown.wait':
    'Du hast /{command} in der letzten Minute {limit}-mal benutzt. Du kannst es {retryAt} wieder benutzen.',
  'usage.no-guild': '/usage funktioniert auf einem Server: Es zeigt die KI-Nutzung dieses Servers.',
  'usage.no-permission': 'Nur Mitglieder, die diesen Server verwalten dürfen, sehen seine KI-Nutzung.',
  'digest.no-permission':
    'Nur Mitglieder, die diesen Server verwalten dürfen, können seinen täglichen Digest ändern oder posten. Frag einen Server-Admin.',
  'error.guild-only':
    '/{command} funktioniert auf einem Server, wo dessen tägliches KI-Budget gilt: Benutze es dort in einem Kanal.',
  'usage.title': 'KI-Nutzung dieses Servers',
  'usage.today': 'Heute ({zone})',
  'usage.week': 'Letzte 7 Tage',
  'usage.model-calls': 'Modellaufrufe: {count}',
  'usage.tokens':
    'Tokens: {total} (Eingabe {input} · Ausgabe {output} · Cache gelesen {cacheRead} · Cache geschrieben {cacheWrite})',
  'usage.cache-hits': 'Antwort-Cache-Treffer: {rate} ({cached} von {replies} Antworten)',
  'usage.prompt-cache': 'Prompt-Cache-Lesezugriffe: {share} der Eingabe-Tokens',
  'usage.offline': 'Offline-Antworten: {count}',
  'usage.cost': 'Geschätzte Kosten: {cost}',
  'usage.budget': 'Tägliches Token-Budget: {used} von {budget} heute verbraucht (Reset um Mitternacht UTC)',
  'usage.no-budget': 'Tägliches Token-Budget: unbegrenzt',
  'offline.does-not-answer': 'Der Artikel beantwortet „{question}“ nicht.',
  'offline.covers': 'Er behandelt: {title} — {topics}.',
  'offline.covers-title': 'Er behandelt: {title}.',
  'offline.empty-article': 'Der Artikel enthält keinen Text zum Zusammenfassen.',
  'resolve.no-match': 'Kein gespeicherter Artikel passt sicher genug zu „{typed}“.',
  'resolve.close-titles': 'Ähnliche Titel:',
  'resolve.pick': 'Tippe in die Artikel-Option und wähle einen aus der Liste.',
  'resolve.unsure-question':
    'Kein gespeicherter Artikel passt eindeutig zu dieser Frage, daher wurde nicht auf gut Glück geantwortet.',
  'resolve.considered': 'Geprüfte Artikel:',
  'resolve.name-one': 'Nenne einen mit der Artikel-Option (tippen, um aus der Liste zu wählen).',
  'reply.unsupported.answer':
    'Der Artikel stützt keine Antwort darauf: Die Antwort des KI-Modells zitierte nichts aus dem Artikel und wird daher nicht gezeigt.',
  'reply.unsupported.summary':
    'Keine Zusammenfassung: Die Zusammenfassung des KI-Modells zitierte nichts aus dem Artikel und ließ sich daher nicht daran prüfen.',
  'reply.unsupported.offline-answer':
    'Sätze, die die Offline-Suche im Artikel fand (direkt aus dem Artikel, keine Antwort):',
  'reply.unsupported.offline-summary':
    'Stattdessen die Offline-Zusammenfassung (Sätze direkt aus dem Artikel):',
  'reply.withdrawn': '(Der Text oben ist zurückgezogen: Er zitierte nichts aus dem Artikel.)',
};

export const core = { en, de, es: {}, fr: {}, ru: {} } as const;
