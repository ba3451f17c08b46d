import type { DigestKey } from './en.ts';

export const digestEs: { readonly [K in DigestKey]: string } = {
  'command.digest.set.language': 'Idioma del resumen publicado (por defecto: el idioma de este servidor)',
  'digest.config': 'Resumen diario en <#{channel}> a las {time} {zone}, hasta {items}, en {language}{empty}.',
  'digest.config.empty-note': ', con una nota de una línea los días sin noticias',
  'digest.articles.one': '{count} artículo',
  'digest.articles.few': '{count} artículos',
  'digest.articles.many': '{count} artículos',
  'digest.articles.other': '{count} artículos',
  'digest.next-post': 'Próxima publicación: {time}.',
  'digest.status.paused': '**En pausa** desde {at}: {reason}',
  'digest.status.next': 'Próxima publicación: {time}, {relative}.',
  'digest.status.last': 'Última publicación: {at}, {count}{link}',
  'digest.status.last-none': 'Última publicación: ninguna todavía.',
  'digest.status.error': 'Último error ({at}): {message}',
  'digest.status.none': 'Aquí no hay ningún resumen diario configurado. Usa /digest set.',
  'digest.pause.channel-missing': 'El canal del resumen ya no existe. Elige otro con /digest set.',
  'digest.pause.missing-access':
    'El bot ya no puede ver el canal del resumen. Dale allí «Ver canal» y luego ejecuta /digest set.',
  'digest.pause.missing-permissions':
    'El bot ya no puede publicar en el canal del resumen: necesita allí «Ver canal», «Enviar mensajes» e «Insertar enlaces». Corrige los permisos del canal y luego ejecuta /digest set.',
  'digest.pause.missing-named':
    'Al bot le falta {missing} en el canal del resumen. Concédeselo allí (ajustes del canal → Permisos) y luego ejecuta /digest set.',
  'digest.outcome.posted': 'Resumen publicado ({count}) en <#{channel}>{link}.',
  'digest.outcome.nothing-new':
    'No hay artículos nuevos desde el último resumen, así que no se publicó nada.',
  'digest.outcome.paused': 'El resumen está en pausa: {reason}',
  'digest.outcome.busy':
    'Ahora mismo se está publicando un resumen en este servidor; mira el canal dentro de un momento.',
  'digest.outcome.failed': 'No se pudo publicar el resumen: {reason}',
  'digest.outcome.abandoned':
    'No se pudo publicar el resumen: la publicación se interrumpió y no se reenvió, para que no aparezca dos veces.',
  'digest.outcome.nothing': 'No se publicó nada.',
  'digest.off.done': 'El resumen diario está desactivado.',
  'digest.off.none': 'Aquí no había ningún resumen diario configurado.',
  'digest.preview.nothing': 'Ahora no se publicaría nada: no hay artículos nuevos desde el último resumen.',
  'digest.no-guild': 'El resumen se configura por servidor: usa /digest en un servidor.',
  'digest.bad-subcommand': '/digest no tiene el subcomando «{name}».',
  'digest.missing-option': '/digest set necesita {name}.',
  'digest.bad-time':
    '«{typed}» no es una hora del día: usa HH:MM en formato de 24 horas, p. ej. 09:00 o 18:30.',
  'digest.bad-timezone':
    '«{typed}» no es una zona horaria que conozca: elige una de la lista, p. ej. Europe/Madrid o America/Mexico_City.',
  'digest.bad-items': 'items debe ser un número entero de {min} a {max}.',
  'digest.bad-language': 'El resumen se puede publicar en {languages}; elige un idioma de la lista.',
  'digest.not-set': 'Este servidor aún no tiene un resumen configurado. Usa primero /digest set.',
  'digest.bad-channel': 'No puedo ver ese canal. Elige un canal de texto o de anuncios de este servidor.',
  'digest.missing-permission':
    'No puedo publicar el resumen en <#{channel}>: me faltan allí estos permisos: {missing}. Concédeselos al bot en los permisos del canal y vuelve a ejecutar /digest set.',
  'digest.permission.view-channel': 'Ver canal',
  'digest.permission.send-messages': 'Enviar mensajes',
  'digest.permission.embed-links': 'Insertar enlaces',
  'digest.post.heading': '**Resumen diario** · {date} · {count}',
  'digest.post.new-articles.one': '{count} artículo nuevo',
  'digest.post.new-articles.few': '{count} artículos nuevos',
  'digest.post.new-articles.many': '{count} artículos nuevos',
  'digest.post.new-articles.other': '{count} artículos nuevos',
  'digest.post.offline-note': '-# Algunos resúmenes son extractos sin conexión (marcados).',
  'digest.post.offline-label': '*Extracto sin conexión: el resumidor no estaba disponible.*',
  'digest.post.empty': '**Resumen diario** · No hay artículos nuevos desde el último resumen.',
  'digest.console.heading': 'Resumen diario · {date} · {count}',
  'digest.console.empty': 'Resumen diario · No hay artículos nuevos desde el último resumen.',
  'digest.console.offline': '(extracto sin conexión: el resumidor no estaba disponible)',
};
