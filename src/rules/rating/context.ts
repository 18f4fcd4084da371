/**
 * Per contract version: lookups by case-insensitive id, the main zone, and compiled calendars with
 * day-level caches. Compiling a calendar and asking it for open spans are the expensive steps, so
 * both are memoized per contract object (contracts are immutable once loaded) and per compiler.
 */
import type { CalendarSpec, Contract, Part, Rate, Site } from '../contract-types.js';
import { type LocalDay, type ZoneDays, zoneDays } from './days.js';
import type { CalendarCompiler, CalendarLike, ContractVersion } from './types.js';

const BLOCK = 86_400_000;

/** A compiled calendar with its open spans cached per UTC day block and holidays per local date. */
export class CachedCalendar {
  private readonly blocks = new Map<number, number[]>();
  private readonly holidays = new Map<string, boolean>();

  constructor(
    readonly cal: CalendarLike,
    readonly alwaysOpen: boolean,
  ) {}

  private block(b: number): number[] {
    let spans = this.blocks.get(b);
    if (!spans) {
      spans = [];
      for (const s of this.cal.openSpans(new Date(b * BLOCK), new Date((b + 1) * BLOCK))) {
        spans.push(s.start.getTime(), s.end.getTime());
      }
      this.blocks.set(b, spans);
    }
    return spans;
  }

  /**
   * Open intervals inside [a, b) as a flat [s0, e0, s1, e1, ...] list, adjacent blocks merged,
   * written into the start of `out`; returns how many numbers it wrote. The hot path reuses one
   * buffer per caller, and only the count says where the answer ends.
   */
  openInto(a: number, b: number, out: number[]): number {
    let n = 0;
    if (this.alwaysOpen) {
      if (b > a) {
        out[n++] = a;
        out[n++] = b;
      }
      return n;
    }
    for (let k = Math.floor(a / BLOCK); k * BLOCK < b; k++) {
      const spans = this.block(k);
      for (let i = 0; i < spans.length; i += 2) {
        const s = Math.max(spans[i]!, a);
        const e = Math.min(spans[i + 1]!, b);
        if (e <= s) continue;
        if (n > 0 && out[n - 1] === s) out[n - 1] = e;
        else {
          out[n++] = s;
          out[n++] = e;
        }
      }
    }
    return n;
  }

  holiday(day: LocalDay): boolean {
    if (this.alwaysOpen) return false;
    let h = this.holidays.get(day.date);
    if (h === undefined) {
      h = this.cal.isHoliday(new Date(Math.floor((day.start + day.end) / 2)));
      this.holidays.set(day.date, h);
    }
    return h;
  }
}

export interface SiteCtx {
  site: Site;
  /** zone for weekend, holiday, seasonal and line dates */
  zone: string;
  days: ZoneDays;
  /** business hours; alwaysOpen for 24x7 (never after-hours) */
  calendar: CachedCalendar;
  access?: CachedCalendar;
}

/**
 * A contract version as the engine reads it. A class, not an object literal with closures: every
 * run makes new ones, and a literal's closures are new functions each time, which made V8 throw away
 * the optimized code of everything that had read the previous run's (docs/rating.md, "Speed").
 */
export class VersionCtx {
  /** "ACME-HVAC v3" */
  readonly label: string;
  readonly mainZone: string;
  /** first hourly, in-scope, billable code: what a covered visit bills at beyond its cap without an overrun code */
  readonly firstHourly: Rate | undefined;

  constructor(
    readonly contract: Contract,
    readonly version: number,
    readonly effectiveFrom: string,
    private readonly ctx: ContractCtx,
  ) {
    this.label = `${contract.id} v${version}`;
    this.mainZone = ctx.mainZone;
    this.firstHourly = ctx.firstHourly;
  }

  // Exact spelling first: it is the usual case and needs no new string.
  rate(code: string): Rate | undefined {
    return this.ctx.rates.get(code) ?? this.ctx.rates.get(code.toUpperCase());
  }

  part(sku: string): Part | undefined {
    return this.ctx.parts.get(sku) ?? this.ctx.parts.get(sku.toUpperCase());
  }

  site(id: string): SiteCtx | undefined {
    return this.ctx.sites.get(id) ?? this.ctx.sites.get(id.toUpperCase());
  }
}

