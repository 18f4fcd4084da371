/** A contract's unit or period ("month", "visit") as the current reader's language writes it. */
import { t } from './t.js';

export function unitWord(unit: string): string {
  return t('replies-contract.unit', { unit });
}

/** A quantity of a contract's unit, as the reader's language writes it: `q` is the number already formatted ("1,50"), `n` picks the plural ("2 pièces"). */
export function quantityWord(q: string, n: number, unit: string): string {
  return t('replies-contract.quantity', { q, n, unit });
}
