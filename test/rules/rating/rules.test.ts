/**
 * One rule at a time, on the pilots' own numbers. Amounts are minor units; every expectation is
 * worked out in the comment above it.
 */
import { describe, expect, test } from 'vitest';
import { quoteLabour, rateInvoice } from '../../../src/rules/rating/index.js';
import { brief, credit, extra, input, job, part, sum, te, variant } from './helpers.js';
import { loadPilot } from './pilots.js';

const acme = loadPilot('ACME-HVAC').contract;
const brightdesk = loadPilot('BRIGHTDESK-IT').contract;
const northwind = loadPilot('NORTHWIND-TEL').contract;
const petra = loadPilot('PETRA-OG').contract;
const stluke = loadPilot('STLUKE-BIOMED').contract;

const oct = { from: '2026-10-01', to: '2026-10-31' };
const noPrepaid = variant(northwind, { entitlements: { prepaidHours: [], warranty: [] }, fee: { amount: 0, per: 'month' } });
const acmeNoFee = variant(acme, { fee: { amount: 0, per: 'month' } });
const petraNoFee = variant(petra, { fee: { amount: 0, per: 'month' } });
const stlukeNoFee = variant(stluke, { fee: { amount: 0, per: 'month' } });

describe('billing.increment and billing.minimum', () => {
  test('the rounding minutes take the rate of the last minute; the job is topped up to the minimum at base price', () => {
    // BrightDesk IT-LAB $120/h, increment 15m, minimum 1h; office 09-17 New York (EDT).
    // 16:40-17:05: 20m in hours, 5m after hours; 25m rounds to 30m, the 5 added minutes are after-hours.
    //   standard 20m × 120/60 = 40.00; after-hours 10m × 180/60 = 30.00
    // Job total 30m < 1h: top-up 30m × 120/60 = 60.00; one visit: travel 60.00. Total 190.00.
    const r = rateInvoice(
      input(brightdesk, oct, { jobs: [job('J1', 'BD-NYC')], timeEntries: [te('T1', 'J1', 'IT-LAB', '2026-10-05T16:40:00-04:00', '2026-10-05T17:05:00-04:00')] }),
    );
    expect(r.lines.map(brief)).toEqual([
      '2026-10-05 labour J1 IT-LAB 20m @12000 = 4000 | standard rate, BRIGHTDESK-IT v1, rates.IT-LAB',
      '2026-10-05 labour J1 IT-LAB 10m(+5) @18000 = 3000 | after-hours ×1.5, BRIGHTDESK-IT v1, rates.IT-LAB',
      '2026-10-05 minimum J1 IT-LAB 30m(+30) @12000 = 6000 | minimum 1h per job, BRIGHTDESK-IT v1, rates.IT-LAB',
      '2026-10-05 travel J1 TRAVEL 1visit @6000 = 6000 | travel per visit (rates.TRAVEL), BRIGHTDESK-IT v1, modifiers.travel',
    ]);
    expect(r.totals).toEqual({ billable: 19000, credits: 0, total: 19000, nominalCovered: 0 });
    expect(r.minutes).toEqual({ logged: 25, billed: 25, covered: 0, unbilled: 0, added: 35 });
    const minimum = r.lines.find((l) => l.kind === 'minimum')!;
    expect(minimum.sources).toEqual(['T1']);
  });

  test('increments round each entry; the minimum looks at the job total per code', () => {
    // Two 10m entries: each rounds to 15m (2 × 30.00); job total 30m -> top-up 30m (60.00); one visit (60.00).
    const r = rateInvoice(
      input(brightdesk, oct, {
        jobs: [job('J1', 'BD-NYC')],
        timeEntries: [
          te('T1', 'J1', 'IT-LAB', '2026-10-05T10:00:00-04:00', '2026-10-05T10:10:00-04:00'),
          te('T2', 'J1', 'IT-LAB', '2026-10-05T11:00:00-04:00', '2026-10-05T11:10:00-04:00'),
        ],
      }),
    );
    expect(r.lines.map(brief)).toEqual([
      '2026-10-05 labour J1 IT-LAB 30m(+10) @12000 = 6000 | standard rate, BRIGHTDESK-IT v1, rates.IT-LAB',
      '2026-10-05 minimum J1 IT-LAB 30m(+30) @12000 = 6000 | minimum 1h per job, BRIGHTDESK-IT v1, rates.IT-LAB',
      '2026-10-05 travel J1 TRAVEL 1visit @6000 = 6000 | travel per visit (rates.TRAVEL), BRIGHTDESK-IT v1, modifiers.travel',
    ]);
  });
});

