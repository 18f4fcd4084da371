/**
 * The KPI formulas on hand-made data whose answers are worked out in the comments. No database.
 */
import { describe, expect, it } from 'vitest';
import type { Contract, Rate } from '../../src/rules/contract-types.js';
import {
  EMPTY,
  classifyTime,
  creditsIssued,
  disputeRate,
  formatChange,
  formatCredits,
  formatHours,
  formatPercent,
  formatRatio,
  lastCompleteWeek,
  latestDigest,
  leadTime,
  parseDigestTime,
  parseWeek,
  percentile,
  renewalPackDate,
  renewalReadiness,
  slaRates,
  unbilledTime,
  weekOf,
  weekOverWeek,
  weekPoints,
  weeksEnding,
  type SlaGroup,
  type TimeGroup,
  type WeekKpis,
} from '../../src/rules/kpi.js';

const rate = (code: string, extra: Partial<Rate> = {}): Rate => ({ code, name: code, unit: 'hour', price: 8500, covered: false, outOfScope: false, ...extra });

function contract(id: string, rates: Rate[], travel = false): Contract {
  return {
    id,
    customer: { name: id, contacts: [] },
    currency: 'EUR',
    locale: 'en-GB',
    term: { start: '2026-01-01', end: '2026-12-31', renewal: 'manual', noticeDays: 60 },
    fee: { amount: 180000, per: 'month' },
    team: 'hvac',
    calendars: { always: '24x7' },
    sites: [],
    sla: { warnAt: [0.75], pauseOn: { response: [], restore: [] }, fallbacks: [], subcontractors: [], credits: [] },
    rates,
    modifiers: { seasonal: [], ...(travel ? { travel: { code: 'TRAVEL', per: 'visit' as const } } : {}) },
    entitlements: { prepaidHours: [], warranty: [] },
    parts: [],
    checklists: {},
    approvals: {},
    recurring: [],
    skills: [],
    templates: {},
    redaction: [],
  };
}

