/**
 * The reference rating engine: the rules of docs/rating.md written for a reader, not for speed.
 * Same input and output as `rateInvoice` (index.ts); the property test in
 * test/rules/rating/reference.test.ts holds the fast engine (engine.ts) equal to this one, line for
 * line, on random months over the five pilots. No columns, typed arrays or caches: each rule is a
 * small function over plain objects, and pieces of work become lines by grouping equal texts.
 *
 * Only ratio.ts (exact money arithmetic) and the calendar compiler are shared with the fast engine.
 */
import { DateTime } from 'luxon';
import { compileCalendar } from '../calendar.js';
import type { CalendarSpec, Contract, Money, Part, Rate, Site } from '../contract-types.js';
import { type Ratio, add, dec, int, mul, round, sub, ONE, ZERO } from './ratio.js';
import type { CalendarLike, ContractVersion, HeldItem, HeldReason, InvoiceLine, LineKind, RatingInput, RatingJob, RatingOptions, RatingResult, TimeEntry } from './types.js';
import { SLA_CREDIT_CODE } from './credits.js';
import { heldReasonKey } from './held.js';
import { ADJUSTMENT_CODE } from './adjustments.js';
import * as words from './line-words.js';
import type { ModName } from './modifiers.js';

const MINUTE = 60_000;

// --- dates and zones ------------------------------------------------------------------------------

interface Day {
  date: string;
  start: number;
  end: number;
  /** ISO weekday, 1 = Monday */
  weekday: number;
}

/** The local day of `zone` holding the instant. */
function dayAt(ms: number, zone: string): Day {
  const start = DateTime.fromMillis(ms, { zone }).startOf('day');
  const end = start.plus({ days: 1 }).startOf('day');
  return { date: start.toISODate()!, start: start.toMillis(), end: end.toMillis(), weekday: start.weekday };
}

function dayOfDate(date: string, zone: string): Day {
  return dayAt(DateTime.fromISO(date, { zone }).startOf('day').toMillis(), zone);
}

/** The local days of `zone` overlapping [a, b). */
function daysBetween(a: number, b: number, zone: string): Day[] {
  const out: Day[] = [];
  for (let d = dayAt(a, zone); ; d = dayAt(d.end, zone)) {
    out.push(d);
    if (!(d.end < b)) return out;
  }
}

/** "MM-DD" within an inclusive month-day range that may wrap the year end. */
function inSeason(date: string, from: string, to: string): boolean {
  const md = date.slice(5);
  return from <= to ? md >= from && md <= to : md >= from || md <= to;
}

function periodKey(date: string, per: 'month' | 'quarter' | 'year'): string {
  if (per === 'year') return date.slice(0, 4);
  if (per === 'month') return date.slice(0, 7);
  return `${date.slice(0, 4)}-Q${Math.ceil(Number(date.slice(5, 7)) / 3)}`;
}

function sameId(a: string, b: string): boolean {
  return a.toUpperCase() === b.toUpperCase();
}

function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// --- contract versions ----------------------------------------------------------------------------

interface Calendar {
  cal: CalendarLike;
  alwaysOpen: boolean;
}

interface SiteInfo {
  site: Site;
  /** zone for line dates, weekends, holidays and seasons */
  zone: string;
  hours: Calendar;
  access?: Calendar;
}

interface Version {
  contract: Contract;
  version: number;
  effectiveFrom: string;
  label: string;
  sites: SiteInfo[];
}

function specZone(spec: CalendarSpec | '24x7' | undefined): string | undefined {
  return spec && spec !== '24x7' ? spec.timezone : undefined;
}

/** The zone of the first site's calendar, else of the first calendar that has one, else UTC. */
function mainZoneOf(c: Contract): string {
  const first = c.sites[0];
  const z = first ? specZone(c.calendars[first.calendar]) : undefined;
  return z ?? Object.values(c.calendars).map(specZone).find((x) => x !== undefined) ?? 'UTC';
}

function makeVersion(v: ContractVersion, compile: RatingOptions['compileCalendar'] & {}, mainZone: string): Version {
  const c = v.contract;
  // A calendar name the contract lacks reads as always open: no surcharge from a missing calendar.
  const calendar = (name: string): Calendar => {
    const spec = c.calendars[name] ?? '24x7';
    return { cal: compile(spec), alwaysOpen: spec === '24x7' };
  };
  const sites = c.sites.map((site) => ({
    site,
    zone: specZone(c.calendars[site.calendar]) ?? specZone(site.access ? c.calendars[site.access] : undefined) ?? mainZone,
    hours: calendar(site.calendar),
    access: site.access !== undefined ? calendar(site.access) : undefined,
  }));
  return { contract: c, version: v.version, effectiveFrom: v.effectiveFrom, label: `${c.id} v${v.version}`, sites };
}

/** Versions oldest first (input order among equal dates). */
function sortVersions(versions: ContractVersion[]): ContractVersion[] {
  return versions.map((v, i) => ({ v, i })).sort((a, b) => byString(a.v.effectiveFrom, b.v.effectiveFrom) || a.i - b.i).map((x) => x.v);
}

/** The version in force on a local date; before the first effective date, the first version. */
function versionOn(versions: Version[], date: string): Version {
  let found = versions[0]!;
  for (const v of versions) if (v.effectiveFrom <= date) found = v;
  return found;
}

function findById<T>(items: readonly T[], id: string, idOf: (t: T) => string): T | undefined {
  return items.findLast((t) => idOf(t) === id) ?? items.findLast((t) => idOf(t).toUpperCase() === id.toUpperCase());
}

const rateOf = (v: Version, code: string): Rate | undefined => findById(v.contract.rates, code, (r) => r.code);
const partOf = (v: Version, sku: string): Part | undefined => findById(v.contract.parts, sku, (p) => p.sku);
const siteOf = (v: Version, id: string): SiteInfo | undefined => findById(v.sites, id, (s) => s.site.id);

/** What a covered visit bills at beyond its cap when it names no overrun code. */
function firstHourly(v: Version): Rate | undefined {
  return v.contract.rates.find((r) => r.unit === 'hour' && !r.covered && !r.outOfScope);
}

/** A code whose id or name says "remote" puts nobody on site: no visit, no travel. */
function isRemote(rate: Rate): boolean {
  return /remote/i.test(rate.code) || /remote/i.test(rate.name);
}

// --- texts ----------------------------------------------------------------------------------------

/** "after-hours ×1.5, ACME-HVAC v3, rates.HVAC-LAB": what applied, which version, which clause. */
function ruleText(parts: readonly (string | undefined | false)[], label: string, ref: string): string {
  const said = parts.filter((p): p is string => typeof p === 'string' && p.length > 0);
  return [...(said.length > 0 ? said : [words.STANDARD_RATE]), label, ref].join(', ');
}