describe('modifiers', () => {
  test('the highest applicable multiplier wins and the line names it', () => {
    // Northwind NET-ENG £110/h (prepaid removed for this test). Manchester office: weekdays 08-18, Sat 09-13, GB-ENG.
    // Sat 12:00-14:00: open then closed, but weekend ×1.75 beats after-hours ×1.5 throughout: 2h × 192.50 = 385.00
    // Fri 25 Dec 17:00-19:00: holiday ×2.0 beats after-hours ×1.5: 2h × 220 = 440.00
    // Mon 17:30-18:30: 30m standard 55.00 + 30m after-hours 82.50
    const r = rateInvoice(
      input(noPrepaid, { from: '2026-10-01', to: '2026-12-31' }, {
        jobs: [job('J1', 'MAN-AGG'), job('J2', 'MAN-AGG'), job('J3', 'MAN-AGG')],
        timeEntries: [
          te('T1', 'J1', 'NET-ENG', '2026-10-10T12:00:00+01:00', '2026-10-10T14:00:00+01:00'),
          te('T2', 'J2', 'NET-ENG', '2026-12-25T17:00:00Z', '2026-12-25T19:00:00Z'),
          te('T3', 'J3', 'NET-ENG', '2026-10-12T17:30:00+01:00', '2026-10-12T18:30:00+01:00'),
        ],
      }),
    );
    expect(r.lines.map(brief)).toEqual([
      '2026-10-10 labour J1 NET-ENG 120m @19250 = 38500 | weekend ×1.75, NORTHWIND-TEL v1, rates.NET-ENG',
      '2026-10-12 labour J3 NET-ENG 30m @11000 = 5500 | standard rate, NORTHWIND-TEL v1, rates.NET-ENG',
      '2026-10-12 labour J3 NET-ENG 30m @16500 = 8250 | after-hours ×1.5, NORTHWIND-TEL v1, rates.NET-ENG',
      '2026-12-25 labour J2 NET-ENG 120m @22000 = 44000 | holiday ×2, NORTHWIND-TEL v1, rates.NET-ENG',
    ]);
  });

  test('a seasonal base price multiplies the winning modifier, by the local date of each minute', () => {
    // ACME HVAC-LAB €85/h, summer 06-01..08-31 ×1.15, after-hours ×1.5; Paris office Mon-Thu 08-18.
    // Mon 6 Jul 17:00-19:00: 1h × 97.75 = 97.75; 1h × 146.625 = 146.625 -> 146.63 (one rounding, half away)
    // Mon 31 Aug 23:00 - Tue 1 Sep 01:00: 1h after-hours in summer 146.63; 1h after-hours on 1 Sep 127.50
    // (both lines dated 31 Aug, the day the entry started). Two visits: travel 2 × 45.00.
    const r = rateInvoice(
      input(acmeNoFee, { from: '2026-07-01', to: '2026-08-31' }, {
        jobs: [job('J1', 'PAR-HQ'), job('J2', 'PAR-HQ')],
        timeEntries: [
          te('T1', 'J1', 'HVAC-LAB', '2026-07-06T17:00:00+02:00', '2026-07-06T19:00:00+02:00'),
          te('T2', 'J2', 'HVAC-LAB', '2026-08-31T23:00:00+02:00', '2026-09-01T01:00:00+02:00'),
        ],
      }),
    );
    expect(r.lines.filter((l) => l.kind === 'labour').map(brief)).toEqual([
      '2026-07-06 labour J1 HVAC-LAB 60m @9775 = 9775 | seasonal ×1.15 (06-01..08-31), ACME-HVAC v1, rates.HVAC-LAB',
      '2026-07-06 labour J1 HVAC-LAB 60m @14663 = 14663 | after-hours ×1.5, seasonal ×1.15 (06-01..08-31), ACME-HVAC v1, rates.HVAC-LAB',
      '2026-08-31 labour J2 HVAC-LAB 60m @14663 = 14663 | after-hours ×1.5, seasonal ×1.15 (06-01..08-31), ACME-HVAC v1, rates.HVAC-LAB',
      '2026-08-31 labour J2 HVAC-LAB 60m @12750 = 12750 | after-hours ×1.5, ACME-HVAC v1, rates.HVAC-LAB',
    ]);
    expect(r.totals.billable).toBe(9775 + 14663 + 14663 + 12750 + 2 * 4500);
  });

  test('overtime: a technician beyond afterPerDay in one local day, counted across jobs in order', () => {
    // ACME overtime after 8h ×1.5. Tue 6 Oct, all inside office hours: J1 08:00-15:00 (7h), J2 15:00-18:00.
    // J2's first hour brings the day to 8h (85.00); 16:00-18:00 is overtime: 2h × 127.50 = 255.00.
    // J1: 7h × 85 = 595.00. Two jobs on site that day: two visits, 2 × 45.00.
    const r = rateInvoice(
      input(acmeNoFee, oct, {
        jobs: [job('J1', 'PAR-HQ'), job('J2', 'LYO-DC')],
        timeEntries: [
          te('T2', 'J2', 'HVAC-LAB', '2026-10-06T15:00:00+02:00', '2026-10-06T18:00:00+02:00'),
          te('T1', 'J1', 'HVAC-LAB', '2026-10-06T08:00:00+02:00', '2026-10-06T15:00:00+02:00'),
          // another technician's hours never count toward tech-1's day
          te('T3', 'J2', 'HVAC-LAB', '2026-10-06T08:00:00+02:00', '2026-10-06T09:00:00+02:00', { technicianId: 'tech-2' }),
        ],
      }),
    );
    expect(r.lines.filter((l) => l.kind === 'labour').map(brief)).toEqual([
      '2026-10-06 labour J1 HVAC-LAB 420m @8500 = 59500 | standard rate, ACME-HVAC v1, rates.HVAC-LAB',
      '2026-10-06 labour J2 HVAC-LAB 120m @8500 = 17000 | standard rate, ACME-HVAC v1, rates.HVAC-LAB',
      '2026-10-06 labour J2 HVAC-LAB 120m @12750 = 25500 | overtime ×1.5, ACME-HVAC v1, rates.HVAC-LAB',
    ]);
  });

  test('outside-access work is held without a permit and bills ×2 with one', () => {
    // Petra refinery access: Tue 00:00-06:00 and 22:00-24:00 (Chicago). VALVE-SVC $145/h, minimum 2h.
    // Tue 6 Oct 05:00-07:00: 05-06 inside access (145.00), 06-07 outside.
    //  - no permit: 06-07 held (60 unbilled minutes); job total 1h -> top-up 1h at 145.00
    //  - permit: 06-07 × 2.0 = 290.00; total 2h, no top-up
    // The refinery has no travelKm: per-km travel adds no line.
    const entries = (permitted: boolean) => [te('T1', 'J1', 'VALVE-SVC', '2026-10-06T05:00:00-05:00', '2026-10-06T07:00:00-05:00', { permitted })];
    const held = rateInvoice(input(petraNoFee, oct, { jobs: [job('J1', 'PTX-REF')], timeEntries: entries(false) }));
    expect(held.lines.map(brief)).toEqual([
      '2026-10-06 labour J1 VALVE-SVC 60m @14500 = 14500 | standard rate, PETRA-OG v1, rates.VALVE-SVC',
      '2026-10-06 minimum J1 VALVE-SVC 60m(+60) @14500 = 14500 | minimum 2h per job, PETRA-OG v1, rates.VALVE-SVC',
    ]);
    expect(held.minutes).toMatchObject({ logged: 120, billed: 60, unbilled: 60 });
    expect(held.held).toEqual([{ what: 'time', jobId: 'J1', sources: ['T1'], minutes: 60, reason: { code: 'outside-access', site: 'PTX-REF' } }]);

    const ok = rateInvoice(input(petraNoFee, oct, { jobs: [job('J1', 'PTX-REF')], timeEntries: entries(true) }));
    expect(ok.lines.map(brief)).toEqual([
      '2026-10-06 labour J1 VALVE-SVC 60m @14500 = 14500 | standard rate, PETRA-OG v1, rates.VALVE-SVC',
      '2026-10-06 labour J1 VALVE-SVC 60m @29000 = 29000 | outside-access ×2, PETRA-OG v1, rates.VALVE-SVC',
    ]);
    expect(ok.held).toEqual([]);
  });

  test('after-hours across midnight and a DST change is real elapsed time (Paris, 25 Oct 2026)', () => {
    // Sat 24 Oct 22:00 CEST -> Sun 25 Oct 03:00 CET is 6 real hours (clocks go back at 03:00 CEST).
    // ACME has no weekend modifier; both days are closed: after-hours 6h × 127.50 = 765.00.
    const r = rateInvoice(
      input(acmeNoFee, oct, { jobs: [job('J1', 'PAR-HQ')], timeEntries: [te('T1', 'J1', 'HVAC-LAB', '2026-10-24T22:00:00+02:00', '2026-10-25T03:00:00+01:00')] }),
    );
    expect(r.lines.filter((l) => l.kind === 'labour').map(brief)).toEqual([
      '2026-10-24 labour J1 HVAC-LAB 360m @12750 = 76500 | after-hours ×1.5, ACME-HVAC v1, rates.HVAC-LAB',
    ]);
  });
});

