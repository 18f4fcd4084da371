import Holidays from 'date-holidays';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compileCalendar, type BusinessCalendar } from '../../src/rules/calendar.js';
import { WEEKDAYS, type CalendarSpec, type Weekday } from '../../src/rules/contract-types.js';
import { PILOT_IDS, pilotFile, pilotText } from '../support/pilots.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

/** A local wall-clock time in a zone -> Date (luxon's reading of the wall clock). */
function at(local: string, zone: string): Date {
  const dt = DateTime.fromISO(local, { zone });
  if (!dt.isValid) throw new Error(`bad test time ${local}`);
  return dt.toJSDate();
}

function local(d: Date, zone: string): string {
  return DateTime.fromJSDate(d, { zone }).toFormat("ccc yyyy-MM-dd HH:mm");
}

const weekdays = (ranges: string[], days: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri']) =>
  Object.fromEntries(days.map((d) => [d, ranges])) as CalendarSpec['weekly'];

// -----------------------------------------------------------------------------------------------
// Brute-force reference: luxon reads every single minute of a window; a minute is open when its
// local weekday has a range containing its local time and its local date is no holiday.

const WINDOW_DAYS = 14;
const W = WINDOW_DAYS * 1440;

interface RefWindow {
  zone: string;
  /** local date the window starts at (local midnight) */
  from: string;
  regions: string[];
  why: string;
}

const WINDOWS: RefWindow[] = [
  { zone: 'Europe/Paris', from: '2026-03-24', regions: ['FR'], why: 'spring forward 29 Mar, Easter Monday' },
  { zone: 'Europe/Paris', from: '2026-10-20', regions: ['FR'], why: 'fall back 25 Oct, Toussaint' },
  { zone: 'America/Chicago', from: '2026-02-27', regions: ['US-TX', 'US'], why: 'spring forward 8 Mar' },
  { zone: 'America/Chicago', from: '2026-10-29', regions: ['US-TX', 'US'], why: 'fall back 1 Nov, Veterans Day' },
  { zone: 'Australia/Sydney', from: '2026-03-27', regions: ['AU-NSW'], why: 'fall back 5 Apr, Easter' },
  { zone: 'Australia/Sydney', from: '2026-09-25', regions: ['AU-NSW'], why: 'spring forward 4 Oct, Labour Day' },
  { zone: 'Australia/Lord_Howe', from: '2026-03-27', regions: ['AU-NSW'], why: 'half-hour DST change 5 Apr' },
  { zone: 'America/Sao_Paulo', from: '2018-10-26', regions: ['BR'], why: 'midnight spring forward 4 Nov 2018' },
  { zone: 'America/Sao_Paulo', from: '2019-02-10', regions: ['BR'], why: 'fall back at midnight 17 Feb 2019' },
  { zone: 'America/New_York', from: '2026-06-26', regions: ['US'], why: 'Independence Day observed 3 Jul' },
  { zone: 'Europe/London', from: '2026-12-18', regions: ['GB-ENG'], why: 'Christmas, Boxing Day substitute' },
  { zone: 'America/Toronto', from: '2026-07-24', regions: ['CA-ON'], why: 'Civic Holiday (optional: open)' },
];

interface WindowInfo {
  start: number;
  date: string[];
  weekday: Uint8Array; // Monday = 0
  minuteOfDay: Uint16Array;
}

const windowInfo = new Map<RefWindow, WindowInfo>();

function info(w: RefWindow): WindowInfo {
  let wi = windowInfo.get(w);
  if (wi) return wi;
  const start = DateTime.fromISO(w.from, { zone: w.zone }).toMillis();
  wi = { start, date: [], weekday: new Uint8Array(W), minuteOfDay: new Uint16Array(W) };
  for (let i = 0; i < W; i++) {
    const dt = DateTime.fromJSDate(new Date(start + i * MIN), { zone: w.zone });
    wi.date.push(dt.toISODate()!);
    wi.weekday[i] = dt.weekday - 1;
    wi.minuteOfDay[i] = dt.hour * 60 + dt.minute;
  }
  windowInfo.set(w, wi);
  return wi;
}

/** The documented rule, restated: date-holidays types public and bank, whole local dates. */
function refHolidays(region: string | undefined, years: number[]): Set<string> {
  const out = new Set<string>();
  if (!region) return out;
  const [c, s] = region.split('-');
  const lib = s ? new Holidays(c!, s) : new Holidays(c!);
  for (const y of years) {
    for (const h of lib.getHolidays(y)) {
      if (h.type !== 'public' && h.type !== 'bank') continue;
      const days = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / (24 * HOUR)));
      const first = DateTime.fromISO(h.date.slice(0, 10), { zone: 'UTC' });
      for (let k = 0; k < days; k++) out.add(first.plus({ days: k }).toISODate()!);
    }
  }
  return out;
}

