import type { Translations } from '../catalog-types.js';
import type { errorsCommands as en } from '../en/errors-commands.js';

export const errorsCommands: Translations<typeof en> = {
  'errors-commands.not-a-time': '« {typed} » n’est pas une heure ; utilisez 10:30 ou 2026-11-24T10:30 (heure du site).',
  'errors-commands.not-a-version': '« {typed} » n’est pas une version ; écrivez 2 ou v2.',
  'errors-commands.no-version': '{contract} n’a pas de version {typed} ; il a les versions v1 à v{last}.',
  'errors-commands.not-a-span': '« {typed} » n’est pas une plage ; écrivez-la 08:00-10:30 (heure du site, {zone}).',
  'errors-commands.cannot-read': 'Impossible de lire {path}.',
  'errors-commands.not-a-date': '« {typed} » n’est pas une date ; utilisez 2026-12-01.',
  'errors-commands.not-a-date-or-time': '« {typed} » n’est ni une date ni une heure ; utilisez 2026-12-01, 10:30 ou 2026-12-01T10:30 (heure du site).',
};