describe('covered visits, caps, travel', () => {
  test('a covered visit includes 2h, then labour overruns at HVAC-LAB; beyond the site cap it all bills and says so', () => {
    // LYO-DC has used 3 of 14 visits: PM 09:00-11:30 = 2h covered + 30m overrun at 85.00 -> 42.50; travel 45.00 bills as for any visit.
    // PAR-HQ has used 14 of 14: PM 09:00-10:30 is visit 15 -> capExceeded: 90m at HVAC-LAB 127.50, visit and travel billable.
    const r = rateInvoice(
      input(acmeNoFee, oct, {
        jobs: [job('J1', 'LYO-DC'), job('J2', 'PAR-HQ')],
        timeEntries: [
          te('T1', 'J1', 'HVAC-PM', '2026-10-05T09:00:00+02:00', '2026-10-05T11:30:00+02:00'),
          te('T2', 'J2', 'HVAC-PM', '2026-10-05T09:00:00+02:00', '2026-10-05T10:30:00+02:00', { technicianId: 'tech-2' }),
        ],
        prior: { prepaidMinutesUsed: [], siteVisitsUsed: { 'LYO-DC': 3, 'PAR-HQ': 14 } },
      }),
    );
    expect(r.lines.map(brief)).toEqual([
      '2026-10-05 visit J1 HVAC-PM 1visit @0 = covered 0 | covered visit, includes 2h labour, ACME-HVAC v1, rates.HVAC-PM',
      '2026-10-05 labour J1 HVAC-LAB 30m @8500 = 4250 | overrun beyond 2h included in HVAC-PM, ACME-HVAC v1, rates.HVAC-LAB',
      '2026-10-05 travel J1 TRAVEL 1visit @4500 = 4500 | travel per visit (rates.TRAVEL), ACME-HVAC v1, modifiers.travel',
      '2026-10-05 visit J2 HVAC-PM 1visit @0 = 0 | capExceeded: PAR-HQ covered visit 15 of 14 per year, ACME-HVAC v1, rates.HVAC-PM',
      '2026-10-05 labour J2 HVAC-LAB 90m @8500 = 12750 | capExceeded: PAR-HQ covered visit 15 of 14 per year, HVAC-PM labour at HVAC-LAB, ACME-HVAC v1, rates.HVAC-LAB',
      '2026-10-05 travel J2 TRAVEL 1visit @4500 = 4500 | travel per visit (rates.TRAVEL), ACME-HVAC v1, modifiers.travel',
    ]);
    expect(r.usage.siteVisitsUsed).toEqual({ 'LYO-DC': 4, 'PAR-HQ': 15 });
    expect(r.minutes).toEqual({ logged: 240, billed: 120, covered: 120, unbilled: 0, added: 0 });
  });

  test('travel.includedInCoveredVisit: a covered visit within its cap covers its travel; beyond the cap travel bills', () => {
    // The same two PM visits as above under a travel rule that includes travel in a covered visit:
    // LYO-DC (visit 4 of 14) gets a covered TRAVEL line (nominal 45.00), PAR-HQ (visit 15 of 14) still pays 45.00.
    const travel = acmeNoFee.modifiers.travel!;
    const included = variant(acmeNoFee, { modifiers: { ...acmeNoFee.modifiers, travel: { ...travel, includedInCoveredVisit: true } } });
    const month = (c: typeof acmeNoFee) =>
      rateInvoice(
        input(c, oct, {
          jobs: [job('J1', 'LYO-DC'), job('J2', 'PAR-HQ')],
          timeEntries: [
            te('T1', 'J1', 'HVAC-PM', '2026-10-05T09:00:00+02:00', '2026-10-05T10:30:00+02:00'),
            te('T2', 'J2', 'HVAC-PM', '2026-10-05T09:00:00+02:00', '2026-10-05T10:30:00+02:00', { technicianId: 'tech-2' }),
          ],
          prior: { prepaidMinutesUsed: [], siteVisitsUsed: { 'LYO-DC': 3, 'PAR-HQ': 14 } },
        }),
      );
    const r = month(included);
    expect(r.lines.filter((l) => l.kind === 'travel').map(brief)).toEqual([
      '2026-10-05 travel J1 TRAVEL 1visit @4500 = covered 4500 | travel per visit (rates.TRAVEL), part of covered visit, ACME-HVAC v1, modifiers.travel',
      '2026-10-05 travel J2 TRAVEL 1visit @4500 = 4500 | travel per visit (rates.TRAVEL), ACME-HVAC v1, modifiers.travel',
    ]);
    // 90m at HVAC-LAB 127.50 for the visit beyond the cap + its travel 45.00; the covered travel keeps its nominal 45.00.
    expect(r.totals).toEqual({ billable: 12750 + 4500, credits: 0, total: 17250, nominalCovered: 4500 });
    // Without the option the covered visit's travel bills too: 45.00 more.
    expect(month(acmeNoFee).totals).toEqual({ billable: 12750 + 4500 + 4500, credits: 0, total: 21750, nominalCovered: 0 });
  });

  test('logged travel time is paid by the travel line; without a travel rule it bills like labour', () => {
    // ACME: 45m travel + 1h labour on one day -> one travel line (sources both entries), 1h labour, travel minutes covered.
    const a = rateInvoice(
      input(acmeNoFee, oct, {
        jobs: [job('J1', 'PAR-HQ')],
        timeEntries: [
          te('R1', 'J1', 'HVAC-LAB', '2026-10-05T08:00:00+02:00', '2026-10-05T08:45:00+02:00', { kind: 'travel' }),
          te('T1', 'J1', 'HVAC-LAB', '2026-10-05T09:00:00+02:00', '2026-10-05T10:00:00+02:00'),
        ],
      }),
    );
    expect(a.lines.map(brief)).toEqual([
      '2026-10-05 labour J1 HVAC-LAB 60m @8500 = 8500 | standard rate, ACME-HVAC v1, rates.HVAC-LAB',
      '2026-10-05 travel J1 TRAVEL 1visit @4500 = 4500 | travel per visit (rates.TRAVEL), ACME-HVAC v1, modifiers.travel',
    ]);
    expect(a.lines[1]!.sources).toEqual(['R1', 'T1']);
    expect(a.minutes).toEqual({ logged: 105, billed: 60, covered: 45, unbilled: 0, added: 0 });

    // Northwind has no travel rule: 1h travel on NET-ENG on a weekday in office hours bills 110.00 like labour.
    const n = rateInvoice(
      input(noPrepaid, oct, {
        jobs: [job('J1', 'MAN-AGG')],
        timeEntries: [te('R1', 'J1', 'NET-ENG', '2026-10-05T09:00:00+01:00', '2026-10-05T10:00:00+01:00', { kind: 'travel' })],
      }),
    );
    expect(n.lines.map(brief)).toEqual(['2026-10-05 labour J1 NET-ENG 60m @11000 = 11000 | standard rate, NORTHWIND-TEL v1, rates.NET-ENG']);
  });

  test('per-km travel bills the site distance once per visit day', () => {
    // Petra pipeline station, 68 km × 1.10 = 74.80 per visit; two entries the same day = one visit, another day = another.
    const r = rateInvoice(
      input(petraNoFee, oct, {
        jobs: [job('J1', 'PIPE-KP112')],
        timeEntries: [
          te('T1', 'J1', 'VALVE-SVC', '2026-10-06T08:00:00-05:00', '2026-10-06T09:00:00-05:00'),
          te('T2', 'J1', 'VALVE-SVC', '2026-10-06T13:00:00-05:00', '2026-10-06T14:00:00-05:00'),
          te('T3', 'J1', 'VALVE-SVC', '2026-10-07T08:00:00-05:00', '2026-10-07T10:00:00-05:00'),
        ],
      }),
    );
    expect(r.lines.filter((l) => l.kind === 'travel').map(brief)).toEqual([
      '2026-10-06 travel J1 MILEAGE 68km @110 = 7480 | travel per km (rates.MILEAGE), PETRA-OG v1, modifiers.travel',
      '2026-10-07 travel J1 MILEAGE 68km @110 = 7480 | travel per km (rates.MILEAGE), PETRA-OG v1, modifiers.travel',
    ]);
  });
});

