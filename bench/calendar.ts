/**
 * Business-calendar benchmark: our compiled calendar against dayjs-business-time on the same
 * cases, with the answers compared before anything is timed.
 *
 * Zone choice. dayjs-business-time has no zone support: it reads and sets wall-clock hours in the
 * process's local zone. The fair comparison is therefore to run the process in the calendar's zone
 * (TZ=Europe/Paris, set here for the duration of the section and restored after; Node re-reads TZ
 * when it is assigned) and give both libraries the same Paris office with the same holiday dates.
 * Our calendar still does its own zone work through luxon, so it pays for everything it would pay
 * in production; dayjs gets its zone for free from the OS.
 *
 * What dayjs-business-time cannot express, and is therefore left out of the compared cases:
 * - adding 0 minutes (it moves the start to the next opening; ours returns the start unchanged);
 * - calendars in another zone than the process's, ranges ending at 24:00 or crossing a DST
 *   change (its segments are wall-clock times of one day), holiday regions (it takes a date list:
 *   we give it the same FR public/bank dates our calendar uses, plus the contract's 24 Dec).
 * The office hours are the Acme pilot's: Mon-Thu 08:00-18:00, Fri 08:00-17:00, which never touch
 * the 02:00/03:00 change hour, so DST days are in the cases without being a semantic difference.
 */
import Holidays from 'date-holidays';
import dayjs from 'dayjs';
import businessTime from 'dayjs-business-time';
import { compileCalendar } from '../src/rules/calendar.js';
import type { CalendarSpec } from '../src/rules/contract-types.js';
import { measure, prng, type BenchRow, type Measurement } from './lib.js';

const ZONE = 'Europe/Paris';
const MIN = 60_000;
const CASES = 2000;
const LONG_CASES = 200;
const TARGET_RATIO = 100;

const OFFICE: CalendarSpec = {
  timezone: ZONE,
  weekly: {
    mon: ['08:00-18:00'],
    tue: ['08:00-18:00'],
    wed: ['08:00-18:00'],
    thu: ['08:00-18:00'],
    fri: ['08:00-17:00'],
  },
  holidays: { region: 'FR', dates: ['2026-12-24'] },
};

/** The same closed dates our calendar derives: FR `public`/`bank` entries plus explicit dates. */
function closedDates(years: number[]): string[] {
  const fr = new Holidays('FR');
  const out = new Set<string>(OFFICE.holidays?.dates ?? []);
  for (const y of years) {
    for (const h of fr.getHolidays(y)) if (h.type === 'public' || h.type === 'bank') out.add(h.date.slice(0, 10));
  }
  return [...out].sort();
}

function setupDayjs(): void {
  dayjs.extend(businessTime);
  const day = (start: string, end: string) => [{ start, end }];
  dayjs.setBusinessTime({
    sunday: null,
    monday: day('08:00:00', '18:00:00'),
    tuesday: day('08:00:00', '18:00:00'),
    wednesday: day('08:00:00', '18:00:00'),
    thursday: day('08:00:00', '18:00:00'),
    friday: day('08:00:00', '17:00:00'),
    saturday: null,
  });
  dayjs.setHolidays(closedDates([2025, 2026, 2027, 2028]));
}

interface AddCase {
  start: number;
  minutes: number;
}
interface BetweenCase {
  from: number;
  to: number;
}

/** Starts on minute boundaries over most of 2026, at any time of day or week (closed ones too). */
function cases(seed: number) {
  const rnd = prng(seed);
  const from = Date.UTC(2026, 0, 5);
  const span = Date.UTC(2026, 10, 30) - from;
  const instant = () => from + Math.floor((rnd() * span) / MIN) * MIN;
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const add: AddCase[] = Array.from({ length: CASES }, () => ({ start: instant(), minutes: int(1, 3000) }));
  const between: BetweenCase[] = Array.from({ length: CASES }, () => {
    const a = instant();
    return { from: a, to: a + int(0, 14 * 1440) * MIN };
  });
  const long: AddCase[] = Array.from({ length: LONG_CASES }, () => ({ start: instant(), minutes: int(6000, 30000) }));
  return { add, between, long };
}

