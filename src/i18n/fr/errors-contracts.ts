import type { Translations } from '../catalog-types.js';
import type { errorsContracts as en } from '../en/errors-contracts.js';

export const errorsContracts: Translations<typeof en> = {
  'errors-contracts.no-contract': 'Aucun contrat {id}.',
  'errors-contracts.problems': 'Le contrat a {n, plural, one {# problème} other {# problèmes}} ; rien n’a été enregistré.',
  'errors-contracts.not-a-version-number': '« {typed} » n’est pas un numéro de version ; les versions sont 1, 2, 3…',
  'errors-contracts.no-version-at': '{contract} n’a pas de version {version} ; il en est à la v{current}.',
  'errors-contracts.no-versions': 'Le contrat {contract} n’a aucune version.',
  'errors-contracts.amend-why': 'Un avenant demande un motif (pourquoi le contrat change).',
  'errors-contracts.effective-shape': 'La date d’effet « {typed} » doit s’écrire comme 2026-12-01.',
  'errors-contracts.other-contract': 'Ces conditions concernent {terms}, pas {contract} ; l’identifiant d’un contrat ne change pas.',
  'errors-contracts.effective-before': 'La date d’effet {date} précède celle de la version {version} ({from}).',
  'errors-contracts.closest': 'Les plus proches : {ids}',
  'errors-contracts.known': 'Connus : {ids}',
  'errors-contracts.none-yet': 'aucun pour l’instant',
  'errors-contracts.no-version-of': 'Aucune version {version} du contrat {contract}.',
  'errors-contracts.no-site-on': 'Aucun site {site} sur {contract}.',
  'errors-contracts.exists': 'Le contrat {contract} existe déjà ; modifiez-le par un avenant.',
};
