import type { DigestKey } from './en.ts';

export const digestFr: { readonly [K in DigestKey]: string } = {
  'command.digest.set.language': 'Langue de la revue publiée (par défaut : la langue de ce serveur)',
  'digest.config':
    'Revue quotidienne dans <#{channel}> à {time} {zone}, jusqu’à {items}, en {language}{empty}.',
  'digest.config.empty-note': ', avec une note d’une ligne les jours sans nouvelles',
  'digest.articles.one': '{count} article',
  'digest.articles.few': '{count} articles',
  'digest.articles.many': '{count} d’articles',
  'digest.articles.other': '{count} articles',
  'digest.next-post': 'Prochaine publication : {time}.',
  'digest.status.paused': '**En pause** depuis {at} : {reason}',
  'digest.status.next': 'Prochaine publication : {time}, {relative}.',
  'digest.status.last': 'Dernière publication : {at}, {count}{link}',
  'digest.status.last-none': 'Dernière publication : aucune pour l’instant.',
  'digest.status.error': 'Dernière erreur ({at}) : {message}',
  'digest.status.none': 'Aucune revue quotidienne n’est configurée ici. Utilisez /digest set.',
  'digest.pause.channel-missing':
    'Le salon de la revue n’existe plus. Choisissez-en un autre avec /digest set.',
  'digest.pause.missing-access':
    'Le bot ne voit plus le salon de la revue. Donnez-lui « Voir le salon » là-bas, puis lancez /digest set.',
  'digest.pause.missing-permissions':
    'Le bot ne peut plus publier dans le salon de la revue : il y a besoin de « Voir le salon », « Envoyer des messages » et « Intégrer des liens ». Corrigez les permissions du salon, puis lancez /digest set.',
  'digest.pause.missing-named':
    'Il manque au bot {missing} dans le salon de la revue. Accordez-le-lui (paramètres du salon → Permissions), puis lancez /digest set.',
  'digest.outcome.posted': 'Revue publiée ({count}) dans <#{channel}>{link}.',
  'digest.outcome.nothing-new': 'Aucun nouvel article depuis la dernière revue, rien n’a donc été publié.',
  'digest.outcome.paused': 'La revue est en pause : {reason}',
  'digest.outcome.busy':
    'Une revue est en cours de publication sur ce serveur ; regardez le salon dans un instant.',
  'digest.outcome.failed': 'La revue n’a pas pu être publiée : {reason}',
  'digest.outcome.abandoned':
    'La revue n’a pas pu être publiée : la publication a été interrompue et n’a pas été relancée, pour qu’elle n’apparaisse pas deux fois.',
  'digest.outcome.nothing': 'Rien n’a été publié.',
  'digest.off.done': 'La revue quotidienne est désactivée.',
  'digest.off.none': 'Aucune revue quotidienne n’était configurée ici.',
  'digest.preview.nothing':
    'Rien ne serait publié maintenant : aucun nouvel article depuis la dernière revue.',
  'digest.no-guild': 'La revue se règle par serveur : utilisez /digest dans un serveur.',
  'digest.bad-subcommand': '/digest n’a pas de sous-commande « {name} ».',
  'digest.missing-option': '/digest set a besoin de {name}.',
  'digest.bad-time': '« {typed} » n’est pas une heure : utilisez HH:MM sur 24 heures, p. ex. 09:00 ou 18:30.',
  'digest.bad-timezone':
    '« {typed} » n’est pas un fuseau horaire que je connais : choisissez-en un dans la liste, p. ex. Europe/Paris ou America/Montreal.',
  'digest.bad-items': 'items doit être un nombre entier de {min} à {max}.',
  'digest.bad-language': 'La revue peut être publiée en {languages} ; choisissez une langue dans la liste.',
  'digest.not-set': 'Aucune revue n’est encore configurée sur ce serveur. Utilisez d’abord /digest set.',
  'digest.bad-channel': 'Je ne vois pas ce salon. Choisissez un salon textuel ou d’annonces de ce serveur.',
  'digest.missing-permission':
    'Je ne peux pas publier la revue dans <#{channel}> : il me manque {missing} là-bas. Accordez-les au bot dans les permissions du salon, puis relancez /digest set.',
  'digest.permission.view-channel': 'Voir le salon',
  'digest.permission.send-messages': 'Envoyer des messages',
  'digest.permission.embed-links': 'Intégrer des liens',
  'digest.post.heading': '**Revue quotidienne** · {date} · {count}',
  'digest.post.new-articles.one': '{count} nouvel article',
  'digest.post.new-articles.few': '{count} nouveaux articles',
  'digest.post.new-articles.many': '{count} de nouveaux articles',
  'digest.post.new-articles.other': '{count} nouveaux articles',
  'digest.post.offline-note': '-# Certains résumés sont des extraits hors ligne (signalés).',
  'digest.post.offline-label': '*Extrait hors ligne : le résumeur n’était pas disponible.*',
  'digest.post.empty': '**Revue quotidienne** · Aucun nouvel article depuis la dernière revue.',
  'digest.console.heading': 'Revue quotidienne · {date} · {count}',
  'digest.console.empty': 'Revue quotidienne · Aucun nouvel article depuis la dernière revue.',
  'digest.console.offline': '(extrait hors ligne : le résumeur n’était pas disponible)',
};
