/**
 * The line under a refused task code or SKU: the closest ones the contract has ("Closest codes:
 * HVAC-LAB"), else all of them ("SKUs: BELT-A42, …"; "none" for an empty price list).
 */
import { t } from '../i18n/index.js';
import { closest } from '../rules/closest.js';

const HINTS = {
  code: {
    near: (near: string) => t('errors-billing.closest-codes', { near }),
    all: (codes: string) => t('errors-billing.codes', { codes }),
  },
  sku: {
    near: (near: string) => t('errors-billing.closest-skus', { near }),
    all: (skus: string) => t('errors-billing.skus', { skus: skus || t('errors-billing.none') }),
  },
};

export function closestHint(kind: keyof typeof HINTS, typed: string, known: string[]): string {
  const near = closest(typed, known);
  return near.length ? HINTS[kind].near(near.join(', ')) : HINTS[kind].all(known.join(', '));
}
