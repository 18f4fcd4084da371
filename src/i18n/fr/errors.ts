import type { Translations } from '../catalog-types.js';
import type { errors as en } from '../en/errors.js';

export const errors: Translations<typeof en> = {
  'errors.title.not-found': 'Introuvable',
  'errors.title.forbidden': 'Non autorisé',
  'errors.title.conflict': 'Déjà fait',
  'errors.title.invalid': 'Cela n’a pas fonctionné',
  'errors.title.limit-exceeded': 'Limite atteinte',
  'errors.title.too-large': 'Trop volumineux',
  'errors.title.precondition-failed': 'Pas encore',
  'errors.title.unavailable': 'Réessayez',
};