describe('weeks', () => {
  it('reads ISO weeks in the team zone, Monday to Sunday', () => {
    // Mon 23 Nov 2026 00:30 Paris is still Sun 22 Nov 23:30 UTC: Paris says W48, UTC says W47.
    const at = new Date('2026-11-22T23:30:00Z');
    expect(weekOf(at, 'Europe/Paris').label).toBe('2026-W48');
    expect(weekOf(at, 'UTC').label).toBe('2026-W47');
    const w = parseWeek('2026-W48', at, 'Europe/Paris');
    expect([w.from, w.to]).toEqual(['2026-11-23', '2026-11-29']);
    expect(w.start.toISOString()).toBe('2026-11-22T23:00:00.000Z');
    expect(w.end.toISOString()).toBe('2026-11-29T23:00:00.000Z');
  });

  it('accepts the ways people type a week and refuses the rest', () => {
    const now = new Date('2026-11-25T10:00:00Z');
    expect(parseWeek(undefined, now, 'UTC').label).toBe('2026-W47');
    expect(parseWeek('last', now, 'UTC').label).toBe('2026-W47');
    expect(parseWeek('this', now, 'UTC').label).toBe('2026-W48');
    expect(parseWeek('w5', now, 'UTC').label).toBe('2026-W05');
    expect(parseWeek('2026w05', now, 'UTC').label).toBe('2026-W05');
    expect(parseWeek('2026-11-18', now, 'UTC').label).toBe('2026-W47');
    // 2026 has 53 ISO weeks (it starts on a Thursday); 2027 has 52.
    expect(parseWeek('2026-W53', now, 'UTC').from).toBe('2026-12-28');
    expect(() => parseWeek('2027-W53', now, 'UTC')).toThrow(/weeks 1 to 52/);
    expect(() => parseWeek('next tuesday', now, 'UTC')).toThrow(/not a week/);
  });

  it('a week across the autumn DST change is 169 hours long', () => {
    const w = parseWeek('2026-W43', new Date('2026-11-01T00:00:00Z'), 'Europe/Paris');
    expect((w.end.getTime() - w.start.getTime()) / 3_600_000).toBe(169);
  });

  it('lists the 8 weeks of the chart oldest first, across the year end', () => {
    const last = parseWeek('2027-W02', new Date('2027-01-20T00:00:00Z'), 'UTC');
    expect(weeksEnding(last, 8).map((w) => w.label)).toEqual(['2026-W48', '2026-W49', '2026-W50', '2026-W51', '2026-W52', '2026-W53', '2027-W01', '2027-W02']);
  });

  it('finds the latest digest moment in local wall-clock time and the week it reports', () => {
    const t = parseDigestTime('mon 09:00');
    // Monday 23 Nov 2026 08:59 Paris: the moment is still the Monday before.
    let d = latestDigest(new Date('2026-11-23T07:59:00Z'), 'Europe/Paris', t);
    expect(d.at.toISOString()).toBe('2026-11-16T08:00:00.000Z');
    expect(d.week.label).toBe('2026-W46');
    // 09:00 Paris: this Monday's moment, reporting W47.
    d = latestDigest(new Date('2026-11-23T08:00:00Z'), 'Europe/Paris', t);
    expect(d.at.toISOString()).toBe('2026-11-23T08:00:00.000Z');
    expect(d.week.label).toBe('2026-W47');
    // Across DST: Monday 30 Mar 2026 09:00 Paris is 07:00 UTC (summer time), a week earlier 08:00 UTC.
    expect(latestDigest(new Date('2026-03-30T07:00:00Z'), 'Europe/Paris', t).at.toISOString()).toBe('2026-03-30T07:00:00.000Z');
    expect(latestDigest(new Date('2026-03-30T06:59:00Z'), 'Europe/Paris', t).at.toISOString()).toBe('2026-03-23T08:00:00.000Z');
    expect(() => parseDigestTime('monday 9am')).toThrow(/mon 09:00/);
    expect(lastCompleteWeek(new Date('2026-11-23T08:00:00Z'), 'Europe/Paris').label).toBe('2026-W47');
  });
});

describe('ratios and percentiles', () => {
  it('an empty denominator gives null and the empty text, never NaN', () => {
    expect(formatRatio({ numerator: 0, denominator: 0, value: null }, EMPTY.jobs)).toBe('no jobs this week');
    expect(formatRatio({ numerator: 23, denominator: 25, value: 23 / 25 }, EMPTY.jobs)).toBe('92% (23 of 25)');
    expect(formatPercent(2 / 3)).toBe('66.7%');
    expect(formatPercent(1)).toBe('100%');
  });

  it('interpolates percentiles between ranks like percentile_cont', () => {
    expect(percentile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1, 10);
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([], 0.5)).toBeNull();
  });
});