describe('entitlements', () => {
  test('prepaid hours draw down at base price; the modifier uplift stays billable; beyond the bank it bills', () => {
    // Northwind bank 60h, 59h used before. London core (24x7): Sat 10:00-12:00 weekend ×1.75.
    // First 60m from the bank (nominal 110.00) + uplift 60m × 110 × 0.75 = 82.50; next 60m at 192.50.
    const r = rateInvoice(
      input(variant(northwind, { fee: { amount: 0, per: 'month' } }), oct, {
        jobs: [job('J1', 'LDN-CORE')],
        timeEntries: [te('T1', 'J1', 'NET-ENG', '2026-10-10T10:00:00+01:00', '2026-10-10T12:00:00+01:00')],
        prior: { prepaidMinutesUsed: [59 * 60], siteVisitsUsed: {} },
      }),
    );
    expect(r.lines.map(brief)).toEqual([
      '2026-10-10 labour J1 NET-ENG 60m @11000 = covered 11000 | prepaid hours bank 1 (60h 2026-04-01..2027-03-31), NORTHWIND-TEL v1, entitlements.prepaidHours[0]',
      '2026-10-10 labour J1 NET-ENG 60m @19250 = 19250 | weekend ×1.75, NORTHWIND-TEL v1, rates.NET-ENG',
      '2026-10-10 uplift J1 NET-ENG 60m @8250 = 8250 | weekend uplift ×1.75 on prepaid hours, NORTHWIND-TEL v1, modifiers.weekend',
    ]);
    expect(r.usage.prepaidMinutesUsed).toEqual([3600]);
    expect(r.totals).toEqual({ billable: 27500, credits: 0, total: 27500, nominalCovered: 11000 });
    expect(r.minutes).toEqual({ logged: 120, billed: 60, covered: 60, unbilled: 0, added: 0 });
  });

  test('warranty parts are free and, with labour: true, so is the labour of their job (nominal kept)', () => {
    // ACME COMP-* until 2027-06-30 with labour. J1: compressor + 2h after 18:00 (2 × 127.50 nominal); J2: filter, billed.
    const r = rateInvoice(
      input(acmeNoFee, oct, {
        jobs: [job('J1', 'PAR-HQ'), job('J2', 'PAR-HQ')],
        timeEntries: [te('T1', 'J1', 'HVAC-LAB', '2026-10-07T18:00:00+02:00', '2026-10-07T20:00:00+02:00')],
        parts: [part('P1', 'J1', 'comp-5t', '2026-10-07T19:00:00+02:00'), part('P2', 'J2', 'FILTER-20X25', '2026-10-07T12:00:00+02:00', 2)],
      }),
    );
    expect(r.lines.map(brief)).toEqual([
      '2026-10-07 labour J1 HVAC-LAB 120m @12750 = covered 25500 | warranty labour (COMP-* part on job), after-hours ×1.5, ACME-HVAC v1, entitlements.warranty[0]',
      '2026-10-07 travel J1 TRAVEL 1visit @4500 = 4500 | travel per visit (rates.TRAVEL), ACME-HVAC v1, modifiers.travel',
      '2026-10-07 part J1 COMP-5T 1each @240000 = covered 240000 | warranty COMP-* until 2027-06-30, ACME-HVAC v1, entitlements.warranty[0]',
      '2026-10-07 part J2 FILTER-20X25 2each @1850 = 3700 | price list, ACME-HVAC v1, parts.FILTER-20X25',
    ]);
    expect(r.totals).toEqual({ billable: 8200, credits: 0, total: 8200, nominalCovered: 265500 });
  });
});