const MODIFIER_KEY: Record<ModName, string> = { holiday: 'holiday', weekend: 'weekend', 'after-hours': 'afterHours', overtime: 'overtime', 'outside-access': 'outsideAccess' };

interface Modifier {
  name: ModName;
  mult: number;
}

interface Season {
  index: number;
  from: string;
  to: string;
  mult: number;
}

const modTag = (m: Modifier | undefined) => m && words.modTag(m.name, m.mult);
const seasTag = (s: Season | undefined) => s && words.seasonalTag(s.mult, s.from, s.to);

// --- prices ---------------------------------------------------------------------------------------

/** price × a × b, exactly (decimals read as written). */
function priced(price: Money, a = 1, b = 1): Ratio {
  return mul(mul(int(price), dec(a)), dec(b));
}

/** The first seasonal rule of the version naming the code whose month-days hold the date. */
function seasonFor(v: Version, code: string, date: string): Season | undefined {
  const list = v.contract.modifiers.seasonal;
  const i = list.findIndex((s) => s.codes.some((c) => sameId(c, code)) && inSeason(date, s.from, s.to));
  return i < 0 ? undefined : { index: i, from: list[i]!.from, to: list[i]!.to, mult: list[i]!.multiplier };
}

// --- the invoice being built ----------------------------------------------------------------------

/** What a line says and costs, whatever job and date it is on. */
interface Text {
  kind: LineKind;
  code?: string;
  sku?: string;
  description: string;
  unit: string;
  covered: boolean;
  rule: string;
  version: number;
  /** exact price per unit (per hour for time lines) */
  price: Ratio;
}

interface Line {
  key: string;
  text: Text;
  time: boolean;
  jobId?: string;
  siteId?: string;
  date: string;
  /** a capped visit's count, put before the rule */
  prefix?: string;
  minutes: number;
  rounding: number;
  qty: Ratio;
  sources: string[];
}

interface Job {
  job: RatingJob;
  /** the warranty clause covering the job's labour, from its first warranty-labour part */
  warranty?: Warranty;
}

interface Warranty {
  index: number;
  pattern: string;
  until: string;
  labour: boolean;
}

/** A time entry as the rules read it. */
interface Work {
  e: TimeEntry;
  start: number;
  end: number;
  minutes: number;
  v: Version;
  job?: Job;
  site?: SiteInfo;
  /** local day of the start: the site's zone, else the main zone */
  day: Day;
  listed?: Rate;
  /** travel time, where the version's travel rule pays for it instead of the hours */
  paidByTravel: boolean;
  /** the technician's overtime intervals inside the entry */
  overtime: [number, number][];
}

interface Visit {
  exceeded: boolean;
  capText?: string;
  /** included minutes left per visit code */
  left: Map<string, number>;
}

interface TravelVisit {
  first: Work;
  ids: string[];
}

/** Minutes of a job on one code, for the per-job minimum. */
interface Tally {
  job: Job;
  siteId: string;
  rate: Rate;
  v: Version;
  day: Day;
  first: number;
  total: number;
  tags: string[];
  warranty?: Warranty;
  sources: string[];
}

interface Override {
  approvalId: string;
  price: Money;
  at: number;
}

class Invoice {
  readonly lines: Line[] = [];
  private readonly byKey = new Map<string, Line>();
  readonly held: HeldItem[] = [];
  readonly minutes = { logged: 0, billed: 0, covered: 0, unbilled: 0, added: 0 };

  /** The line for this text, job, date and prefix; opened on first use. */
  private line(time: boolean, text: Text, jobId: string | undefined, siteId: string | undefined, date: string, prefix: string | undefined): Line {
    const key = JSON.stringify([time, text.kind, text.code, text.sku, text.description, text.unit, text.covered, text.rule, text.version, String(text.price.n), String(text.price.d), jobId ?? '', date, prefix ?? ''], (_k, x: unknown) => (x === undefined ? null : x));
    let l = this.byKey.get(key);
    if (!l) {
      l = { key, text, time, jobId, siteId, date, prefix, minutes: 0, rounding: 0, qty: ZERO, sources: [] };
      this.byKey.set(key, l);
      this.lines.push(l);
    }
    return l;
  }

  addTime(text: Text, jobId: string, siteId: string, date: string, sources: readonly string[], minutes: number, rounding: number, prefix?: string): void {
    const l = this.line(true, text, jobId, siteId, date, prefix);
    l.minutes += minutes;
    l.rounding += rounding;
    l.sources.push(...sources);
  }

  addQty(text: Text, jobId: string | undefined, siteId: string | undefined, date: string, sources: readonly string[], qty: Ratio, prefix?: string): void {
    const l = this.line(false, text, jobId, siteId, date, prefix);
    l.qty = add(l.qty, qty);
    l.sources.push(...sources);
  }

  hold(item: HeldItem): void {
    this.held.push(item);
  }

  holdTime(w: Work, minutes: number, reason: HeldReason): void {
    this.minutes.unbilled += minutes;
    this.held.push({ what: 'time', jobId: w.e.jobId, sources: [w.e.id], minutes, reason });
  }
}

// --- the run --------------------------------------------------------------------------------------

/** Price a period's work under the contract versions in force: the readable twin of rateInvoice. */
export function rateInvoiceReference(input: RatingInput, options: RatingOptions = {}): RatingResult {
  if (input.versions.length === 0) throw new RangeError('rating needs at least one contract version');
  const compile = options.compileCalendar ?? compileCalendar;
  const sorted = sortVersions(input.versions);
  const mainZone = mainZoneOf(versionOnDate(sorted, input.period.from).contract);
  const versions = sorted.map((v) => makeVersion(v, compile, mainZone));
  const run = new Run(input, versions, mainZone);
  return run.rate();
}

function versionOnDate(versions: ContractVersion[], date: string): ContractVersion {
  let found = versions[0]!;
  for (const v of versions) if (v.effectiveFrom <= date) found = v;
  return found;
}

class Run {
  private readonly inv = new Invoice();
  private readonly jobs = new Map<string, Job>();
  private readonly periodStart: number;
  private readonly periodEnd: number;
  /** job id -> upper-cased code -> the override that applies */
  private readonly overrides = new Map<string, Map<string, Override>>();
  /** job id + date -> its covered visit, its travel visit, the unit codes already counted */
  private readonly visits = new Map<string, Visit>();
  private readonly travel = new Map<string, TravelVisit>();
  private readonly unitsSeen = new Set<string>();
  /** site + cap period -> covered visits counted */
  private readonly capCounts = new Map<string, number>();
  private readonly tallies: Tally[] = [];
  private readonly bankUsed: number[];
  /** approval id -> entries on codes the library lacks */
  private readonly extraTime = new Map<string, string[]>();

