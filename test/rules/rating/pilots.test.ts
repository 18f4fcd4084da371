/**
 * A month of realistic work for each pilot contract, priced end to end. Every amount below was
 * worked out by hand in the comments first (minor units; "h" = hours of a line).
 */
import { describe, expect, test } from 'vitest';
import { rateInvoice } from '../../../src/rules/rating/index.js';
import { brief, credit, input, job, part, te } from './helpers.js';
import { loadPilot } from './pilots.js';

describe('pilot months', () => {
  test('ACME-HVAC, October 2026: caps, overrun, overtime, warranty, out-of-scope, DST night', () => {
    const { contract } = loadPilot('ACME-HVAC');
    // Paris is UTC+2 until 25 Oct 03:00, then UTC+1. Office Mon-Thu 08-18, Fri 08-17.
    // PAR-HQ has used its 14 covered visits this year; LYO-DC 9.
    const r = rateInvoice(
      input(contract, { from: '2026-10-01', to: '2026-10-31' }, {
        jobs: [job('PM-PAR', 'PAR-HQ', 'P4'), job('PM-LYO', 'LYO-DC', 'P4'), job('J-OT', 'LYO-DC'), job('J-DST', 'PAR-HQ', 'P1'), job('J-COMP', 'LYO-DC'), job('J-DUCT', 'PAR-HQ', 'P3')],
        timeEntries: [
          // Mon 5 Oct. Tech A: travel then the PAR-HQ PM visit, which is visit 15 of 14.
          te('A1', 'PM-PAR', 'HVAC-LAB', '2026-10-05T08:15:00+02:00', '2026-10-05T08:55:00+02:00', { technicianId: 'A', kind: 'travel' }),
          te('A2', 'PM-PAR', 'HVAC-PM', '2026-10-05T09:00:00+02:00', '2026-10-05T10:30:00+02:00', { technicianId: 'A' }),
          // Tech B: corrective J-OT 08:00-12:30, PM at Lyon 13:00-15:40, back on J-OT 15:40-18:30.
          te('B1', 'J-OT', 'HVAC-LAB', '2026-10-05T08:00:00+02:00', '2026-10-05T12:30:00+02:00', { technicianId: 'B' }),
          te('B2', 'PM-LYO', 'HVAC-PM', '2026-10-05T13:00:00+02:00', '2026-10-05T15:40:00+02:00', { technicianId: 'B' }),
          te('B3', 'J-OT', 'HVAC-LAB', '2026-10-05T15:40:00+02:00', '2026-10-05T18:30:00+02:00', { technicianId: 'B' }),
          // Wed 14 Oct: compressor swap under warranty.
          te('A3', 'J-COMP', 'HVAC-LAB', '2026-10-14T09:00:00+02:00', '2026-10-14T12:00:00+02:00', { technicianId: 'A' }),
          // Thu 15 Oct: approved duct cleaning running past 18:00.
          te('A4', 'J-DUCT', 'DUCT-CLEAN', '2026-10-15T16:00:00+02:00', '2026-10-15T19:00:00+02:00', { technicianId: 'A', approvalId: 'APR-17' }),
          // Sat 24 Oct 22:00 CEST -> Sun 25 Oct 03:00 CET: an emergency through the clock change.
          te('A5', 'J-DST', 'HVAC-LAB', '2026-10-24T22:00:00+02:00', '2026-10-25T03:00:00+01:00', { technicianId: 'A' }),
        ],
        parts: [
          part('P1', 'J-COMP', 'COMP-5T', '2026-10-14T11:00:00+02:00'),
          part('P2', 'J-COMP', 'R410A-KG', '2026-10-14T11:30:00+02:00', 2.5),
          part('P3', 'J-DUCT', 'FILTER-20X25', '2026-10-15T18:30:00+02:00', 4),
        ],
        credits: [credit('C1', 9000, '2026-10-20T12:00:00+02:00', { rule: 'sla.credits[0]', reason: 'J-DST restore breach (5% of fee)' })],
        prior: { prepaidMinutesUsed: [], siteVisitsUsed: { 'PAR-HQ': 14, 'LYO-DC': 9 } },
      }),
    );
    // fee: 1,800.00
    // PM-LYO: visit 10 of 14, covered; 160m on the PM code = 2h included + 40m overrun -> 45m at 85.00 = 63.75;
    //         its travel bills 45.00 like any visit's (the contract does not include travel in a covered visit).
    // PM-PAR: visit 15 of 14 -> capExceeded, 90m at HVAC-LAB = 127.50; the visit line bills its price (0.00);
    //         travel 45.00 (sources: the travel entry and the visit).
    // J-OT (tech B, day total before B3 = 270 + 160 = 430m, overtime after 480m):
    //         B1 270m + B3 15:40-16:30 50m standard = 320m × 85/60 = 453.333… -> 453.33
    //         B3 16:30-18:00 overtime 90m = 191.25; 18:00-18:30 after-hours ×1.5 (ties overtime, named after-hours)
    //         30m + 10m rounding to 15m increments (170m -> 180m) = 40m × 127.5/60 = 85.00; travel 45.00
    // J-COMP: COMP-5T warranty part (2,400.00 nominal) and its job's labour 3h covered (255.00 nominal);
    //         refrigerant 2.5 kg × 64.00 = 160.00; travel 45.00
    // J-DUCT: approved DUCT-CLEAN 16-18 2h × 95 = 190.00, 18-19 after-hours 142.50; 4 filters 74.00; travel 45.00
    // J-DST:  6 real hours after-hours (DST adds one) 6 × 127.50 = 765.00; travel 45.00 (dated 24 Oct)
    // credit: -90.00
    expect(r.lines.map(brief)).toEqual([
      '2026-10-01 fee - - 1month @180000 = 180000 | monthly fee, ACME-HVAC v1, fee',
      '2026-10-05 labour J-OT HVAC-LAB 320m @8500 = 45333 | standard rate, ACME-HVAC v1, rates.HVAC-LAB',
      '2026-10-05 labour J-OT HVAC-LAB 90m @12750 = 19125 | overtime ×1.5, ACME-HVAC v1, rates.HVAC-LAB',
      '2026-10-05 labour J-OT HVAC-LAB 40m(+10) @12750 = 8500 | after-hours ×1.5, ACME-HVAC v1, rates.HVAC-LAB',
      '2026-10-05 travel J-OT TRAVEL 1visit @4500 = 4500 | travel per visit (rates.TRAVEL), ACME-HVAC v1, modifiers.travel',
      '2026-10-05 visit PM-LYO HVAC-PM 1visit @0 = covered 0 | covered visit, includes 2h labour, ACME-HVAC v1, rates.HVAC-PM',
      '2026-10-05 labour PM-LYO HVAC-LAB 45m(+5) @8500 = 6375 | overrun beyond 2h included in HVAC-PM, ACME-HVAC v1, rates.HVAC-LAB',
      '2026-10-05 travel PM-LYO TRAVEL 1visit @4500 = 4500 | travel per visit (rates.TRAVEL), ACME-HVAC v1, modifiers.travel',
      '2026-10-05 visit PM-PAR HVAC-PM 1visit @0 = 0 | capExceeded: PAR-HQ covered visit 15 of 14 per year, ACME-HVAC v1, rates.HVAC-PM',
      '2026-10-05 labour PM-PAR HVAC-LAB 90m @8500 = 12750 | capExceeded: PAR-HQ covered visit 15 of 14 per year, HVAC-PM labour at HVAC-LAB, ACME-HVAC v1, rates.HVAC-LAB',
      '2026-10-05 travel PM-PAR TRAVEL 1visit @4500 = 4500 | travel per visit (rates.TRAVEL), ACME-HVAC v1, modifiers.travel',
      '2026-10-14 labour J-COMP HVAC-LAB 180m @8500 = covered 25500 | warranty labour (COMP-* part on job), ACME-HVAC v1, entitlements.warranty[0]',
      '2026-10-14 travel J-COMP TRAVEL 1visit @4500 = 4500 | travel per visit (rates.TRAVEL), ACME-HVAC v1, modifiers.travel',
      '2026-10-14 part J-COMP COMP-5T 1each @240000 = covered 240000 | warranty COMP-* until 2027-06-30, ACME-HVAC v1, entitlements.warranty[0]',
      '2026-10-14 part J-COMP R410A-KG 2.5each @6400 = 16000 | price list, ACME-HVAC v1, parts.R410A-KG',
      '2026-10-15 labour J-DUCT DUCT-CLEAN 120m @9500 = 19000 | approved out-of-scope (APR-17), ACME-HVAC v1, rates.DUCT-CLEAN',
      '2026-10-15 labour J-DUCT DUCT-CLEAN 60m @14250 = 14250 | approved out-of-scope (APR-17), after-hours ×1.5, ACME-HVAC v1, rates.DUCT-CLEAN',
      '2026-10-15 travel J-DUCT TRAVEL 1visit @4500 = 4500 | travel per visit (rates.TRAVEL), ACME-HVAC v1, modifiers.travel',
      '2026-10-15 part J-DUCT FILTER-20X25 4each @1850 = 7400 | price list, ACME-HVAC v1, parts.FILTER-20X25',
      '2026-10-24 labour J-DST HVAC-LAB 360m @12750 = 76500 | after-hours ×1.5, ACME-HVAC v1, rates.HVAC-LAB',
      '2026-10-24 travel J-DST TRAVEL 1visit @4500 = 4500 | travel per visit (rates.TRAVEL), ACME-HVAC v1, modifiers.travel',
      '2026-10-20 credit - SLA-CREDIT 1each @-9000 = -9000 | SLA credit, ACME-HVAC v1, sla.credits[0]',
    ]);
    expect(r.lines.find((l) => l.kind === 'travel' && l.jobId === 'PM-PAR')!.sources).toEqual(['A1', 'A2']);
    // 1,800.00 + 63.75 + 45.00 + 127.50 + 45.00 + 453.33 + 191.25 + 85.00 + 45.00 + 45.00 + 160.00 + 190.00
    //   + 142.50 + 45.00 + 74.00 + 765.00 + 45.00 = 4,322.33; covered nominal 255.00 + 2,400.00 = 2,655.00
    expect(r.totals).toEqual({ billable: 432233, credits: -9000, total: 423233, nominalCovered: 265500 });
    // logged 40 + 90 + 270 + 160 + 170 + 180 + 180 + 360 = 1450; covered 40 travel + 120 included + 180 warranty
    expect(r.minutes).toEqual({ logged: 1450, billed: 1110, covered: 340, unbilled: 0, added: 15 });
    expect(r.usage.siteVisitsUsed).toEqual({ 'PAR-HQ': 15, 'LYO-DC': 10 });
  });

  test('BRIGHTDESK-IT, November 2026: DST night, holidays closing the office, remote support, minimum top-up', () => {
    const { contract } = loadPilot('BRIGHTDESK-IT');
    // New York: EDT (UTC-4) until 1 Nov 02:00, then EST (UTC-5). Office Mon-Fri 09-17, US holidays. No fee.
    const r = rateInvoice(
      input(contract, { from: '2026-11-01', to: '2026-11-30' }, {
        jobs: [job('B1', 'BD-NYC', 'P1'), job('B2', 'BD-NYC'), job('B3', 'BD-NYC', 'P3'), job('B4', 'BD-NYC'), job('B5', 'BD-NYC')],
        timeEntries: [
          // Sun 1 Nov 00:30 EDT -> 03:00 EST: 3.5 real hours, all closed.
          te('E1', 'B1', 'IT-LAB', '2026-11-01T00:30:00-04:00', '2026-11-01T03:00:00-05:00'),
          te('E2', 'B5', 'IT-LAB', '2026-11-03T09:00:00-05:00', '2026-11-03T10:00:00-05:00'),
          te('E3', 'B5', 'IT-LAB', '2026-11-03T09:30:00-05:00', '2026-11-03T11:00:00-05:00', { technicianId: 'tech-2' }),
          // Veterans Day: the office calendar is closed, so it is after-hours.
          te('E4', 'B2', 'IT-LAB', '2026-11-11T10:00:00-05:00', '2026-11-11T11:10:00-05:00'),
          // Remote support: no visit, no travel.
          te('E5', 'B3', 'IT-REMOTE', '2026-11-16T16:50:00-05:00', '2026-11-16T17:20:00-05:00'),
          // Thanksgiving, 20 minutes.
          te('E6', 'B4', 'IT-LAB', '2026-11-26T09:00:00-05:00', '2026-11-26T09:20:00-05:00'),
        ],
        parts: [part('P1', 'B2', 'SSD-1TB', '2026-11-11T11:00:00-05:00', 2), part('P2', 'B5', 'PSU-650', '2026-11-03T10:30:00-05:00')],
        credits: [credit('G1', 5000, '2026-11-20T12:00:00-05:00', { kind: 'goodwill', rule: 'approvals.goodwill', reason: 'Goodwill for repeated printer visits' })],
      }),
    );
    // B1: 210m after-hours × 180.00/h = 630.00; travel 60.00
    // B5: 60m + 90m standard (two technicians, one line) = 150m × 120/60 = 300.00; one visit 60.00; PSU 110.00
    // B2: 70m after-hours -> 75m × 180/60 = 225.00; travel 60.00; 2 SSD 190.00
    // B3: remote 10m standard × 90/60 = 15.00 + 20m after-hours × 135/60 = 45.00; no travel (remote)
    // B4: 20m after-hours -> 30m × 180/60 = 90.00; minimum 1h: top-up 30m at base 120/h = 60.00; travel 60.00
    // goodwill -50.00
    expect(r.lines.map(brief)).toEqual([
      '2026-11-01 labour B1 IT-LAB 210m @18000 = 63000 | after-hours ×1.5, BRIGHTDESK-IT v1, rates.IT-LAB',
      '2026-11-01 travel B1 TRAVEL 1visit @6000 = 6000 | travel per visit (rates.TRAVEL), BRIGHTDESK-IT v1, modifiers.travel',
      '2026-11-03 labour B5 IT-LAB 150m @12000 = 30000 | standard rate, BRIGHTDESK-IT v1, rates.IT-LAB',
      '2026-11-03 travel B5 TRAVEL 1visit @6000 = 6000 | travel per visit (rates.TRAVEL), BRIGHTDESK-IT v1, modifiers.travel',
      '2026-11-03 part B5 PSU-650 1each @11000 = 11000 | price list, BRIGHTDESK-IT v1, parts.PSU-650',
      '2026-11-11 labour B2 IT-LAB 75m(+5) @18000 = 22500 | after-hours ×1.5, BRIGHTDESK-IT v1, rates.IT-LAB',
      '2026-11-11 travel B2 TRAVEL 1visit @6000 = 6000 | travel per visit (rates.TRAVEL), BRIGHTDESK-IT v1, modifiers.travel',
      '2026-11-11 part B2 SSD-1TB 2each @9500 = 19000 | price list, BRIGHTDESK-IT v1, parts.SSD-1TB',
      '2026-11-16 labour B3 IT-REMOTE 10m @9000 = 1500 | standard rate, BRIGHTDESK-IT v1, rates.IT-REMOTE',
      '2026-11-16 labour B3 IT-REMOTE 20m @13500 = 4500 | after-hours ×1.5, BRIGHTDESK-IT v1, rates.IT-REMOTE',
      '2026-11-26 labour B4 IT-LAB 30m(+10) @18000 = 9000 | after-hours ×1.5, BRIGHTDESK-IT v1, rates.IT-LAB',
      '2026-11-26 minimum B4 IT-LAB 30m(+30) @12000 = 6000 | minimum 1h per job, BRIGHTDESK-IT v1, rates.IT-LAB',
      '2026-11-26 travel B4 TRAVEL 1visit @6000 = 6000 | travel per visit (rates.TRAVEL), BRIGHTDESK-IT v1, modifiers.travel',
      '2026-11-20 credit - - 1each @-5000 = -5000 | goodwill credit, BRIGHTDESK-IT v1, approvals.goodwill',
    ]);
    // 630 + 60 + 300 + 60 + 110 + 225 + 60 + 190 + 15 + 45 + 90 + 60 + 60 = 1,905.00
    expect(r.totals).toEqual({ billable: 190500, credits: -5000, total: 185500, nominalCovered: 0 });
    expect(r.minutes).toEqual({ logged: 210 + 150 + 70 + 30 + 20, billed: 480, covered: 0, unbilled: 0, added: 5 + 10 + 30 });
  });

  test('NORTHWIND-TEL, December 2026: prepaid bank running out, weekend and bank holidays, covered swap, survey', () => {
    const { contract } = loadPilot('NORTHWIND-TEL');
    // London is UTC+0 all December. GB-ENG: Fri 25, Sat 26 and Mon 28 (substitute) are holidays. 58h of 60h used.
    const r = rateInvoice(
      input(contract, { from: '2026-12-01', to: '2026-12-31' }, {
        jobs: [job('N1', 'LDN-CORE', 'P1'), job('N2', 'MAN-AGG', 'P1'), job('N3', 'MAN-AGG'), job('N4', 'LDS-EDGE', 'P3'), job('N5', 'MAN-AGG', 'P4'), job('N6', 'MAN-AGG')],
        timeEntries: [
          te('E1', 'N1', 'NET-ENG', '2026-12-05T02:00:00Z', '2026-12-05T05:10:00Z'),
          te('E2', 'N4', 'NET-SWAP', '2026-12-09T10:00:00Z', '2026-12-09T11:30:00Z'),
          te('E3', 'N4', 'FIBRE-SPLICE', '2026-12-09T11:30:00Z', '2026-12-09T11:50:00Z'),
          te('E4', 'N4', 'FIBRE-SPLICE', '2026-12-09T11:50:00Z', '2026-12-09T12:10:00Z'),
          te('E5', 'N4', 'FIBRE-SPLICE', '2026-12-09T12:10:00Z', '2026-12-09T12:30:00Z'),
          te('E6', 'N5', 'SURVEY', '2026-12-10T09:00:00Z', '2026-12-10T13:00:00Z', { approvalId: 'APR-3' }),
          te('E7', 'N6', 'NET-ENG', '2026-12-12T12:00:00Z', '2026-12-12T13:00:00Z'),
          te('E8', 'N2', 'NET-ENG', '2026-12-25T10:00:00Z', '2026-12-25T12:00:00Z', { technicianId: 'tech-2' }),
          te('E9', 'N3', 'NET-ENG', '2026-12-28T09:00:00Z', '2026-12-28T09:40:00Z'),
        ],
        parts: [part('P1', 'N4', 'SFP-10G-LR', '2026-12-09T11:00:00Z', 2), part('P2', 'N4', 'LC-PATCH-3M', '2026-12-09T11:00:00Z', 4)],
        credits: [credit('C1', 42000, '2026-12-05T09:00:00Z', { rule: 'sla.credits[0]', reason: 'N1 gold P1 restore breach (10% of fee)' })],
        prior: { prepaidMinutesUsed: [58 * 60], siteVisitsUsed: {} },
      }),
    );
    // fee 4,200.00
    // N1 Sat 02:00-05:10 at the 24x7 core: weekend ×1.75; 190m -> 210m (30m increments, +20).
    //    Bank has 120m: 120m covered (nominal 220.00) + uplift 120m × 110 × 0.75 = 165.00;
    //    the other 90m (70 logged + 20 rounding) at 192.50/h = 288.75
    // N4 swap: covered visit, no included limit: all 90m covered (nominal 0); 3 splices × 35 = 105.00;
    //    2 optics 280.00, 4 leads 36.00 (Northwind has no travel rule)
    // N5 approved survey: one visit 450.00
    // N6 Sat 12:00-13:00 Manchester: open, but weekend ×1.75 = 192.50
    // N2 Christmas 2h × 220.00 = 440.00; N3 Mon 28 (substitute holiday) 40m -> 60m × 220 = 220.00
    // credit -420.00
    expect(r.lines.map(brief)).toEqual([
      '2026-12-01 fee - - 1month @420000 = 420000 | monthly fee, NORTHWIND-TEL v1, fee',
      '2026-12-05 labour N1 NET-ENG 120m @11000 = covered 22000 | prepaid hours bank 1 (60h 2026-04-01..2027-03-31), NORTHWIND-TEL v1, entitlements.prepaidHours[0]',
      '2026-12-05 labour N1 NET-ENG 90m(+20) @19250 = 28875 | weekend ×1.75, NORTHWIND-TEL v1, rates.NET-ENG',
      '2026-12-05 uplift N1 NET-ENG 120m @8250 = 16500 | weekend uplift ×1.75 on prepaid hours, NORTHWIND-TEL v1, modifiers.weekend',
      '2026-12-09 visit N4 NET-SWAP 1visit @0 = covered 0 | covered visit, NORTHWIND-TEL v1, rates.NET-SWAP',
      '2026-12-09 labour N4 FIBRE-SPLICE 3each @3500 = 10500 | standard rate, NORTHWIND-TEL v1, rates.FIBRE-SPLICE',
      '2026-12-09 part N4 SFP-10G-LR 2each @14000 = 28000 | price list, NORTHWIND-TEL v1, parts.SFP-10G-LR',
      '2026-12-09 part N4 LC-PATCH-3M 4each @900 = 3600 | price list, NORTHWIND-TEL v1, parts.LC-PATCH-3M',
      '2026-12-10 visit N5 SURVEY 1visit @45000 = 45000 | approved out-of-scope (APR-3), NORTHWIND-TEL v1, rates.SURVEY',
      '2026-12-12 labour N6 NET-ENG 60m @19250 = 19250 | weekend ×1.75, NORTHWIND-TEL v1, rates.NET-ENG',
      '2026-12-25 labour N2 NET-ENG 120m @22000 = 44000 | holiday ×2, NORTHWIND-TEL v1, rates.NET-ENG',
      '2026-12-28 labour N3 NET-ENG 60m(+20) @22000 = 22000 | holiday ×2, NORTHWIND-TEL v1, rates.NET-ENG',
      '2026-12-05 credit - SLA-CREDIT 1each @-42000 = -42000 | SLA credit, NORTHWIND-TEL v1, sla.credits[0]',
    ]);
    // 4,200 + 288.75 + 165 + 105 + 280 + 36 + 450 + 192.50 + 440 + 220 = 6,377.25
    expect(r.totals).toEqual({ billable: 637725, credits: -42000, total: 595725, nominalCovered: 22000 });
    expect(r.usage.prepaidMinutesUsed).toEqual([3600]);
    expect(r.minutes).toEqual({ logged: 800, billed: 590, covered: 210, unbilled: 0, added: 40 });
  });

  test('PETRA-OG, November 2026: access windows and permits, overtime, Thanksgiving, DST weekend, mileage', () => {
    const { contract } = loadPilot('PETRA-OG');
    // Chicago: CDT (UTC-5) until 1 Nov 02:00, then CST (UTC-6). Refinery access Mon 22-24, Tue-Fri 00-06 and 22-24.
    const r = rateInvoice(
      input(contract, { from: '2026-11-01', to: '2026-11-30' }, {
        jobs: [job('P1', 'PIPE-KP112', 'P1'), job('P2', 'HOU-TERM'), job('P3', 'PTX-REF', 'P3'), job('P4', 'HOU-TERM'), job('P5', 'HOU-TERM', 'P3')],
        timeEntries: [
          // Sun 1 Nov 00:00 CDT -> 05:00 CST: 6 real hours on the 24x7 pipeline station.
          te('E1', 'P1', 'VALVE-SVC', '2026-11-01T00:00:00-05:00', '2026-11-01T05:00:00-06:00', { technicianId: 'A' }),
          // Tech C: Mon 22:00 -> Tue 09:00 at the refinery with a permit, then Tue 13:00-16:00 in Houston.
          te('E2', 'P3', 'VALVE-SVC', '2026-11-09T22:00:00-06:00', '2026-11-10T09:00:00-06:00', { technicianId: 'C', permitted: true }),
          te('E3', 'P3', 'INSTR-CAL', '2026-11-10T02:00:00-06:00', '2026-11-10T03:00:00-06:00', { technicianId: 'E' }),
          te('E4', 'P3', 'INSTR-CAL', '2026-11-10T03:00:00-06:00', '2026-11-10T04:00:00-06:00', { technicianId: 'E' }),
          te('E5', 'P4', 'VALVE-SVC', '2026-11-10T13:00:00-06:00', '2026-11-10T16:00:00-06:00', { technicianId: 'C' }),
          // Tech D works at the refinery in daytime without a permit: held.
          te('E6', 'P3', 'VALVE-SVC', '2026-11-17T10:00:00-06:00', '2026-11-17T11:00:00-06:00', { technicianId: 'D' }),
          te('E7', 'P5', 'VALVE-SVC', '2026-11-18T10:00:00-06:00', '2026-11-18T10:45:00-06:00', { technicianId: 'A' }),
          te('E8', 'P2', 'VALVE-SVC', '2026-11-26T08:00:00-06:00', '2026-11-26T10:00:00-06:00', { technicianId: 'A' }),
        ],
        parts: [part('Q1', 'P3', 'ACT-PNEU-4', '2026-11-10T05:00:00-06:00'), part('Q2', 'P3', 'GASKET-RTJ-R24', '2026-11-10T05:00:00-06:00', 2)],
        credits: [credit('C1', 50000, '2026-11-01T08:00:00-06:00', { rule: 'sla.credits[1]', reason: 'P1 response breach' })],
      }),
    );
    // fee 9,500.00
    // P1: Sunday, weekend ×1.5: 6h × 217.50 = 1,305.00; mileage 68 km × 1.10 = 74.80
    // P3 (dated Mon 9 Nov): 22:00-06:00 inside access 8h × 145 = 1,160.00; 06:00-09:00 outside access with permit ×2
    //    3h × 290 = 870.00. Tech C's Tuesday so far: 9h. Two calibrations 2 × 260.00 (unit code, no modifiers).
    //    Actuator under warranty (labour: false): part free (3,100.00 nominal), labour billed. Gaskets 2 × 48 = 96.00.
    //    Tech D's 60m outside access without permit: held.
    // P4 (tech C, Tue): 13:00-14:00 brings the day to 10h: 145.00; 14:00-16:00 overtime ×1.5 = 435.00
    // P5: 45m = 108.75; minimum 2h: top-up 75m × 145/60 = 181.25
    // P2 Thanksgiving (US-TX holiday): 2h × 290 = 580.00. Sites without travelKm add no mileage.
    // credit -500.00
    expect(r.lines.map(brief)).toEqual([
      '2026-11-01 fee - - 1month @950000 = 950000 | monthly fee, PETRA-OG v1, fee',
      '2026-11-01 labour P1 VALVE-SVC 360m @21750 = 130500 | weekend ×1.5, PETRA-OG v1, rates.VALVE-SVC',
      '2026-11-01 travel P1 MILEAGE 68km @110 = 7480 | travel per km (rates.MILEAGE), PETRA-OG v1, modifiers.travel',
      '2026-11-09 labour P3 VALVE-SVC 480m @14500 = 116000 | standard rate, PETRA-OG v1, rates.VALVE-SVC',
      '2026-11-09 labour P3 VALVE-SVC 180m @29000 = 87000 | outside-access ×2, PETRA-OG v1, rates.VALVE-SVC',
      '2026-11-10 labour P3 INSTR-CAL 2each @26000 = 52000 | standard rate, PETRA-OG v1, rates.INSTR-CAL',
      '2026-11-10 part P3 ACT-PNEU-4 1each @310000 = covered 310000 | warranty ACT-* until 2026-12-31, PETRA-OG v1, entitlements.warranty[0]',
      '2026-11-10 part P3 GASKET-RTJ-R24 2each @4800 = 9600 | price list, PETRA-OG v1, parts.GASKET-RTJ-R24',
      '2026-11-10 labour P4 VALVE-SVC 60m @14500 = 14500 | standard rate, PETRA-OG v1, rates.VALVE-SVC',
      '2026-11-10 labour P4 VALVE-SVC 120m @21750 = 43500 | overtime ×1.5, PETRA-OG v1, rates.VALVE-SVC',
      '2026-11-18 labour P5 VALVE-SVC 45m @14500 = 10875 | standard rate, PETRA-OG v1, rates.VALVE-SVC',
      '2026-11-18 minimum P5 VALVE-SVC 75m(+75) @14500 = 18125 | minimum 2h per job, PETRA-OG v1, rates.VALVE-SVC',
      '2026-11-26 labour P2 VALVE-SVC 120m @29000 = 58000 | holiday ×2, PETRA-OG v1, rates.VALVE-SVC',
      '2026-11-01 credit - SLA-CREDIT 1each @-50000 = -50000 | SLA credit, PETRA-OG v1, sla.credits[1]',
    ]);
    // 9,500 + 1,305 + 74.80 + 1,160 + 870 + 520 + 96 + 145 + 435 + 108.75 + 181.25 + 580 = 14,975.80
    expect(r.totals).toEqual({ billable: 1497580, credits: -50000, total: 1447580, nominalCovered: 310000 });
    expect(r.held).toEqual([{ what: 'time', jobId: 'P3', sources: ['E6'], minutes: 60, reason: { code: 'outside-access', site: 'PTX-REF' } }]);
    expect(r.minutes).toEqual({ logged: 1545, billed: 1485, covered: 0, unbilled: 60, added: 75 });
  });

  test('STLUKE-BIOMED, October 2026: Thanksgiving on prepaid hours, bank empty, 24x7 ICU, pump warranty, loaner', () => {
    const { contract } = loadPilot('STLUKE-BIOMED');
    // Toronto EDT (UTC-4) all October. Imaging: Mon-Fri 07:30-19:30, CA-ON holidays (Thanksgiving Mon 12 Oct).
    // ICU is 24x7: never after-hours. Bank 120h, 119h used.
    const r = rateInvoice(
      input(contract, { from: '2026-10-01', to: '2026-10-31' }, {
        jobs: [job('S1', 'SLR-IMG'), job('S2', 'SLR-IMG'), job('S3', 'SLR-ICU', 'P1'), job('S4', 'SLR-ICU'), job('S5', 'SLR-ICU', 'P3'), job('S6', 'SLR-IMG')],
        timeEntries: [
          te('E1', 'S5', 'PM-INFUSION', '2026-10-06T10:00:00-04:00', '2026-10-06T10:30:00-04:00'),
          te('E2', 'S5', 'PM-INFUSION', '2026-10-06T10:30:00-04:00', '2026-10-06T11:00:00-04:00'),
          te('E3', 'S1', 'BIOMED-SVC', '2026-10-12T10:00:00-04:00', '2026-10-12T11:00:00-04:00'),
          te('E4', 'S2', 'BIOMED-SVC', '2026-10-13T19:00:00-04:00', '2026-10-13T21:10:00-04:00'),
          te('E5', 'S3', 'BIOMED-SVC', '2026-10-17T23:00:00-04:00', '2026-10-18T01:30:00-04:00'),
          te('E6', 'S4', 'BIOMED-SVC', '2026-10-20T14:00:00-04:00', '2026-10-20T14:40:00-04:00'),
          te('E7', 'S4', 'ELEC-SAFETY', '2026-10-20T14:40:00-04:00', '2026-10-20T15:00:00-04:00'),
          te('E8', 'S6', 'LOANER', '2026-10-21T09:00:00-04:00', '2026-10-23T17:00:00-04:00', { approvalId: 'APR-9' }),
        ],
        parts: [part('Q1', 'S4', 'PUMP-MOD-A', '2026-10-20T14:30:00-04:00'), part('Q2', 'S5', 'BATT-LI-7', '2026-10-06T11:00:00-04:00')],
        credits: [credit('C1', 51200, '2026-10-17T23:30:00-04:00', { rule: 'sla.credits[0]', reason: 'S3 P1 restore breach (8% of fee)' })],
        prior: { prepaidMinutesUsed: [119 * 60], siteVisitsUsed: {} },
      }),
    );
    // fee 6,400.00
    // S5: two covered pump PMs (nominal 0); battery 210.00
    // S1 Thanksgiving 60m: the last bank hour at base (nominal 135.00) + holiday uplift 60m × 135 × 1.0 = 135.00
    // S2 19:00-21:10, bank empty: 30m standard = 67.50; 100m after-hours + 5m rounding = 105m × 202.50/60
    //    = 354.375 -> 354.38
    // S3 ICU Sat 23:00 -> Sun 01:30, 24x7 and no weekend modifier: 150m × 135/60 = 337.50
    // S4 pump under warranty with labour: 40m -> 45m covered (nominal 101.25), top-up to the 1h minimum 15m covered
    //    (nominal 33.75), the safety test covered too (nominal 40.00), the module free (nominal 1,850.00)
    // S6 approved loaner Wed 21 -> Fri 23: three dates × 55.00
    // credit -512.00
    expect(r.lines.map(brief)).toEqual([
      '2026-10-01 fee - - 1month @640000 = 640000 | monthly fee, STLUKE-BIOMED v1, fee',
      '2026-10-06 labour S5 PM-INFUSION 2each @0 = covered 0 | covered, STLUKE-BIOMED v1, rates.PM-INFUSION',
      '2026-10-06 part S5 BATT-LI-7 1each @21000 = 21000 | price list, STLUKE-BIOMED v1, parts.BATT-LI-7',
      '2026-10-12 labour S1 BIOMED-SVC 60m @13500 = covered 13500 | prepaid hours bank 1 (120h 2026-01-15..2027-01-14), STLUKE-BIOMED v1, entitlements.prepaidHours[0]',
      '2026-10-12 uplift S1 BIOMED-SVC 60m @13500 = 13500 | holiday uplift ×2 on prepaid hours, STLUKE-BIOMED v1, modifiers.holiday',
      '2026-10-13 labour S2 BIOMED-SVC 30m @13500 = 6750 | standard rate, STLUKE-BIOMED v1, rates.BIOMED-SVC',
      '2026-10-13 labour S2 BIOMED-SVC 105m(+5) @20250 = 35438 | after-hours ×1.5, STLUKE-BIOMED v1, rates.BIOMED-SVC',
      '2026-10-17 labour S3 BIOMED-SVC 150m @13500 = 33750 | standard rate, STLUKE-BIOMED v1, rates.BIOMED-SVC',
      '2026-10-20 labour S4 BIOMED-SVC 45m(+5) @13500 = covered 10125 | warranty labour (PUMP-* part on job), STLUKE-BIOMED v1, entitlements.warranty[0]',
      '2026-10-20 labour S4 ELEC-SAFETY 1each @4000 = covered 4000 | warranty labour (PUMP-* part on job), STLUKE-BIOMED v1, entitlements.warranty[0]',
      '2026-10-20 minimum S4 BIOMED-SVC 15m(+15) @13500 = covered 3375 | minimum 1h per job, warranty labour (PUMP-* part on job), STLUKE-BIOMED v1, entitlements.warranty[0]',
      '2026-10-20 part S4 PUMP-MOD-A 1each @185000 = covered 185000 | warranty PUMP-* until 2027-01-14, STLUKE-BIOMED v1, entitlements.warranty[0]',
      '2026-10-21 labour S6 LOANER 1day @5500 = 5500 | approved out-of-scope (APR-9), STLUKE-BIOMED v1, rates.LOANER',
      '2026-10-22 labour S6 LOANER 1day @5500 = 5500 | approved out-of-scope (APR-9), STLUKE-BIOMED v1, rates.LOANER',
      '2026-10-23 labour S6 LOANER 1day @5500 = 5500 | approved out-of-scope (APR-9), STLUKE-BIOMED v1, rates.LOANER',
      '2026-10-17 credit - SLA-CREDIT 1each @-51200 = -51200 | SLA credit, STLUKE-BIOMED v1, sla.credits[0]',
    ]);
    // 6,400 + 210 + 135 + 67.50 + 354.38 + 337.50 + 165 = 7,669.38
    expect(r.totals).toEqual({ billable: 766938, credits: -51200, total: 715738, nominalCovered: 216000 });
    expect(r.usage.prepaidMinutesUsed).toEqual([7200]);
    expect(r.minutes).toEqual({ logged: 3820, billed: 3640, covered: 180, unbilled: 0, added: 25 });
  });
});