describe('units, scope, extras, credits, fee, versions', () => {
  test('each = one per entry, day = one per local date touched, out of scope needs an approval', () => {
    // St Luke: ELEC-SAFETY 40.00 each (2 entries); LOANER 55.00/day approved A1, Mon 10:00 -> Wed 10:00 = 3 dates;
    // PM-INFUSION covered (nominal 0); LOANER without approval held.
    const r = rateInvoice(
      input(stlukeNoFee, oct, {
        jobs: [job('J1', 'SLR-IMG'), job('J2', 'SLR-IMG')],
        timeEntries: [
          te('T1', 'J1', 'ELEC-SAFETY', '2026-10-05T09:00:00-04:00', '2026-10-05T09:20:00-04:00'),
          te('T2', 'J1', 'ELEC-SAFETY', '2026-10-05T09:30:00-04:00', '2026-10-05T09:50:00-04:00'),
          te('T3', 'J1', 'LOANER', '2026-10-05T10:00:00-04:00', '2026-10-07T10:00:00-04:00', { approvalId: 'A1' }),
          te('T4', 'J1', 'PM-INFUSION', '2026-10-05T11:00:00-04:00', '2026-10-05T11:30:00-04:00'),
          te('T5', 'J2', 'LOANER', '2026-10-06T10:00:00-04:00', '2026-10-06T11:00:00-04:00'),
        ],
      }),
    );
    expect(r.lines.map(brief)).toEqual([
      '2026-10-05 labour J1 ELEC-SAFETY 2each @4000 = 8000 | standard rate, STLUKE-BIOMED v1, rates.ELEC-SAFETY',
      '2026-10-05 labour J1 LOANER 1day @5500 = 5500 | approved out-of-scope (A1), STLUKE-BIOMED v1, rates.LOANER',
      '2026-10-05 labour J1 PM-INFUSION 1each @0 = covered 0 | covered, STLUKE-BIOMED v1, rates.PM-INFUSION',
      '2026-10-06 labour J1 LOANER 1day @5500 = 5500 | approved out-of-scope (A1), STLUKE-BIOMED v1, rates.LOANER',
      '2026-10-07 labour J1 LOANER 1day @5500 = 5500 | approved out-of-scope (A1), STLUKE-BIOMED v1, rates.LOANER',
    ]);
    expect(r.held.map((h) => [h.sources.join(), h.minutes, h.reason])).toEqual([['T5', 60, { code: 'out-of-scope', task: 'LOANER' }]]);
  });

  test('approved out-of-scope time bills with modifiers; extras bill their quote and list the approval', () => {
    // ACME DUCT-CLEAN €95/h approved A7, Mon 17:00-19:00: 95.00 + 142.50. Extra A8 (a code the library lacks): 320.00,
    // and the time logged against that unknown code is listed as the extra's source, not billed by the hour.
    const r = rateInvoice(
      input(acmeNoFee, oct, {
        jobs: [job('J1', 'PAR-HQ')],
        timeEntries: [
          te('T1', 'J1', 'DUCT-CLEAN', '2026-10-05T17:00:00+02:00', '2026-10-05T19:00:00+02:00', { approvalId: 'A7' }),
          te('T2', 'J1', 'ROOF-SEAL', '2026-10-05T19:00:00+02:00', '2026-10-05T20:00:00+02:00', { approvalId: 'A8' }),
        ],
        extras: [extra('A8', 'J1', 32000, '2026-10-05T20:00:00+02:00', 'Roof penetration sealing')],
      }),
    );
    expect(r.lines.map(brief)).toEqual([
      '2026-10-05 labour J1 DUCT-CLEAN 60m @9500 = 9500 | approved out-of-scope (A7), ACME-HVAC v1, rates.DUCT-CLEAN',
      '2026-10-05 labour J1 DUCT-CLEAN 60m @14250 = 14250 | approved out-of-scope (A7), after-hours ×1.5, ACME-HVAC v1, rates.DUCT-CLEAN',
      '2026-10-05 travel J1 TRAVEL 1visit @4500 = 4500 | travel per visit (rates.TRAVEL), ACME-HVAC v1, modifiers.travel',
      '2026-10-05 extra J1 - 1each @32000 = 32000 | approved out-of-scope quote (A8), ACME-HVAC v1, approvals.outOfScope',
    ]);
    expect(r.lines[3]!.sources).toEqual(['A8', 'T2']);
  });

  test('credits are negative lines naming their rule; nothing else is negative', () => {
    const r = rateInvoice(
      input(acme, oct, { credits: [credit('C1', 3600, '2026-10-09T10:00:00+02:00', { rule: 'sla.credits[1]', reason: 'response breach J9' })] }),
    );
    expect(r.lines.map(brief)).toEqual([
      '2026-10-01 fee - - 1month @180000 = 180000 | monthly fee, ACME-HVAC v1, fee',
      '2026-10-09 credit - SLA-CREDIT 1each @-3600 = -3600 | SLA credit, ACME-HVAC v1, sla.credits[1]',
    ]);
    expect(r.totals).toEqual({ billable: 180000, credits: -3600, total: 176400, nominalCovered: 0 });
  });

  test('a credit computed under a version names that version once, even when another is in force on its day', () => {
    // v2 is in force from 15 Oct; the breach of a job priced by v1 is credited on the 20th: the line says v1, once.
    const v2 = variant(acme, { fee: { amount: 190000, per: 'month' } });
    const r = rateInvoice({
      ...input(acme, oct, {
        credits: [
          credit('C1', 9000, '2026-10-20T10:00:00+02:00', { rule: 'sla.credits[0]: restore breach, P1: 5% of fee', version: 1 }),
          credit('C2', 2000, '2026-10-21T10:00:00+02:00', { kind: 'goodwill', rule: 'approvals.goodwill', reason: 'late' }),
        ],
      }),
      versions: [
        { contract: acme, version: 1, effectiveFrom: '2026-01-01' },
        { contract: v2, version: 2, effectiveFrom: '2026-10-15' },
      ],
    });
    expect(r.lines.filter((l) => l.kind === 'credit').map((l) => [l.rule, l.version])).toEqual([
      ['SLA credit, ACME-HVAC v1, sla.credits[0]: restore breach, P1: 5% of fee', 1],
      ['goodwill credit, ACME-HVAC v2, approvals.goodwill', 2],
    ]);
  });

  test('the fee is billed once per month of the term, prorated by day, in the period holding its first day', () => {
    const fees = (from: string, to: string) => rateInvoice(input(stluke, { from, to })).lines.map(brief);
    // Term starts 15 Jan: 17/31 × 6,400.00 = 3,509.677… -> 3,509.68
    expect(fees('2026-01-01', '2026-01-31')).toEqual(['2026-01-15 fee - - 0.5483870967741935month @640000 = 350968 | monthly fee, prorated 17/31 days, STLUKE-BIOMED v1, fee']);
    expect(fees('2026-02-01', '2026-02-28')).toEqual(['2026-02-01 fee - - 1month @640000 = 640000 | monthly fee, STLUKE-BIOMED v1, fee']);
    // Term ends 14 Jan 2027: 14/31 × 6,400.00 = 2,890.32
    expect(fees('2027-01-01', '2027-01-31')).toEqual(['2027-01-01 fee - - 0.45161290322580644month @640000 = 289032 | monthly fee, prorated 14/31 days, STLUKE-BIOMED v1, fee']);
    // Half-month periods: the January fee lands once, in the period that holds 15 Jan.
    expect(fees('2026-01-01', '2026-01-14')).toEqual([]);
    expect(fees('2026-01-15', '2026-01-31')).toHaveLength(1);
    // A quarter gets three lines.
    expect(fees('2026-04-01', '2026-06-30')).toHaveLength(3);
  });

  test('work is priced by the version in force on the local day it was done', () => {
    // v2 from 15 Oct raises HVAC-LAB to €90/h. 14 Oct 10-11 -> 85.00 (v1); 15 Oct 10-11 -> 90.00 (v2). The fee of
    // October belongs to v1 (in force on 1 Oct).
    const v2 = variant(acme, { rates: acme.rates.map((r) => (r.code === 'HVAC-LAB' ? { ...r, price: 9000 } : r)) });
    const r = rateInvoice({
      ...input(acme, oct, {
        jobs: [job('J1', 'PAR-HQ')],
        timeEntries: [
          te('T1', 'J1', 'HVAC-LAB', '2026-10-14T10:00:00+02:00', '2026-10-14T11:00:00+02:00'),
          te('T2', 'J1', 'HVAC-LAB', '2026-10-15T10:00:00+02:00', '2026-10-15T11:00:00+02:00'),
        ],
      }),
      versions: [
        { contract: v2, version: 2, effectiveFrom: '2026-10-15' },
        { contract: acme, version: 1, effectiveFrom: '2026-01-01' },
      ],
    });
    expect(r.lines.map(brief)).toEqual([
      '2026-10-01 fee - - 1month @180000 = 180000 | monthly fee, ACME-HVAC v1, fee',
      '2026-10-14 labour J1 HVAC-LAB 60m @8500 = 8500 | standard rate, ACME-HVAC v1, rates.HVAC-LAB',
      '2026-10-14 travel J1 TRAVEL 1visit @4500 = 4500 | travel per visit (rates.TRAVEL), ACME-HVAC v1, modifiers.travel',
      '2026-10-15 labour J1 HVAC-LAB 60m @9000 = 9000 | standard rate, ACME-HVAC v2, rates.HVAC-LAB',
      '2026-10-15 travel J1 TRAVEL 1visit @4500 = 4500 | travel per visit (rates.TRAVEL), ACME-HVAC v2, modifiers.travel',
    ]);
    expect(r.lines.map((l) => l.version)).toEqual([1, 1, 1, 2, 2]);
  });

  test('work outside the period is not billed, but still counts toward a technician’s day', () => {
    // 30 Sep 20:00 - 1 Oct 06:00 (10h, started in September: September's invoice) then 1 Oct 06:00-08:00.
    // tech-1's 1 Oct already has 6h from the first entry (00:00-06:00), so 8h is reached at 08:00.
    const r = rateInvoice(
      input(acmeNoFee, oct, {
        jobs: [job('J1', 'PAR-HQ')],
        timeEntries: [
          te('T0', 'J1', 'HVAC-LAB', '2026-09-30T20:00:00+02:00', '2026-10-01T06:00:00+02:00'),
          te('T1', 'J1', 'HVAC-LAB', '2026-10-01T06:00:00+02:00', '2026-10-01T09:00:00+02:00'),
        ],
      }),
    );
    // 06-08 after-hours 2h × 127.50; 08-09 is inside office hours but past 8h that day: overtime 127.50.
    expect(r.lines.filter((l) => l.kind === 'labour').map(brief)).toEqual([
      '2026-10-01 labour J1 HVAC-LAB 120m @12750 = 25500 | after-hours ×1.5, ACME-HVAC v1, rates.HVAC-LAB',
      '2026-10-01 labour J1 HVAC-LAB 60m @12750 = 12750 | overtime ×1.5, ACME-HVAC v1, rates.HVAC-LAB',
    ]);
    expect(r.lines[0]!.sources).toEqual(['T1']);
  });
});