  constructor(
    private readonly input: RatingInput,
    private readonly versions: Version[],
    private readonly mainZone: string,
  ) {
    for (const j of input.jobs) this.jobs.set(j.id, { job: j });
    this.periodStart = dayOfDate(input.period.from, mainZone).start;
    this.periodEnd = dayOfDate(input.period.to, mainZone).end;
    this.bankUsed = [...input.prior.prepaidMinutesUsed];
  }

  rate(): RatingResult {
    this.readOverrides();
    this.findWarrantyJobs();
    const work = this.resolveEntries();
    markOvertime(work, this.mainZone);
    const inPeriod = work.filter((w) => this.inPeriod(w.start));
    this.countCoveredVisits(inPeriod);
    const travelTime: Work[] = [];
    for (const w of inPeriod) {
      this.inv.minutes.logged += w.minutes;
      if (w.paidByTravel) travelTime.push(w);
      else this.priceWork(w);
    }
    this.topUpMinimums();
    this.addTravel(inPeriod, travelTime);
    this.addParts();
    this.addExtras();
    this.addAdjustments();
    this.addCredits();
    this.addFees();
    return this.result();
  }

  private inPeriod(ms: number): boolean {
    return ms >= this.periodStart && ms < this.periodEnd;
  }

  private versionAt(ms: number): Version {
    return versionOn(this.versions, dayAt(ms, this.mainZone).date);
  }

  private dayFor(ms: number, site: SiteInfo | undefined): Day {
    return dayAt(ms, site ? site.zone : this.mainZone);
  }

  // --- rate overrides ---

  /** Of two overrides of one job and code the later approval applies, then the greater approval id. */
  private readOverrides(): void {
    for (const o of this.input.overrides ?? []) {
      if (!Number.isInteger(o.price) || o.price < 0) {
        this.inv.hold({ what: 'override', jobId: o.jobId, sources: [o.approvalId], minutes: 0, reason: { code: 'override-price', price: o.price } });
        continue;
      }
      const byCode = this.overrides.get(o.jobId) ?? new Map<string, Override>();
      this.overrides.set(o.jobId, byCode);
      const prev = byCode.get(o.code.toUpperCase());
      const at = o.at.getTime();
      if (prev && (prev.at > at || (prev.at === at && prev.approvalId >= o.approvalId))) continue;
      byCode.set(o.code.toUpperCase(), { approvalId: o.approvalId, price: o.price, at });
    }
  }

  /** The rate a job's work is priced at, and the override's tag when it is overridden. */
  private rateFor(job: Job, rate: Rate): { rate: Rate; oTag?: string } {
    const o = this.overrides.get(job.job.id)?.get(rate.code.toUpperCase());
    return o ? { rate: { ...rate, price: o.price }, oTag: words.overrideTag(o.approvalId) } : { rate };
  }

  // --- warranty ---

  /** The first warranty clause of the version making this SKU, used on `date`, free. */
  private warrantyFor(v: Version, sku: string, date: string): Warranty | undefined {
    const list = v.contract.entitlements.warranty;
    for (let i = 0; i < list.length; i++) {
      const w = list[i]!;
      const pattern = w.parts.find((p) => globMatches(p, sku));
      if (pattern !== undefined && date <= w.until) return { index: i, pattern, until: w.until, labour: w.labour };
    }
    return undefined;
  }

  /** A warranty-labour part on a job, whenever fitted, covers the job's in-scope labour: the earliest such part names the clause. */
  private findWarrantyJobs(): void {
    for (const p of byTime(this.input.parts, (x) => x.id)) {
      const job = this.jobs.get(p.jobId);
      if (!job || job.warranty) continue;
      const at = p.at.getTime();
      const v = this.versionAt(at);
      const hit = this.warrantyFor(v, p.sku, this.dayFor(at, siteOf(v, job.job.siteId)).date);
      if (hit?.labour) job.warranty = hit;
    }
  }

  // --- time entries ---

  /** Entries of some length, to the whole minute, in (start, id) order, with their version, job, site and rate. */
  private resolveEntries(): Work[] {
    const out: Work[] = [];
    for (const e of this.input.timeEntries) {
      const start = Math.floor(e.start.getTime() / MINUTE) * MINUTE;
      const end = Math.floor(e.end.getTime() / MINUTE) * MINUTE;
      if (!(end > start)) continue;
      const v = this.versionAt(start);
      const job = this.jobs.get(e.jobId);
      const site = job ? siteOf(v, job.job.siteId) : undefined;
      const paidByTravel = e.kind !== 'labour' && v.contract.modifiers.travel !== undefined;
      out.push({ e, start, end, minutes: (end - start) / MINUTE, v, job, site, day: this.dayFor(start, site), listed: rateOf(v, e.code), paidByTravel, overtime: [] });
    }
    return out.sort((a, b) => a.start - b.start || byString(a.e.id, b.e.id));
  }

  // --- covered visits and caps ---

  private visitKey(job: Job, day: Day): string {
    return `${job.job.id}\u0001${day.date}`;
  }

  /** One covered visit per job and local day with covered-visit work, counted against its site's cap in visit order. */
  private countCoveredVisits(work: Work[]): void {
    const firsts: Work[] = [];
    for (const w of work) {
      if (!w.site || !w.listed || w.listed.unit !== 'visit' || !w.listed.covered || w.paidByTravel) continue;
      const key = this.visitKey(w.job!, w.day);
      if (this.visits.has(key)) continue;
      this.visits.set(key, { exceeded: false, left: new Map() });
      firsts.push(w);
    }
    firsts.sort((a, b) => byString(a.day.date, b.day.date) || a.start - b.start || byString(a.job!.job.id, b.job!.job.id));
    for (const w of firsts) this.countAgainstCap(w, this.visits.get(this.visitKey(w.job!, w.day))!);
  }

  private countAgainstCap(w: Work, visit: Visit): void {
    const site = w.site!.site;
    if (!site.caps) return;
    const pk = periodKey(w.day.date, site.caps.per);
    const key = `${site.id.toUpperCase()}\u0001${pk}`;
    const start = pk === periodKey(this.input.period.from, site.caps.per) ? priorVisits(this.input.prior.siteVisitsUsed, site.id) : 0;
    const n = (this.capCounts.get(key) ?? start) + 1;
    this.capCounts.set(key, n);
    if (n > site.caps.visits) {
      visit.exceeded = true;
      visit.capText = words.capTag(site.id, n, site.caps.visits, site.caps.per);
    }
  }

