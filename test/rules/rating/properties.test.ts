/**
 * Properties of the engine over random months of work on the pilots.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Contract } from '../../../src/rules/contract-types.js';
import { rateInvoice, type RatingInput, type TimeEntry } from '../../../src/rules/rating/index.js';
import { input, variant } from './helpers.js';
import { loadPilot } from './pilots.js';

// Noon UTC on 2 Oct: every pilot zone is already in October, and 28 days later still is.
const OCT = Date.parse('2026-10-02T12:00:00Z');
const MIN = 60_000;
const period = { from: '2026-10-01', to: '2026-10-31' };

const acme = loadPilot('ACME-HVAC').contract;
const brightdesk = loadPilot('BRIGHTDESK-IT').contract;
const northwind = loadPilot('NORTHWIND-TEL').contract;
const petra = loadPilot('PETRA-OG').contract;
const stluke = loadPilot('STLUKE-BIOMED').contract;
const contracts: Contract[] = [acme, brightdesk, northwind, petra, stluke];

/** A random month of work on `c`: entries on any code (including unknown ones), parts, extras, credits. */
function month(c: Contract, opts: { hourlyOnly?: boolean } = {}) {
  const codes = opts.hourlyOnly ? c.rates.filter((r) => r.unit === 'hour').map((r) => r.code) : [...c.rates.map((r) => r.code), 'NOT-IN-LIBRARY'];
  const entry = fc.record({
    job: fc.integer({ min: 0, max: 3 }),
    tech: fc.integer({ min: 0, max: 2 }),
    code: fc.constantFrom(...codes),
    travel: opts.hourlyOnly ? fc.constant(false) : fc.boolean(),
    // Minutes after the technician's previous entry ends: one technician's entries never overlap (the
    // time verbs refuse overlaps; with them, overtime would depend on which of two equal starts comes first).
    gap: fc.integer({ min: 0, max: 36 * 60 }),
    minutes: fc.integer({ min: 1, max: 11 * 60 }),
    approved: fc.boolean(),
    permitted: opts.hourlyOnly ? fc.constant(true) : fc.boolean(),
  });
  const partUse = fc.record({ job: fc.integer({ min: 0, max: 3 }), sku: fc.constantFrom(...c.parts.map((p) => p.sku), 'ODD-SKU'), qty: fc.integer({ min: 1, max: 4 }), at: fc.integer({ min: 0, max: 28 * 24 * 60 }) });
  const money = fc.integer({ min: 1, max: 200_000 });
  return fc.record({
    entries: fc.array(entry, { minLength: 1, maxLength: 12 }),
    parts: fc.array(partUse, { maxLength: opts.hourlyOnly ? 0 : 4 }),
    extras: fc.array(fc.record({ job: fc.integer({ min: 0, max: 3 }), amount: money, at: fc.integer({ min: 0, max: 28 * 24 * 60 }) }), { maxLength: opts.hourlyOnly ? 0 : 2 }),
    credits: fc.array(fc.record({ amount: money, at: fc.integer({ min: 0, max: 28 * 24 * 60 }) }), { maxLength: opts.hourlyOnly ? 0 : 2 }),
    prepaidUsed: fc.integer({ min: 0, max: 130 * 60 }),
    visitsUsed: fc.integer({ min: 0, max: 16 }),
  });
}

type Month = ReturnType<typeof month> extends fc.Arbitrary<infer T> ? T : never;

function build(c: Contract, m: Month): RatingInput {
  const jobs = [0, 1, 2, 3].map((j) => ({ id: `J${j}`, siteId: c.sites[j % c.sites.length]!.id, priority: 'P2', reportedAt: new Date(OCT) }));
  const cursor = [0, 0, 0];
  const timeEntries: TimeEntry[] = m.entries.map((e, i) => {
    const start = cursor[e.tech]! + e.gap;
    cursor[e.tech] = start + e.minutes;
    return {
      id: `T${i}`,
      jobId: `J${e.job}`,
      technicianId: `tech-${e.tech}`,
      code: e.code,
      kind: e.travel ? 'travel' : 'labour',
      start: new Date(OCT + start * MIN),
      end: new Date(OCT + (start + e.minutes) * MIN),
      ...(e.approved ? { approvalId: `A${i}` } : {}),
      permitted: e.permitted,
    };
  });
  return input(c, period, {
    jobs,
    timeEntries,
    parts: m.parts.map((p, i) => ({ id: `P${i}`, jobId: `J${p.job}`, sku: p.sku, qty: p.qty, at: new Date(OCT + p.at * MIN) })),
    extras: m.extras.map((x, i) => ({ approvalId: `X${i}`, jobId: `J${x.job}`, description: 'quoted', amount: x.amount, at: new Date(OCT + x.at * MIN) })),
    credits: m.credits.map((x, i) => ({ id: `C${i}`, kind: 'sla' as const, amount: x.amount, reason: 'breach', rule: 'sla.credits[0]', at: new Date(OCT + x.at * MIN) })),
    prior: { prepaidMinutesUsed: [m.prepaidUsed], siteVisitsUsed: Object.fromEntries(c.sites.map((s) => [s.id, m.visitsUsed])) },
  });
}

describe('rating properties', () => {
  test.each(contracts.map((c) => [c.id, c] as const))('%s: totals are the sum of the lines; only credits are negative; minutes add up', (_id, c) => {
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
            expect(l.amount).toBeGreaterThanOrEqual(0);
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
