import type { Translations } from '../catalog-types.js';
import type { repliesImport as en } from '../en/replies-import.js';

export const repliesImport: Translations<typeof en> = {
  'replies-import.title': '{dry, select, yes {Import : essai à blanc} other {Import}}',
  'replies-import.file': '{name} : {kind}, {rows, plural, one {{rows} ligne} other {{rows} lignes}}',
  'replies-import.counts': 'nouvelles : {new}, modifiées : {changed}, inchangées : {unchanged}{removed, select, 0 {} other {, supprimées : {removed}}}',
  'replies-import.dry-run': 'Essai à blanc : {what}. Rien n’a été écrit ; relancez sans --dry-run pour importer.',
  'replies-import.nothing': 'Rien à changer : {what}.',
  'replies-import.imported': 'Importé : {what}.',
  'replies-import.created': '{id} {dry, select, yes {serait créé} other {est créé}} à partir du modèle {template} (version 1, en vigueur le {from})',
  'replies-import.amended': '{id} {dry, select, yes {serait modifié} other {est modifié}} : version {fromVersion} -> {version}, en vigueur le {from} ({summary})',
  'replies-import.where': '{file}{line, select, none {} other { ligne {line}}}',
  'replies-import.change': '{where} : {what} {action, select, new {nouvelle} changed {modifiée} removed {supprimée} other {{action}}}{fields, select, none {} other { : {fields}}}',
  'replies-import.field': '{field} {from} -> {to}',
  'replies-import.empty': '(vide)',
  'replies-import.more': '… et {n} de plus',
  'replies-import.note': 'note : {note}',
  'replies-import.summary.part': '{kind, select, contracts {conditions} other {{key}}} {action, select, new {nouvelle} removed {supprimée} other {modifiée ({fields})}}',
  'replies-import.summary.more': '{list}\u202f; et {n} de plus',
  'replies-import.summary.none': 'aucun changement',
};