interface ContractCtx {
  mainZone: string;
  rates: Map<string, Rate>;
  parts: Map<string, Part>;
  sites: Map<string, SiteCtx>;
  firstHourly?: Rate;
}

function specZone(spec: CalendarSpec | '24x7' | undefined): string | undefined {
  return spec && spec !== '24x7' ? spec.timezone : undefined;
}

/** The zone of the first site's calendar, else of the first calendar that has one. */
export function contractZone(c: Contract): string {
  const first = c.sites[0];
  const z = first ? specZone(c.calendars[first.calendar]) : undefined;
  if (z) return z;
  for (const spec of Object.values(c.calendars)) {
    const zz = specZone(spec);
    if (zz) return zz;
  }
  return 'UTC';
}

const byCompiler = new WeakMap<CalendarCompiler, WeakMap<Contract, ContractCtx>>();

function build(c: Contract, compile: CalendarCompiler): ContractCtx {
  const mainZone = contractZone(c);
  const compiled = new Map<string, CachedCalendar>();
  const calendar = (name: string | undefined): CachedCalendar | undefined => {
    if (name === undefined) return undefined;
    let cc = compiled.get(name);
    if (!cc) {
      // A name the schema let through but the contract lacks is read as always open: no surcharge
      // is ever invented from a missing calendar.
      const spec = c.calendars[name] ?? '24x7';
      cc = new CachedCalendar(compile(spec), spec === '24x7');
      compiled.set(name, cc);
    }
    return cc;
  };
  const sites = new Map<string, SiteCtx>();
  for (const site of c.sites) {
    const zone = specZone(c.calendars[site.calendar]) ?? specZone(site.access ? c.calendars[site.access] : undefined) ?? mainZone;
    const sc: SiteCtx = { site, zone, days: zoneDays(zone), calendar: calendar(site.calendar)!, access: calendar(site.access) };
    sites.set(site.id.toUpperCase(), sc);
    sites.set(site.id, sc);
  }
  const rates = new Map(c.rates.flatMap((r) => [[r.code.toUpperCase(), r] as const, [r.code, r] as const]));
  const parts = new Map(c.parts.flatMap((p) => [[p.sku.toUpperCase(), p] as const, [p.sku, p] as const]));
  const firstHourly = c.rates.find((r) => r.unit === 'hour' && !r.covered && !r.outOfScope);
  return { mainZone, rates, parts, sites, firstHourly };
}

export function versionCtx(v: ContractVersion, compile: CalendarCompiler): VersionCtx {
  let perContract = byCompiler.get(compile);
  if (!perContract) {
    perContract = new WeakMap();
    byCompiler.set(compile, perContract);
  }
  let cc = perContract.get(v.contract);
  if (!cc) {
    cc = build(v.contract, compile);
    perContract.set(v.contract, cc);
  }
  return new VersionCtx(v.contract, v.version, v.effectiveFrom, cc);
}

/** Versions oldest first; `at(date)` is the one in force on that local date. */
export class Versions {
  readonly list: VersionCtx[];

  constructor(versions: ContractVersion[], compile: CalendarCompiler) {
    if (versions.length === 0) throw new RangeError('rating needs at least one contract version');
    this.list = versions
      .map((v, i) => ({ v, i }))
      .sort((a, b) => (a.v.effectiveFrom < b.v.effectiveFrom ? -1 : a.v.effectiveFrom > b.v.effectiveFrom ? 1 : a.i - b.i))
      .map(({ v }) => versionCtx(v, compile));
  }

  private readonly byDay = new Map<LocalDay, VersionCtx>();

  /** The version in force on a local day of the main zone (memoized: every entry asks). */
  atDay(day: LocalDay): VersionCtx {
    let v = this.byDay.get(day);
    if (!v) this.byDay.set(day, (v = this.at(day.date)));
    return v;
  }

  /** Before the first effective date the first version applies: a contract is priced by its own terms from the start. */
  at(date: string): VersionCtx {
    let found = this.list[0]!;
    for (const v of this.list) {
      if (v.effectiveFrom <= date) found = v;
      else break;
    }
    return found;
  }
}
