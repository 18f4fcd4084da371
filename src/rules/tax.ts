/**
 * Tax on invoice lines, as EN 16931 computes it: each line carries a VAT category and rate; the
 * tax breakdown (BG-23) sums the line net amounts per category and rate, then computes each
 * category's tax once from that sum and rounds it to the cent, half away from zero. The invoice's
 * tax is the sum of the categories' rounded amounts, never a sum of per-line taxes. Pure.
 */
import type { ContractTax, Money, TaxCategory, TaxTerms } from './contract-types.js';

/** UNTDID 5305 codes used by EN 16931 for each category (BT-118, BT-151). */
export const TAX_CATEGORY_CODES: Record<TaxCategory, 'S' | 'Z' | 'E' | 'AE' | 'O'> = {
  standard: 'S',
  zero: 'Z',
  exempt: 'E',
  reverse_charge: 'AE',
  outside_scope: 'O',
};

/** The tax terms of a line priced at `code` (a rate code or part SKU): the exception, else the contract's. */
export function taxTermsFor(tax: ContractTax, code: string | undefined): TaxTerms {
  const hit = code === undefined ? undefined : tax.codes.find((c) => c.codes.includes(code));
  const t = hit ?? tax;
  const out: TaxTerms = { category: t.category, rate: t.rate };
  if (t.reason !== undefined) out.reason = t.reason;
  return out;
}

/** `base` × `rate` % in minor units, rounded half away from zero; exact for any realistic amount. */
export function taxOn(base: Money, rate: number): Money {
  const hundredths = BigInt(Math.round(rate * 100));
  const num = BigInt(base) * hundredths;
  const den = 10000n;
  const abs = num < 0n ? -num : num;
  let q = abs / den;
  if ((abs % den) * 2n >= den) q += 1n;
  return Number(num < 0n ? -q : q);
}

export interface TaxRow {
  category: TaxCategory;
  rate: number;
  reason?: string;
  /** BT-116: sum of the line net amounts in this category and rate */
  taxable: Money;
  /** BT-117: `taxable` × rate, rounded once */
  tax: Money;
}

export interface TaxedTotals {
  rows: TaxRow[];
  /** BT-106 / BT-109: sum of line net amounts */
  net: Money;
  /** BT-110 */
  tax: Money;
  /** BT-112 / BT-115 */
  gross: Money;
}

/** The breakdown and totals of lines with their frozen tax terms, categories in first-seen order. */
export function taxTotals(lines: readonly { amount: Money; tax: TaxTerms }[]): TaxedTotals {
  const rows = new Map<string, TaxRow>();
  let net = 0;
  for (const l of lines) {
    net += l.amount;
    const key = `${l.tax.category}:${l.tax.rate}`;
    let row = rows.get(key);
    if (!row) {
      row = { category: l.tax.category, rate: l.tax.rate, taxable: 0, tax: 0 };
      if (l.tax.reason !== undefined) row.reason = l.tax.reason;
      rows.set(key, row);
    }
    row.taxable += l.amount;
  }
  let tax = 0;
  for (const row of rows.values()) {
    row.tax = taxOn(row.taxable, row.rate);
    tax += row.tax;
  }
  return { rows: [...rows.values()], net, tax, gross: net + tax };
}
