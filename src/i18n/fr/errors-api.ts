import type { Translations } from '../catalog-types.js';
import type { errorsApi as en } from '../en/errors-api.js';

export const errorsApi: Translations<typeof en> = {
  'errors-api.scope': 'Ce jeton n’a pas la portée « {scope} ».',
  'errors-api.upload-too-large': 'L’envoi dépasse {max} Mo ; envoyez moins de fichiers ou des fichiers plus petits.',
  'errors-api.file-field': 'Envoyez le fichier dans un champ multipart nommé « file ».',
  'errors-api.one-file-per-step': 'Une étape prend un seul fichier ; envoyez les autres sans code ni étape.',
  'errors-api.no-attachment': '{ref} n’a pas de pièce jointe n° {id}.',
  'errors-api.csv-body': 'Envoyez le CSV comme corps (content-type text/csv), ou des fichiers en multipart/form-data.',
  'errors-api.contract-body': 'Envoyez le contrat en YAML (application/yaml) ou en JSON (application/json).',
  'errors-api.job-or-contract': 'Donnez soit une intervention (job), soit un contrat (contract).',
  'errors-api.cursor': 'Le curseur « {cursor} » ne vient pas de cette liste ; passez le nextCursor de la page précédente.',
  'errors-api.risk-filters': 'order=risk ne prend que team, site et limit ; retirez {names}.',
  'errors-api.job-status': 'status : {typed} n’est pas un statut d’intervention.',
  'errors-api.statuses': 'Statuts : {statuses}',
  'errors-api.range': '{to} est avant {from}.',
};
