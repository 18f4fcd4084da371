import { describe, expect, it } from 'vitest';
import type { ContractTax, TaxTerms } from '../../src/rules/contract-types.js';
import { taxOn, taxTermsFor, taxTotals } from '../../src/rules/tax.js';

const S20: TaxTerms = { category: 'standard', rate: 20 };
const EXEMPT: TaxTerms = { category: 'exempt', rate: 0, reason: 'Not taxable' };

describe('tax per category, as EN 16931 rounds it', () => {
  it('rounds each category once, half away from zero', () => {
    expect(taxOn(12_500, 5.5)).toBe(688); // 6.875 -> 6.88
    expect(taxOn(-5, 10)).toBe(-1); // -0.005 -> -0.01
    expect(taxOn(4, 12.5)).toBe(1); // 0.005 -> 0.01
    expect(taxOn(999_999_999_999, 20)).toBe(200_000_000_000); // no float drift at a few billions
    expect(taxOn(10_003, 13)).toBe(1300); // 13.0039 -> 13.00
  });

  it('a month with many lines at awkward prices totals exactly as by hand', () => {
    const lines = [
      { amount: 180_000, tax: S20 }, // fee 1800.00
      { amount: 14_875, tax: S20 }, // 1.75 h × 85.00
      { amount: 9563, tax: S20 }, // 0.75 h × 127.50 = 95.625 -> 95.63
      ...Array.from({ length: 10 }, () => ({ amount: 3, tax: S20 })), // ten washers at 0.03
      { amount: -3600, tax: S20 }, // SLA credit -36.00
      { amount: 4500, tax: EXEMPT }, // exempt travel 45.00
      ...Array.from({ length: 7 }, () => ({ amount: 1429, tax: { category: 'standard', rate: 13 } as TaxTerms })), // 7 × 14.29
    ];
    const t = taxTotals(lines);
    // By hand: 20 %: 1800.00 + 148.75 + 95.63 + 0.30 - 36.00 = 2008.68, × 0.20 = 401.736 -> 401.74.
    // 13 %: 7 × 14.29 = 100.03, × 0.13 = 13.0039 -> 13.00. Exempt: 45.00, no tax.
    expect(t.rows).toEqual([
      { category: 'standard', rate: 20, taxable: 200_868, tax: 40_174 },
      { category: 'exempt', rate: 0, reason: 'Not taxable', taxable: 4500, tax: 0 },
      { category: 'standard', rate: 13, taxable: 10_003, tax: 1300 },
    ]);
    expect(t.net).toBe(200_868 + 4500 + 10_003);
    expect(t.tax).toBe(41_474);
    expect(t.gross).toBe(215_371 + 41_474);
    // Per-line rounding would have given 401.78 at 20 % (each 0.03 taxed 0.01): not what EN 16931 does.
    const perLine = lines.filter((l) => l.tax === S20).reduce((s, l) => s + taxOn(l.amount, 20), 0);
    expect(perLine).toBe(40_178);
  });

  it('a code exception overrides the contract default; other codes keep it', () => {
    const tax: ContractTax = { category: 'reverse_charge', rate: 0, reason: 'Autoliquidation', codes: [{ codes: ['PARTS-KIT'], category: 'standard', rate: 20 }] };
    expect(taxTermsFor(tax, 'PARTS-KIT')).toEqual({ category: 'standard', rate: 20 });
    expect(taxTermsFor(tax, 'HVAC-LAB')).toEqual({ category: 'reverse_charge', rate: 0, reason: 'Autoliquidation' });
    expect(taxTermsFor(tax, undefined)).toEqual({ category: 'reverse_charge', rate: 0, reason: 'Autoliquidation' });
  });
});
