import type { CoreKey } from './en.ts';

export const coreFr: { readonly [K in CoreKey]: string } = {
  'command.summary.description': 'Résumer un article d’actualité enregistré',
  'command.summary.article': 'L’article (tapez pour chercher) ; vide = le plus récent',
  'command.summary.length': 'La longueur du résumé',
  'command.summary.length.brief': 'Bref',
  'command.summary.length.standard': 'Standard',
  'command.summary.length.detailed': 'Détaillé',
  'command.ask.description': 'Poser une question, répondue uniquement à partir d’un article enregistré',
  'command.ask.question': 'Votre question sur l’article',
  'command.ask.article': 'L’article (tapez pour chercher) ; vide = celui qui correspond le mieux',
  'command.summary.language': 'La langue de la réponse (par défaut : votre langue Discord)',
  'command.ask.language': 'La langue de la réponse (par défaut : votre langue Discord)',
  'command.usage.description':
    'L’usage de l’IA sur ce serveur : appels au modèle, tokens, cache et coût estimé',
  'command.digest.description': 'La revue quotidienne des nouveaux articles dans un salon de ce serveur',
  'command.digest.set': 'Publier la revue chaque jour dans un salon à une heure locale',
  'command.digest.set.channel': 'Où la revue est publiée',
  'command.digest.set.time': 'Heure locale, HH:MM (24 h), p. ex. 09:00',
  'command.digest.set.timezone': 'Fuseau horaire IANA, p. ex. Europe/Paris',
  'command.digest.set.empty_note':
    'Les jours sans nouvel article, publier une note d’une ligne (par défaut : rien)',
  'command.digest.off': 'Arrêter la revue quotidienne',
  'command.digest.status': 'Réglages, prochaine publication, dernière publication et dernière erreur',
  'command.digest.preview': 'Voir en privé exactement ce qui serait publié maintenant',
  'command.digest.post-now': 'Publier la revue maintenant',
  'command.digest.set.items': 'Combien d’articles ({min}–{max}, par défaut {default})',
  'reply.picked.best-match': 'Réponse tirée de l’article qui correspond le mieux : **{title}** ({date})',
  'reply.picked.latest': 'Résumé de l’article le plus récent : **{title}** ({date})',
  'reply.offline':
    '⚠️ Réponse hors ligne : le modèle d’IA n’est pas disponible pour le moment, ces phrases viennent donc directement de l’article.',
  'reply.offline.over-budget':
    '⚠️ Réponse hors ligne : le budget d’IA du jour de ce serveur est épuisé, ces phrases viennent donc directement de l’article.',
  'reply.offline.no-api-key':
    'ℹ️ Réponse hors ligne : aucun modèle d’IA n’est configuré, ces phrases viennent donc directement de l’article.',
  'reply.budget':
    'Ce serveur a épuisé son budget d’IA du jour ; il est remis à zéro à minuit ({zone}), {resetsAt}. D’ici là, les réponses viennent directement des articles.',
  'reply.writing': '✍️ Rédaction…',
  'reply.quotes': 'Extraits de l’article',
  'reply.continued': 'Suite ci-dessous ({part}/{total})',
  'reply.truncated': '…(raccourci pour tenir dans Discord)',
  'error.unexpected':
    'Désolé, un problème est survenu de notre côté pendant la réponse. Veuillez réessayer dans une minute.',
  'error.store-unavailable':
    'La base d’articles n’est pas disponible pour le moment ; rien de ce qui est enregistré n’est perdu. Réessayez dans une minute — si cela continue, prévenez un administrateur du serveur.',
  'error.store-broken':
    'La base d’articles demande l’intervention d’un administrateur (les détails sont dans le journal du bot), il est donc impossible de répondre pour le moment. Prévenez un administrateur du serveur.',
  'error.empty-store':
    'Aucun article n’est encore enregistré. Un opérateur peut en importer avec `npm run ingest -- <dossier>`.',
  'error.unknown-article':
    'Aucun article enregistré ne correspond. Tapez dans l’option article et choisissez-en un dans la liste.',
  'error.no-matching-article':
    'Aucun article enregistré ne semble en parler. Indiquez-en un avec l’option article (tapez pour choisir dans la liste).',
  'error.empty-question': 'Veuillez taper une question sur l’article.',
  'error.question-too-long': 'Cette question est trop longue ; restez sous {max} caractères.',
  'cooldown.wait':
    'Vous avez utilisé /{command} {limit} fois au cours de la dernière minute. Vous pourrez le réutiliser {retryAt}.',
  'usage.no-guild': '/usage fonctionne dans un serveur : il montre l’usage de l’IA de ce serveur.',
  'usage.no-permission': 'Seuls les membres qui peuvent gérer ce serveur voient son usage de l’IA.',
  'digest.no-permission':
    'Seuls les membres qui peuvent gérer ce serveur peuvent modifier ou publier sa revue quotidienne. Demandez à un administrateur du serveur.',
  'error.guild-only':
    '/{command} fonctionne dans un serveur, où s’applique son budget d’IA quotidien : utilisez-le dans un salon de celui-ci.',
  'usage.title': 'Usage de l’IA sur ce serveur',
  'usage.today': 'Aujourd’hui ({zone})',
  'usage.week': '7 derniers jours',
  'usage.model-calls': 'Appels au modèle : {count}',
  'usage.tokens':
    'Tokens : {total} (entrée {input} · sortie {output} · lecture du cache {cacheRead} · écriture du cache {cacheWrite})',
  'usage.cache-hits': 'Réponses servies par le cache : {rate} ({cached} sur {replies} réponses)',
  'usage.prompt-cache': 'Lectures du cache de prompt : {share} des tokens d’entrée',
  'usage.offline': 'Réponses hors ligne : {count}',
  'usage.cost': 'Coût estimé : {cost}',
  'usage.budget':
    'Budget quotidien de tokens : {used} sur {budget} utilisés aujourd’hui (remis à zéro à minuit UTC)',
  'usage.no-budget': 'Budget quotidien de tokens : illimité',
  'offline.does-not-say': 'L’article ne dit pas {restated}.',
  'offline.does-not-answer': 'L’article ne répond pas à « {question} ».',
  'offline.covers': 'Il traite de : {title} — {topics}.',
  'offline.covers-title': 'Il traite de : {title}.',
  'offline.empty-article': 'L’article n’a pas de texte à résumer.',
  'resolve.no-match': 'Aucun article enregistré ne correspond assez à « {typed} » pour en être sûr.',
  'resolve.close-titles': 'Titres proches :',
  'resolve.pick': 'Tapez dans l’option article et choisissez-en un dans la liste.',
  'resolve.unsure-question':
    'Aucun article enregistré ne correspond clairement à cette question, elle n’a donc pas reçu de réponse au hasard.',
  'resolve.considered': 'Articles examinés :',
  'resolve.name-one': 'Indiquez-en un avec l’option article (tapez pour choisir dans la liste).',
  'reply.unsupported.answer':
    'L’article ne permet pas de répondre à cela : la réponse du modèle d’IA ne citait rien de l’article, elle n’est donc pas affichée.',
  'reply.unsupported.summary':
    'Aucun résumé affiché : le résumé du modèle d’IA ne citait rien de l’article et n’a donc pas pu être vérifié.',
  'reply.unsupported.offline-answer':
    'Phrases trouvées dans l’article par la recherche hors ligne (telles quelles, ce n’est pas une réponse) :',
  'reply.unsupported.offline-summary':
    'À la place, le résumé hors ligne (phrases tirées telles quelles de l’article) :',
  'reply.withdrawn': '(Le texte ci-dessus est retiré : il ne citait rien de l’article.)',
};
