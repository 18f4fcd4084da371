import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { offerReason } from '../../src/dispatch/offer-text.js';
import { rankOffers, requiredSkills, type Candidate } from '../../src/rules/technician-offer.js';
import { parseWeeklyHours, shiftAt } from '../../src/rules/working-time.js';

const PARIS = 'Europe/Paris';
// Monday 2026-11-23; Paris is UTC+1.
const at = (iso: string) => new Date(iso);

describe('working hours', () => {
  it('reads days, ranges and overnight turns', () => {
    const h = parseWeeklyHours('mon-fri 08:00-17:00, sat 09:00-12:00; sun 22:00-06:00');
    expect(h.mon).toEqual([
      [0, 360],
      [480, 1020],
    ]);
    expect(h.sat).toEqual([[540, 720]]);
    expect(h.sun).toEqual([[1320, 1440]]);
  });

  it('refuses what it cannot read, saying how to write it', () => {
    for (const bad of ['', 'monday 08:00-17:00', 'mon-fri 8-17', 'mon 08:00-08:00', 'fri-mon 08:00-17:00']) {
      expect(() => parseWeeklyHours(bad)).toThrow(AppError);
    }
    expect(() => parseWeeklyHours('mon-fri 8-17')).toThrow(/08:00-17:00/);
  });

  it('says until when a shift runs, or when it starts next, across midnight and weekends', () => {
    const office = parseWeeklyHours('mon-fri 08:00-17:00');
    expect(shiftAt(office, PARIS, at('2026-11-23T09:00:00Z'))).toEqual({ on: true, until: at('2026-11-23T16:00:00Z') });
    expect(shiftAt(office, PARIS, at('2026-11-23T02:29:00Z'))).toEqual({ on: false, next: at('2026-11-23T07:00:00Z') });
    // Friday evening: next shift is Monday morning.
    expect(shiftAt(office, PARIS, at('2026-11-27T18:00:00Z'))).toEqual({ on: false, next: at('2026-11-30T07:00:00Z') });
    // An overnight on-call turn is one span through midnight.
    const nights = parseWeeklyHours('daily 16:00-07:00');
    expect(shiftAt(nights, PARIS, at('2026-11-23T22:00:00Z'))).toEqual({ on: true, until: at('2026-11-24T06:00:00Z') });
  });
});

describe('who is offered a job', () => {
  const base = { zone: PARIS, hours: 'mon-fri 08:00-17:00', onCall: null, openJobs: 0 };
  const people: Candidate[] = [
    { ...base, id: 1, name: 'Ann', skills: [{ skill: 'biomed', expires: '2027-01-01' }], openJobs: 2 },
    { ...base, id: 2, name: 'Ben', skills: [{ skill: 'biomed' }], openJobs: 0 },
    { ...base, id: 3, name: 'Cas', skills: [{ skill: 'biomed', expires: '2026-10-31' }] },
    { ...base, id: 4, name: 'Dee', skills: [] },
    { ...base, id: 5, name: 'Eve', skills: [{ skill: 'biomed' }], hours: 'mon-fri 12:00-20:00', onCall: 'daily 20:00-12:00' },
    { ...base, id: 6, name: 'Fox', skills: [{ skill: 'biomed' }], hours: 'mon-fri 12:00-20:00' },
  ];

  it('the skills a job needs: its task code\'s, and the contract-wide ones', () => {
    const rules = [
      { skill: 'confined-space', codes: ['VALVE-SVC'] },
      { skill: 'h2s', codes: [] },
    ];
    expect(requiredSkills(rules, 'valve-svc')).toEqual(['confined-space', 'h2s']);
    expect(requiredSkills(rules, null)).toEqual(['h2s']);
  });

  it('holders first, then on shift, on call, off; then by load; each with the reason', () => {
    const offers = rankOffers(['biomed'], people, at('2026-11-23T09:00:00Z'), '2026-11-23');
    expect(offers.map((o) => [o.name, o.offered, offerReason(o.why)])).toEqual([
      ['Ben', true, 'biomed ✓, on shift until 17:00, 0 open jobs'],
      ['Ann', true, 'biomed ✓, on shift until 17:00, 2 open jobs'],
      ['Eve', true, 'biomed ✓, on call until 12:00, 0 open jobs'],
      ['Fox', true, 'biomed ✓, off until 12:00, 0 open jobs'],
      ['Cas', false, 'biomed expired 2026-10-31, on shift until 17:00, 0 open jobs'],
      ['Dee', false, 'no biomed, on shift until 17:00, 0 open jobs'],
    ]);
    expect(offers.find((o) => o.name === 'Cas')!.lacking).toEqual(['biomed']);
  });

  it('a certification is valid through its last day', () => {
    const [ann] = rankOffers(['biomed'], [people[0]!], at('2026-12-31T12:00:00Z'), '2027-01-01');
    expect(ann!.offered).toBe(true);
    const [late] = rankOffers(['biomed'], [people[0]!], at('2027-01-02T12:00:00Z'), '2027-01-02');
    expect(late!.offered).toBe(false);
  });
});