  // --- pricing one entry ---

  private priceWork(w: Work): void {
    const { job, site, listed, e, v } = w;
    if (!job) return this.inv.holdTime(w, w.minutes, { code: 'unknown-job', job: e.jobId });
    if (!site) return this.inv.holdTime(w, w.minutes, { code: 'site-not-in-contract', site: job.job.siteId, contract: v.label });
    if (!listed) return this.priceUnlisted(w);
    if (listed.outOfScope && !e.approvalId) return this.inv.holdTime(w, w.minutes, { code: 'out-of-scope', task: listed.code });
    const { rate, oTag } = this.rateFor(job, listed);
    // Approved out-of-scope work was quoted and agreed separately: warranty does not absorb it.
    const warranty = rate.outOfScope ? undefined : job.warranty;
    const aTag = rate.outOfScope ? words.approvedTag(e.approvalId!) : undefined;
    if (rate.unit === 'hour') return this.priceHours(w, rate, w.start, w.end, { tags: [aTag, oTag].filter((t) => t !== undefined), warranty });
    if (rate.unit === 'km') return this.inv.holdTime(w, w.minutes, { code: 'per-km', task: rate.code });
    if (rate.unit === 'visit' && rate.covered) return this.priceCoveredVisit(w, rate, oTag, warranty);
    this.priceUnits(w, rate, oTag, aTag, warranty);
  }

  /** A code the library lacks: priced by the approval's quote (an extra), else held. */
  private priceUnlisted(w: Work): void {
    const id = w.e.approvalId;
    if (!id) return this.inv.holdTime(w, w.minutes, { code: 'code-not-in-contract', task: w.e.code, contract: w.v.label });
    this.inv.minutes.billed += w.minutes;
    this.extraTime.set(id, [...(this.extraTime.get(id) ?? []), w.e.id]);
  }

  /** Unit codes logged as time: one unit per entry (each), per local day touched (day), per job and day (visit). */
  private priceUnits(w: Work, rate: Rate, oTag: string | undefined, aTag: string | undefined, warranty: Warranty | undefined): void {
    if (rate.covered || warranty) this.inv.minutes.covered += w.minutes;
    else this.inv.minutes.billed += w.minutes;
    const days = rate.unit === 'day' ? daysBetween(w.start, w.end, w.site!.zone) : [w.day];
    for (const day of days) {
      const qty = rate.unit === 'each' ? ONE : this.firstUnit(w.job!, rate.unit === 'day' ? rate.code.toUpperCase() : rate.code, day) ? ONE : ZERO;
      const season = seasonFor(w.v, rate.code, day.date);
      const byWarranty = warranty !== undefined && !rate.covered;
      const text: Text = {
        kind: rate.unit === 'visit' ? 'visit' : 'labour',
        code: rate.code,
        description: rate.name,
        unit: rate.unit,
        covered: rate.covered || warranty !== undefined,
        rule: ruleText([aTag, oTag, byWarranty ? warrantyTag(warranty) : rate.covered ? words.COVERED : undefined, seasTag(season)], w.v.label, byWarranty ? `entitlements.warranty[${warranty.index}]` : `rates.${rate.code}`),
        version: w.v.version,
        price: priced(rate.price, season?.mult),
      };
      this.inv.addQty(text, w.job!.job.id, w.site!.site.id, day.date, [w.e.id], qty);
    }
  }

  /** Units of a code start once per job and local day; later entries add none. */
  private firstUnit(job: Job, codeKey: string, day: Day): boolean {
    const key = `${job.job.id}\u0001${day.date}\u0001${codeKey}`;
    if (this.unitsSeen.has(key)) return false;
    this.unitsSeen.add(key);
    return true;
  }

  /** A covered-visit code: the visit line, then its labour: included, overrun, or all billed beyond the cap. */
  private priceCoveredVisit(w: Work, rate: Rate, oTag: string | undefined, warranty: Warranty | undefined): void {
    const visit = this.visits.get(this.visitKey(w.job!, w.day))!;
    const season = seasonFor(w.v, rate.code, w.day.date);
    const text: Text = {
      kind: 'visit',
      code: rate.code,
      description: rate.name,
      unit: 'visit',
      covered: !visit.exceeded,
      rule: visit.exceeded
        ? [oTag, w.v.label, `rates.${rate.code}`].filter((x) => x !== undefined).join(', ')
        : ruleText([words.COVERED_VISIT, rate.includes !== undefined && words.includesTag(rate.includes), oTag, seasTag(season)], w.v.label, `rates.${rate.code}`),
      version: w.v.version,
      price: priced(rate.price, season?.mult),
    };
    this.inv.addQty(text, w.job!.job.id, w.site!.site.id, w.day.date, [w.e.id], this.firstUnit(w.job!, rate.code, w.day) ? ONE : ZERO, visit.capText);

    const listed = (rate.overrun ? rateOf(w.v, rate.overrun) : undefined) ?? firstHourly(w.v);
    const target = listed && this.rateFor(w.job!, listed);
    if (visit.exceeded) {
      if (!target) return this.inv.holdTime(w, w.minutes, { code: 'no-hourly-code', rule: visit.capText! });
      const tags = [words.labourAtTag(rate.code, target.rate.code), target.oTag].filter((t) => t !== undefined);
      return this.priceHours(w, target.rate, w.start, w.end, { tags, warranty }, visit.capText);
    }
    if (rate.includes === undefined) {
      this.inv.minutes.covered += w.minutes;
      return;
    }
    const code = rate.code.toUpperCase();
    const left = visit.left.get(code) ?? rate.includes;
    const included = Math.min(left, w.minutes);
    visit.left.set(code, left - included);
    this.inv.minutes.covered += included;
    if (w.minutes <= included) return;
    const overrun = words.overrunTag(rate.includes, rate.code);
    if (!target) return this.inv.holdTime(w, w.minutes - included, { code: 'no-hourly-code', rule: overrun });
    this.priceHours(w, target.rate, w.start + included * MINUTE, w.end, { tags: [overrun, target.oTag].filter((t) => t !== undefined), warranty });
  }

  /** Hourly work on `rate` for [a, b) of an entry: cut into pieces by modifiers, rounded up, priced piece by piece. */
  private priceHours(w: Work, rate: Rate, a: number, b: number, ctx: { tags: string[]; warranty?: Warranty }, prefix?: string): void {
    const pieces = roundUp(cutByModifiers(w, rate, a, b), rate);
    for (const p of pieces) {
      if (p.held) {
        this.inv.holdTime(w, p.minutes, { code: 'outside-access', site: p.held });
        continue;
      }
      this.inv.minutes.added += p.round;
      this.tallyMinimum(w, rate, ctx, p.minutes + p.round);
      this.priceTime({ kind: 'labour', v: w.v, rate, tags: ctx.tags, extraTags: [], warranty: ctx.warranty }, w.job!.job.id, w.site!.site.id, p, w.day, p.minutes, p.round, [w.e.id], prefix);
    }
  }

