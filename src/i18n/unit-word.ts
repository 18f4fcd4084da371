/** A contract's unit or period ("month", "visit") as the current reader's language writes it. */
import { t } from './t.js';

export function unitWord(unit: string): string {
  return t('replies-contract.unit', { unit });
}