interface Reference {
  start: number;
  open: Uint8Array;
  /** prefix[i] = open minutes among the first i minutes of the window */
  prefix: Int32Array;
  holiday: Uint8Array;
}

function reference(w: RefWindow, spec: CalendarSpec): Reference {
  const wi = info(w);
  const year = Number(w.from.slice(0, 4));
  const hol = refHolidays(spec.holidays?.region, [year - 1, year, year + 1]);
  for (const d of spec.holidays?.dates ?? []) hol.add(d);
  const ranges = WEEKDAYS.map((d) =>
    (spec.weekly[d] ?? []).map((r) => {
      const [a, b] = r.split('-').map((hm) => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3, 5)));
      return [a!, b!] as const;
    }),
  );
  const open = new Uint8Array(W);
  const holiday = new Uint8Array(W);
  const prefix = new Int32Array(W + 1);
  for (let i = 0; i < W; i++) {
    const isHol = hol.has(wi.date[i]!);
    const m = wi.minuteOfDay[i]!;
    holiday[i] = isHol ? 1 : 0;
    open[i] = !isHol && ranges[wi.weekday[i]!]!.some(([a, b]) => a <= m && m < b) ? 1 : 0;
    prefix[i + 1] = prefix[i]! + open[i]!;
  }
  return { start: wi.start, open, prefix, holiday };
}