  // --- the per-job minimum ---

  private tallyMinimum(w: Work, rate: Rate, ctx: { tags: string[]; warranty?: Warranty }, minutes: number): void {
    let t = this.tallies.find((x) => x.job === w.job && x.rate.code === rate.code);
    if (!t) {
      t = { job: w.job!, siteId: w.site!.site.id, rate, v: w.v, day: w.day, first: w.start, total: 0, tags: ctx.tags, warranty: ctx.warranty, sources: [] };
      this.tallies.push(t);
    }
    t.total += minutes;
    t.sources.push(w.e.id);
  }

  /** A job's minutes on a code below its minimum get an explicit top-up at the base price. */
  private topUpMinimums(): void {
    const order = [...this.tallies].sort((a, b) => a.first - b.first || byString(a.job.job.id, b.job.job.id));
    for (const t of order) {
      const min = t.rate.billing?.minimum;
      if (!min || t.total <= 0 || t.total >= min) continue;
      const topUp = min - t.total;
      this.inv.minutes.added += topUp;
      // An approval or an override names the top-up too; the visit-related tags do not.
      const tags = t.tags.filter((x) => x.startsWith(words.APPROVED_TAG) || x.startsWith(words.OVERRIDE_TAG));
      const season = seasonFor(t.v, t.rate.code, t.day.date);
      this.priceTime({ kind: 'minimum', v: t.v, rate: t.rate, tags, extraTags: [words.minimumTag(min)], warranty: t.warranty }, t.job.job.id, t.siteId, { season }, t.day, 0, topUp, t.sources);
    }
  }

  // --- time lines: warranty, prepaid banks, cash ---

  /**
   * `logged` (+`rounding`) minutes on `day`: all covered under warranty; else drawn from prepaid
   * banks first (logged minutes before rounding ones), the modifier's share billed as an uplift;
   * the rest billed.
   */
  private priceTime(pr: Pricing, jobId: string, siteId: string, p: { mod?: Modifier; season?: Season }, day: Day, logged: number, rounding: number, sources: string[], prefix?: string): void {
    const total = logged + rounding;
    if (pr.warranty) {
      this.inv.addTime(warrantyText(pr, p), jobId, siteId, day.date, sources, total, rounding, prefix);
      this.inv.minutes.covered += logged;
      return;
    }
    let loggedLeft = logged;
    let roundLeft = rounding;
    for (const draw of this.drawBanks(pr.v, pr.rate.code, day.date, total)) {
      const l = Math.min(loggedLeft, draw.minutes);
      const r = Math.min(roundLeft, draw.minutes - l);
      loggedLeft -= l;
      roundLeft -= r;
      this.inv.minutes.covered += l;
      this.inv.addTime(bankText(pr, p, draw.index), jobId, siteId, day.date, sources, draw.minutes, r, prefix);
      if (p.mod && p.mod.mult > 1) this.inv.addTime(upliftText(pr, p.mod, p.season), jobId, siteId, day.date, sources, draw.minutes, r, prefix);
    }
    if (loggedLeft + roundLeft > 0) {
      this.inv.addTime(cashText(pr, p), jobId, siteId, day.date, sources, loggedLeft + roundLeft, roundLeft, prefix);
      this.inv.minutes.billed += loggedLeft;
    }
  }

  /** Takes up to `minutes` from the banks listing the code whose dates hold `date`, in bank order. */
  private drawBanks(v: Version, code: string, date: string, minutes: number): { index: number; minutes: number }[] {
    const draws: { index: number; minutes: number }[] = [];
    let left = minutes;
    v.contract.entitlements.prepaidHours.forEach((b, i) => {
      if (left <= 0 || date < b.from || date > b.until || !b.codes.some((c) => sameId(c, code))) return;
      const take = Math.min(Math.max(0, Math.round(b.hours * 60) - (this.bankUsed[i] ?? 0)), left);
      if (take <= 0) return;
      this.bankUsed[i] = (this.bankUsed[i] ?? 0) + take;
      left -= take;
      draws.push({ index: i, minutes: take });
    });
    return draws;
  }

  // --- travel ---

  /** A visit (a job's local day with labour on site, not remote) gets one travel line; logged travel time joins it. */
  private addTravel(work: Work[], travelTime: Work[]): void {
    const visits: TravelVisit[] = [];
    for (const w of work) {
      if (w.e.kind !== 'labour' || !w.site || (w.listed && isRemote(w.listed))) continue;
      const key = this.visitKey(w.job!, w.day);
      const known = this.travel.get(key);
      if (known) known.ids.push(w.e.id);
      else {
        const visit = { first: w, ids: [w.e.id] };
        this.travel.set(key, visit);
        visits.push(visit);
      }
    }
    for (const w of travelTime) {
      const visit = w.job ? this.travel.get(this.visitKey(w.job, w.day)) : undefined;
      if (!visit) this.inv.holdTime(w, w.minutes, { code: 'travel-without-labour' });
      else {
        visit.ids.push(w.e.id);
        this.inv.minutes.covered += w.minutes;
      }
    }
    for (const visit of visits) this.travelLine(visit);
  }

  private travelLine({ first: w, ids }: TravelVisit): void {
    const rule = w.v.contract.modifiers.travel;
    if (!rule) return;
    const listed = rateOf(w.v, rule.code);
    if (!listed) return this.inv.hold({ what: 'travel', jobId: w.e.jobId, sources: ids, minutes: 0, reason: { code: 'travel-code-not-in-contract', task: rule.code, contract: w.v.label } });
    const { rate, oTag } = this.rateFor(w.job!, listed);
    const site = w.site!.site;
    // Sites without a distance are local: no mileage is invented.
    if (rule.per === 'km' && site.travelKm === undefined) return;
    // Travel bills per visit, a covered visit's too, unless the contract's travel rule says a covered visit includes it.
    const cv = this.visits.get(this.visitKey(w.job!, w.day));
    const covered = rule.includedInCoveredVisit === true && cv !== undefined && !cv.exceeded;
    const season = seasonFor(w.v, rate.code, w.day.date);
    const text: Text = {
      kind: 'travel',
      code: rate.code,
      description: rule.per === 'km' ? words.travelKmDescription(rate.name, site.travelKm!, site.id) : rate.name,
      unit: rate.unit,
      covered,
      rule: ruleText([words.travelTag(rule.per, rate.code), oTag, covered && words.PART_OF_COVERED_VISIT, seasTag(season)], w.v.label, 'modifiers.travel'),
      version: w.v.version,
      price: priced(rate.price, season?.mult),
    };
    this.inv.addQty(text, w.job!.job.id, site.id, w.day.date, ids, rule.per === 'km' ? dec(site.travelKm!) : ONE);
  }

