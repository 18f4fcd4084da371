/** The line under a refused SKU: the closest ones on the price list, else the whole list. */
import { t } from '../i18n/index.js';

export function skuHint(near: string[], parts: readonly { sku: string }[]): string {
  if (near.length) return t('errors-billing.closest-skus', { near: near.join(', ') });
  return t('errors-billing.skus', { skus: parts.map((p) => p.sku).join(', ') || t('errors-billing.none') });
}
