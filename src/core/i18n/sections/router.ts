import { defineSection } from '../section.ts';

/** What the router itself says: a button or form this version does not serve. */
export const router = defineSection(
  {
    'router.stale-component':
      'This button no longer works (it belongs to an older message or version). Run the command again for a fresh one.',
  },
  {
    de: {
      'router.stale-component':
        'Diese Schaltfläche funktioniert nicht mehr (sie gehört zu einer älteren Nachricht oder Version). Führe den Befehl erneut aus, um eine neue zu bekommen.',
    },
    es: {
      'router.stale-component':
        'Este botón ya no funciona (pertenece a un mensaje o una versión anterior). Vuelve a ejecutar el comando para obtener uno nuevo.',
    },
    fr: {
      'router.stale-component':
        'Ce bouton ne fonctionne plus (il appartient à un message ou une version antérieurs). Relancez la commande pour en obtenir un nouveau.',
    },
    ru: {
      'router.stale-component':
        'Эта кнопка больше не работает (она из старого сообщения или версии). Выполните команду ещё раз, чтобы получить новую.',
    },
  },
);