describe('rate overrides', () => {
  test("an approved override prices that job's lines at that code; modifiers apply on top; the line names the approval", () => {
    // ACME PAR-HQ, Thu 15 Oct: J1 has HVAC-LAB overridden to 70.00 (A12, the later of two; A9 said 60.00).
    //   16:15-18:00 1h45m × 70.00 = 122.50; 18:00-18:45 after-hours 45m × 105.00 (70.00 × 1.5) = 78.75.
    //   J2, the same code without an override, stays at the listed 85.00: 2h = 170.00. Travel is not overridden.
    // J3 at LYO-DC (3 of 14 visits used): HVAC-PM overridden to 10.00 stays covered (nominal 10.00); its
    //   overrun bills at HVAC-LAB, overridden on J3 to 60.00: 30m = 30.00.
    const overrides = [
      { approvalId: 'A12', jobId: 'J1', code: 'hvac-lab', price: 7000, at: new Date('2026-10-10T10:00:00Z') },
      { approvalId: 'A9', jobId: 'J1', code: 'HVAC-LAB', price: 6000, at: new Date('2026-10-09T10:00:00Z') },
      { approvalId: 'A14', jobId: 'J3', code: 'HVAC-LAB', price: 6000, at: new Date('2026-10-09T10:00:00Z') },
      { approvalId: 'A15', jobId: 'J3', code: 'HVAC-PM', price: 1000, at: new Date('2026-10-09T10:00:00Z') },
      { approvalId: 'A16', jobId: 'J2', code: 'HVAC-LAB', price: -5, at: new Date('2026-10-09T10:00:00Z') },
    ];
    const month = (o: typeof overrides) =>
      rateInvoice(
        input(acmeNoFee, oct, {
          jobs: [job('J1', 'PAR-HQ'), job('J2', 'PAR-HQ'), job('J3', 'LYO-DC')],
          timeEntries: [
            te('T1', 'J1', 'HVAC-LAB', '2026-10-15T16:15:00+02:00', '2026-10-15T18:45:00+02:00'),
            te('T2', 'J2', 'HVAC-LAB', '2026-10-15T09:00:00+02:00', '2026-10-15T11:00:00+02:00', { technicianId: 'tech-2' }),
            te('T3', 'J3', 'HVAC-PM', '2026-10-05T09:00:00+02:00', '2026-10-05T11:30:00+02:00', { technicianId: 'tech-3' }),
          ],
          overrides: o,
          prior: { prepaidMinutesUsed: [], siteVisitsUsed: { 'LYO-DC': 3 } },
        }),
      );
    const r = month(overrides);
    expect(r.lines.map(brief)).toEqual([
      '2026-10-05 visit J3 HVAC-PM 1visit @1000 = covered 1000 | covered visit, includes 2h labour, rate override A15 approved, ACME-HVAC v1, rates.HVAC-PM',
      '2026-10-05 labour J3 HVAC-LAB 30m @6000 = 3000 | overrun beyond 2h included in HVAC-PM, rate override A14 approved, ACME-HVAC v1, rates.HVAC-LAB',
      '2026-10-05 travel J3 TRAVEL 1visit @4500 = 4500 | travel per visit (rates.TRAVEL), ACME-HVAC v1, modifiers.travel',
      '2026-10-15 labour J1 HVAC-LAB 105m @7000 = 12250 | rate override A12 approved, ACME-HVAC v1, rates.HVAC-LAB',
      '2026-10-15 labour J1 HVAC-LAB 45m @10500 = 7875 | rate override A12 approved, after-hours ×1.5, ACME-HVAC v1, rates.HVAC-LAB',
      '2026-10-15 travel J1 TRAVEL 1visit @4500 = 4500 | travel per visit (rates.TRAVEL), ACME-HVAC v1, modifiers.travel',
      '2026-10-15 labour J2 HVAC-LAB 120m @8500 = 17000 | standard rate, ACME-HVAC v1, rates.HVAC-LAB',
      '2026-10-15 travel J2 TRAVEL 1visit @4500 = 4500 | travel per visit (rates.TRAVEL), ACME-HVAC v1, modifiers.travel',
    ]);
    // A price that is not zero or more minor units changes nothing and waits for a person.
    expect(r.held).toEqual([{ what: 'override', jobId: 'J2', sources: ['A16'], minutes: 0, reason: { code: 'override-price', price: -5 } }]);
    // Which override applies does not depend on the order they are given in.
    expect(month([...overrides].reverse())).toEqual(r);
  });

  test('a minimum top-up of an overridden code is priced at the override and names it', () => {
    // BrightDesk IT-LAB minimum 1h, increment 15m; override to 100.00/h. 10:00-10:20 rounds to 30m = 50.00; top-up 30m = 50.00.
    const r = rateInvoice(
      input(brightdesk, oct, {
        jobs: [job('J1', 'BD-NYC')],
        timeEntries: [te('T1', 'J1', 'IT-LAB', '2026-10-05T10:00:00-04:00', '2026-10-05T10:20:00-04:00')],
        overrides: [{ approvalId: 'A3', jobId: 'J1', code: 'IT-LAB', price: 10000, at: new Date('2026-10-01T00:00:00Z') }],
      }),
    );
    expect(r.lines.filter((l) => l.code === 'IT-LAB').map(brief)).toEqual([
      '2026-10-05 labour J1 IT-LAB 30m(+10) @10000 = 5000 | rate override A3 approved, BRIGHTDESK-IT v1, rates.IT-LAB',
      '2026-10-05 minimum J1 IT-LAB 30m(+30) @10000 = 5000 | rate override A3 approved, minimum 1h per job, BRIGHTDESK-IT v1, rates.IT-LAB',
    ]);
  });
});