/** Minute index j such that the n-th open minute from minute i ends at j. */
function refAdd(ref: Reference, i: number, n: number): number {
  if (n === 0) return i;
  const target = ref.prefix[i]! + n;
  let lo = i + 1;
  let hi = W;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ref.prefix[mid]! >= target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function refSpans(ref: Reference, i: number, j: number): [number, number][] {
  const out: [number, number][] = [];
  for (let k = i; k < j; k++) {
    if (!ref.open[k]) continue;
    const last = out[out.length - 1];
    if (last && last[1] === k) last[1] = k + 1;
    else out.push([k, k + 1]);
  }
  return out.map(([a, b]) => [ref.start + a * MIN, ref.start + b * MIN]);
}

// Day schedules that stress the edges: split shifts, 24:00 ends, ranges across DST hours
// (02:00-03:00 local on change nights, 23:00-24:00 and 00:00-01:00 for midnight changes).
const pad = (n: number) => String(n).padStart(2, '0');
const hm = (m: number) => `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
const fixedDay = fc.constantFrom(
  ['00:00-24:00'],
  ['00:00-06:00', '22:00-24:00'],
  ['08:00-18:00'],
  ['09:00-17:00'],
  ['01:30-03:30'],
  ['02:00-03:00'],
  ['02:30-02:45'],
  ['00:00-01:00', '23:00-24:00'],
  ['00:00-02:30', '02:45-24:00'],
  ['07:30-12:00', '13:00-19:30'],
);
const randomDay = fc
  .array(
    fc.tuple(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 1, max: 1440 })).filter(([a, b]) => a < b),
    { minLength: 1, maxLength: 3 },
  )
  .map((rs) => rs.map(([a, b]) => `${hm(a)}-${hm(b)}`));
const daySchedule = fc.oneof(
  { weight: 2, arbitrary: fc.constant<string[]>([]) },
  { weight: 4, arbitrary: fixedDay },
  { weight: 3, arbitrary: randomDay },
);
const weeklyArb = fc
  .tuple(...WEEKDAYS.map(() => daySchedule))
  .map((days) => Object.fromEntries(days.flatMap((d, k) => (d.length ? [[WEEKDAYS[k], d]] : []))) as CalendarSpec['weekly']);

function specArb(w: RefWindow): fc.Arbitrary<CalendarSpec> {
  const windowDates = Array.from({ length: WINDOW_DAYS }, (_, k) =>
    DateTime.fromISO(w.from, { zone: 'UTC' }).plus({ days: k }).toISODate()!,
  );
  return fc.record({
    weekly: weeklyArb,
    region: fc.option(fc.constantFrom(...w.regions), { nil: undefined }),
    dates: fc.subarray(windowDates, { maxLength: 3 }),
  }).map(({ weekly, region, dates }) => ({
    timezone: w.zone,
    weekly,
    holidays: { ...(region ? { region } : {}), dates },
  }));
}

const queryArb = fc.record({
  start: fc.integer({ min: 0, max: Math.floor(W * 0.6) }),
  n: fc.integer({ min: 0, max: 3000 }),
  len: fc.integer({ min: 0, max: W }),
  ms: fc.integer({ min: 0, max: MIN - 1 }),
});

describe('calendar agrees with a minute-by-minute luxon reference', () => {
  for (const w of WINDOWS) {
    it(`${w.zone} from ${w.from} (${w.why})`, () => {
      let checked = 0;
      fc.assert(
        fc.property(specArb(w), fc.array(queryArb, { minLength: 20, maxLength: 20 }), (spec, queries) => {
          const cal = compileCalendar(spec);
          const ref = reference(w, spec);
          const t = (i: number) => new Date(ref.start + i * MIN);
          for (const q of queries) {
            const i = q.start;
            const j = Math.min(W, i + q.len);
            const n = Math.min(q.n, ref.prefix[W]! - ref.prefix[i]!);
            expect(cal.addBusinessMinutes(t(i), n).getTime()).toBe(ref.start + refAdd(ref, i, n) * MIN);
            expect(cal.businessMinutesBetween(t(i), t(j))).toBe(ref.prefix[j]! - ref.prefix[i]!);
            const inside = new Date(ref.start + i * MIN + q.ms);
            expect(cal.isOpen(inside)).toBe(ref.open[i] === 1);
            expect(cal.isHoliday(inside)).toBe(ref.holiday[i] === 1);
            const spans = cal.openSpans(t(i), t(j)).map((s) => [s.start.getTime(), s.end.getTime()]);
            expect(spans).toEqual(refSpans(ref, i, j));
            checked++;
          }
        }),
        { numRuns: 10, seed: 20260 + WINDOWS.indexOf(w) },
      );
      expect(checked).toBe(200);
    });
  }
});

// -----------------------------------------------------------------------------------------------

describe('calendar examples a dispatcher would check by hand', () => {
  const parisOffice = compileCalendar({
    timezone: 'Europe/Paris',
    weekly: weekdays(['08:00-18:00']),
    holidays: { region: 'FR' },
  });

  it('4 office hours from Monday 17:00 are due Tuesday 11:00 (Paris, Mon-Fri 08:00-18:00)', () => {
    const due = parisOffice.addBusinessMinutes(at('2026-06-15T17:00', 'Europe/Paris'), 240);
    expect(local(due, 'Europe/Paris')).toBe('Tue 2026-06-16 11:00');
  });

  it('12 hours on a 9-17 calendar from 10:00 the day before a holiday end at 14:00 the day after it', () => {
    // Veterans Day, Wed 2026-11-11: 7 h on Tuesday, none on the holiday, 5 h on Thursday.
    const office = compileCalendar({ timezone: 'America/New_York', weekly: weekdays(['09:00-17:00']), holidays: { region: 'US' } });
    const due = office.addBusinessMinutes(at('2026-11-10T10:00', 'America/New_York'), 720);
    expect(local(due, 'America/New_York')).toBe('Thu 2026-11-12 14:00');
  });

  it('adding 0 minutes returns the start itself, even when the calendar is closed then', () => {
    const sunday = at('2026-06-14T03:17:42.123', 'Europe/Paris');
    expect(parisOffice.addBusinessMinutes(sunday, 0).getTime()).toBe(sunday.getTime());
  });

  it('a job reported at night starts counting at the next opening and ends exactly at closing time', () => {
    expect(local(parisOffice.addBusinessMinutes(at('2026-06-15T23:00', 'Europe/Paris'), 600), 'Europe/Paris')).toBe(
      'Tue 2026-06-16 18:00',
    );
  });

  it('negative minutes are refused with a RangeError', () => {
    expect(() => parisOffice.addBusinessMinutes(new Date(Date.UTC(2026, 0, 5)), -1)).toThrow(RangeError);
    expect(() => parisOffice.addBusinessMinutes(new Date(Date.UTC(2026, 0, 5)), Number.NaN)).toThrow(RangeError);
    expect(() => parisOffice.isOpen(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => parisOffice.addBusinessMinutes(new Date(Date.UTC(2026, 0, 5)), 1e13)).toThrow(/beyond the Date range/);
    expect(() => compileCalendar('24x7').addBusinessMinutes(new Date(Date.UTC(2026, 0, 5)), 1e13)).toThrow(RangeError);
  });

  it('a calendar that never opens throws instead of searching forever', () => {
    const never = compileCalendar({ timezone: 'Europe/Paris', weekly: {} });
    expect(() => never.addBusinessMinutes(new Date(Date.UTC(2026, 0, 5)), 1)).toThrow(/never opens/);
    expect(never.businessMinutesBetween(new Date(Date.UTC(2026, 0, 1)), new Date(Date.UTC(2027, 0, 1)))).toBe(0);
  });

  it('a calendar whose every opening is a closure date for years gives up after its search horizon', () => {
    const mondays = (from: string, years: number) => {
      const out: string[] = [];
      for (let d = DateTime.fromISO(from, { zone: 'UTC' }); d.year < Number(from.slice(0, 4)) + years; d = d.plus({ weeks: 1 })) {
        out.push(d.toISODate()!);
      }
      return out;
    };
    const start = at('2026-01-01T00:00', 'UTC');
    const closedForever = compileCalendar({ timezone: 'UTC', weekly: { mon: ['09:00-10:00'] }, holidays: { dates: mondays('2026-01-05', 8) } });
    expect(() => closedForever.addBusinessMinutes(start, 60)).toThrow(/no open time/);
    const closedTwoYears = compileCalendar({ timezone: 'UTC', weekly: { mon: ['09:00-10:00'] }, holidays: { dates: mondays('2026-01-05', 2) } });
    expect(closedTwoYears.addBusinessMinutes(start, 60).toISOString()).toBe('2028-01-03T10:00:00.000Z');
  });

  it('24x7 is always open, in UTC, with no holidays', () => {
    const always = compileCalendar('24x7');
    const christmas = at('2026-12-25T03:00', 'Europe/Paris');
    expect(always.zone).toBe('UTC');
    expect(always.isOpen(christmas)).toBe(true);
    expect(always.isHoliday(christmas)).toBe(false);
    expect(always.addBusinessMinutes(christmas, 90).getTime() - christmas.getTime()).toBe(90 * MIN);
    expect(always.businessMinutesBetween(christmas, new Date(christmas.getTime() + 36 * HOUR))).toBe(36 * 60);
    expect(always.openSpans(christmas, new Date(christmas.getTime() + HOUR))).toEqual([
      { start: christmas, end: new Date(christmas.getTime() + HOUR) },
    ]);
  });

  it('a bad calendar fails when it is compiled, with a message naming the problem', () => {
    expect(() => compileCalendar({ timezone: 'Mars/Olympus', weekly: {} })).toThrow(/Mars\/Olympus/);
    expect(() => compileCalendar({ timezone: 'UTC', weekly: { mon: ['18:00-08:00'] } })).toThrow(/18:00-08:00/);
    expect(() => compileCalendar({ timezone: 'UTC', weekly: { mon: ['24:00-24:00'] } })).toThrow(/24:00/);
    expect(() => compileCalendar({ timezone: 'UTC', weekly: {}, holidays: { region: 'XX' } })).toThrow(/XX/);
    expect(() => compileCalendar({ timezone: 'UTC', weekly: {}, holidays: { dates: ['2026-02-30'] } })).toThrow(/2026-02-30/);
  });

  it('overlapping ranges on one day count once', () => {
    const cal = compileCalendar({ timezone: 'UTC', weekly: { mon: ['08:00-12:00', '10:00-14:00', '14:00-15:00'] } });
    const mon = at('2026-01-05T00:00', 'UTC');
    expect(cal.businessMinutesBetween(mon, new Date(mon.getTime() + 24 * HOUR))).toBe(7 * 60);
    expect(cal.openSpans(mon, new Date(mon.getTime() + 24 * HOUR)).map((s) => s.end.toISOString())).toEqual([
      '2026-01-05T15:00:00.000Z',
    ]);
  });

  it('a shift ending at 24:00 and one starting at 00:00 the next day form one open span', () => {
    const cal = compileCalendar({ timezone: 'America/Chicago', weekly: { mon: ['22:00-24:00'], tue: ['00:00-06:00'] } });
    const spans = cal.openSpans(at('2026-06-15T00:00', 'America/Chicago'), at('2026-06-17T00:00', 'America/Chicago'));
    expect(spans.map((s) => [local(s.start, 'America/Chicago'), local(s.end, 'America/Chicago')])).toEqual([
      ['Mon 2026-06-15 22:00', 'Tue 2026-06-16 06:00'],
    ]);
  });
});

describe('open time is real elapsed time on DST change days', () => {
  const allDay = (zone: string) => compileCalendar({ timezone: zone, weekly: weekdays(['00:00-24:00'], [...WEEKDAYS]) });
  const dayLength = (cal: BusinessCalendar, date: string) => {
    // Local midnights of the date and the next one (luxon's plus({days: 1}) would keep a shifted
    // wall time when midnight itself is skipped, as in Sao Paulo in 2018).
    const next = DateTime.fromISO(date, { zone: 'UTC' }).plus({ days: 1 }).toISODate()!;
    const start = DateTime.fromISO(date, { zone: cal.zone });
    const end = DateTime.fromISO(next, { zone: cal.zone });
    return cal.businessMinutesBetween(start.toJSDate(), end.toJSDate()) / 60;
  };

  it.each([
    ['Europe/Paris', '2026-03-29', 23],
    ['Europe/Paris', '2026-10-25', 25],
    ['America/Chicago', '2026-03-08', 23],
    ['America/Chicago', '2026-11-01', 25],
    ['Australia/Sydney', '2026-10-04', 23],
    ['Australia/Sydney', '2026-04-05', 25],
    ['America/Sao_Paulo', '2018-11-04', 23],
    ['Australia/Lord_Howe', '2026-04-05', 24.5],
    ['Europe/Paris', '2026-06-15', 24],
  ])('a 00:00-24:00 day in %s on %s has %s open hours', (zone, date, hours) => {
    expect(dayLength(allDay(zone), date)).toBe(hours);
  });

  it('a 00:00-06:00 range is 5 real hours on the spring-forward night in Chicago and 7 on the fall-back night', () => {
    const night = compileCalendar({ timezone: 'America/Chicago', weekly: { sun: ['00:00-06:00'] } });
    const spring = at('2026-03-08T00:00', 'America/Chicago');
    const fall = at('2026-11-01T00:00', 'America/Chicago');
    expect(night.businessMinutesBetween(spring, new Date(spring.getTime() + 24 * HOUR))).toBe(5 * 60);
    expect(night.businessMinutesBetween(fall, new Date(fall.getTime() + 24 * HOUR))).toBe(7 * 60);
    expect(local(night.addBusinessMinutes(spring, 5 * 60), 'America/Chicago')).toBe('Sun 2026-03-08 06:00');
  });

  it('a range starting inside the repeated fall-back hour is open in both copies of its part of that hour', () => {
    // Chicago 2026-11-01: 01:00-01:59 happens twice (CDT, then CST). 01:30-05:00 is open
    // 01:30-02:00 CDT, closed 01:00-01:30 CST, open again from 01:30 CST.
    const cal = compileCalendar({ timezone: 'America/Chicago', weekly: { sun: ['01:30-05:00'] } });
    const spans = cal.openSpans(at('2026-11-01T00:00', 'America/Chicago'), at('2026-11-02T00:00', 'America/Chicago'));
    expect(spans.map((s) => [s.start.toISOString(), s.end.toISOString()])).toEqual([
      ['2026-11-01T06:30:00.000Z', '2026-11-01T07:00:00.000Z'],
      ['2026-11-01T07:30:00.000Z', '2026-11-01T11:00:00.000Z'],
    ]);
  });

  it('a range inside the spring gap has no open time at all', () => {
    const cal = compileCalendar({ timezone: 'Europe/Paris', weekly: { sun: ['02:00-03:00'] } });
    const day = at('2026-03-29T00:00', 'Europe/Paris');
    expect(cal.businessMinutesBetween(day, new Date(day.getTime() + 23 * HOUR))).toBe(0);
    expect(local(cal.addBusinessMinutes(day, 30), 'Europe/Paris')).toBe('Sun 2026-04-05 02:30');
  });
});

describe('pilot contract calendars', () => {
  const calendars = new Map<string, BusinessCalendar>();
  const specs = new Map<string, CalendarSpec | '24x7'>();
  for (const id of PILOT_IDS) {
    const p = pilotFile(id).replace(/\.yaml$/, '');
    const doc = parse(pilotText(id)) as { calendars: Record<string, CalendarSpec | '24x7'> };
    for (const [name, spec] of Object.entries(doc.calendars)) {
      specs.set(`${p}/${name}`, spec);
      calendars.set(`${p}/${name}`, compileCalendar(spec));
    }
  }
  const cal = (key: string) => {
    const c = calendars.get(key);
    if (!c) throw new Error(`no pilot calendar ${key}`);
    return c;
  };

  it('every pilot calendar compiles', () => {
    expect([...calendars.keys()].sort()).toEqual([
      'acme-hvac/always',
      'acme-hvac/office',
      'brightdesk-it/office',
      'northwind-telecom/always',
      'northwind-telecom/office',
      'petra-oilgas/always',
      'petra-oilgas/office',
      'petra-oilgas/refinery-access',
      'stluke-health/always',
      'stluke-health/hospital-days',
    ]);
    expect(cal('acme-hvac/always').zone).toBe('UTC');
    expect(cal('petra-oilgas/office').zone).toBe('America/Chicago');
  });

  it('Acme P2 (4 h office) reported Wed 23 Dec 16:00 is due Mon 28 Dec 10:00: closed 24 Dec, Noël, weekend', () => {
    const office = cal('acme-hvac/office');
    expect(office.isHoliday(at('2026-12-24T12:00', 'Europe/Paris'))).toBe(true);
    expect(office.isHoliday(at('2026-12-25T12:00', 'Europe/Paris'))).toBe(true);
    const due = office.addBusinessMinutes(at('2026-12-23T16:00', 'Europe/Paris'), 240);
    expect(local(due, 'Europe/Paris')).toBe('Mon 2026-12-28 10:00');
  });

  it('Acme office closes at 17:00 on Fridays', () => {
    const office = cal('acme-hvac/office');
    expect(office.isOpen(at('2026-06-19T16:59', 'Europe/Paris'))).toBe(true);
    expect(office.isOpen(at('2026-06-19T17:00', 'Europe/Paris'))).toBe(false);
  });

  it('BrightDesk (US) is closed on Fri 3 Jul 2026, the observed Independence Day', () => {
    const office = cal('brightdesk-it/office');
    expect(office.isHoliday(at('2026-07-03T10:00', 'America/New_York'))).toBe(true);
    expect(office.isOpen(at('2026-07-03T10:00', 'America/New_York'))).toBe(false);
    expect(local(office.addBusinessMinutes(at('2026-07-02T16:00', 'America/New_York'), 120), 'America/New_York')).toBe(
      'Mon 2026-07-06 10:00',
    );
  });

  it('Northwind office (GB-ENG) opens Saturday mornings and closes on the Boxing Day substitute, Mon 28 Dec', () => {
    const office = cal('northwind-telecom/office');
    expect(office.isOpen(at('2026-06-20T12:59', 'Europe/London'))).toBe(true);
    expect(office.isOpen(at('2026-06-20T13:00', 'Europe/London'))).toBe(false);
    expect(office.isHoliday(at('2026-12-28T09:00', 'Europe/London'))).toBe(true);
    expect(local(office.addBusinessMinutes(at('2026-12-24T17:00', 'Europe/London'), 120), 'Europe/London')).toBe(
      'Tue 2026-12-29 09:00',
    );
  });

  it('Petra refinery access skips the Thanksgiving closure date, night shift by night shift', () => {
    const access = cal('petra-oilgas/refinery-access');
    const spans = access.openSpans(at('2026-11-25T00:00', 'America/Chicago'), at('2026-11-28T12:00', 'America/Chicago'));
    expect(spans.map((s) => [local(s.start, 'America/Chicago'), local(s.end, 'America/Chicago')])).toEqual([
      ['Wed 2026-11-25 00:00', 'Wed 2026-11-25 06:00'],
      ['Wed 2026-11-25 22:00', 'Thu 2026-11-26 00:00'],
      ['Fri 2026-11-27 00:00', 'Fri 2026-11-27 06:00'],
      ['Fri 2026-11-27 22:00', 'Sat 2026-11-28 06:00'],
    ]);
  });

  it('Petra office (US-TX) counts the Texas state holidays the library marks public', () => {
    const office = cal('petra-oilgas/office');
    for (const d of ['2026-11-26', '2026-11-27', '2026-12-24', '2026-12-25', '2026-12-26', '2026-07-03']) {
      expect(office.isHoliday(at(`${d}T12:00`, 'America/Chicago')), d).toBe(true);
    }
    // Observances are not days off: Texas Independence Day, Cesar Chavez Day.
    expect(office.isOpen(at('2026-03-02T12:00', 'America/Chicago'))).toBe(true);
    expect(office.isOpen(at('2026-03-31T12:00', 'America/Chicago'))).toBe(true);
  });

  it('St Luke hospital days (CA-ON) close on Good Friday but not on the optional Civic Holiday', () => {
    const days = cal('stluke-health/hospital-days');
    expect(days.isOpen(at('2026-04-03T10:00', 'America/Toronto'))).toBe(false);
    expect(days.isOpen(at('2026-08-03T10:00', 'America/Toronto'))).toBe(true);
    expect(days.isOpen(at('2026-08-03T07:29', 'America/Toronto'))).toBe(false);
    expect(days.isOpen(at('2026-08-03T19:29', 'America/Toronto'))).toBe(true);
  });

  it('Acme office has 2,461 open hours in 2026: working days minus the French holidays and 24 Dec', () => {
    // Counted day by day with luxon, independent of the calendar's interval arithmetic.
    const fr = refHolidays('FR', [2026]);
    let hours = 0;
    for (let d = DateTime.fromISO('2026-01-01', { zone: 'Europe/Paris' }); d.year === 2026; d = d.plus({ days: 1 })) {
      if (fr.has(d.toISODate()!) || d.toISODate() === '2026-12-24') continue;
      hours += d.weekday <= 4 ? 10 : d.weekday === 5 ? 9 : 0;
    }
    const office = cal('acme-hvac/office');
    expect(office.businessMinutesBetween(at('2026-01-01T00:00', 'Europe/Paris'), at('2027-01-01T00:00', 'Europe/Paris')) / 60).toBe(hours);
    expect(hours).toBe(2461);
  });

  it('each pilot calendar matches the minute reference in a window with a DST change or holidays', () => {
    const cases: [string, RefWindow][] = [
      ['acme-hvac/office', WINDOWS[1]!],
      ['petra-oilgas/office', WINDOWS[3]!],
      ['petra-oilgas/refinery-access', WINDOWS[2]!],
      ['brightdesk-it/office', WINDOWS[9]!],
      ['northwind-telecom/office', WINDOWS[10]!],
      ['stluke-health/hospital-days', WINDOWS[11]!],
    ];
    for (const [key, w] of cases) {
      const spec = specs.get(key) as CalendarSpec;
      expect(spec.timezone).toBe(w.zone);
      const ref = reference(w, spec);
      const c = cal(key);
      for (let i = 0; i < W; i += 97) {
        const t = new Date(ref.start + i * MIN);
        const n = Math.min(1 + ((i * 7) % 2000), ref.prefix[W]! - ref.prefix[i]!);
        expect(c.addBusinessMinutes(t, n).getTime(), `${key} +${n} from ${t.toISOString()}`).toBe(ref.start + refAdd(ref, i, n) * MIN);
        expect(c.businessMinutesBetween(t, new Date(ref.start + W * MIN))).toBe(ref.prefix[W]! - ref.prefix[i]!);
      }
    }
  });
});

describe('continuous-time properties over arbitrary instants and long spans', () => {
  const cals: [string, BusinessCalendar][] = [
    ['Paris office', compileCalendar({ timezone: 'Europe/Paris', weekly: weekdays(['08:00-18:00']), holidays: { region: 'FR', dates: ['2026-12-24'] } })],
    ['Chicago night shifts', compileCalendar({ timezone: 'America/Chicago', weekly: { mon: ['22:00-24:00'], tue: ['00:00-06:00', '22:00-24:00'], sat: ['00:00-06:00'] }, holidays: { region: 'US-TX' } })],
    ['Sydney split day', compileCalendar({ timezone: 'Australia/Sydney', weekly: weekdays(['00:00-02:30', '02:45-24:00'], [...WEEKDAYS]), holidays: { region: 'AU-NSW' } })],
    ['24x7', compileCalendar('24x7')],
  ];
  const instantArb = fc.integer({ min: Date.UTC(2012, 0, 1), max: Date.UTC(2036, 0, 1) });
  const minutesArb = fc.oneof(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 3000, max: 60_000 }), fc.double({ min: 0, max: 500, noNaN: true }));

  for (const [name, cal] of cals) {
    it(`${name}: between(s, add(s, n)) = n, add is additive, spans agree with isOpen`, () => {
      fc.assert(
        fc.property(instantArb, minutesArb, minutesArb, (s, a, b) => {
          const start = new Date(s);
          const endA = cal.addBusinessMinutes(start, a);
          const endAB = cal.addBusinessMinutes(start, a + b);
          const msA = Math.round(a * MIN);
          const msAB = Math.round((a + b) * MIN);
          expect(Math.round(cal.businessMinutesBetween(start, endA) * MIN)).toBe(msA);
          expect(Math.round(cal.businessMinutesBetween(start, endAB) * MIN)).toBe(msAB);
          if (msA + Math.round(b * MIN) === msAB) {
            expect(cal.addBusinessMinutes(endA, b).getTime()).toBe(msAB > msA ? endAB.getTime() : endA.getTime());
          }
          if (msAB > msA) {
            expect(endAB.getTime()).toBeGreaterThan(endA.getTime());
            expect(cal.isOpen(new Date(endAB.getTime() - 1))).toBe(true);
          }
          const spans = cal.openSpans(start, endAB);
          let total = 0;
          for (const [k, sp] of spans.entries()) {
            total += sp.end.getTime() - sp.start.getTime();
            expect(cal.isOpen(sp.start)).toBe(true);
            expect(cal.isOpen(new Date(sp.end.getTime() - 1))).toBe(true);
            if (k > 0) expect(sp.start.getTime()).toBeGreaterThan(spans[k - 1]!.end.getTime());
            if (sp.end.getTime() < endAB.getTime()) expect(cal.isOpen(sp.end)).toBe(false);
          }
          expect(total).toBe(msAB);
        }),
        { numRuns: 200, seed: 7 },
      );
    });
  }
});