describe('SLA hit rate', () => {
  // ACME-HVAC: 4 P1 jobs closed (3 met response, 2 met restore), 6 P3 (6 met response, 5 restore).
  // NORTHWIND: 10 P2 jobs (9 response, 10 restore), another team.
  const groups: SlaGroup[] = [
    { contractId: 'ACME-HVAC', team: 'hvac-paris', priority: 'P1', closed: 4, responseMet: 3, restoreMet: 2 },
    { contractId: 'ACME-HVAC', team: 'hvac-paris', priority: 'P3', closed: 6, responseMet: 6, restoreMet: 5 },
    { contractId: 'NORTHWIND-TEL', team: 'telecom-uk', priority: 'P2', closed: 10, responseMet: 9, restoreMet: 10 },
  ];

  it('is the share of closed jobs whose window was not breached, overall and by cut', () => {
    const s = slaRates(groups);
    // response: (3 + 6 + 9) / 20 = 90%; restore: (2 + 5 + 10) / 20 = 85%
    expect(s.closed).toBe(20);
    expect(s.response).toEqual({ numerator: 18, denominator: 20, value: 0.9 });
    expect(s.restore).toEqual({ numerator: 17, denominator: 20, value: 0.85 });
    expect(s.byContract.map((c) => [c.key, c.closed, c.response.value, c.restore.value])).toEqual([
      ['ACME-HVAC', 10, 0.9, 0.7],
      ['NORTHWIND-TEL', 10, 0.9, 1],
    ]);
    expect(s.byTeam.map((c) => c.key)).toEqual(['hvac-paris', 'telecom-uk']);
    expect(s.byPriority.map((c) => [c.key, c.response.numerator, c.response.denominator])).toEqual([
      ['P1', 3, 4],
      ['P2', 9, 10],
      ['P3', 6, 6],
    ]);
  });

  it('an empty week has no rate at all', () => {
    const s = slaRates([]);
    expect(s.response.value).toBeNull();
    expect(s.restore.value).toBeNull();
    expect(formatRatio(s.response, EMPTY.jobs)).toBe('no jobs this week');
    expect(JSON.stringify(s)).not.toContain('NaN');
  });

  it('builds the chart series with gaps, not zeros, for empty weeks', () => {
    const weeks = weeksEnding(parseWeek('2026-W47', new Date('2026-11-25T00:00:00Z'), 'UTC'), 3);
    const pts = weekPoints(weeks, new Map([['2026-W47', groups]]));
    expect(pts).toEqual([
      { label: '2026-W45', closed: 0, response: null, restore: null },
      { label: '2026-W46', closed: 0, response: null, restore: null },
      { label: '2026-W47', closed: 20, response: 90, restore: 85 },
    ]);
  });
});

describe('unbilled time', () => {
  const acme = contract('ACME-HVAC', [rate('HVAC-LAB'), rate('HVAC-PM', { unit: 'visit', covered: true, price: 0 }), rate('DUCT-CLEAN', { outOfScope: true }), rate('TRAVEL', { unit: 'visit' })], true);
  const petra = contract('PETRA-OG', [rate('VALVE-SVC'), rate('MILEAGE', { unit: 'km', price: 110 })]);

  it('counts the holds an entry shows by itself, with the reason', () => {
    expect(classifyTime(acme, { code: 'hvac-lab', kind: 'labour', approved: false })).toEqual({ billable: true });
    expect(classifyTime(acme, { code: 'HVAC-PM', kind: 'labour', approved: false })).toEqual({ billable: true });
    expect(classifyTime(acme, { code: 'DUCT-CLEAN', kind: 'labour', approved: false })).toEqual({ billable: false, reason: { code: 'out-of-scope', task: 'DUCT-CLEAN' } });
    expect(classifyTime(acme, { code: 'DUCT-CLEAN', kind: 'labour', approved: true })).toEqual({ billable: true });
    expect(classifyTime(acme, { code: 'ROOF-WORK', kind: 'labour', approved: false })).toMatchObject({ billable: false });
    expect(classifyTime(acme, { code: 'ROOF-WORK', kind: 'labour', approved: true })).toEqual({ billable: true });
    // Acme pays travel per visit: travel time is part of that line whatever code it carries.
    expect(classifyTime(acme, { code: 'ANY', kind: 'travel', approved: false })).toEqual({ billable: true });
    expect(classifyTime(petra, { code: 'MILEAGE', kind: 'labour', approved: false })).toEqual({ billable: false, reason: { code: 'per-km', task: 'MILEAGE' } });
    expect(classifyTime(petra, { code: 'ROOF-WORK', kind: 'labour', approved: false })).toEqual({ billable: false, reason: { code: 'not-in-contract', task: 'ROOF-WORK' } });
    expect(classifyTime(undefined, { code: 'X', kind: 'labour', approved: false })).toEqual({ billable: false, reason: { code: 'unknown-contract' } });
  });

  it('sums unbilled minutes by contract and reason', () => {
    const groups: TimeGroup[] = [
      { contractId: 'ACME-HVAC', date: '2026-11-16', code: 'HVAC-LAB', kind: 'labour', approved: false, minutes: 600 },
      { contractId: 'ACME-HVAC', date: '2026-11-16', code: 'DUCT-CLEAN', kind: 'labour', approved: false, minutes: 90 },
      { contractId: 'ACME-HVAC', date: '2026-11-17', code: 'DUCT-CLEAN', kind: 'labour', approved: false, minutes: 30 },
      { contractId: 'ACME-HVAC', date: '2026-11-17', code: 'DUCT-CLEAN', kind: 'labour', approved: true, minutes: 120 },
      { contractId: 'PETRA-OG', date: '2026-11-18', code: 'MILEAGE', kind: 'labour', approved: false, minutes: 60 },
      { contractId: 'PETRA-OG', date: '2026-11-18', code: 'VALVE-SVC', kind: 'labour', approved: false, minutes: 300 },
    ];
    const u = unbilledTime(groups, (id) => (id === 'ACME-HVAC' ? acme : petra));
    // logged 600 + 90 + 30 + 120 + 60 + 300 = 1200; unbilled 90 + 30 + 60 = 180 = 15%
    expect(u.loggedMinutes).toBe(1200);
    expect(u.unbilledMinutes).toBe(180);
    expect(u.share.value).toBeCloseTo(0.15, 12);
    expect(u.byContract).toEqual([
      { contractId: 'ACME-HVAC', minutes: 120, reasons: [{ reason: { code: 'out-of-scope', task: 'DUCT-CLEAN' }, minutes: 120 }] },
      { contractId: 'PETRA-OG', minutes: 60, reasons: [{ reason: { code: 'per-km', task: 'MILEAGE' }, minutes: 60 }] },
    ]);
    const none = unbilledTime([], () => acme);
    expect(none.share.value).toBeNull();
  });
});

