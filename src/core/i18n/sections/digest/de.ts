import type { DigestKey } from './en.ts';

export const digestDe: { readonly [K in DigestKey]: string } = {
  'command.digest.set.language': 'Sprache des geposteten Überblicks (Standard: die Sprache dieses Servers)',
  'digest.config':
    'Täglicher Überblick in <#{channel}> um {time} {zone}, bis zu {items}, auf {language}{empty}.',
  'digest.config.empty-note': ', mit einer Zeile an Tagen ohne Neuigkeiten',
  'digest.articles.one': '{count} Artikel',
  'digest.articles.few': '{count} Artikel',
  'digest.articles.many': '{count} Artikel',
  'digest.articles.other': '{count} Artikel',
  'digest.next-post': 'Nächster Post: {time}.',
  'digest.status.paused': '**Pausiert** seit {at}: {reason}',
  'digest.status.next': 'Nächster Post: {time}, {relative}.',
  'digest.status.last': 'Letzter Post: {at}, {count}{link}',
  'digest.status.last-none': 'Letzter Post: noch keiner.',
  'digest.status.error': 'Letzter Fehler ({at}): {message}',
  'digest.status.none': 'Hier ist kein täglicher Überblick eingerichtet. Benutze /digest set.',
  'digest.pause.channel-missing':
    'Der Kanal des Überblicks existiert nicht mehr. Wähle mit /digest set einen anderen.',
  'digest.pause.missing-access':
    'Der Bot sieht den Kanal des Überblicks nicht mehr. Gib ihm dort „Kanal ansehen“ und führe dann /digest set aus.',
  'digest.pause.missing-permissions':
    'Der Bot darf im Kanal des Überblicks nicht mehr posten: Er braucht dort „Kanal ansehen“, „Nachrichten senden“ und „Links einbetten“. Korrigiere die Kanalberechtigungen und führe dann /digest set aus.',
  'digest.pause.missing-named':
    'Dem Bot fehlt im Kanal des Überblicks: {missing}. Erteile es dort (Kanaleinstellungen → Berechtigungen) und führe dann /digest set aus.',
  'digest.outcome.posted': 'Überblick gepostet ({count}) in <#{channel}>{link}.',
  'digest.outcome.nothing-new':
    'Keine neuen Artikel seit dem letzten Überblick, daher wurde nichts gepostet.',
  'digest.outcome.paused': 'Der Überblick ist pausiert: {reason}',
  'digest.outcome.busy': 'In diesem Server wird gerade ein Überblick gepostet; schau gleich im Kanal nach.',
  'digest.outcome.failed': 'Der Überblick konnte nicht gepostet werden: {reason}',
  'digest.outcome.abandoned':
    'Der Überblick konnte nicht gepostet werden: Das Posten wurde unterbrochen und nicht wiederholt, damit er nicht doppelt erscheint.',
  'digest.outcome.nothing': 'Es wurde nichts gepostet.',
  'digest.off.done': 'Der tägliche Überblick ist aus.',
  'digest.off.none': 'Hier war kein täglicher Überblick eingerichtet.',
  'digest.preview.nothing': 'Jetzt würde nichts gepostet: keine neuen Artikel seit dem letzten Überblick.',
  'digest.no-guild': 'Der Überblick wird pro Server eingerichtet: Benutze /digest auf einem Server.',
  'digest.bad-subcommand': '/digest hat keinen Unterbefehl „{name}“.',
  'digest.missing-option': '/digest set braucht {name}.',
  'digest.bad-time':
    '„{typed}“ ist keine Uhrzeit: Benutze HH:MM im 24-Stunden-Format, z. B. 09:00 oder 18:30.',
  'digest.bad-timezone':
    '„{typed}“ ist keine Zeitzone, die ich kenne: Wähle eine aus der Liste, z. B. Europe/Berlin oder America/New_York.',
  'digest.bad-items': 'items muss eine ganze Zahl von {min} bis {max} sein.',
  'digest.bad-language':
    'Der Überblick kann auf {languages} gepostet werden; wähle eine Sprache aus der Liste.',
  'digest.not-set': 'Auf diesem Server ist noch kein Überblick eingerichtet. Benutze zuerst /digest set.',
  'digest.bad-channel':
    'Ich sehe diesen Kanal nicht. Wähle einen Text- oder Ankündigungskanal dieses Servers.',
  'digest.missing-permission':
    'Ich kann den Überblick nicht in <#{channel}> posten: Mir fehlen dort diese Berechtigungen: {missing}. Gib sie dem Bot in den Kanalberechtigungen und führe /digest set erneut aus.',
  'digest.permission.view-channel': 'Kanal ansehen',
  'digest.permission.send-messages': 'Nachrichten senden',
  'digest.permission.embed-links': 'Links einbetten',
  'digest.post.heading': '**Täglicher Überblick** · {date} · {count}',
  'digest.post.new-articles.one': '{count} neuer Artikel',
  'digest.post.new-articles.few': '{count} neue Artikel',
  'digest.post.new-articles.many': '{count} neue Artikel',
  'digest.post.new-articles.other': '{count} neue Artikel',
  'digest.post.offline-note': '-# Einige Zusammenfassungen sind Offline-Auszüge (gekennzeichnet).',
  'digest.post.offline-label': '*Offline-Auszug: Die Zusammenfassung war nicht verfügbar.*',
  'digest.post.empty': '**Täglicher Überblick** · Keine neuen Artikel seit dem letzten Überblick.',
  'digest.console.heading': 'Täglicher Überblick · {date} · {count}',
  'digest.console.empty': 'Täglicher Überblick · Keine neuen Artikel seit dem letzten Überblick.',
  'digest.console.offline': '(Offline-Auszug: Die Zusammenfassung war nicht verfügbar)',
};
