import type { CoreKey } from './en.ts';

export const coreDe: { readonly [K in CoreKey]: string } = {
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
  'offline.does-not-say': 'Der Artikel sagt nicht, {restated}.',
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
