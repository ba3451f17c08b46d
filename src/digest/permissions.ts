import type { MessageKey } from '../core/i18n/index.ts';

/** Discord's permission names (as the port gives them) → their names in the reader's Discord client. */
const PERMISSION_NAMES: Readonly<Record<string, MessageKey>> = {
  'View Channel': 'digest.permission.view-channel',
  'Send Messages': 'digest.permission.send-messages',
  'Embed Links': 'digest.permission.embed-links',
};

/** The catalogue keys of the permissions named (an unknown name stays as Discord wrote it). */
export function permissionKeys(missing: readonly string[]): string[] {
  return missing.map((name) => PERMISSION_NAMES[name] ?? name);
}
