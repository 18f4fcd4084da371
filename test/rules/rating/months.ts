/**
 * Random months of work on a contract, for the property tests: entries on any code (unknown ones
 * too), travel time, parts, extras, credits, prior usage, and optionally rate overrides and a
 * month other than October (DST changes, holidays, seasonal rules).
 */
import fc from 'fast-check';
import type { Contract } from '../../../src/rules/contract-types.js';
import type { RatingInput, TimeEntry } from '../../../src/rules/rating/index.js';
import { input } from './helpers.js';

const MIN = 60_000;

/** A period to rate and the instant its work starts from (noon UTC on the 2nd: every pilot zone is already in that month). */
export interface Span {
  period: { from: string; to: string };
  at: number;
}

const span = (month: string, days: number): Span => ({ period: { from: `${month}-01`, to: `${month}-${days}` }, at: Date.parse(`${month}-02T12:00:00Z`) });

export const OCTOBER = span('2026-10', 31);
/** March (spring DST changes in America and Europe), July (seasonal rates), October (autumn DST in Europe), December (holidays). */
export const SPANS: Span[] = [span('2026-03', 31), span('2026-07', 31), OCTOBER, span('2026-12', 31)];

export interface MonthOptions {
  /** hourly codes only, no travel, parts, extras or credits, everything permitted */
  hourlyOnly?: boolean;
  /** also approved rate overrides, an amendment in the month, and one of SPANS instead of October */
  wide?: boolean;
}

/** A random month of work on `c`. */
export function month(c: Contract, opts: MonthOptions = {}) {
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
  const override = fc.record({ job: fc.integer({ min: 0, max: 3 }), code: fc.constantFrom(...c.rates.map((r) => r.code)), price: fc.integer({ min: 0, max: 30_000 }), at: fc.integer({ min: 0, max: 28 * 24 * 60 }) });
  return fc.record({
    entries: fc.array(entry, { minLength: 1, maxLength: 12 }),
    parts: fc.array(partUse, { maxLength: opts.hourlyOnly ? 0 : 4 }),
    extras: fc.array(fc.record({ job: fc.integer({ min: 0, max: 3 }), amount: money, at: fc.integer({ min: 0, max: 28 * 24 * 60 }) }), { maxLength: opts.hourlyOnly ? 0 : 2 }),
    credits: fc.array(fc.record({ amount: money, at: fc.integer({ min: 0, max: 28 * 24 * 60 }) }), { maxLength: opts.hourlyOnly ? 0 : 2 }),
    // Corrections of invoiced work: charges, refunds, and a zero that is held.
    adjustments: fc.array(fc.record({ job: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }), amount: fc.integer({ min: -200_000, max: 200_000 }), at: fc.integer({ min: 0, max: 28 * 24 * 60 }) }), { maxLength: opts.hourlyOnly ? 0 : 2 }),
    prepaidUsed: fc.integer({ min: 0, max: 130 * 60 }),
    visitsUsed: fc.integer({ min: 0, max: 16 }),
    overrides: fc.array(override, { maxLength: opts.wide ? 2 : 0 }),
    span: opts.wide ? fc.constantFrom(...SPANS) : fc.constant(OCTOBER),
    // A second version from this day of the month: prices, fee and the first bank's hours changed.
    amendOn: opts.wide ? fc.option(fc.integer({ min: 2, max: 28 }), { nil: undefined }) : fc.constant(undefined),
    priorities: fc.array(fc.constantFrom('P1', 'P2', 'P3', 'P4'), { minLength: 4, maxLength: 4 }),
    // The contract's travel rule says a covered visit includes its travel.
    travelInVisit: opts.wide ? fc.boolean() : fc.constant(false),
  });
}

export type Month = ReturnType<typeof month> extends fc.Arbitrary<infer T> ? T : never;

/** The rating input of a random month: jobs J0-J3 on the contract's sites in turn, technicians' entries back to back with gaps. */
export function build(contract: Contract, m: Month): RatingInput {
  const travel = contract.modifiers.travel;
  const c = m.travelInVisit && travel ? { ...contract, modifiers: { ...contract.modifiers, travel: { ...travel, includedInCoveredVisit: true as const } } } : contract;
  const start = m.span.at;
  const jobs = [0, 1, 2, 3].map((j) => ({ id: `J${j}`, siteId: c.sites[j % c.sites.length]!.id, priority: m.priorities[j] ?? 'P2', reportedAt: new Date(start) }));
  const cursor = [0, 0, 0];
  const timeEntries: TimeEntry[] = m.entries.map((e, i) => {
    const from = cursor[e.tech]! + e.gap;
    cursor[e.tech] = from + e.minutes;
    return {
      id: `T${i}`,
      jobId: `J${e.job}`,
      technicianId: `tech-${e.tech}`,
      code: e.code,
      kind: e.travel ? 'travel' : 'labour',
      start: new Date(start + from * MIN),
      end: new Date(start + (from + e.minutes) * MIN),
      ...(e.approved ? { approvalId: `A${i}` } : {}),
      permitted: e.permitted,
    };
  });
  const versions = [{ contract: c, version: 1, effectiveFrom: c.term.start }];
  if (m.amendOn !== undefined) versions.push({ contract: amended(c), version: 2, effectiveFrom: `${m.span.period.from.slice(0, 8)}${String(m.amendOn).padStart(2, '0')}` });
  return input(c, m.span.period, {
    versions,
    jobs,
    timeEntries,
    parts: m.parts.map((p, i) => ({ id: `P${i}`, jobId: `J${p.job}`, sku: p.sku, qty: p.qty, at: new Date(start + p.at * MIN) })),
    extras: m.extras.map((x, i) => ({ approvalId: `X${i}`, jobId: `J${x.job}`, description: 'quoted', amount: x.amount, at: new Date(start + x.at * MIN) })),
    credits: m.credits.map((x, i) => ({ id: `C${i}`, kind: 'sla' as const, amount: x.amount, reason: 'breach', rule: 'sla.credits[0]', at: new Date(start + x.at * MIN) })),
    adjustments: m.adjustments.map((a, i) => ({ id: `E${i}`, ...(a.job !== undefined ? { jobId: `J${a.job}` } : {}), amount: a.amount, description: 'time corrected', corrects: `time entry T${i} on an issued invoice`, at: new Date(start + a.at * MIN) })),
    ...(m.overrides.length > 0 ? { overrides: m.overrides.map((o, i) => ({ approvalId: `O${i}`, jobId: `J${o.job}`, code: o.code, price: o.price, at: new Date(start + o.at * MIN) })) } : {}),
    prior: { prepaidMinutesUsed: [m.prepaidUsed], siteVisitsUsed: Object.fromEntries(c.sites.map((s) => [s.id, m.visitsUsed])) },
  });
}

/** The contract as a plausible amendment leaves it: every price up 10%, the fee up, the first prepaid bank 10 hours larger. */
function amended(c: Contract): Contract {
  const [bank, ...banks] = c.entitlements.prepaidHours;
  return {
    ...c,
    fee: { ...c.fee, amount: Math.round(c.fee.amount * 1.05) },
    rates: c.rates.map((r) => ({ ...r, price: Math.round(r.price * 1.1) })),
    entitlements: { ...c.entitlements, prepaidHours: bank ? [{ ...bank, hours: bank.hours + 10 }, ...banks] : [] },
  };
}
