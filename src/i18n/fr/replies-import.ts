import type { Translations } from '../catalog-types.js';
import type { repliesImport as en } from '../en/replies-import.js';

export const repliesImport: Translations<typeof en> = {
  'replies-import.title': '{dry, select, yes {Import : essai à blanc} other {Import}}',
  'replies-import.file': '{name} : {kind}, {rows, plural, one {{rows} ligne} other {{rows} lignes}}',
};
