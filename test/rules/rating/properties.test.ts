/**
 * Properties of the engine over random months of work on the pilots.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Contract } from '../../../src/rules/contract-types.js';
import { rateInvoice, type RatingInput } from '../../../src/rules/rating/index.js';
import { variant } from './helpers.js';
import { build, month } from './months.js';
import { loadPilot } from './pilots.js';

const MIN = 60_000;

const acme = loadPilot('ACME-HVAC').contract;
const brightdesk = loadPilot('BRIGHTDESK-IT').contract;
const northwind = loadPilot('NORTHWIND-TEL').contract;
const petra = loadPilot('PETRA-OG').contract;
const stluke = loadPilot('STLUKE-BIOMED').contract;
const contracts: Contract[] = [acme, brightdesk, northwind, petra, stluke];

describe('rating properties', () => {
  test.each(contracts.map((c) => [c.id, c] as const))('%s: totals are the sum of the lines; only credits and adjustments are negative; minutes add up', (_id, c) => {
    fc.assert(
      fc.property(month(c), (m) => {
        const r = rateInvoice(build(c, m));
        let billable = 0;
        let credits = 0;
        let nominal = 0;
        for (const l of r.lines) {
          expect(Number.isInteger(l.amount)).toBe(true);
          if (l.kind === 'credit') {
            expect(l.amount).toBeLessThan(0);
            credits += l.amount;
          } else {
            // A correction of invoiced work refunds (negative) or charges; it counts as billed.
            if (l.kind !== 'adjustment') expect(l.amount).toBeGreaterThanOrEqual(0);
            billable += l.amount;
          }
          if (l.covered) {
            expect(l.amount).toBe(0);
            expect(l.nominal).toBeGreaterThanOrEqual(0);
            nominal += l.nominal!;
          }
          expect(l.rule).toContain(`${c.id} v1`);
        }
        expect(r.totals).toEqual({ billable, credits, total: billable + credits, nominalCovered: nominal });
        expect(r.minutes.logged).toBe(r.minutes.billed + r.minutes.covered + r.minutes.unbilled);
        expect(r.minutes.logged).toBe(m.entries.reduce((s, e) => s + e.minutes, 0));
      }),
      { numRuns: 60 },
    );
  });

  /*
   * Splitting one entry in two at a minute inside it. What can change, by design:
   *  - increments round each entry: the split adds at most one increment of rounding, and the rounding minutes
   *    of the first part take its last minute's rate instead of the whole entry's last minute's. So the price can
   *    drop by at most one increment at (highest − lowest) rate of the code: I × price × (maxMult − 1) / 60;
   *  - each line is rounded once: regrouped lines move the total by at most half a cent per line;
   *  - a split at local midnight makes a second visit (travel) and dates: only ever adds.
   * Prepaid banks are left out (rounding drawn from a bank moves later minutes to cash, only upward), and so are
   * unit codes (`each` counts entries by definition) and version changes.
   */
  const splittable: Contract[] = [
    variant(acme, { fee: { amount: 0, per: 'month' } }),
    brightdesk,
    variant(northwind, { entitlements: { prepaidHours: [], warranty: [] } }),
    petra,
    variant(stluke, { entitlements: { prepaidHours: [], warranty: stluke.entitlements.warranty } }),
  ];
  test.each(splittable.map((c) => [c.id, c] as const))('%s: splitting an entry never lowers the price beyond one increment of rounding', (_id, c) => {
    const mods = c.modifiers;
    const maxMod = Math.max(1, ...[mods.afterHours, mods.weekend, mods.holiday, mods.overtime, mods.outsideAccess].map((x) => x?.multiplier ?? 1));
    const maxSeason = Math.max(1, ...mods.seasonal.map((s) => s.multiplier));
    fc.assert(
      fc.property(month(c, { hourlyOnly: true }), fc.nat(), fc.double({ min: 0.01, max: 0.99, noNaN: true }), (m, which, at) => {
        const whole = build(c, m);
        const i = which % whole.timeEntries.length;
        const e = whole.timeEntries[i]!;
        const minutes = (e.end.getTime() - e.start.getTime()) / MIN;
        fc.pre(minutes >= 2);
        const cut = new Date(e.start.getTime() + Math.max(1, Math.min(minutes - 1, Math.round(minutes * at))) * MIN);
        const split: RatingInput = {
          ...whole,
          timeEntries: [...whole.timeEntries.slice(0, i), { ...e, end: cut }, { ...e, id: `${e.id}b`, start: cut }, ...whole.timeEntries.slice(i + 1)],
        };
        const a = rateInvoice(whole);
        const b = rateInvoice(split);
        const rate = c.rates.find((r) => r.code === e.code)!;
        const inc = rate.billing?.increment ?? 0;
        const bound = (inc * rate.price * (maxMod * maxSeason - 1)) / 60 + (a.lines.length + b.lines.length) / 2;
        expect(b.totals.billable).toBeGreaterThanOrEqual(a.totals.billable - bound);
        // Without an increment nothing is rounded per entry: only line regrouping can move the total.
        if (!inc) expect(b.totals.billable).toBeGreaterThanOrEqual(a.totals.billable - (a.lines.length + b.lines.length) / 2);
        expect(b.minutes.logged).toBe(a.minutes.logged);
      }),
      { numRuns: 80 },
    );
  });

  test('rating is deterministic and does not depend on input order', () => {
    fc.assert(
      fc.property(month(acme), (m) => {
        const x = build(acme, m);
        const y = { ...x, timeEntries: [...x.timeEntries].reverse(), parts: [...x.parts].reverse(), jobs: [...x.jobs].reverse() };
        expect(rateInvoice(y)).toEqual(rateInvoice(x));
      }),
      { numRuns: 40 },
    );
  });

  // The engine reuses its line tables from one run to the next (LineIndex.release): what was rated
  // before, on any contract, must leave no trace in the next invoice.
  test('an invoice rates the same whatever was rated before it', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...contracts).chain((c) => month(c).map((m) => build(c, m))), { minLength: 2, maxLength: 4 }), ([x, ...between]) => {
        const first = rateInvoice(x!);
        for (const y of between) rateInvoice(y);
        expect(rateInvoice(x!)).toEqual(first);
      }),
      { numRuns: 60 },
    );
  });
});
