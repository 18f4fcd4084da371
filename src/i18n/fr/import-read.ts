/** Pourquoi un import ne peut pas lire un fichier CSV, et où. */
import type { Translations } from '../catalog-types.js';
import type { importRead as English } from '../en/import-read.js';

export const importRead: Translations<typeof English> = {
  'import-read.at-line': '{file}{line, select, none {} other { ligne {line}}}\u00a0: {message}',
  'import-read.kind-unknown': 'quel genre de fichier est-ce\u202f? Dites l’un de {kinds} (ou nommez le fichier rates.csv, sites.csv…)',
  'import-read.empty': 'le fichier est vide\u202f; il faut une ligne d’en-tête puis une ligne par élément',
  'import-read.no-rows': 'le fichier a un en-tête mais aucune ligne',
  'import-read.unnamed-column': 'la colonne {n} a des valeurs mais pas d’en-tête\u202f; nommez-la, ou commencez son en-tête par # pour l’ignorer',
  'import-read.same-column': 'les colonnes {first} («\u202f{firstHeader}\u202f») et {second} («\u202f{secondHeader}\u202f») sont toutes deux {name}',
  'import-read.unknown-column': '«\u202f{header}\u202f»',
  'import-read.unknown-column-near': '«\u202f{header}\u202f» (vouliez-vous dire {suggestion}\u202f?)',
  'import-read.unknown-columns':
    '{n, plural, one {colonne inconnue} other {colonnes inconnues}} {headers}. Colonnes connues\u00a0: {known}. Commencez un en-tête par # pour garder une colonne que l’import doit ignorer.',
  'import-read.missing-columns': '{n, plural, one {colonne manquante} other {colonnes manquantes}}\u00a0: {names}',
  'import-read.not-utf8': '{file} n’est pas en UTF-8\u202f; il a été lu en Windows-1252 (vérifiez les lettres accentuées)',
};