describe('disputes, lead time, credits, renewals', () => {
  it('dispute rate is disputed lines over lines', () => {
    expect(disputeRate(40, 3, 5).rate).toEqual({ numerator: 3, denominator: 40, value: 0.075 });
    expect(disputeRate(0, 0, 2).rate.value).toBeNull();
  });

  it('lead time is the median and p90 of close-to-invoice hours', () => {
    // 10 jobs closed 1..10 days before the invoice: median 5.5 days = 132 h, p90 9.1 days = 218.4 h
    const l = leadTime(Array.from({ length: 10 }, (_, i) => (i + 1) * 24));
    expect(l.jobs).toBe(10);
    expect(l.medianHours).toBeCloseTo(132, 10);
    expect(l.p90Hours).toBeCloseTo(218.4, 10);
    expect(formatHours(l.medianHours, EMPTY.lead)).toBe('5.5 days');
    expect(formatHours(3.5, EMPTY.lead)).toBe('3h30m');
    expect(leadTime([])).toEqual({ jobs: 0, medianHours: null, p90Hours: null });
    expect(formatHours(null, EMPTY.lead)).toBe('no jobs invoiced this week');
  });

  it('credits add up per currency, never across currencies', () => {
    const c = creditsIssued([
      { currency: 'EUR', kind: 'sla', amount: 3600, count: 1 },
      { currency: 'EUR', kind: 'sla', amount: 9000, count: 2 },
      { currency: 'EUR', kind: 'goodwill', amount: 15000, count: 1 },
      { currency: 'GBP', kind: 'sla', amount: 4200, count: 1 },
    ]);
    expect(c.byCurrency).toEqual([
      { currency: 'EUR', sla: 12600, slaCount: 3, goodwill: 15000, goodwillCount: 1 },
      { currency: 'GBP', sla: 4200, slaCount: 1, goodwill: 0, goodwillCount: 0 },
    ]);
    expect(formatCredits(c, 'sla')).toBe('EUR 126.00 (3), GBP 42.00 (1)');
    expect(formatCredits(c, 'goodwill')).toBe('EUR 150.00 (1)');
    expect(formatCredits(creditsIssued([]), 'sla')).toBe('none');
  });

  it('a renewal pack is due 30 days before the end or at the notice deadline, whichever is earlier', () => {
    // Acme: ends 31 Dec, 60 days notice -> 1 Nov. A 14-day notice -> 30 days before: 1 Dec.
    expect(renewalPackDate({ end: '2026-12-31', noticeDays: 60 })).toBe('2026-11-01');
    expect(renewalPackDate({ end: '2026-12-31', noticeDays: 14 })).toBe('2026-12-01');
  });

  it('renewal readiness counts contracts ending within 30 days that have a pack', () => {
    const r = renewalReadiness(
      [
        { contractId: 'A', end: '2026-12-10', ready: true },
        { contractId: 'B', end: '2026-12-20', ready: false },
        { contractId: 'C', end: '2026-11-30', ready: false }, // already ended
        { contractId: 'D', end: '2027-01-31', ready: true }, // more than 30 days away
      ],
      '2026-11-30',
    );
    expect(r.contracts.map((c) => c.contractId)).toEqual(['A', 'B']);
    expect(r.rate).toEqual({ numerator: 1, denominator: 2, value: 0.5 });
    expect(renewalReadiness([], '2026-11-30').rate.value).toBeNull();
  });
});