describe('quoteLabour', () => {
  test('prices a span the way the invoice line would', () => {
    // DUCT-CLEAN Mon 5 Oct 17:00-19:00 Paris: 95.00 + 142.50 = 237.50
    const q = quoteLabour({ contract: acme, version: 3, siteId: 'PAR-HQ', code: 'DUCT-CLEAN', start: new Date('2026-10-05T15:00:00Z'), end: new Date('2026-10-05T17:00:00Z'), approvalId: 'Q1' });
    expect(q.amount).toBe(23750);
    expect(q.lines.map((l) => l.rule)).toEqual([
      'approved out-of-scope (Q1), ACME-HVAC v3, rates.DUCT-CLEAN',
      'approved out-of-scope (Q1), after-hours ×1.5, ACME-HVAC v3, rates.DUCT-CLEAN',
    ]);
    // With increment and minimum: IT-LAB 20 minutes -> 30m rounded + 30m top-up = 120.00
    const m = quoteLabour({ contract: brightdesk, version: 1, siteId: 'BD-NYC', code: 'IT-LAB', start: new Date('2026-10-05T14:00:00Z'), end: new Date('2026-10-05T14:20:00Z') });
    expect(m.amount).toBe(12000);
    expect(sum(m.lines)).toBe(12000);
  });
});
