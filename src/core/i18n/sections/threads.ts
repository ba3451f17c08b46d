import { defineSection } from '../section.ts';

/**
 * "Discuss in a thread" (src/discord/threads): the button under answers and digest items, the thread's opening
 * line, follow-up notices and the refusals a member can meet. `{title}` and `{question}` arrive escaped;
 * `{thread}` is a channel link, `{bot}` the bot's mention (shown, never pinging).
 */
export const threads = defineSection(
  {
    'thread.discuss': 'Discuss in a thread',
    'thread.discuss-item': 'Discuss #{position}',
    'thread.opening-mention':
      'Ask follow-up questions about **{title}** here: mention {bot} with your question. I answer from the article only.',
    'thread.opening-content':
      'Ask follow-up questions about **{title}** here: just type your question. I answer from the article only.',
    'thread.opening-question': 'Started from the question: {question}',
    'thread.started': 'Thread started: {thread}. Ask your follow-up questions there.',
    'thread.exists': 'There is already a thread for this: {thread}.',
    'thread.record-gone':
      'This answer is no longer on record, so I cannot start a thread from it. Ask again with /ask.',
    'thread.article-gone':
      'That article is no longer stored, so I cannot discuss it. Try /ask or /summary with another article.',
    'thread.in-thread':
      'This is already a thread. Start a thread from an answer in the channel itself, or mention me here.',
    'thread.no-permission':
      'I cannot start threads here: a server admin needs to give me Create Public Threads and Send Messages in Threads in this channel.',
    'thread.channel-type': 'Threads cannot be started in this kind of channel. Try a text channel.',
    'thread.changed':
      'The article has changed since this thread began (it is now version {version}); this answer is from the current version.',
    'thread.empty-question': 'Ask me a question about **{title}**: mention me, then write your question.',
    'thread.too-long': 'That question is too long: at most {max} characters, please.',
  },
  {
    de: {
      'thread.discuss': 'In einem Thread besprechen',
      'thread.discuss-item': 'Besprechen #{position}',
      'thread.opening-mention':
        'Stelle hier Folgefragen zu **{title}**: Erwähne {bot} mit deiner Frage. Ich antworte nur aus dem Artikel.',
      'thread.opening-content':
        'Stelle hier Folgefragen zu **{title}**: Schreib einfach deine Frage. Ich antworte nur aus dem Artikel.',
      'thread.opening-question': 'Begonnen mit der Frage: {question}',
      'thread.started': 'Thread gestartet: {thread}. Stelle deine Folgefragen dort.',
      'thread.exists': 'Dafür gibt es schon einen Thread: {thread}.',
      'thread.record-gone':
        'Diese Antwort ist nicht mehr gespeichert, daher kann ich keinen Thread dazu starten. Frag erneut mit /ask.',
      'thread.article-gone':
        'Dieser Artikel ist nicht mehr gespeichert, daher kann ich ihn nicht besprechen. Versuche /ask oder /summary mit einem anderen Artikel.',
      'thread.in-thread':
        'Das ist bereits ein Thread. Starte einen Thread von einer Antwort im Kanal selbst, oder erwähne mich hier.',
      'thread.no-permission':
        'Ich kann hier keine Threads starten: Ein Server-Admin muss mir in diesem Kanal „Öffentliche Threads erstellen“ und „Nachrichten in Threads senden“ erlauben.',
      'thread.channel-type':
        'In dieser Art von Kanal lassen sich keine Threads starten. Versuche einen Textkanal.',
      'thread.changed':
        'Der Artikel hat sich seit Beginn dieses Threads geändert (jetzt Version {version}); diese Antwort stammt aus der aktuellen Version.',
      'thread.empty-question':
        'Stell mir eine Frage zu **{title}**: Erwähne mich und schreib dann deine Frage.',
      'thread.too-long': 'Diese Frage ist zu lang: bitte unter {max} Zeichen.',
    },
    es: {
      'thread.discuss': 'Comentar en un hilo',
      'thread.discuss-item': 'Comentar #{position}',
      'thread.opening-mention':
        'Haz aquí preguntas de seguimiento sobre **{title}**: menciona a {bot} con tu pregunta. Respondo solo a partir del artículo.',
      'thread.opening-content':
        'Haz aquí preguntas de seguimiento sobre **{title}**: escribe tu pregunta sin más. Respondo solo a partir del artículo.',
      'thread.opening-question': 'Iniciado con la pregunta: {question}',
      'thread.started': 'Hilo iniciado: {thread}. Haz allí tus preguntas de seguimiento.',
      'thread.exists': 'Ya hay un hilo para esto: {thread}.',
      'thread.record-gone':
        'Esta respuesta ya no está registrada, así que no puedo iniciar un hilo a partir de ella. Vuelve a preguntar con /ask.',
      'thread.article-gone':
        'Ese artículo ya no está guardado, así que no puedo comentarlo. Prueba /ask o /summary con otro artículo.',
      'thread.in-thread':
        'Esto ya es un hilo. Inicia un hilo desde una respuesta en el propio canal, o mencióname aquí.',
      'thread.no-permission':
        'No puedo iniciar hilos aquí: un administrador del servidor debe darme en este canal los permisos «Crear hilos públicos» y «Enviar mensajes en hilos».',
      'thread.channel-type': 'No se pueden iniciar hilos en este tipo de canal. Prueba en un canal de texto.',
      'thread.changed':
        'El artículo ha cambiado desde que empezó este hilo (ahora es la versión {version}); esta respuesta se basa en la versión actual.',
      'thread.empty-question':
        'Hazme una pregunta sobre **{title}**: mencióname y luego escribe tu pregunta.',
      'thread.too-long': 'Esa pregunta es demasiado larga: por favor, que no pase de {max} caracteres.',
    },
    fr: {
      'thread.discuss': 'En discuter dans un fil',
      'thread.discuss-item': 'Discuter #{position}',
      'thread.opening-mention':
        'Posez ici vos questions de suivi sur **{title}** : mentionnez {bot} avec votre question. Je réponds uniquement à partir de l’article.',
      'thread.opening-content':
        'Posez ici vos questions de suivi sur **{title}** : écrivez simplement votre question. Je réponds uniquement à partir de l’article.',
      'thread.opening-question': 'Commencé par la question : {question}',
      'thread.started': 'Fil créé : {thread}. Posez-y vos questions de suivi.',
      'thread.exists': 'Il existe déjà un fil pour cela : {thread}.',
      'thread.record-gone':
        'Cette réponse n’est plus enregistrée, je ne peux donc pas ouvrir de fil à partir d’elle. Reposez la question avec /ask.',
      'thread.article-gone':
        'Cet article n’est plus enregistré, je ne peux donc pas en discuter. Essayez /ask ou /summary avec un autre article.',
      'thread.in-thread':
        'Vous êtes déjà dans un fil. Ouvrez un fil depuis une réponse dans le salon lui-même, ou mentionnez-moi ici.',
      'thread.no-permission':
        'Je ne peux pas créer de fils ici : un administrateur du serveur doit m’accorder « Créer des fils publics » et « Envoyer des messages dans les fils » dans ce salon.',
      'thread.channel-type': 'Impossible de créer un fil dans ce type de salon. Essayez un salon textuel.',
      'thread.changed':
        'L’article a changé depuis le début de ce fil (il en est à la version {version}) ; cette réponse s’appuie sur la version actuelle.',
      'thread.empty-question':
        'Posez-moi une question sur **{title}** : mentionnez-moi, puis écrivez votre question.',
      'thread.too-long': 'Cette question est trop longue : moins de {max} caractères, s’il vous plaît.',
    },
    ru: {
      'thread.discuss': 'Обсудить в ветке',
      'thread.discuss-item': 'Обсудить №{position}',
      'thread.opening-mention':
        'Задавайте здесь уточняющие вопросы о **{title}**: упомяните {bot} и напишите вопрос. Я отвечаю только по статье.',
      'thread.opening-content':
        'Задавайте здесь уточняющие вопросы о **{title}**: просто напишите вопрос. Я отвечаю только по статье.',
      'thread.opening-question': 'Начато с вопроса: {question}',
      'thread.started': 'Ветка создана: {thread}. Задавайте уточняющие вопросы там.',
      'thread.exists': 'Для этого уже есть ветка: {thread}.',
      'thread.record-gone':
        'Этот ответ больше не сохранён, поэтому я не могу начать по нему ветку. Спросите снова через /ask.',
      'thread.article-gone':
        'Эта статья больше не хранится, поэтому я не могу её обсуждать. Попробуйте /ask или /summary с другой статьёй.',
      'thread.in-thread': 'Это уже ветка. Начните ветку с ответа в самом канале или упомяните меня здесь.',
      'thread.no-permission':
        'Я не могу создавать ветки здесь: администратор сервера должен выдать мне в этом канале права «Создавать публичные ветки» и «Отправлять сообщения в ветках».',
      'thread.channel-type': 'В таком канале нельзя создавать ветки. Попробуйте текстовый канал.',
      'thread.changed':
        'Статья изменилась с начала этой ветки (сейчас версия {version}); этот ответ основан на текущей версии.',
      'thread.empty-question': 'Задайте мне вопрос о **{title}**: упомяните меня и напишите вопрос.',
      'thread.too-long': 'Вопрос слишком длинный: пожалуйста, не больше {max} символов.',
    },
  },
);
