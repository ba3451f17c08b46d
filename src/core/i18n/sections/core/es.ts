import type { CoreKey } from './en.ts';

export const coreEs: { readonly [K in CoreKey]: string } = {
  'command.summary.description': 'Resumir un artículo de noticias guardado',
  'command.summary.article': 'El artículo (escribe para buscar); vacío significa el más reciente',
  'command.summary.length': 'Qué tan largo debe ser el resumen',
  'command.summary.length.brief': 'Breve',
  'command.summary.length.standard': 'Normal',
  'command.summary.length.detailed': 'Detallado',
  'command.ask.description': 'Hacer una pregunta respondida solo a partir de un artículo guardado',
  'command.ask.question': 'Tu pregunta sobre el artículo',
  'command.ask.article': 'El artículo (escribe para buscar); vacío significa el que mejor coincide',
  'command.summary.language': 'El idioma de la respuesta (por defecto: tu idioma de Discord)',
  'command.ask.language': 'El idioma de la respuesta (por defecto: tu idioma de Discord)',
  'command.usage.description':
    'El uso de IA de este servidor: llamadas al modelo, tokens, aciertos de caché y coste',
  'command.digest.description': 'El resumen diario de artículos nuevos en un canal de este servidor',
  'command.digest.set': 'Publicar el resumen cada día en un canal a una hora local',
  'command.digest.set.channel': 'Dónde se publica el resumen',
  'command.digest.set.time': 'Hora local, HH:MM (24 h), p. ej. 09:00',
  'command.digest.set.timezone': 'Zona horaria IANA, p. ej. Europe/Madrid',
  'command.digest.set.empty_note':
    'Los días sin artículos nuevos, publicar una nota de una línea (por defecto: nada)',
  'command.digest.off': 'Detener el resumen diario',
  'command.digest.status': 'Ajustes, próxima publicación, última publicación y último error',
  'command.digest.preview': 'Ver en privado exactamente lo que se publicaría ahora',
  'command.digest.post-now': 'Publicar el resumen ahora',
  'command.digest.set.items': 'Cuántos artículos ({min}–{max}, por defecto {default})',
  'reply.picked.best-match': 'Respondido a partir del artículo que mejor coincide: **{title}** ({date})',
  'reply.picked.latest': 'Resumen del artículo más reciente: **{title}** ({date})',
  'reply.offline':
    '⚠️ Respuesta sin conexión: el modelo de IA no está disponible ahora, así que estas frases vienen directamente del artículo.',
  'reply.offline.over-budget':
    '⚠️ Respuesta sin conexión: el presupuesto de IA de hoy de este servidor se ha agotado, así que estas frases vienen directamente del artículo.',
  'reply.offline.no-api-key':
    'ℹ️ Respuesta sin conexión: no hay ningún modelo de IA configurado, así que estas frases vienen directamente del artículo.',
  'reply.budget':
    'Este servidor ha agotado el presupuesto de IA de hoy; se restablece a medianoche ({zone}), {resetsAt}. Hasta entonces las respuestas vienen directamente de los artículos.',
  'reply.writing': '✍️ Escribiendo…',
  'reply.quotes': 'Del artículo',
  'reply.continued': 'Continúa abajo ({part}/{total})',
  'reply.truncated': '…(acortado para caber en Discord)',
  'error.unexpected':
    'Lo sentimos, algo salió mal por nuestra parte al responder. Vuelve a intentarlo en un minuto.',
  'error.store-unavailable':
    'El almacén de artículos no está disponible ahora; no se ha perdido nada guardado. Vuelve a intentarlo en un minuto; si sigue pasando, avisa a un administrador del servidor.',
  'error.store-broken':
    'El almacén de artículos necesita la atención de un administrador (los detalles están en el registro del bot), así que ahora no se puede responder. Avisa a un administrador del servidor.',
  'error.empty-store':
    'Todavía no hay artículos guardados. Un operador puede importar algunos con `npm run ingest -- <carpeta>`.',
  'error.unknown-article':
    'Ningún artículo guardado coincide con eso. Escribe en la opción del artículo y elige uno de la lista.',
  'error.no-matching-article':
    'Ningún artículo guardado parece tratar de eso. Indica uno con la opción del artículo (escribe para elegir de la lista).',
  'error.empty-question': 'Escribe una pregunta sobre el artículo.',
  'error.question-too-long': 'Esa pregunta es demasiado larga; que no pase de {max} caracteres.',
  'cooldown.wait':
    'Has usado /{command} {limit} veces en el último minuto. Podrás volver a usarlo {retryAt}.',
  'usage.no-guild': '/usage funciona en un servidor: muestra el uso de IA de ese servidor.',
  'usage.no-permission': 'Solo los miembros que pueden gestionar este servidor ven su uso de IA.',
  'digest.no-permission':
    'Solo los miembros que pueden gestionar este servidor pueden cambiar o publicar su resumen diario. Pregunta a un administrador del servidor.',
  'error.guild-only':
    '/{command} funciona en un servidor, donde se aplica su presupuesto diario de IA: úsalo en un canal de allí.',
  'usage.title': 'Uso de IA de este servidor',
  'usage.today': 'Hoy ({zone})',
  'usage.week': 'Últimos 7 días',
  'usage.model-calls': 'Llamadas al modelo: {count}',
  'usage.tokens':
    'Tokens: {total} (entrada {input} · salida {output} · lectura de caché {cacheRead} · escritura de caché {cacheWrite})',
  'usage.cache-hits': 'Aciertos de la caché de respuestas: {rate} ({cached} de {replies} respuestas)',
  'usage.prompt-cache': 'Lecturas de la caché de prompts: {share} de los tokens de entrada',
  'usage.offline': 'Respuestas sin conexión: {count}',
  'usage.cost': 'Coste estimado: {cost}',
  'usage.budget':
    'Presupuesto diario de tokens: {used} de {budget} usados hoy (se restablece a medianoche UTC)',
  'usage.no-budget': 'Presupuesto diario de tokens: ilimitado',
  'offline.does-not-say': 'El artículo no dice {restated}.',
  'offline.does-not-answer': 'El artículo no responde a «{question}».',
  'offline.covers': 'Trata de: {title} — {topics}.',
  'offline.covers-title': 'Trata de: {title}.',
  'offline.empty-article': 'El artículo no tiene texto que resumir.',
  'resolve.no-match': 'Ningún artículo guardado coincide con «{typed}» lo bastante como para estar seguro.',
  'resolve.close-titles': 'Títulos parecidos:',
  'resolve.pick': 'Escribe en la opción del artículo y elige uno de la lista.',
  'resolve.unsure-question':
    'Ningún artículo guardado coincide claramente con esa pregunta, así que no se respondió a ciegas.',
  'resolve.considered': 'Artículos considerados:',
  'resolve.name-one': 'Indica uno con la opción del artículo (escribe para elegir de la lista).',
  'reply.unsupported.answer':
    'El artículo no respalda una respuesta a esto: la respuesta del modelo de IA no citaba nada del artículo, así que no se muestra.',
  'reply.unsupported.summary':
    'No se muestra ningún resumen: el resumen del modelo de IA no citaba nada del artículo, así que no se pudo comprobar con él.',
  'reply.unsupported.offline-answer':
    'Frases que la búsqueda sin conexión encontró en el artículo (tal cual del artículo, no una respuesta):',
  'reply.unsupported.offline-summary': 'En su lugar, el resumen sin conexión (frases tal cual del artículo):',
  'reply.withdrawn': '(El texto de arriba se retira: no citaba nada del artículo.)',
};
