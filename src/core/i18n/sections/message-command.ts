import { defineSection } from '../section.ts';

/**
 * The "Summarize article" message command (Apps menu on a message). The name is what Discord shows in the menu:
 * 1–32 characters, any case, spaces allowed. `{host}` is a link's host, shown in inline code.
 */
export const messageCommand = defineSection(
  {
    'message-command.summarize.name': 'Summarize article',
    'message-command.summarize.description':
      'On a message with a link to a news article (or an article id): Apps → Summarize article',
    'message-command.no-article':
      'This message has no link to a stored article and no article id. Use Summarize article on a message that links to a news article from a source this server follows, or pick one with /summary.',
    'message-command.not-a-source':
      'The link to `{host}` is not a stored article, and `{host}` is not one of the news sources this bot reads, so I do not fetch it. Use /summary to pick a stored article, or ask an operator to add the source.',
    'message-command.refused':
      'The link to `{host}` leads to an address this bot may not fetch, so nothing was read. Use /summary to pick a stored article.',
    'message-command.unreachable':
      'I could not fetch the article at `{host}` just now. Please try again in a few minutes, or use /summary to pick a stored article.',
    'message-command.not-an-article':
      'I fetched the link to `{host}`, but found no article text in it. Use Summarize article on a link to a single news article.',
    'message-command.off-site':
      'The link to `{host}` redirects away from that news source’s site, so I did not store it. Use a direct link to the article.',
    'message-command.busy': 'Several links are being fetched right now. Please try again in a minute.',
  },
  {
    de: {
      'message-command.summarize.name': 'Artikel zusammenfassen',
      'message-command.summarize.description':
        'Auf einer Nachricht mit einem Link zu einem Artikel (oder einer Artikel-ID): Apps → Artikel zusammenfassen',
      'message-command.no-article':
        'Diese Nachricht enthält keinen Link zu einem gespeicherten Artikel und keine Artikel-ID. Verwende „Artikel zusammenfassen“ auf einer Nachricht mit einem Link zu einem Artikel einer Quelle, der dieser Server folgt, oder wähle einen mit /summary.',
      'message-command.not-a-source':
        'Der Link zu `{host}` ist kein gespeicherter Artikel, und `{host}` gehört nicht zu den Nachrichtenquellen dieses Bots, daher rufe ich ihn nicht ab. Wähle mit /summary einen gespeicherten Artikel oder bitte einen Betreiber, die Quelle hinzuzufügen.',
      'message-command.refused':
        'Der Link zu `{host}` führt zu einer Adresse, die dieser Bot nicht abrufen darf; es wurde nichts gelesen. Wähle mit /summary einen gespeicherten Artikel.',
      'message-command.unreachable':
        'Ich konnte den Artikel bei `{host}` gerade nicht abrufen. Bitte versuche es in ein paar Minuten erneut oder wähle mit /summary einen gespeicherten Artikel.',
      'message-command.not-an-article':
        'Ich habe den Link zu `{host}` abgerufen, aber keinen Artikeltext darin gefunden. Verwende „Artikel zusammenfassen“ auf einem Link zu einem einzelnen Artikel.',
      'message-command.off-site':
        'Der Link zu `{host}` leitet von der Website dieser Nachrichtenquelle weg, daher habe ich ihn nicht gespeichert. Verwende einen direkten Link zum Artikel.',
      'message-command.busy':
        'Gerade werden mehrere Links abgerufen. Bitte versuche es in einer Minute erneut.',
    },
    es: {
      'message-command.summarize.name': 'Resumir artículo',
      'message-command.summarize.description':
        'En un mensaje con un enlace a una noticia (o un id de artículo): Apps → Resumir artículo',
      'message-command.no-article':
        'Este mensaje no tiene un enlace a un artículo guardado ni un id de artículo. Usa «Resumir artículo» en un mensaje que enlace a una noticia de una fuente que sigue este servidor, o elige una con /summary.',
      'message-command.not-a-source':
        'El enlace a `{host}` no es un artículo guardado y `{host}` no es una de las fuentes de noticias que lee este bot, así que no lo descargo. Usa /summary para elegir un artículo guardado o pide a un operador que añada la fuente.',
      'message-command.refused':
        'El enlace a `{host}` lleva a una dirección que este bot no puede consultar, así que no se leyó nada. Usa /summary para elegir un artículo guardado.',
      'message-command.unreachable':
        'No pude descargar el artículo de `{host}` en este momento. Inténtalo de nuevo en unos minutos o usa /summary para elegir un artículo guardado.',
      'message-command.not-an-article':
        'Descargué el enlace a `{host}`, pero no encontré texto de artículo. Usa «Resumir artículo» en un enlace a una sola noticia.',
      'message-command.off-site':
        'El enlace a `{host}` redirige fuera del sitio de esa fuente de noticias, así que no lo guardé. Usa un enlace directo al artículo.',
      'message-command.busy':
        'Ahora mismo se están descargando varios enlaces. Inténtalo de nuevo en un minuto.',
    },
    fr: {
      'message-command.summarize.name': "Résumer l'article",
      'message-command.summarize.description':
        'Sur un message avec un lien vers un article (ou un id d’article) : Applications → Résumer l’article',
      'message-command.no-article':
        'Ce message ne contient ni lien vers un article enregistré ni id d’article. Utilise « Résumer l’article » sur un message qui renvoie à un article d’une source suivie par ce serveur, ou choisis-en un avec /summary.',
      'message-command.not-a-source':
        'Le lien vers `{host}` n’est pas un article enregistré, et `{host}` ne fait pas partie des sources que ce bot lit ; je ne le télécharge donc pas. Utilise /summary pour choisir un article enregistré, ou demande à un opérateur d’ajouter la source.',
      'message-command.refused':
        'Le lien vers `{host}` mène à une adresse que ce bot n’a pas le droit de consulter ; rien n’a été lu. Utilise /summary pour choisir un article enregistré.',
      'message-command.unreachable':
        'Je n’ai pas pu télécharger l’article sur `{host}` pour le moment. Réessaie dans quelques minutes, ou utilise /summary pour choisir un article enregistré.',
      'message-command.not-an-article':
        'J’ai téléchargé le lien vers `{host}`, mais je n’y ai trouvé aucun texte d’article. Utilise « Résumer l’article » sur le lien d’un seul article.',
      'message-command.off-site':
        'Le lien vers `{host}` redirige hors du site de cette source ; je ne l’ai donc pas enregistré. Utilise un lien direct vers l’article.',
      'message-command.busy': 'Plusieurs liens sont en cours de téléchargement. Réessaie dans une minute.',
    },
    ru: {
      'message-command.summarize.name': 'Кратко о статье',
      'message-command.summarize.description':
        'На сообщении со ссылкой на новость (или id статьи): Приложения → Кратко о статье',
      'message-command.no-article':
        'В этом сообщении нет ссылки на сохранённую статью и нет id статьи. Используй «Кратко о статье» на сообщении со ссылкой на новость из источника, который читает этот сервер, или выбери статью через /summary.',
      'message-command.not-a-source':
        'Ссылка на `{host}` — не сохранённая статья, и `{host}` не входит в источники новостей этого бота, поэтому я её не загружаю. Выбери сохранённую статью через /summary или попроси оператора добавить источник.',
      'message-command.refused':
        'Ссылка на `{host}` ведёт на адрес, который этому боту загружать нельзя, поэтому ничего не прочитано. Выбери сохранённую статью через /summary.',
      'message-command.unreachable':
        'Сейчас не удалось загрузить статью с `{host}`. Попробуй ещё раз через несколько минут или выбери сохранённую статью через /summary.',
      'message-command.not-an-article':
        'Я загрузил ссылку на `{host}`, но не нашёл в ней текста статьи. Используй «Кратко о статье» на ссылке на одну новость.',
      'message-command.off-site':
        'Ссылка на `{host}` перенаправляет за пределы сайта этого источника, поэтому я её не сохранил. Используй прямую ссылку на статью.',
      'message-command.busy': 'Сейчас загружается несколько ссылок. Попробуй ещё раз через минуту.',
    },
  },
);
