import { defineSection } from '../section.ts';

/**
 * "Report" under every answer and summary, its modal, the thanks, and /reports (issue #16, point 3). Limits:
 * button labels ≤ 80, the modal title and the text input's label ≤ 45, its placeholder ≤ 100, the command's
 * description ≤ 100 (test/core/i18n checks them).
 */
export const reports = defineSection(
  {
    'report.button': 'Report',
    'report.modal.title': 'Report a problem with this answer',
    'report.modal.label': 'What is wrong? (optional)',
    'report.modal.placeholder': 'E.g. “the article says 12 votes, not 31”. You may leave this empty.',
    'report.thanks':
      'Thank you — your report was saved for the people who check the bot’s answers. Your name is not kept with it.',
    'report.thanks.no-record':
      'Thank you — your report was saved. The full answer is no longer on record (answers are kept for 30 days), so the report keeps what the message shows.',
    'report.already': 'You already reported this answer — thank you, one report is enough.',
    'report.too-many':
      'You have sent {limit} reports in a short time — thank you. You can send another {retryAt}.',
    'report.command.description': 'Answers members of this server reported as wrong, newest first',
    'report.no-permission': 'Only members with the Manage Server permission can see this server’s reports.',
    'report.list.empty': 'No one has reported an answer in this server yet.',
    'report.list.header': 'Reported answers, newest first: {from}–{to} of {total}.',
    'report.list.question': 'Question',
    'report.list.summary': 'A summary (no question)',
    'report.list.answer': 'Answer',
    'report.list.note': 'What is wrong',
    'report.list.no-note': '(the member wrote nothing)',
    'report.list.no-record': 'The answer was no longer on record; the message showed:',
    'report.list.footer': '{model} · article version {version}',
    'report.list.newer': 'Newer',
    'report.list.older': 'Older',
    'report.not-saved':
      'Your report could not be saved just now, so nothing was sent. Please press Report again in a minute.',
    'report.no-guild': '/reports works in a server: it lists that server’s reported answers.',
  },
  {
    de: {
      'report.button': 'Melden',
      'report.modal.title': 'Ein Problem mit dieser Antwort melden',
      'report.modal.label': 'Was ist falsch? (optional)',
      'report.modal.placeholder':
        'Z. B. „im Artikel steht 12 Stimmen, nicht 31“. Du kannst das Feld leer lassen.',
      'report.thanks':
        'Danke – deine Meldung wurde für die Leute gespeichert, die die Antworten des Bots prüfen. Dein Name wird nicht mitgespeichert.',
      'report.thanks.no-record':
        'Danke – deine Meldung wurde gespeichert. Die vollständige Antwort ist nicht mehr vorhanden (Antworten werden 30 Tage aufbewahrt), daher enthält die Meldung, was die Nachricht zeigt.',
      'report.already': 'Du hast diese Antwort schon gemeldet – danke, eine Meldung genügt.',
      'report.too-many':
        'Du hast in kurzer Zeit {limit} Meldungen geschickt – danke. Die nächste kannst du {retryAt} senden.',
      'report.command.description':
        'Antworten, die Mitglieder dieses Servers als falsch gemeldet haben, neueste zuerst',
      'report.no-permission':
        'Nur Mitglieder mit der Berechtigung „Server verwalten“ sehen die Meldungen dieses Servers.',
      'report.list.empty': 'Auf diesem Server wurde noch keine Antwort gemeldet.',
      'report.list.header': 'Gemeldete Antworten, neueste zuerst: {from}–{to} von {total}.',
      'report.list.question': 'Frage',
      'report.list.summary': 'Eine Zusammenfassung (keine Frage)',
      'report.list.answer': 'Antwort',
      'report.list.note': 'Was falsch ist',
      'report.list.no-note': '(das Mitglied hat nichts geschrieben)',
      'report.list.no-record': 'Die Antwort war nicht mehr vorhanden; die Nachricht zeigte:',
      'report.list.footer': '{model} · Artikelversion {version}',
      'report.list.newer': 'Neuere',
      'report.list.older': 'Ältere',
      'report.not-saved':
        'Deine Meldung konnte gerade nicht gespeichert werden, es wurde also nichts gesendet. Bitte drücke in einer Minute noch einmal auf „Melden“.',
      'report.no-guild':
        '/reports funktioniert auf einem Server: Es listet die gemeldeten Antworten dieses Servers.',
    },
    es: {
      'report.button': 'Informar',
      'report.modal.title': 'Informar de un problema con esta respuesta',
      'report.modal.label': '¿Qué está mal? (opcional)',
      'report.modal.placeholder': 'P. ej. «el artículo dice 12 votos, no 31». Puedes dejarlo vacío.',
      'report.thanks':
        'Gracias: tu informe se guardó para quienes revisan las respuestas del bot. Tu nombre no se guarda con él.',
      'report.thanks.no-record':
        'Gracias: tu informe se guardó. La respuesta completa ya no está registrada (las respuestas se guardan 30 días), así que el informe conserva lo que muestra el mensaje.',
      'report.already': 'Ya informaste de esta respuesta. Gracias, con un informe basta.',
      'report.too-many':
        'Has enviado {limit} informes en poco tiempo. Gracias. Podrás enviar otro {retryAt}.',
      'report.command.description':
        'Respuestas que los miembros de este servidor marcaron como erróneas, las más recientes primero',
      'report.no-permission':
        'Solo los miembros con el permiso «Gestionar servidor» pueden ver los informes de este servidor.',
      'report.list.empty': 'Nadie ha informado todavía de una respuesta en este servidor.',
      'report.list.header': 'Respuestas informadas, las más recientes primero: {from}–{to} de {total}.',
      'report.list.question': 'Pregunta',
      'report.list.summary': 'Un resumen (sin pregunta)',
      'report.list.answer': 'Respuesta',
      'report.list.note': 'Qué está mal',
      'report.list.no-note': '(el miembro no escribió nada)',
      'report.list.no-record': 'La respuesta ya no estaba registrada; el mensaje mostraba:',
      'report.list.footer': '{model} · versión del artículo {version}',
      'report.list.newer': 'Más recientes',
      'report.list.older': 'Más antiguas',
      'report.not-saved':
        'Tu informe no se pudo guardar ahora mismo, así que no se envió nada. Vuelve a pulsar «Informar» dentro de un minuto.',
      'report.no-guild':
        '/reports funciona en un servidor: muestra las respuestas informadas de ese servidor.',
    },
    fr: {
      'report.button': 'Signaler',
      'report.modal.title': 'Signaler un problème avec cette réponse',
      'report.modal.label': 'Qu’est-ce qui ne va pas ? (facultatif)',
      'report.modal.placeholder':
        'Par ex. « l’article dit 12 voix, pas 31 ». Vous pouvez laisser ce champ vide.',
      'report.thanks':
        'Merci : votre signalement a été enregistré pour les personnes qui vérifient les réponses du bot. Votre nom n’y est pas conservé.',
      'report.thanks.no-record':
        'Merci : votre signalement a été enregistré. La réponse complète n’est plus conservée (les réponses sont gardées 30 jours), le signalement garde donc ce que le message affiche.',
      'report.already': 'Vous avez déjà signalé cette réponse. Merci, un signalement suffit.',
      'report.too-many':
        'Vous avez envoyé {limit} signalements en peu de temps. Merci. Vous pourrez en envoyer un autre {retryAt}.',
      'report.command.description':
        'Réponses que les membres de ce serveur ont signalées comme fausses, les plus récentes d’abord',
      'report.no-permission':
        'Seuls les membres ayant la permission « Gérer le serveur » peuvent voir les signalements de ce serveur.',
      'report.list.empty': 'Personne n’a encore signalé de réponse sur ce serveur.',
      'report.list.header': 'Réponses signalées, les plus récentes d’abord : {from}–{to} sur {total}.',
      'report.list.question': 'Question',
      'report.list.summary': 'Un résumé (sans question)',
      'report.list.answer': 'Réponse',
      'report.list.note': 'Ce qui ne va pas',
      'report.list.no-note': '(le membre n’a rien écrit)',
      'report.list.no-record': 'La réponse n’était plus conservée ; le message affichait :',
      'report.list.footer': '{model} · version de l’article {version}',
      'report.list.newer': 'Plus récents',
      'report.list.older': 'Plus anciens',
      'report.not-saved':
        'Votre signalement n’a pas pu être enregistré pour l’instant, rien n’a donc été envoyé. Appuyez de nouveau sur « Signaler » dans une minute.',
      'report.no-guild':
        '/reports fonctionne sur un serveur : il liste les réponses signalées de ce serveur.',
    },
    ru: {
      'report.button': 'Сообщить',
      'report.modal.title': 'Сообщить о проблеме с этим ответом',
      'report.modal.label': 'Что не так? (необязательно)',
      'report.modal.placeholder': 'Например: «в статье 12 голосов, а не 31». Поле можно оставить пустым.',
      'report.thanks':
        'Спасибо! Ваше сообщение сохранено для тех, кто проверяет ответы бота. Ваше имя с ним не хранится.',
      'report.thanks.no-record':
        'Спасибо! Ваше сообщение сохранено. Полного ответа уже нет в записях (ответы хранятся 30 дней), поэтому в сообщении сохранено то, что показывает само сообщение бота.',
      'report.already': 'Вы уже сообщили об этом ответе. Спасибо, одного сообщения достаточно.',
      'report.too-many':
        'Вы отправили {limit} сообщений за короткое время. Спасибо! Следующее можно будет отправить {retryAt}.',
      'report.command.description':
        'Ответы, которые участники этого сервера отметили как ошибочные, сначала новые',
      'report.no-permission': 'Сообщения этого сервера видят только участники с правом «Управлять сервером».',
      'report.list.empty': 'На этом сервере ещё никто не сообщал об ответе.',
      'report.list.header': 'Ответы, о которых сообщили, сначала новые: {from}–{to} из {total}.',
      'report.list.question': 'Вопрос',
      'report.list.summary': 'Краткое изложение (без вопроса)',
      'report.list.answer': 'Ответ',
      'report.list.note': 'Что не так',
      'report.list.no-note': '(участник ничего не написал)',
      'report.list.no-record': 'Ответа уже не было в записях; сообщение показывало:',
      'report.list.footer': '{model} · версия статьи {version}',
      'report.list.newer': 'Новее',
      'report.list.older': 'Старее',
      'report.not-saved':
        'Сейчас не удалось сохранить ваше сообщение, поэтому ничего не отправлено. Нажмите «Сообщить» ещё раз через минуту.',
      'report.no-guild':
        '/reports работает на сервере: он показывает ответы этого сервера, о которых сообщили.',
    },
  },
);
