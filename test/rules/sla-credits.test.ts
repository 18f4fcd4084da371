import { describe, expect, it } from 'vitest';
import { creditCapAmount, creditOwed, periodOf } from '../../src/rules/sla-credits.js';
import { acme, brightdesk, northwind, petra } from './sla-fixtures.js';

describe('creditOwed', () => {
  it('percent of the monthly fee, first matching rule', () => {
    // ACME fee EUR 1,800.00 = 180000 cents. Response breach P2 -> 2% = 3600.
    expect(creditOwed(acme, { window: 'response', priority: 'P2', alreadyThisPeriod: 0 })).toEqual({
      amount: 3600,
      uncapped: 3600,
      capped: false,
      ruleIndex: 1,
      rule: 'sla.credits[1]: response breach, P1/P2: 2% of fee',
    });
    // Restore breach P1 -> rule 0, 5% = 9000.
    expect(creditOwed(acme, { window: 'restore', priority: 'P1', alreadyThisPeriod: 0 })).toMatchObject({ amount: 9000, ruleIndex: 0 });
    // Restore breach P2 matches nothing; response breach P3 neither.
    expect(creditOwed(acme, { window: 'restore', priority: 'P2', alreadyThisPeriod: 0 })).toBeNull();
    expect(creditOwed(acme, { window: 'response', priority: 'P3', alreadyThisPeriod: 0 })).toBeNull();
    // A contract without credits owes none.
    expect(creditOwed(brightdesk, { window: 'restore', priority: 'P1', alreadyThisPeriod: 0 })).toBeNull();
  });

  it('rounds half away from zero to minor units', () => {
    // 2% of 123.25 = 2.465 -> 2.47; 2% of 123.45 = 2.469 -> 2.47; 2% of 123.15 = 2.463 -> 2.46.
    const q = { window: 'response' as const, priority: 'P1' as const, alreadyThisPeriod: 0 };
    expect(creditOwed(acme, { ...q, feeMinor: 12325 })!.amount).toBe(247);
    expect(creditOwed(acme, { ...q, feeMinor: 12345 })!.amount).toBe(247);
    expect(creditOwed(acme, { ...q, feeMinor: 12315 })!.amount).toBe(246);
    // 5% of 123.50 = 6.175 -> 6.18 (a float would give 6.174999...).
    expect(creditOwed(acme, { window: 'restore', priority: 'P1', feeMinor: 12350, alreadyThisPeriod: 0 })!.amount).toBe(618);
  });

  it('fixed amounts', () => {
    expect(creditOwed(petra, { window: 'restore', priority: 'P1', alreadyThisPeriod: 0 })).toMatchObject({
      amount: 150_000,
      capped: false,
      rule: 'sla.credits[0]: restore breach, P1: USD 1,500.00',
    });
    expect(creditOwed(petra, { window: 'response', priority: 'P1', alreadyThisPeriod: 0 })!.amount).toBe(50_000);
    expect(creditOwed(petra, { window: 'response', priority: 'P2', alreadyThisPeriod: 0 })).toBeNull();
  });

  it('the cap is reached mid-month: cut to what is left, then zero', () => {
    // ACME cap 15% of 1,800.00 = 270.00. Already 250.00 this month; a P1 restore credit (90.00)
    // is cut to 20.00.
    expect(creditCapAmount(acme)).toBe(27_000);
    expect(creditOwed(acme, { window: 'restore', priority: 'P1', alreadyThisPeriod: 25_000 })).toMatchObject({
      amount: 2_000,
      uncapped: 9_000,
      capped: true,
    });
    // Exactly at the cap: still owed nothing, but the rule and the cap are reported.
    expect(creditOwed(acme, { window: 'restore', priority: 'P1', alreadyThisPeriod: 27_000 })).toMatchObject({ amount: 0, capped: true, ruleIndex: 0 });
    // Exactly fitting is not capped.
    expect(creditOwed(acme, { window: 'restore', priority: 'P1', alreadyThisPeriod: 18_000 })).toMatchObject({ amount: 9_000, capped: false });
    // PETRA amount cap 6,000.00: after 5,000.00 a 1,500.00 credit becomes 1,000.00.
    expect(creditOwed(petra, { window: 'restore', priority: 'P1', alreadyThisPeriod: 500_000 })).toMatchObject({ amount: 100_000, capped: true });
    // The cap follows the fee passed in: 15% of 1,000.00 = 150.00.
    expect(creditCapAmount(acme, 100_000)).toBe(15_000);
  });

  it('matches tiers', () => {
    // NORTHWIND fee 4,200.00. Restore P1 gold -> 10% = 420.00; silver/bronze -> 5% = 210.00.
    expect(creditOwed(northwind, { window: 'restore', priority: 'P1', tier: 'gold', alreadyThisPeriod: 0 })).toMatchObject({ amount: 42_000, ruleIndex: 0 });
    expect(creditOwed(northwind, { window: 'restore', priority: 'P1', tier: 'bronze', alreadyThisPeriod: 0 })).toMatchObject({ amount: 21_000, ruleIndex: 1 });
    // Tiers are ids typed in chat: case-insensitive.
    expect(creditOwed(northwind, { window: 'restore', priority: 'P1', tier: 'Silver', alreadyThisPeriod: 0 })).toMatchObject({ ruleIndex: 1 });
    // A tier-bound rule never matches a tierless query; the untiered response rule matches any tier.
    expect(creditOwed(northwind, { window: 'restore', priority: 'P1', alreadyThisPeriod: 0 })).toBeNull();
    expect(creditOwed(northwind, { window: 'response', priority: 'P2', tier: 'bronze', alreadyThisPeriod: 0 })).toMatchObject({ amount: 4_200, ruleIndex: 2 });
    // Cap 25% = 1,050.00; after 800.00 a gold restore credit (420.00) is cut to 250.00.
    expect(creditOwed(northwind, { window: 'restore', priority: 'P1', tier: 'gold', alreadyThisPeriod: 80_000 })).toMatchObject({ amount: 25_000, capped: true });
  });
});

describe('periodOf', () => {
  it('keys months, quarters and years in the given zone', () => {
    const d = new Date('2026-11-30T23:30:00Z'); // Tue 1 Dec 00:30 in Paris, Mon 30 Nov 18:30 in New York
    expect(periodOf(d, 'month', 'Europe/Paris')).toBe('2026-12');
    expect(periodOf(d, 'month', 'America/New_York')).toBe('2026-11');
    expect(periodOf(d, 'quarter', 'America/New_York')).toBe('2026-Q4');
    expect(periodOf(d, 'year', 'UTC')).toBe('2026');
    const nye = new Date('2026-12-31T23:30:00Z');
    expect(periodOf(nye, 'quarter', 'Europe/Paris')).toBe('2027-Q1');
    expect(periodOf(nye, 'year', 'Europe/Paris')).toBe('2027');
    expect(periodOf(new Date('2026-03-05T12:00:00Z'), 'month', 'UTC')).toBe('2026-03');
    expect(() => periodOf(d, 'month', 'Mars/Olympus')).toThrow(RangeError);
  });
});
