import { defineSection } from '../section.ts';

/**
 * /news (the stored articles, latest or best matches), the Summary/Ask buttons under each listed article (also the
 * digest's), /help, and what a member sees for a command this bot does not serve.
 */
export const news = defineSection(
  {
    'command.news.description': 'List the latest stored articles, or the best matches for some words',
    'command.news.query': 'Words to look for in titles and text; empty lists the latest articles',
    'command.help.description': 'What each command does (only you see the answer)',
    'news.heading.latest': '**Latest stored articles** ({count})',
    'news.heading.matches': '**Best matches for “{query}”** ({count})',
    'news.none-stored': 'No articles are stored yet, so there is nothing to list. Please try again later.',
    'news.no-match':
      'No stored article matches “{query}”. Try other words, or /news without words for the latest articles.',
    'news.query-too-long': 'That search is {length} characters long; please keep it under {max}.',
    'news.no-category': 'No category',
    'news.button.summary': 'Summary #{position}',
    'news.button.ask': 'Ask about #{position}',
    'news.modal.title': 'Ask about: {title}',
    'news.modal.question': 'Your question about this article',
    'news.article-gone':
      'That article is no longer stored, so I cannot answer about it. Use /news to see what is stored.',
    'news.unavailable':
      '/{command} is not available yet: this bot does not offer it right now. Please try again later, or see /help.',
    'help.title': 'What this bot can do',
    'help.intro': 'Answers come only from the stored news articles. Only you can see this list.',
    'help.required': 'required',
    'help.manage-server': 'For members who can manage the server.',
    'help.message-command': 'On a message: Apps → {name}',
  },
  {
    de: {
      'command.news.description':
        'Die neuesten gespeicherten Artikel anzeigen oder die besten Treffer für einige Wörter',
      'command.news.query': 'Wörter, die in Titeln und Text gesucht werden; leer zeigt die neuesten Artikel',
      'command.help.description': 'Was jeder Befehl tut (nur du siehst die Antwort)',
      'news.heading.latest': '**Neueste gespeicherte Artikel** ({count})',
      'news.heading.matches': '**Beste Treffer für „{query}“** ({count})',
      'news.none-stored':
        'Es sind noch keine Artikel gespeichert, daher gibt es nichts anzuzeigen. Bitte versuche es später noch einmal.',
      'news.no-match':
        'Kein gespeicherter Artikel passt zu „{query}“. Versuche andere Wörter oder /news ohne Wörter für die neuesten Artikel.',
      'news.query-too-long': 'Diese Suche ist {length} Zeichen lang; bitte bleib unter {max}.',
      'news.no-category': 'Keine Kategorie',
      'news.button.summary': 'Zusammenfassung #{position}',
      'news.button.ask': 'Frage zu #{position}',
      'news.modal.title': 'Frage zu: {title}',
      'news.modal.question': 'Deine Frage zu diesem Artikel',
      'news.article-gone':
        'Dieser Artikel ist nicht mehr gespeichert, daher kann ich nichts dazu beantworten. Mit /news siehst du, was gespeichert ist.',
      'news.unavailable':
        '/{command} ist noch nicht verfügbar: Dieser Bot bietet den Befehl gerade nicht an. Bitte versuche es später noch einmal oder sieh dir /help an.',
      'help.title': 'Was dieser Bot kann',
      'help.intro':
        'Antworten stammen nur aus den gespeicherten Nachrichtenartikeln. Nur du siehst diese Liste.',
      'help.required': 'Pflicht',
      'help.manage-server': 'Für Mitglieder, die den Server verwalten dürfen.',
      'help.message-command': 'Auf einer Nachricht: Apps → {name}',
    },
    es: {
      'command.news.description':
        'Muestra los artículos guardados más recientes o los que mejor coinciden con unas palabras',
      'command.news.query': 'Palabras a buscar en títulos y texto; vacío muestra los más recientes',
      'command.help.description': 'Qué hace cada comando (solo tú ves la respuesta)',
      'news.heading.latest': '**Artículos guardados más recientes** ({count})',
      'news.heading.matches': '**Mejores coincidencias para «{query}»** ({count})',
      'news.none-stored':
        'Todavía no hay artículos guardados, así que no hay nada que mostrar. Vuelve a intentarlo más tarde.',
      'news.no-match':
        'Ningún artículo guardado coincide con «{query}». Prueba otras palabras, o /news sin palabras para ver los más recientes.',
      'news.query-too-long': 'Esa búsqueda tiene {length} caracteres; que no pase de {max}, por favor.',
      'news.no-category': 'Sin categoría',
      'news.button.summary': 'Resumen n.º {position}',
      'news.button.ask': 'Preguntar por n.º {position}',
      'news.modal.title': 'Preguntar por: {title}',
      'news.modal.question': 'Tu pregunta sobre este artículo',
      'news.article-gone':
        'Ese artículo ya no está guardado, así que no puedo responder sobre él. Usa /news para ver lo que hay guardado.',
      'news.unavailable':
        '/{command} todavía no está disponible: este bot no lo ofrece ahora mismo. Vuelve a intentarlo más tarde o consulta /help.',
      'help.title': 'Lo que puede hacer este bot',
      'help.intro':
        'Las respuestas salen solo de los artículos de noticias guardados. Solo tú ves esta lista.',
      'help.required': 'obligatorio',
      'help.manage-server': 'Para miembros que pueden gestionar el servidor.',
      'help.message-command': 'En un mensaje: Aplicaciones → {name}',
    },
    fr: {
      'command.news.description':
        'Affiche les derniers articles enregistrés, ou ceux qui correspondent le mieux à des mots',
      'command.news.query': 'Mots à chercher dans les titres et le texte ; vide affiche les plus récents',
      'command.help.description': 'Ce que fait chaque commande (toi seul vois la réponse)',
      'news.heading.latest': '**Derniers articles enregistrés** ({count})',
      'news.heading.matches': '**Meilleurs résultats pour « {query} »** ({count})',
      'news.none-stored':
        'Aucun article n’est encore enregistré, il n’y a donc rien à afficher. Réessaie plus tard.',
      'news.no-match':
        'Aucun article enregistré ne correspond à « {query} ». Essaie d’autres mots, ou /news sans mots pour les plus récents.',
      'news.query-too-long': 'Cette recherche fait {length} caractères ; reste sous {max}, s’il te plaît.',
      'news.no-category': 'Sans catégorie',
      'news.button.summary': 'Résumé nº {position}',
      'news.button.ask': 'Question sur le nº {position}',
      'news.modal.title': 'Question sur : {title}',
      'news.modal.question': 'Ta question sur cet article',
      'news.article-gone':
        'Cet article n’est plus enregistré, je ne peux donc pas répondre à son sujet. Utilise /news pour voir ce qui est enregistré.',
      'news.unavailable':
        '/{command} n’est pas encore disponible : ce bot ne la propose pas pour le moment. Réessaie plus tard, ou consulte /help.',
      'help.title': 'Ce que ce bot sait faire',
      'help.intro':
        'Les réponses viennent uniquement des articles enregistrés. Toi seul peux voir cette liste.',
      'help.required': 'obligatoire',
      'help.manage-server': 'Pour les membres qui peuvent gérer le serveur.',
      'help.message-command': 'Sur un message : Applications → {name}',
    },
    ru: {
      'command.news.description': 'Последние сохранённые статьи или лучшие совпадения по словам',
      'command.news.query': 'Слова для поиска в заголовках и тексте; пусто — последние статьи',
      'command.help.description': 'Что делает каждая команда (ответ видите только вы)',
      'news.heading.latest': '**Последние сохранённые статьи** ({count})',
      'news.heading.matches': '**Лучшие совпадения для «{query}»** ({count})',
      'news.none-stored':
        'Сохранённых статей пока нет, поэтому показать нечего. Пожалуйста, попробуйте позже.',
      'news.no-match':
        'Ни одна сохранённая статья не подходит к «{query}». Попробуйте другие слова или /news без слов, чтобы увидеть последние статьи.',
      'news.query-too-long': 'В этом запросе {length} символов; пожалуйста, не больше {max}.',
      'news.no-category': 'Без категории',
      'news.button.summary': 'Сводка №{position}',
      'news.button.ask': 'Вопрос о №{position}',
      'news.modal.title': 'Вопрос о статье: {title}',
      'news.modal.question': 'Ваш вопрос об этой статье',
      'news.article-gone':
        'Эта статья больше не хранится, поэтому ответить о ней я не могу. Откройте /news, чтобы увидеть сохранённые статьи.',
      'news.unavailable':
        '/{command} пока недоступна: сейчас этот бот её не предлагает. Пожалуйста, попробуйте позже или откройте /help.',
      'help.title': 'Что умеет этот бот',
      'help.intro': 'Ответы берутся только из сохранённых новостных статей. Этот список видите только вы.',
      'help.required': 'обязательно',
      'help.manage-server': 'Для участников, которые могут управлять сервером.',
      'help.message-command': 'На сообщении: Приложения → {name}',
    },
  },
);