function row(
  name: string,
  ours: Measurement,
  theirs: Measurement,
  mismatches: number,
  compared: number,
  note: string,
): BenchRow {
  const ratio = theirs.median / ours.median;
  return {
    name,
    unit: 'µs/call',
    median: ours.median,
    p95: ours.p95,
    baseline: { name: 'dayjs-business-time', median: theirs.median, p95: theirs.p95 },
    ratio,
    target: `>= ${TARGET_RATIO}x dayjs-business-time, identical answers`,
    pass: ratio >= TARGET_RATIO && mismatches === 0,
    note: `${mismatches} mismatches in ${compared} cases; ${note}`,
  };
}

export async function benchCalendar(): Promise<BenchRow[]> {
  const previousTz = process.env.TZ;
  process.env.TZ = ZONE;
  try {
    // 1 Jan 2026 is winter time in Paris: UTC+1, i.e. getTimezoneOffset() = -60.
    if (new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset() !== -60) {
      throw new Error('could not switch the process to TZ=Europe/Paris; dayjs-business-time would run in another zone');
    }
    setupDayjs();
    const cal = compileCalendar(OFFICE);
    const { add, between, long } = cases(2026);

    const oursAdd = (c: AddCase) => cal.addBusinessMinutes(new Date(c.start), c.minutes).getTime();
    const dayjsAdd = (c: AddCase) => dayjs(c.start).addBusinessMinutes(c.minutes).valueOf();
    const oursBetween = (c: BetweenCase) => cal.businessMinutesBetween(new Date(c.from), new Date(c.to));
    const dayjsBetween = (c: BetweenCase) => dayjs(c.from).businessMinutesDiff(dayjs(c.to));

    // Correctness first (untimed); this also warms our per-block caches for the timed runs, as a
    // long-running bot process would have them.
    const count = <C>(cs: C[], a: (c: C) => number, b: (c: C) => number) => cs.filter((c) => a(c) !== b(c)).length;
    const addMismatch = count(add, oursAdd, dayjsAdd);
    const betweenMismatch = count(between, oursBetween, dayjsBetween);
    const longMismatch = count(long, oursAdd, dayjsAdd);

    const ours = <C>(cs: C[], f: (c: C) => number) =>
      measure((i) => f(cs[i % cs.length]!), { iterations: cs.length * 20, warmup: cs.length, batch: 20 });
    const theirs = <C>(cs: C[], f: (c: C) => number) =>
      measure((i) => f(cs[i % cs.length]!), { iterations: cs.length, warmup: Math.ceil(cs.length / 10) });

    const rows: BenchRow[] = [
      row(
        'calendar.addBusinessMinutes: office, FR holidays, 1-3000 min',
        ours(add, oursAdd),
        theirs(add, dayjsAdd),
        addMismatch,
        add.length,
        'random starts in 2026 (Paris), process TZ=Europe/Paris for dayjs',
      ),
      row(
        'calendar.businessMinutesBetween: office, spans 0-14 days',
        ours(between, oursBetween),
        theirs(between, dayjsBetween),
        betweenMismatch,
        between.length,
        'same calendar and zone set-up',
      ),
      row(
        'calendar.addBusinessMinutes: long spans, 100-500 h',
        ours(long, oursAdd),
        theirs(long, dayjsAdd),
        longMismatch,
        long.length,
        'up to ~10 weeks of office time per call',
      ),
    ];

    // A newly loaded contract: compile, then the first call builds the 64-day blocks it touches.
    // Zone offsets and the FR holiday years are per-process caches, already warm here.
    const fresh = measure((i) => compileCalendar(OFFICE).addBusinessMinutes(new Date(add[i % add.length]!.start), 600).getTime(), {
      iterations: 500,
      warmup: 50,
    });
    rows.push({
      name: 'fresh calendar: compileCalendar + first addBusinessMinutes (600 min)',
      unit: 'µs/call',
      median: fresh.median,
      p95: fresh.p95,
      note: 'informational: cold per-calendar cache (zone and holiday caches are process-wide and warm)',
    });
    return rows;
  } finally {
    if (previousTz === undefined) delete process.env.TZ;
    else process.env.TZ = previousTz;
  }
}
