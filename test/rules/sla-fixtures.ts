/**
 * Hand-built normalized contracts for the SLA tests, shaped like the pilots in
 * examples/contracts but small and with the numbers the tests reason about (minutes, cents,
 * fractions). Where a fixture departs from its pilot the comment says so.
 */
import { DateTime } from 'luxon';
import type { CalendarSpec, Contract, Sla, SlaWindow } from '../../src/rules/contract-types.js';

const H = 60;

export function makeContract(p: {
  id: string;
  currency?: string;
  fee?: number;
  calendars: Record<string, CalendarSpec | '24x7'>;
  sites: Contract['sites'];
  sla: Partial<Sla>;
}): Contract {
  return {
    id: p.id,
    customer: { name: p.id, contacts: [] },
    currency: p.currency ?? 'EUR',
    locale: 'en-GB',
    term: { start: '2026-01-01', end: '2027-12-31', renewal: 'manual', noticeDays: 30 },
    fee: { amount: p.fee ?? 0, per: 'month' },
    team: 'test',
    calendars: p.calendars,
    sites: p.sites,
    sla: {
      warnAt: [0.75],
      pauseOn: { response: ['waiting_customer'], restore: ['waiting_customer'] },
      fallbacks: [],
      subcontractors: [],
      credits: [],
      ...p.sla,
    },
    rates: [],
    modifiers: { seasonal: [] },
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

const weekdays = (range: string) => ({ mon: [range], tue: [range], wed: [range], thu: [range], fri: [range] });

/** ACME-HVAC, but Friday open until 18:00 like the other weekdays (the pilot closes at 17:00). */
export const parisOffice: CalendarSpec = {
  timezone: 'Europe/Paris',
  weekly: weekdays('08:00-18:00'),
  holidays: { region: 'FR', dates: ['2026-12-24'] },
};
const w = (response: number, restore: number, calendar: string): SlaWindow => ({ response, restore, calendar });

export const acme = makeContract({
  id: 'ACME-HVAC',
  currency: 'EUR',
  fee: 180_000,
  calendars: { office: parisOffice, always: '24x7' },
  sites: [{ id: 'PAR-HQ', name: 'Acme HQ', address: 'Paris', calendar: 'office' }],
  sla: {
    warnAt: [0.75],
    pauseOn: { response: ['waiting_customer', 'waiting_parts'], restore: ['waiting_customer', 'waiting_parts'] },
    priorities: {
      P1: w(1 * H, 4 * H, 'always'),
      P2: w(4 * H, 10 * H, 'office'),
      P3: w(8 * H, 30 * H, 'office'),
      P4: w(40 * H, 80 * H, 'office'),
    },
    credits: [
      { when: 'restore_breach', priority: ['P1'], percentOfFee: 0.05 },
      { when: 'response_breach', priority: ['P1', 'P2'], percentOfFee: 0.02 },
    ],
    creditCap: { percentOfFee: 0.15, per: 'month' },
  },
});

export const nyOffice: CalendarSpec = { timezone: 'America/New_York', weekly: weekdays('09:00-17:00'), holidays: { region: 'US' } };

/** BRIGHTDESK-IT, with a 12 h P2 restore (the pilot says 16 h) to match the holiday case. */
export const brightdesk = makeContract({
  id: 'BRIGHTDESK-IT',
  currency: 'USD',
  calendars: { office: nyOffice },
  sites: [{ id: 'BD-NYC', name: 'BrightDesk Manhattan', address: 'New York', calendar: 'office' }],
  sla: {
    warnAt: [0.75],
    pauseOn: { response: ['waiting_customer'], restore: ['waiting_customer'] },
    priorities: { P1: w(2 * H, 8 * H, 'office'), P2: w(4 * H, 12 * H, 'office'), P3: w(8 * H, 40 * H, 'office') },
  },
});

export const londonOffice: CalendarSpec = {
  timezone: 'Europe/London',
  weekly: { ...weekdays('08:00-18:00'), sat: ['09:00-13:00'] },
  holidays: { region: 'GB-ENG' },
};

/** NORTHWIND-TEL as in the pilot. */
export const northwind = makeContract({
  id: 'NORTHWIND-TEL',
  currency: 'GBP',
  fee: 420_000,
  calendars: { office: londonOffice, always: '24x7' },
  sites: [
    { id: 'LDN-CORE', name: 'London core PoP', address: 'London', calendar: 'always', tier: 'gold' },
    { id: 'MAN-AGG', name: 'Manchester aggregation', address: 'Manchester', calendar: 'office', tier: 'silver' },
    { id: 'LDS-EDGE', name: 'Leeds edge cabinet', address: 'Leeds', calendar: 'office', tier: 'bronze' },
  ],
  sla: {
    warnAt: [0.7],
    pauseOn: { response: ['waiting_customer'], restore: ['waiting_customer'] },
    tiers: {
      gold: { P1: w(15, 2 * H, 'always'), P2: w(1 * H, 6 * H, 'always'), P3: w(4 * H, 24 * H, 'office') },
      silver: { P1: w(30, 4 * H, 'always'), P2: w(2 * H, 10 * H, 'office'), P3: w(8 * H, 40 * H, 'office') },
      bronze: { P1: w(1 * H, 8 * H, 'always'), P2: w(4 * H, 20 * H, 'office'), P3: w(16 * H, 60 * H, 'office') },
    },
    credits: [
      { when: 'restore_breach', priority: ['P1'], tier: ['gold'], percentOfFee: 0.1 },
      { when: 'restore_breach', priority: ['P1'], tier: ['silver', 'bronze'], percentOfFee: 0.05 },
      { when: 'response_breach', priority: ['P1', 'P2'], percentOfFee: 0.01 },
    ],
    creditCap: { percentOfFee: 0.25, per: 'month' },
  },
});

/** PETRA-OG credits (fixed amounts, amount cap); windows as in the pilot. */
export const petra = makeContract({
  id: 'PETRA-OG',
  currency: 'USD',
  fee: 950_000,
  calendars: { always: '24x7' },
  sites: [{ id: 'PIPE-KP112', name: 'Valve station', address: 'TX', calendar: 'always' }],
  sla: {
    priorities: { P1: w(1 * H, 6 * H, 'always'), P2: w(4 * H, 24 * H, 'always') },
    credits: [
      { when: 'restore_breach', priority: ['P1'], amount: 150_000 },
      { when: 'response_breach', priority: ['P1'], amount: 50_000 },
    ],
    creditCap: { amount: 600_000, per: 'month' },
  },
});

/** Local wall-clock time in a zone -> instant. */
export const local = (zone: string) => (iso: string) => {
  const d = DateTime.fromISO(iso, { zone });
  if (!d.isValid) throw new Error(`bad test time ${iso}`);
  return d.toJSDate();
};
export const paris = local('Europe/Paris');
export const ny = local('America/New_York');
export const london = local('Europe/London');

/** Instant -> "2026-11-24 11:00" in a zone (seconds only when not zero), for readable asserts. */
export const show = (zone: string) => (d: Date | null | undefined) => {
  if (!d) return d === null ? null : undefined;
  const t = DateTime.fromJSDate(d, { zone });
  return t.toFormat(t.second || t.millisecond ? 'yyyy-MM-dd HH:mm:ss' : 'yyyy-MM-dd HH:mm');
};