  // --- parts, extras, credits, fee ---

  private addParts(): void {
    for (const p of byTime(this.input.parts, (x) => x.id)) {
      const at = p.at.getTime();
      if (!this.inPeriod(at)) continue;
      const job = this.jobs.get(p.jobId);
      if (!job) {
        this.inv.hold({ what: 'part', jobId: p.jobId, sources: [p.id], minutes: 0, reason: { code: 'unknown-job', job: p.jobId } });
        continue;
      }
      const v = this.versionAt(at);
      const site = siteOf(v, job.job.siteId);
      const day = this.dayFor(at, site);
      if (!(p.qty > 0)) {
        this.inv.hold({ what: 'part', jobId: p.jobId, sources: [p.id], minutes: 0, reason: { code: 'part-quantity', qty: p.qty } });
        continue;
      }
      const part = partOf(v, p.sku);
      const hit = this.warrantyFor(v, p.sku, day.date);
      if (!part && !hit) {
        this.inv.hold({ what: 'part', jobId: p.jobId, sources: [p.id], minutes: 0, reason: { code: 'part-not-listed', sku: p.sku, contract: v.label } });
        continue;
      }
      const sku = part?.sku ?? p.sku;
      const text: Text = {
        kind: 'part',
        sku,
        description: part?.name ?? sku,
        unit: 'each',
        covered: hit !== undefined,
        rule: hit ? ruleText([words.warrantyPartTag(hit.pattern, hit.until)], v.label, `entitlements.warranty[${hit.index}]`) : ruleText([words.PRICE_LIST], v.label, `parts.${sku}`),
        version: v.version,
        price: int(part?.price ?? 0),
      };
      this.inv.addQty(text, job.job.id, site?.site.id ?? job.job.siteId, day.date, [p.id], dec(p.qty));
    }
  }

  private addExtras(): void {
    for (const x of byTime(this.input.extras, (e) => e.approvalId)) {
      const at = x.at.getTime();
      if (!this.inPeriod(at)) continue;
      if (!(x.amount > 0) || !Number.isInteger(x.amount)) {
        this.inv.hold({ what: 'extra', jobId: x.jobId, sources: [x.approvalId], minutes: 0, reason: { code: 'extra-amount', amount: x.amount } });
        continue;
      }
      const v = this.versionAt(at);
      const job = this.jobs.get(x.jobId);
      const site = job ? siteOf(v, job.job.siteId) : undefined;
      const text: Text = { kind: 'extra', description: x.description, unit: 'each', covered: false, rule: ruleText([words.quoteTag(x.approvalId)], v.label, 'approvals.outOfScope'), version: v.version, price: int(x.amount) };
      const siteId = job ? (site?.site.id ?? job.job.siteId) : undefined;
      this.inv.addQty(text, x.jobId, siteId, this.dayFor(at, site).date, [x.approvalId, ...(this.extraTime.get(x.approvalId) ?? [])], ONE);
    }
  }

  /** A correction of invoiced work: its signed amount as an `adjustment` line, dated in the main zone. */
  private addAdjustments(): void {
    for (const a of byTime(this.input.adjustments ?? [], (x) => x.id)) {
      const at = a.at.getTime();
      if (!this.inPeriod(at)) continue;
      if (a.amount === 0 || !Number.isInteger(a.amount)) {
        this.inv.hold({ what: 'adjustment', jobId: a.jobId, sources: [a.id], minutes: 0, reason: { code: 'adjustment-amount', amount: a.amount } });
        continue;
      }
      const v = this.versionAt(at);
      const job = a.jobId ? this.jobs.get(a.jobId) : undefined;
      const text: Text = { kind: 'adjustment', code: ADJUSTMENT_CODE, description: a.description, unit: 'each', covered: false, rule: ruleText([words.correctionTag(a.corrects)], v.label, 'corrections'), version: v.version, price: int(a.amount) };
      this.inv.addQty(text, a.jobId, job?.job.siteId, dayAt(at, this.mainZone).date, [a.id], ONE);
    }
  }

  private addCredits(): void {
    for (const c of byTime(this.input.credits, (x) => x.id)) {
      const at = c.at.getTime();
      if (!this.inPeriod(at)) continue;
      if (!(c.reverses ? c.amount < 0 : c.amount > 0) || !Number.isInteger(c.amount)) {
        this.inv.hold({ what: 'credit', jobId: c.jobId, sources: [c.id], minutes: 0, reason: { code: 'credit-amount', amount: c.amount, reversal: !!c.reverses } });
        continue;
      }
      // The version that computed the credit, else the one in force on its day.
      const v = this.versions.find((x) => c.version !== undefined && x.version === c.version) ?? this.versionAt(at);
      const job = c.jobId ? this.jobs.get(c.jobId) : undefined;
      const text: Text = { kind: 'credit', ...(c.kind === 'sla' ? { code: SLA_CREDIT_CODE } : {}), description: c.reason, unit: 'each', covered: false, rule: ruleText([words.creditTag(c.kind, c.reverses)], v.label, c.rule), version: v.version, price: int(-c.amount) };
      this.inv.addQty(text, c.jobId ? c.jobId : undefined, job?.job.siteId, dayAt(at, this.mainZone).date, [c.id], ONE);
    }
  }

