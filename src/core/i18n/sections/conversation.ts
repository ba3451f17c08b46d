import { defineSection } from '../section.ts';

/**
 * Follow-ups in a conversation about one article (a Discord thread, the console's `>` lines): what the newsroom
 * and the console tell a member about the conversation itself. The answers are the article's, never these.
 */
export const conversation = defineSection(
  {
    'conversation.article-gone':
      'The article this conversation is about is no longer stored, so there is nothing left to answer from. Ask a new question to pick another article.',
    'conversation.changed':
      'The article has changed since this conversation began (then version {version}); this answer is from the current version.',
    'conversation.console-hint':
      'Follow up on this answer: start a line with > (for example: > Who pays for it?)',
    'conversation.console-none':
      'There is no answer to follow up on yet: ask with /ask or /summary first, then start a line with >.',
  },
  {
    de: {
      'conversation.article-gone':
        'Der Artikel, um den es in diesem Gespräch geht, ist nicht mehr gespeichert, daher gibt es nichts mehr, woraus geantwortet werden kann. Stell eine neue Frage, um einen anderen Artikel zu wählen.',
      'conversation.changed':
        'Der Artikel hat sich seit Beginn dieses Gesprächs geändert (damals Version {version}); diese Antwort stammt aus der aktuellen Version.',
      'conversation.console-hint':
        'Nachfrage zu dieser Antwort: beginne eine Zeile mit > (zum Beispiel: > Wer bezahlt das?)',
      'conversation.console-none':
        'Es gibt noch keine Antwort, zu der du nachfragen kannst: frag zuerst mit /ask oder /summary, dann beginne eine Zeile mit >.',
    },
    es: {
      'conversation.article-gone':
        'El artículo de esta conversación ya no está guardado, así que no queda nada de lo que responder. Haz una pregunta nueva para elegir otro artículo.',
      'conversation.changed':
        'El artículo ha cambiado desde que empezó esta conversación (entonces versión {version}); esta respuesta es de la versión actual.',
      'conversation.console-hint':
        'Para seguir preguntando sobre esta respuesta, empieza una línea con > (por ejemplo: > ¿Quién lo paga?)',
      'conversation.console-none':
        'Todavía no hay ninguna respuesta sobre la que seguir preguntando: pregunta primero con /ask o /summary y luego empieza una línea con >.',
    },
    fr: {
      'conversation.article-gone':
        "L'article dont parle cette conversation n'est plus enregistré : il n'y a plus rien à partir de quoi répondre. Posez une nouvelle question pour choisir un autre article.",
      'conversation.changed':
        "L'article a changé depuis le début de cette conversation (alors version {version}) ; cette réponse vient de la version actuelle.",
      'conversation.console-hint':
        'Pour poser une question de suivi, commencez une ligne par > (par exemple : > Qui le paie ?)',
      'conversation.console-none':
        "Il n'y a pas encore de réponse à suivre : demandez d'abord avec /ask ou /summary, puis commencez une ligne par >.",
    },
    ru: {
      'conversation.article-gone':
        'Статья, о которой идёт этот разговор, больше не хранится, поэтому отвечать не из чего. Задайте новый вопрос, чтобы выбрать другую статью.',
      'conversation.changed':
        'Статья изменилась с начала этого разговора (тогда версия {version}); этот ответ — по текущей версии.',
      'conversation.console-hint':
        'Уточняющий вопрос к этому ответу: начните строку с > (например: > Кто за это платит?)',
      'conversation.console-none':
        'Пока нет ответа, к которому можно задать уточняющий вопрос: сначала спросите через /ask или /summary, затем начните строку с >.',
    },
  },
);