describe('week over week', () => {
  const week = parseWeek('2026-W47', new Date('2026-11-25T00:00:00Z'), 'UTC');
  const empty = (): WeekKpis => ({
    week,
    opened: 0,
    sla: slaRates([]),
    unbilled: unbilledTime([], () => undefined),
    disputes: disputeRate(0, 0, 0),
    leadTime: leadTime([]),
    credits: creditsIssued([]),
    renewals: renewalReadiness([], '2026-11-22'),
    worst: [],
  });

  it('gives the change in points with an arrow and whether it is good news', () => {
    const prev = { ...empty(), sla: slaRates([{ contractId: 'A', team: 't', priority: 'P1', closed: 10, responseMet: 8, restoreMet: 9 }]), disputes: disputeRate(20, 2, 2) };
    const cur = { ...empty(), sla: slaRates([{ contractId: 'A', team: 't', priority: 'P1', closed: 8, responseMet: 8, restoreMet: 6 }]), disputes: disputeRate(20, 1, 1) };
    const ch = Object.fromEntries(weekOverWeek(cur, prev).map((c) => [c.key, c]));
    // response 80% -> 100%: +20 pts, good; restore 90% -> 75%: -15 pts, bad
    expect(ch['sla.response']).toMatchObject({ delta: 20, direction: 'up', good: true });
    expect(formatChange(ch['sla.response']!)).toBe('▲ +20 pts');
    expect(ch['sla.restore']!.delta).toBeCloseTo(-15, 10);
    expect(ch['sla.restore']).toMatchObject({ direction: 'down', good: false });
    expect(formatChange(ch['sla.restore']!)).toBe('▼ -15 pts');
    // disputes 10% -> 5%: down is good
    expect(ch['disputes.rate']).toMatchObject({ direction: 'down', good: true });
    // jobs closed 10 -> 8: neutral
    expect(ch['jobs.closed']).toMatchObject({ delta: -2, good: null });
    expect(formatChange(ch['jobs.closed']!)).toBe('▼ -2 jobs');
  });

  it('an empty week on either side compares to nothing: no NaN, no arrow', () => {
    const ch = weekOverWeek(empty(), empty());
    for (const c of ch.filter((x) => x.key !== 'jobs.closed')) {
      expect(c.delta).toBeNull();
      expect(formatChange(c)).toBe('');
    }
    expect(formatChange(ch.find((c) => c.key === 'jobs.closed')!)).toBe('= no change');
    expect(JSON.stringify(ch)).not.toContain('NaN');
  });
});