  /** One fee line per calendar month of the term whose first day in term falls in the period, prorated by day. */
  private addFees(): void {
    const { from, to } = this.input.period;
    for (let month = from.slice(0, 7); month <= to.slice(0, 7); month = nextMonth(month)) {
      const dim = daysInMonth(month);
      const monthStart = `${month}-01`;
      const monthEnd = `${month}-${String(dim).padStart(2, '0')}`;
      const probe = versionOn(this.versions, monthStart > from ? monthStart : from);
      // The version in force on the month's first day in term sets the fee and the term.
      const v = versionOn(this.versions, later(monthStart, probe.contract.term.start));
      const first = later(monthStart, v.contract.term.start);
      const last = monthEnd < v.contract.term.end ? monthEnd : v.contract.term.end;
      if (first > last || first < from || first > to || v.contract.fee.amount === 0) continue;
      const days = Math.round((Date.parse(`${last}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / 86_400_000) + 1;
      const partial = days !== dim;
      const text: Text = {
        kind: 'fee',
        description: words.feeDescription(Number(month.slice(0, 4)), Number(month.slice(5, 7)), days, dim),
        unit: 'month',
        covered: false,
        rule: ruleText([words.MONTHLY_FEE, partial && words.proratedTag(days, dim)], v.label, 'fee'),
        version: v.version,
        price: int(v.contract.fee.amount),
      };
      this.inv.addQty(text, undefined, undefined, first, [], { n: BigInt(days), d: BigInt(dim) });
    }
  }

  // --- the result ---

  private result(): RatingResult {
    const lines = invoiceOrder(this.inv.lines.filter((l) => (l.time ? l.minutes !== 0 : l.qty.n !== 0n))).map(toInvoiceLine);
    const billable = lines.filter((l) => l.kind !== 'credit').reduce((s, l) => s + l.amount, 0);
    const credits = lines.filter((l) => l.kind === 'credit').reduce((s, l) => s + l.amount, 0);
    const nominalCovered = lines.filter((l) => l.covered).reduce((s, l) => s + (l.nominal ?? 0), 0);
    const banks = Math.max(this.bankUsed.length, ...this.versions.map((v) => v.contract.entitlements.prepaidHours.length));
    return {
      lines,
      totals: { billable, credits, total: billable + credits, nominalCovered },
      usage: { prepaidMinutesUsed: Array.from({ length: banks }, (_, i) => this.bankUsed[i] ?? 0), siteVisitsUsed: this.visitsUsed() },
      minutes: this.inv.minutes,
      held: sortHeld(this.inv.held),
    };
  }

  /** Covered visits per site for the cap period holding `period.to`, under the prior's spelling of the site id. */
  private visitsUsed(): Record<string, number> {
    const { prior, period } = this.input;
    const used: Record<string, number> = { ...prior.siteVisitsUsed };
    for (const site of versionOn(this.versions, period.to).contract.sites) {
      if (!site.caps) continue;
      const pkEnd = periodKey(period.to, site.caps.per);
      const counted = this.capCounts.get(`${site.id.toUpperCase()}\u0001${pkEnd}`);
      const key = Object.keys(used).find((k) => sameId(k, site.id)) ?? site.id;
      used[key] = counted ?? (pkEnd === periodKey(period.from, site.caps.per) ? priorVisits(prior.siteVisitsUsed, site.id) : 0);
    }
    return used;
  }
}

// --- modifiers ------------------------------------------------------------------------------------

interface Piece {
  start: number;
  end: number;
  minutes: number;
  mod?: Modifier;
  season?: Season;
  /** held: the site whose access hours these minutes are outside, with no permit */
  held?: string;
  /** minutes added by increment rounding, priced like this piece */
  round: number;
}

/**
 * A technician's labour beyond `afterPerDay` in one local day of the main zone, counted across
 * their entries (on known jobs, rated as labour) in (start, id) order, entries outside the period
 * included; an entry over midnight starts the next day's count at midnight.
 */
function markOvertime(work: Work[], mainZone: string): void {
  const minutesOn = new Map<string, number>();
  for (const w of work) {
    if (!w.job || w.paidByTravel) continue;
    const after = w.v.contract.modifiers.overtime?.afterPerDay;
    for (const d of daysBetween(w.start, w.end, mainZone)) {
      const a = Math.max(w.start, d.start);
      const b = Math.min(w.end, d.end);
      const key = `${w.e.technicianId}\u0001${d.date}`;
      const before = minutesOn.get(key) ?? 0;
      minutesOn.set(key, before + (b - a) / MINUTE);
      if (after === undefined) continue;
      const from = a + Math.max(0, after - before) * MINUTE;
      if (from < b) w.overtime.push([from, b]);
    }
  }
}

/** Open intervals of a calendar inside [a, b). */
function openWithin(cal: Calendar, a: number, b: number): [number, number][] {
  if (cal.alwaysOpen) return [[a, b]];
  return cal.cal
    .openSpans(new Date(a), new Date(b))
    .map((s): [number, number] => [Math.max(a, s.start.getTime()), Math.min(b, s.end.getTime())])
    .filter(([s, e]) => e > s);
}

const within = (spans: [number, number][], x: number): boolean => spans.some(([s, e]) => s <= x && x < e);

/**
 * [a, b) of an entry on `rate`, cut wherever the price can change (local midnights of the site,
 * the site calendar's and access calendar's edges, the overtime threshold); each piece names the
 * highest modifier (ties: holiday, weekend, after-hours, overtime, outside-access) and its season.
 */
function cutByModifiers(w: Work, rate: Rate, a: number, b: number): Piece[] {
  const site = w.site!;
  const mods = w.v.contract.modifiers;
  const afterHours = mods.afterHours && !site.hours.alwaysOpen ? mods.afterHours.multiplier : undefined;
  const open = afterHours !== undefined ? openWithin(site.hours, a, b) : [];
  const access = site.access ? openWithin(site.access, a, b) : undefined;
  const days = daysBetween(a, b, site.zone);
  const cuts = [a, b, ...days.slice(1).map((d) => d.start), ...open.flat(), ...(access ?? []).flat(), ...w.overtime.flat()]
    // Whole minutes only: money is priced per minute.
    .map((x) => Math.min(b, Math.max(a, Math.round((x - a) / MINUTE) * MINUTE + a)))
    .sort((x, y) => x - y);
  const pieces: Piece[] = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const x = cuts[k]!;
    const y = cuts[k + 1]!;
    if (y <= x) continue;
    const day = days.findLast((d) => d.start <= x) ?? days[0]!;
    const inAccess = access === undefined || within(access, x);
    const candidates: [ModName, number | undefined, boolean][] = [
      ['holiday', mods.holiday?.multiplier, !site.hours.alwaysOpen && site.hours.cal.isHoliday(new Date(x))],
      ['weekend', mods.weekend?.multiplier, day.weekday >= 6],
      ['after-hours', afterHours, !within(open, x)],
      ['overtime', mods.overtime?.multiplier, within(w.overtime, x)],
      ['outside-access', mods.outsideAccess?.multiplier, !inAccess],
    ];
    let mod: Modifier | undefined;
    for (const [name, mult, applies] of candidates) if (mult !== undefined && applies && mult > (mod?.mult ?? 0)) mod = { name, mult };
    const season = mods.seasonal.length > 0 ? seasonFor(w.v, rate.code, day.date) : undefined;
    const mayBill = inAccess || w.e.permitted || mods.outsideAccess?.requiresApproval === false;
    const held = mayBill ? undefined : site.site.id;
    const prev = pieces.at(-1);
    if (prev && prev.end === x && prev.mod?.name === mod?.name && prev.season?.index === season?.index && prev.held === held) {
      prev.end = y;
      prev.minutes += (y - x) / MINUTE;
    } else pieces.push({ start: x, end: y, minutes: (y - x) / MINUTE, mod, season, held, round: 0 });
  }
  return pieces;
}

/** `billing.increment` per entry: the billable minutes are rounded up; the added minutes take the last billable piece's rate. */
function roundUp(pieces: Piece[], rate: Rate): Piece[] {
  const billable = pieces.filter((p) => !p.held);
  const minutes = billable.reduce((s, p) => s + p.minutes, 0);
  const inc = rate.billing?.increment;
  if (inc && inc > 0 && minutes > 0) billable.at(-1)!.round = Math.ceil(minutes / inc) * inc - minutes;
  return pieces;
}

// --- time line texts ------------------------------------------------------------------------------

interface Pricing {
  kind: 'labour' | 'minimum';
  v: Version;
  rate: Rate;
  tags: string[];
  extraTags: string[];
  warranty?: Warranty;
}

const warrantyTag = (w: Warranty) => words.warrantyLabourTag(w.pattern);

function hourText(pr: Pricing, kind: LineKind, description: string, covered: boolean, rule: string, price: Ratio): Text {
  return { kind, code: pr.rate.code, description, unit: 'hour', covered, rule, version: pr.v.version, price };
}

const lineName = (pr: Pricing) => (pr.kind === 'minimum' ? words.minimumDescription(pr.rate.name) : pr.rate.name);

function warrantyText(pr: Pricing, p: { mod?: Modifier; season?: Season }): Text {
  const w = pr.warranty!;
  return hourText(pr, pr.kind, lineName(pr), true, ruleText([...pr.tags, ...pr.extraTags, warrantyTag(w), modTag(p.mod), seasTag(p.season)], pr.v.label, `entitlements.warranty[${w.index}]`), priced(pr.rate.price, p.season?.mult, p.mod?.mult));
}

function cashText(pr: Pricing, p: { mod?: Modifier; season?: Season }): Text {
  return hourText(pr, pr.kind, lineName(pr), false, ruleText([...pr.tags, ...pr.extraTags, modTag(p.mod), seasTag(p.season)], pr.v.label, `rates.${pr.rate.code}`), priced(pr.rate.price, p.season?.mult, p.mod?.mult));
}

/** Prepaid hours are drawn at the base price (seasonal included); the modifier's share is an uplift line. */
function bankText(pr: Pricing, p: { season?: Season }, index: number): Text {
  const b = pr.v.contract.entitlements.prepaidHours[index]!;
  const rule = ruleText([...pr.tags, ...pr.extraTags, words.prepaidBankTag(index + 1, b.hours, b.from, b.until), seasTag(p.season)], pr.v.label, `entitlements.prepaidHours[${index}]`);
  return hourText(pr, pr.kind, words.prepaidDescription(lineName(pr)), true, rule, priced(pr.rate.price, p.season?.mult));
}

function upliftText(pr: Pricing, mod: Modifier, season: Season | undefined): Text {
  const rule = ruleText([...pr.tags, words.upliftTag(mod.name, mod.mult), seasTag(season)], pr.v.label, `modifiers.${MODIFIER_KEY[mod.name]}`);
  return hourText(pr, 'uplift', words.upliftDescription(pr.rate.name, mod.name), false, rule, mul(priced(pr.rate.price, season?.mult), sub(dec(mod.mult), ONE)));
}

// --- small helpers --------------------------------------------------------------------------------

/** SKU patterns: `*` any run, `?` one character, case-insensitive. */
function globMatches(pattern: string, sku: string): boolean {
  const body = [...pattern].map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`, 'i').test(sku);
}

/** Covered visits used before the period at a site (ids match case-insensitively). */
function priorVisits(prior: Record<string, number>, siteId: string): number {
  if (prior[siteId] !== undefined) return prior[siteId];
  return Object.entries(prior).find(([k]) => sameId(k, siteId))?.[1] ?? 0;
}

/** Items in time order, then by id: the same input in any order gives the same invoice. */
function byTime<T extends { at: Date }>(items: readonly T[], id: (t: T) => string): T[] {
  return [...items].sort((a, b) => a.at.getTime() - b.at.getTime() || byString(id(a), id(b)));
}

function later(a: string, b: string): string {
  return a > b ? a : b;
}

function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

function daysInMonth(month: string): number {
  return new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
}

const KIND_ORDER: Record<LineKind, number> = { fee: 0, visit: 1, labour: 2, uplift: 3, minimum: 4, travel: 5, part: 6, extra: 7, adjustment: 8, credit: 9 };

/** The fee first, credits last; then by date, job and kind; then in the order lines were opened. */
function invoiceOrder(lines: Line[]): Line[] {
  const group = (l: Line) => (l.text.kind === 'fee' ? 0 : l.text.kind === 'credit' ? 2 : 1);
  return [...lines].sort((a, b) => group(a) - group(b) || byString(a.date, b.date) || byString(a.jobId ?? '', b.jobId ?? '') || KIND_ORDER[a.text.kind] - KIND_ORDER[b.text.kind]);
}

/** A line as the invoice shows it: its amount rounded once from the exact price × quantity. */
function toInvoiceLine(l: Line): InvoiceLine {
  const t = l.text;
  const qty: Ratio = l.time ? { n: BigInt(l.minutes), d: 60n } : l.qty;
  const value = round(mul(t.price, qty));
  const line: InvoiceLine = {
    kind: t.kind,
    date: l.date,
    description: t.description,
    quantity: l.time ? Math.round((l.minutes / 60) * 1e6) / 1e6 : Number(l.qty.n) / Number(l.qty.d),
    unit: t.unit,
    unitPrice: round(t.price),
    amount: t.covered ? 0 : value,
    covered: t.covered,
    rule: l.prefix === undefined ? t.rule : `${l.prefix}, ${t.rule}`,
    version: t.version,
    sources: [...new Set(l.sources)].sort(byString),
  };
  if (l.jobId !== undefined) line.jobId = l.jobId;
  if (l.siteId !== undefined) line.siteId = l.siteId;
  if (t.code !== undefined) line.code = t.code;
  if (t.sku !== undefined) line.sku = t.sku;
  if (t.covered) line.nominal = value;
  if (l.time) {
    line.minutes = l.minutes;
    line.rounding = l.rounding;
  }
  return line;
}

/** Held items by job, then sources, then reason. */
function sortHeld(held: HeldItem[]): HeldItem[] {
  return [...held].sort((a, b) => byString(a.jobId ?? '', b.jobId ?? '') || byString(a.sources.join(), b.sources.join()) || byString(heldReasonKey(a.reason), heldReasonKey(b.reason)));
}
