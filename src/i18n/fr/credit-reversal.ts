import type { Translations } from '../catalog-types.js';
import type { creditReversal as en } from '../en/credit-reversal.js';

export const creditReversal: Translations<typeof en> = {
  'credit-reversal.reason': 'Annule l’avoir nº {id} ({credit})\u00a0: {why}',
  'credit-reversal.other-priority': '{window, select, response {intervention} other {rétablissement}} dépassé en {under}, et non en {was}\u00a0: {headline}',
  'credit-reversal.other-version': '{window, select, response {intervention} other {rétablissement}}\u00a0: dépassement désormais calculé selon {rule}\u00a0: {headline}',
};
