/**
 * The rating pass: contract versions + a period's work -> invoice lines. Pure and deterministic:
 * the same input always gives the same lines in the same order. The rules and every choice made
 * where FORMAT.md is silent are written down in docs/rating.md.
 *
 * Speed: a month is ~100,000 entries. State that the rules key by job and date (covered visits,
 * units seen, minimums, travel visits, time lines) lives on one object per job and is keyed by the
 * local day number, so the hot loop builds no key strings. Line texts are built once per template.
 */
import type { Money, Rate, Site } from '../contract-types.js';
import { type SiteCtx, type VersionCtx, Versions } from './context.js';
import { type LocalDay, type ZoneDays, zoneDays } from './days.js';
import { PrepaidBanks, warrantyFor } from './entitlements.js';
import { addFeeLines } from './fee.js';
import { type OvertimeEntry, markOvertime, priced, rateSpan } from './labour.js';
import { LineBook, type LineTemplate, type Template, type TemplateScope, ruleText, sortedUnique } from './lines.js';
import { type Piece, seasonalFor } from './modifiers.js';
import { type Ratio, dec, int, ONE, ZERO } from './ratio.js';
import { type JobLines, type SpanCtx, type Stats, type TimeLinesShape, type WarrantyRef, PLAIN, SpanCtxs, TimeLines, seasTag, spanCtx, warrantyTag } from './time-lines.js';
import type { CalendarCompiler, HeldItem, InvoiceLine, RatingInput, RatingJob, RatingResult, TimeEntry } from './types.js';

const MIN = 60_000;
const NO_OVERTIME: readonly number[] = [];

export interface EngineOptions {
  compile: CalendarCompiler;
  /** quotes leave these out: they price the work alone, not the month around it */
  fee: boolean;
  travel: boolean;
  prepaid: boolean;
}

/** A job and everything the rules remember about it during one run. */
interface JobState extends JobLines {
  job: RatingJob;
  /** first warranty-labour part on the job, whenever it was fitted */
  warranty?: WarrantyRef;
  /** PLAIN-tagged context under that warranty, interned once */
  warrantyCtx?: SpanCtx;
  /**
   * What happened on each local day, by day number: the first day the job met inline (most jobs
   * have one or two), the others in a map made when needed.
   */
  day0: number;
  jd0?: JobDay;
  days?: Map<number, JobDay>;
  /** minimum tallies, one per code (a job uses a handful of codes) */
  minimums?: MinTally[];
  /** its site under the version last asked for (entries of a job nearly always share one) */
  siteV?: VersionCtx;
  site?: SiteCtx;
}

/** A job on one local day: its covered visit, its visit for travel, the unit lines started. */
interface JobDay {
  visit?: CoveredVisit;
  travel?: TravelVisit;
  /** code keys whose unit line has its unit already */
  units?: string[];
}

function jobDay(js: JobState, day: number): JobDay {
  if (js.jd0 === undefined) {
    js.day0 = day;
    return (js.jd0 = { visit: undefined, travel: undefined, units: undefined });
  }
  if (js.day0 === day) return js.jd0;
  const days = (js.days ??= new Map());
  let d = days.get(day);
  if (!d) days.set(day, (d = { visit: undefined, travel: undefined, units: undefined }));
  return d;
}

/** The job's day, if anything happened on it. */
function findDay(js: JobState | undefined, day: number): JobDay | undefined {
  if (js === undefined || js.jd0 === undefined) return undefined;
  return js.day0 === day ? js.jd0 : js.days?.get(day);
}

interface Resolved extends OvertimeEntry {
  e: TimeEntry;
  minutes: number;
  /** its job; undefined when the job is not in the input */
  js?: JobState;
  v: VersionCtx;
  sc?: SiteCtx;
  /** local day of the entry's start (site zone, else main zone): the line date, the visit day */
  day: LocalDay;
  rate?: Rate;
}

interface CoveredVisit {
  exceeded: boolean;
  capTag?: string;
  /** included minutes left per visit code, once the visit has used some: [upper-cased code, minutes, ...] */
  left?: (string | number)[];
  /** its visit line per version and code: the first inline (a visit nearly always has one), others in a list */
  v0?: VersionCtx;
  rate0?: Rate;
  tpl0?: Template;
  memo?: { v: VersionCtx; rate: Rate; tpl: Template }[];
}

interface MinTally {
  jobId: string;
  js: JobState;
  siteId: string;
  code: string;
  rate: Rate;
  v: VersionCtx;
  day: LocalDay;
  first: number;
  total: number;
  warranty?: WarrantyRef;
  tags: readonly string[];
  /**
   * The entries while the total is still under the code's minimum; may repeat, sorted and
   * deduplicated when used. Totals only grow, so once a tally reaches its minimum it will need no
   * top-up and stops keeping them (most do with their first entry).
   */
  sources: string[] | undefined;
}

interface TravelVisit {
  r: Resolved;
  /** the job's day it is on */
  jd: JobDay;
  ids: string[];
}

function overrunTag(rate: Rate): string {
  return `overrun beyond ${fmtMinutes(rate.includes!)} included in ${rate.code}`;
}

export function fmtMinutes(m: number): string {
  const h = Math.floor(m / 60);
  const r = m % 60;
  return h === 0 ? `${r}m` : r === 0 ? `${h}h` : `${h}h${String(r).padStart(2, '0')}m`;
}

/**
 * Remote work puts nobody on site, so it makes no visit and no travel. The contract format has no
 * flag for it yet (see docs/rating.md); until it does, a code whose id or name says "remote" is remote.
 */
export function isRemote(rate: Rate): boolean {
  let remote = remoteCache.get(rate);
  if (remote === undefined) remoteCache.set(rate, (remote = /remote/i.test(rate.code) || /remote/i.test(rate.name)));
  return remote;
}
const remoteCache = new WeakMap<Rate, boolean>();

const upperCache = new Map<string, string>();
/** Codes upper-cased once per spelling, not once per entry. */
function upper(code: string): string {
  let u = upperCache.get(code);
  if (u === undefined) {
    u = code.toUpperCase();
    if (upperCache.size < 10_000) upperCache.set(code, u);
  }
  return u;
}

function travelRule(r: Resolved) {
  return r.v.contract.modifiers.travel;
}

/** Travel time is labour only where the contract has no travel rule to pay for it. */
function ratedAsLabour(r: Resolved): boolean {
  return r.e.kind === 'labour' || travelRule(r) === undefined;
}

/** The tags of a span that carry over to its minimum top-up: its approval and its rate override. */
function approvalTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of tags) if (t.startsWith('approved') || t.startsWith(OVERRIDE_TAG)) out.push(t);
  return out;
}

const OVERRIDE_TAG = 'rate override ';

/** An override of one job and code, and the rates it made (one per library rate object it replaced). */
interface Override {
  approvalId: string;
  price: Money;
  at: number;
  rates: Map<Rate, Rate>;
}

function byId(x: { e: { id: string } }, y: { e: { id: string } }): number {
  return cmpStr(x.e.id, y.e.id);
}

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The same input in any order gives the same invoice: items are read in time order, then by id. */
function byTime<T extends { at: Date }>(items: readonly T[], id: (t: T) => string): T[] {
  const at = new Map<T, number>();
  for (const t of items) at.set(t, t.at.getTime());
  return [...items].sort((a, b) => at.get(a)! - at.get(b)! || cmpStr(id(a), id(b)));
}

/**
 * Entries in (start, id) order; equal pairs keep their input order (the sort is stable). Starts
 * are whole minutes, so (minute, position) packs into one exact double and a native numeric sort
 * does the work; only runs of equal starts are then ordered by id.
 */
function inStartOrder<T extends { start: number; e: { id: string } }>(items: readonly T[]): T[] {
  const n = items.length;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    lo = Math.min(lo, items[i]!.start);
    hi = Math.max(hi, items[i]!.start);
  }
  if (n === 0 || ((hi - lo) / MIN + 1) * n > Number.MAX_SAFE_INTEGER) {
    return [...items].sort((x, y) => x.start - y.start || byId(x, y));
  }
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = ((items[i]!.start - lo) / MIN) * n + i;
  keys.sort();
  const out: T[] = new Array<T>(n);
  for (let i = 0; i < n; i++) out[i] = items[keys[i]! % n]!;
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && out[j]!.start === out[i]!.start) j++;
    // Stable insertion sort of the run by id: runs are short, and Array.prototype.sort allocates.
    for (let k = i + 1; k < j; k++) {
      const x = out[k]!;
      let m = k - 1;
      while (m >= i && byId(out[m]!, x) > 0) {
        out[m + 1] = out[m]!;
        m--;
      }
      out[m + 1] = x;
    }
    i = j;
  }
  return out;
}

function periodKey(date: string, per: 'month' | 'quarter' | 'year'): string {
  if (per === 'year') return date.slice(0, 4);
  if (per === 'month') return date.slice(0, 7);
  return `${date.slice(0, 4)}-Q${Math.ceil(Number(date.slice(5, 7)) / 3)}`;
}

function lookup(rec: Record<string, number>, id: string): number {
  if (rec[id] !== undefined) return rec[id];
  const up = id.toUpperCase();
  for (const [k, n] of Object.entries(rec)) if (k.toUpperCase() === up) return n;
  return 0;
}

export function runRating(input: RatingInput, opts: EngineOptions): RatingResult {
  return new RatingRun(input, opts).run();
}

/**
 * One rating pass. A class rather than one long function with closures: its methods are the same
 * functions on every run, so the JIT keeps their optimized code from one invoice to the next.
 */
class RatingRun {
  private readonly versions: Versions;
  private readonly mainDays: ZoneDays;
  private readonly pStart: number;
  private readonly pEnd: number;
  private readonly jobs: Map<string, RatingJob>;
  private readonly jobStates = new Map<string, JobState>();
  private readonly book: LineBook;
  private readonly held: HeldItem[] = [];
  private readonly stats: Stats = { logged: 0, billed: 0, covered: 0, unbilled: 0, added: 0 };
  private readonly banks: PrepaidBanks;
  private readonly ctxs = new SpanCtxs();
  /**
   * Beyond a site's cap, a visit's lines name its count ("capExceeded: PAR-HQ covered visit 15 of
   * 14 per year"), so no two visits' lines read the same. They are priced in contexts shared by all
   * capped visits (per visit code, the code it bills at and the warranty clause) with templates
   * interned apart in `cappedScope`, and each line gets the visit's cap text as a prefix of its
   * rule (see LineBook): a month of 16,000 capped visits then costs their texts, not a context,
   * pricing and set of templates each.
   */
  private readonly cappedScope: TemplateScope = { templates: undefined };
  private readonly cappedCtxs = new Map<WarrantyRef['hit'] | undefined, Map<Rate, Map<Rate, SpanCtx>>>();
  private readonly capCounts = new Map<string, number>();
  /** minimum tallies in the order they were opened */
  private readonly minimums: MinTally[] = [];
  /** approval id -> entries on codes the library lacks, priced by that approval's quote */
  private readonly extraTime = new Map<string, string[]>();
  private readonly travelTime: Resolved[] = [];
  /**
   * per version and code: templates of visit, unit and travel lines, by variant (a string, or for
   * per-visit travel, which is looked up once per visit, a number: covered + 2 x seasonal)
   */
  private readonly qtyTemplates = new Map<VersionCtx, Map<Rate, Map<string | number, Template>>>();
  /** job id -> upper-cased code -> the override that applies (the latest approved) */
  private readonly overrides = new Map<string, Map<string, Override>>();
  private readonly labourAtTexts = new Map<Rate, Map<Rate, string>>();
  /** labour beyond a visit's included minutes, per visit code and the code it bills at (no warranty) */
  private readonly overrunCtxs = new Map<Rate, Map<Rate, SpanCtx>>();
  /** an overridden rate -> "rate override A12 approved" */
  private readonly overrideTags = new Map<Rate, string>();
  private time!: TimeLines;
  /** the pieces of the entry being priced (reused: see segment) */
  private readonly pieces: Piece[] = [];

  constructor(
    private readonly input: RatingInput,
    private readonly opts: EngineOptions,
  ) {
    this.versions = new Versions(input.versions, opts.compile);
    // About a line per entry, part, extra and credit; modifiers, banks and minimums add some.
    this.book = new LineBook(Math.ceil(input.timeEntries.length * 1.25) + input.parts.length + input.extras.length + input.credits.length + 16);
    this.mainDays = zoneDays(this.versions.at(input.period.from).mainZone);
    this.pStart = this.mainDays.ofDate(input.period.from).start;
    this.pEnd = this.mainDays.ofDate(input.period.to).end;
    this.jobs = new Map(input.jobs.map((j) => [j.id, j]));
    for (const job of this.jobs.values()) {
      this.jobStates.set(job.id, { id: job.id, index: this.jobStates.size, job, warranty: undefined, warrantyCtx: undefined, day0: 0, jd0: undefined, days: undefined, minimums: undefined });
    }
    this.banks = new PrepaidBanks(input.prior.prepaidMinutesUsed);
    this.readOverrides();
  }

  /**
   * Approved rate overrides by job and code. Of two for one job and code the later approval applies
   * (then the greater approval id), whatever the input order. A price that is not whole minor units
   * of zero or more prices nothing and is listed as held.
   */
  private readOverrides(): void {
    for (const o of this.input.overrides ?? []) {
      if (!Number.isInteger(o.price) || o.price < 0) {
        this.held.push({ what: 'override', jobId: o.jobId, sources: [o.approvalId], minutes: 0, reason: `override price ${o.price} is not zero or more minor units` });
        continue;
      }
      let byCode = this.overrides.get(o.jobId);
      if (!byCode) this.overrides.set(o.jobId, (byCode = new Map()));
      const code = upper(o.code);
      const prev = byCode.get(code);
      const at = o.at.getTime();
      if (prev && (prev.at > at || (prev.at === at && cmpStr(prev.approvalId, o.approvalId) >= 0))) continue;
      byCode.set(code, { approvalId: o.approvalId, price: o.price, at, rates: new Map() });
    }
  }

  /**
   * The rate a job's work on `rate` is priced at: the library's, or the same rate at the approved
   * override's price. Everything else (modifiers, seasonal base, increment, minimum, banks,
   * covered and warranty lines) then follows from it as from a listed price.
   */
  private rateFor(js: JobState | undefined, rate: Rate): Rate {
    if (this.overrides.size === 0 || !js) return rate;
    const o = this.overrides.get(js.id)?.get(upper(rate.code));
    if (!o) return rate;
    let r = o.rates.get(rate);
    if (!r) {
      o.rates.set(rate, (r = { ...rate, price: o.price }));
      this.overrideTags.set(r, `${OVERRIDE_TAG}${o.approvalId} approved`);
    }
    return r;
  }

  /** "rate override A12 approved" for an overridden rate, else undefined. */
  private overrideTag(rate: Rate): string | undefined {
    return this.overrideTags.size === 0 ? undefined : this.overrideTags.get(rate);
  }

  run(): RatingResult {
    this.findWarrantyJobs();
    const resolved = this.resolve();
    // One sort serves both passes: overtime (all entries, per technician) and the period's work.
    const ordered = inStartOrder(resolved);
    // Entries outside the period still count toward a technician's day, so pass them all.
    markOvertime(
      ordered.filter((r) => r.js && ratedAsLabour(r)),
      this.mainDays,
    );
    const work = ordered.filter((r) => this.inPeriod(r.start));
    this.countCoveredVisits(work);
    this.time = new TimeLines(this.book, this.opts.prepaid ? this.banks : undefined, this.stats, this.timeShape(work));
    for (let i = 0; i < work.length; i++) this.price(work[i]!);
    this.topUpMinimums();
    if (this.opts.travel) this.addTravel(work);
    else for (const r of this.travelTime) this.hold(r, r.minutes, 'travel is not quoted');
    this.addParts();
    this.addExtras();
    this.addCredits();
    if (this.opts.fee) addFeeLines(this.book, this.versions, this.input.period);
    return this.result();
  }

  private inPeriod(ms: number): boolean {
    return ms >= this.pStart && ms < this.pEnd;
  }

  private hold(r: Resolved, minutes: number, reason: string): void {
    this.stats.unbilled += minutes;
    this.held.push({ what: 'time', jobId: r.e.jobId, sources: [r.e.id], minutes, reason });
  }

  // --- warranty labour: any warranty part on the job, whenever it was fitted ---------------------
  private findWarrantyJobs(): void {
    for (const p of this.input.parts) {
      const js = this.jobStates.get(p.jobId);
      if (!js) continue;
      const at = p.at.getTime();
      const v = this.versions.atDay(this.mainDays.at(at));
      const sc = v.site(js.job.siteId);
      const date = (sc ? sc.days : this.mainDays).at(at).date;
      const hit = warrantyFor(v, p.sku, date);
      if (hit?.labour && !js.warranty) js.warranty = { hit, v };
    }
  }

  // --- resolve entries ---------------------------------------------------------------------------
  private resolve(): Resolved[] {
    const resolved: Resolved[] = [];
    const entries = this.input.timeEntries;
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      const start = Math.floor(e.start.getTime() / MIN) * MIN;
      const end = Math.floor(e.end.getTime() / MIN) * MIN;
      if (!(end > start)) continue;
      const js = this.jobStates.get(e.jobId);
      const mainDay = this.mainDays.at(start);
      const v = this.versions.atDay(mainDay);
      let sc: SiteCtx | undefined;
      if (js) {
        if (js.siteV !== v) {
          js.siteV = v;
          js.site = v.site(js.job.siteId);
        }
        sc = js.site;
      }
      resolved.push({
        e,
        start,
        end,
        mainDay,
        afterPerDay: v.contract.modifiers.overtime?.afterPerDay,
        overtime: undefined,
        minutes: (end - start) / MIN,
        js,
        v,
        sc,
        day: sc && sc.days !== this.mainDays ? sc.days.at(start) : mainDay,
        rate: v.rate(e.code),
      });
    }
    return resolved;
  }

  // --- covered visits and site caps --------------------------------------------------------------
  private countCoveredVisits(work: readonly Resolved[]): void {
    const firsts: Resolved[] = [];
    for (let i = 0; i < work.length; i++) {
      const r = work[i]!;
      if (!r.sc || !r.rate || r.rate.unit !== 'visit' || !r.rate.covered || !ratedAsLabour(r)) continue;
      const jd = jobDay(r.js!, r.day.num);
      if (jd.visit) continue;
      // Created in entry order, counted against the cap in visit order below.
      jd.visit = { exceeded: false, capTag: undefined, left: undefined, v0: undefined, rate0: undefined, tpl0: undefined, memo: undefined };
      firsts.push(r);
    }
    // Day numbers are in date order: by date, start, job.
    firsts.sort((a, b) => a.day.num - b.day.num || a.start - b.start || (a.e.jobId < b.e.jobId ? -1 : 1));
    const from = this.input.period.from;
    const startCounts = new Map<string, number>();
    // Visits come in day order: a site's count key is worked out once per day, not per visit.
    const keys = new Map<Site, { day: number; ck: string; first: boolean }>();
    for (const r of firsts) {
      const site = r.sc!.site;
      if (!site.caps) continue;
      const visit = jobDay(r.js!, r.day.num).visit!;
      let key = keys.get(site);
      if (!key || key.day !== r.day.num) {
        const pk = periodKey(r.day.date, site.caps.per);
        keys.set(site, (key = { day: r.day.num, ck: `${upper(site.id)}\u0001${pk}`, first: pk === periodKey(from, site.caps.per) }));
      }
      const ck = key.ck;
      let startCount = 0;
      if (key.first) {
        startCount = startCounts.get(site.id) ?? lookup(this.input.prior.siteVisitsUsed, site.id);
        startCounts.set(site.id, startCount);
      }
      const n = (this.capCounts.get(ck) ?? startCount) + 1;
      this.capCounts.set(ck, n);
      if (n > site.caps.visits) {
        visit.exceeded = true;
        // Joined: one flat string per visit, not a tree of cons strings (see ruleText).
        visit.capTag = ['capExceeded:', site.id, 'covered visit', n, 'of', site.caps.visits, 'per', site.caps.per].join(' ');
      }
    }
  }

  /** The days time lines can fall on (the start days of the period's work) and the contract shapes. */
  private timeShape(work: readonly Resolved[]): TimeLinesShape {
    // Whole day numbers from the start (not ±Infinity), so the shape's fields stay small integers
    // for the optimizing compiler from one run to the next.
    let firstDay = work.length ? work[0]!.day.num : 0;
    let lastDay = firstDay;
    for (let i = 1; i < work.length; i++) {
      const d = work[i]!.day.num;
      if (d < firstDay) firstDay = d;
      else if (d > lastDay) lastDay = d;
    }
    const list = this.versions.list;
    return {
      firstDay,
      days: lastDay - firstDay + 1,
      seasons: 1 + Math.max(0, ...list.map((v) => v.contract.modifiers.seasonal.length)),
      banks: Math.max(0, ...list.map((v) => v.contract.entitlements.prepaidHours.length)),
      entries: work.length,
    };
  }

  // --- pricing -----------------------------------------------------------------------------------
  private price(r: Resolved): void {
    const stats = this.stats;
    stats.logged += r.minutes;
    if (r.e.kind === 'travel' && travelRule(r)) {
      this.travelTime.push(r);
      return;
    }
    if (!r.js) return this.hold(r, r.minutes, `unknown job ${r.e.jobId}`);
    if (!r.sc) return this.hold(r, r.minutes, `site ${r.js.job.siteId} is not in ${r.v.label}`);
    if (!r.rate) {
      if (r.e.approvalId) {
        // Work the library lacks is priced by the approval's quote (an `extras` item), not by time.
        stats.billed += r.minutes;
        const list = this.extraTime.get(r.e.approvalId) ?? [];
        list.push(r.e.id);
        this.extraTime.set(r.e.approvalId, list);
      } else this.hold(r, r.minutes, `code ${r.e.code} is not in ${r.v.label}: needs an approved out-of-scope quote`);
      return;
    }
    if (r.rate.outOfScope && !r.e.approvalId) return this.hold(r, r.minutes, `${r.rate.code} is out of scope: needs an approved out-of-scope request`);
    const js = r.js!;
    const rate = this.rateFor(js, r.rate);
    const oTag = this.overrideTag(rate);
    // Approved out-of-scope work was quoted and agreed separately, so warranty does not absorb it.
    const warranty = rate.outOfScope ? undefined : js.warranty;
    const aTag = rate.outOfScope ? `approved out-of-scope (${r.e.approvalId})` : undefined;

    if (rate.unit === 'hour') {
      const ctx = aTag || oTag ? this.ctxs.get(aTag && oTag ? [aTag, oTag] : [(aTag ?? oTag)!], warranty) : this.scopeCtx(js, warranty);
      return this.rateHourly(r, rate, r.start, r.end, ctx);
    }
    if (rate.unit === 'km') return this.hold(r, r.minutes, `${rate.code} is priced per km and cannot be logged as time`);
    if (rate.unit === 'visit' && rate.covered) return this.priceCoveredVisit(r, rate, js, warranty);

    // Unit codes logged as time: one unit per entry (each), per local day (day), per visit day (visit).
    if (rate.covered || warranty !== undefined) stats.covered += r.minutes;
    else stats.billed += r.minutes;
    if (rate.unit === 'each') this.unitLine(r, rate, warranty, aTag, r.day, ONE);
    else if (rate.unit === 'visit') this.unitLine(r, rate, warranty, aTag, r.day, this.firstUnit(js, rate.code, r.day.num) ? ONE : ZERO);
    else {
      for (const d of r.sc.days.between(r.start, r.end)) this.unitLine(r, rate, warranty, aTag, d, this.firstUnit(js, upper(rate.code), d.num) ? ONE : ZERO);
    }
  }

  /** In-scope work of a job: under its warranty, if any (that context interned once per job). */
  private scopeCtx(js: JobState, warranty: WarrantyRef | undefined): SpanCtx {
    if (!warranty) return PLAIN;
    return (js.warrantyCtx ??= this.ctxs.get([], warranty));
  }

  /** Hourly work on `rate` for [a, b) of an entry. */
  private rateHourly(r: Resolved, rate: Rate, a: number, b: number, ctx: SpanCtx, prefix?: string): void {
    const sc = r.sc!;
    const js = r.js!;
    const pieces = this.pieces;
    const count = rateSpan(r.v, sc, rate, a, b, r.overtime ?? NO_OVERTIME, r.e.permitted ?? false, pieces);
    const pr = this.time.pricing('labour', r.v, rate, ctx);
    const tallies = (js.minimums ??= []);
    let tally: MinTally | undefined;
    for (let i = 0; i < tallies.length; i++) if (tallies[i]!.code === rate.code) tally = tallies[i];
    for (let i = 0; i < count; i++) {
      const p = pieces[i]!;
      if (p.held) {
        this.hold(r, p.minutes, p.held);
        continue;
      }
      this.stats.added += p.round;
      if (!tally) {
        tally = { jobId: r.e.jobId, js, siteId: sc.site.id, code: rate.code, rate, v: r.v, day: r.day, first: r.start, total: 0, warranty: ctx.warranty, tags: ctx.tags, sources: undefined };
        tallies.push(tally);
        this.minimums.push(tally);
      }
      tally.total += p.minutes + p.round;
      const min = tally.rate.billing?.minimum;
      if (min !== undefined && tally.total < min) {
        const s = tally.sources;
        if (s === undefined) tally.sources = [r.e.id];
        else if (s[s.length - 1] !== r.e.id) s.push(r.e.id);
      } else tally.sources = undefined;
      this.time.price(pr, js, sc.site.id, p, r.day, p.minutes, p.round, r.e.id, this.opts.prepaid, prefix);
    }
  }

  /** A covered-visit code: the visit line, then its labour: included, overrun, or beyond the cap. */
  private priceCoveredVisit(r: Resolved, rate: Rate, js: JobState, warranty: WarrantyRef | undefined): void {
    const visit = jobDay(js, r.day.num).visit!;
    const first = this.firstUnit(js, rate.code, r.day.num);
    this.addUnits(r, this.visitTemplate(r, rate, visit), r.day, r.e.id, first ? ONE : ZERO, visit.capTag);
    const listed = (rate.overrun ? r.v.rate(rate.overrun) : undefined) ?? r.v.firstHourly;
    const target = listed && this.rateFor(js, listed);
    if (visit.exceeded) {
      if (!target) this.hold(r, r.minutes, `${visit.capTag}; no hourly code to bill it at`);
      else this.rateHourly(r, target, r.start, r.end, this.exceededCtx(rate, target, warranty), visit.capTag);
      return;
    }
    if (rate.includes === undefined) {
      this.stats.covered += r.minutes;
      return;
    }
    const key = upper(rate.code);
    // Keys are strings and minutes numbers, so indexOf finds a key only.
    const used = (visit.left ??= []);
    let at = used.indexOf(key);
    if (at < 0) {
      at = used.length;
      used.push(key, rate.includes);
    }
    const left = used[at + 1] as number;
    const cov = Math.min(left, r.minutes);
    used[at + 1] = left - cov;
    this.stats.covered += cov;
    if (r.minutes > cov) {
      if (!target) this.hold(r, r.minutes - cov, `${overrunTag(rate)}; no hourly code to bill it at`);
      else this.rateHourly(r, target, r.start + cov * MIN, r.end, this.overrunCtx(rate, target, warranty));
    }
  }

  /** The context of labour beyond a visit's included minutes; without warranty, once per pair of rates. */
  private overrunCtx(rate: Rate, target: Rate, warranty: WarrantyRef | undefined): SpanCtx {
    const make = (): SpanCtx => {
      const oTag = this.overrideTag(target);
      return this.ctxs.get(oTag ? [overrunTag(rate), oTag] : [overrunTag(rate)], warranty);
    };
    if (warranty) return make();
    let byTarget = this.overrunCtxs.get(rate);
    if (!byTarget) this.overrunCtxs.set(rate, (byTarget = new Map()));
    let ctx = byTarget.get(target);
    if (!ctx) byTarget.set(target, (ctx = make()));
    return ctx;
  }

  /** The visit line of a covered-visit entry: within the cap shared by all visits, beyond it naming the visit's count. */
  private visitTemplate(r: Resolved, rate: Rate, visit: CoveredVisit): Template {
    if (visit.v0 === r.v && visit.rate0 === rate) return visit.tpl0!;
    const memo = visit.memo;
    if (memo) for (let i = 0; i < memo.length; i++) if (memo[i]!.v === r.v && memo[i]!.rate === rate) return memo[i]!.tpl;
    const seas = seasonalFor(r.v, rate.code, r.day);
    const shared = this.templatesOf(r.v, rate);
    // Beyond the cap the line reads "<cap text>, <this rule>" (the prefix goes on the line).
    const variant = `${visit.exceeded ? 'capped' : 'visit'}\u0001${seas ? seas.index : ''}`;
    let tpl = shared.get(variant);
    if (!tpl) {
      const oTag = this.overrideTag(rate);
      const rule = visit.exceeded
        ? [oTag, r.v.label, `rates.${rate.code}`].filter((x) => x !== undefined).join(', ')
        : ruleText(['covered visit', rate.includes !== undefined && `includes ${fmtMinutes(rate.includes)} labour`, oTag, seasTag(seas)], r.v.label, `rates.${rate.code}`);
      const text: LineTemplate = {
        kind: 'visit',
        code: rate.code,
        description: rate.name,
        unit: 'visit',
        covered: !visit.exceeded,
        rule,
        version: r.v.version,
        price: priced(rate.price, seas?.mult ?? 1),
      };
      tpl = this.book.template(text, visit.exceeded ? this.cappedScope : undefined);
      shared.set(variant, tpl);
    }
    if (!visit.tpl0) {
      visit.v0 = r.v;
      visit.rate0 = rate;
      visit.tpl0 = tpl;
    } else if (memo) memo.push({ v: r.v, rate, tpl });
    else visit.memo = [{ v: r.v, rate, tpl }];
    return tpl;
  }

  /**
   * Beyond the cap a visit's labour bills at `target`, tagged "HVAC-PM labour at HVAC-LAB" after the
   * visit's cap text (the line's prefix): one context per pair of rates and warranty clause.
   */
  private exceededCtx(rate: Rate, target: Rate, warranty: WarrantyRef | undefined): SpanCtx {
    const hit = warranty?.hit;
    let byRate = this.cappedCtxs.get(hit);
    if (!byRate) this.cappedCtxs.set(hit, (byRate = new Map()));
    let byTarget = byRate.get(rate);
    if (!byTarget) byRate.set(rate, (byTarget = new Map()));
    let ctx = byTarget.get(target);
    if (!ctx) {
      const oTag = this.overrideTag(target);
      ctx = spanCtx(oTag ? [this.labourAt(rate, target), oTag] : [this.labourAt(rate, target)], warranty, this.cappedScope);
      byTarget.set(target, ctx);
    }
    return ctx;
  }

  /** "HVAC-PM labour at HVAC-LAB", once per pair of rates, not once per capped visit. */
  private labourAt(rate: Rate, target: Rate): string {
    let byTarget = this.labourAtTexts.get(rate);
    if (!byTarget) this.labourAtTexts.set(rate, (byTarget = new Map()));
    let text = byTarget.get(target);
    if (text === undefined) byTarget.set(target, (text = [rate.code, 'labour at', target.code].join(' ')));
    return text;
  }

  /** One unit line of a unit code logged as time. */
  private unitLine(r: Resolved, rate: Rate, warranty: WarrantyRef | undefined, aTag: string | undefined, day: LocalDay, qty: Ratio): void {
    const seas = seasonalFor(r.v, rate.code, day);
    const why = warranty && !rate.covered ? warrantyTag(warranty) : rate.covered ? 'covered' : undefined;
    const variant = `unit\u0001${seas ? seas.index : ''}\u0001${aTag ?? ''}\u0001${why ?? ''}\u0001${warranty && !rate.covered ? warranty.hit.index : ''}`;
    const byVariant = this.templatesOf(r.v, rate);
    let tpl = byVariant.get(variant);
    if (!tpl) {
      tpl = this.book.template({
        kind: rate.unit === 'visit' ? 'visit' : 'labour',
        code: rate.code,
        description: rate.name,
        unit: rate.unit,
        covered: rate.covered || warranty !== undefined,
        rule: ruleText([aTag, this.overrideTag(rate), why, seasTag(seas)], r.v.label, warranty && !rate.covered ? `entitlements.warranty[${warranty.hit.index}]` : `rates.${rate.code}`),
        version: r.v.version,
        price: priced(rate.price, seas?.mult ?? 1),
      });
      byVariant.set(variant, tpl);
    }
    this.addUnits(r, tpl, day, r.e.id, qty);
  }

  /** Units of a line are started once per (job, day, code key): later entries add 0 units. */
  private firstUnit(js: JobState, codeKey: string, day: number): boolean {
    const jd = jobDay(js, day);
    const units = jd.units;
    if (!units) jd.units = [codeKey];
    else if (units.includes(codeKey)) return false;
    else units.push(codeKey);
    return true;
  }

  /** A quantity line of an entry's job on a local day, at its site. */
  private addUnits(r: Resolved, tpl: Template, day: LocalDay, sources: string | readonly string[], qty: Ratio, prefix?: string): void {
    // The job's own id string, not the entry's copy: lines then share one string per job, whose
    // hash the invoice order computes once.
    const js = r.js!;
    this.book.addQtyOnDay(js, tpl, js.id, r.sc?.site.id ?? js.job.siteId, day, sources, qty, prefix);
  }

  private templatesOf(v: VersionCtx, rate: Rate): Map<string | number, Template> {
    let byRate = this.qtyTemplates.get(v);
    if (!byRate) this.qtyTemplates.set(v, (byRate = new Map()));
    let byVariant = byRate.get(rate);
    if (!byVariant) byRate.set(rate, (byVariant = new Map()));
    return byVariant;
  }

  // --- minimum per job and code: explicit top-up at base price -----------------------------------
  private topUpMinimums(): void {
    const tallies = this.minimums.sort((a, b) => a.first - b.first || (a.jobId < b.jobId ? -1 : 1));
    for (const t of tallies) {
      const min = t.rate.billing?.minimum;
      if (!min || t.total <= 0 || t.total >= min) continue;
      const topUp = min - t.total;
      this.stats.added += topUp;
      const seasonal = seasonalFor(t.v, t.code, t.day);
      const ctx = this.ctxs.get(approvalTags(t.tags), t.warranty);
      const pr = this.time.pricing('minimum', t.v, t.rate, ctx, [`minimum ${fmtMinutes(min)} per job`]);
      this.time.price(pr, t.js, t.siteId, { seasonal }, t.day, 0, topUp, sortedUnique(t.sources ?? []), this.opts.prepaid);
    }
  }

  // --- travel: one line per visit (a local day the job had labour on site) -----------------------
  private addTravel(work: readonly Resolved[]): void {
    const visits: TravelVisit[] = [];
    // Entries use a handful of rates: whether the last one was remote is usually the answer.
    let lastRate: Rate | undefined;
    let lastRemote = false;
    for (let i = 0; i < work.length; i++) {
      const r = work[i]!;
      if (r.e.kind !== 'labour' || !r.sc) continue;
      if (r.rate !== lastRate) {
        lastRate = r.rate;
        lastRemote = r.rate !== undefined && isRemote(r.rate);
      }
      if (lastRemote) continue;
      const jd = jobDay(r.js!, r.day.num);
      if (jd.travel) jd.travel.ids.push(r.e.id);
      else visits.push((jd.travel = { r, jd, ids: [r.e.id] }));
    }
    for (const r of this.travelTime) {
      const vis = findDay(r.js, r.day.num)?.travel;
      if (vis) {
        vis.ids.push(r.e.id);
        this.stats.covered += r.minutes;
      } else this.hold(r, r.minutes, 'travel time without labour on site that day: no visit to attach it to');
    }
    for (const { r, jd, ids } of visits) {
      const rule = travelRule(r);
      if (!rule) continue;
      const listed = r.v.rate(rule.code);
      if (!listed) {
        this.held.push({ what: 'travel', jobId: r.e.jobId, sources: ids, minutes: 0, reason: `travel code ${rule.code} is not in ${r.v.label}` });
        continue;
      }
      const rate = this.rateFor(r.js, listed);
      let qty: Ratio = ONE;
      const site = r.sc!.site;
      if (rule.per === 'km') {
        if (site.travelKm === undefined) {
          // Sites without a distance are local: no mileage is invented.
          continue;
        }
        qty = dec(site.travelKm);
      }
      const cv = jd.visit;
      const covered = cv !== undefined && !cv.exceeded;
      const seas = seasonalFor(r.v, rate.code, r.day);
      const description = rule.per === 'km' ? `${rate.name}, ${site.travelKm} km to ${site.id}` : rate.name;
      // A travel line reads the same for every visit of a kind; per km it also names the site.
      const variant = rule.per === 'km' ? `travel\u0001km\u0001${covered}\u0001${seas ? seas.index : ''}\u0001${description}` : (covered ? 1 : 0) + 2 * (seas ? seas.index + 1 : 0);
      const byVariant = this.templatesOf(r.v, rate);
      let tpl = byVariant.get(variant);
      if (!tpl) {
        tpl = this.book.template({
          kind: 'travel',
          code: rate.code,
          description,
          unit: rate.unit,
          covered,
          rule: ruleText([`travel per ${rule.per} (rates.${rate.code})`, this.overrideTag(rate), covered && 'part of covered visit', seasTag(seas)], r.v.label, 'modifiers.travel'),
          version: r.v.version,
          price: priced(rate.price, seas?.mult ?? 1),
        });
        byVariant.set(variant, tpl);
      }
      this.addUnits(r, tpl, r.day, ids, qty);
    }
  }

  // --- parts ---------------------------------------------------------------------------------------
  private addParts(): void {
    const partTemplates = new Map<VersionCtx, Map<string, Template>>();
    for (const p of byTime(this.input.parts, (x) => x.id)) {
      const at = p.at.getTime();
      if (!this.inPeriod(at)) continue;
      const job = this.jobs.get(p.jobId);
      if (!job) {
        this.held.push({ what: 'part', jobId: p.jobId, sources: [p.id], minutes: 0, reason: `unknown job ${p.jobId}` });
        continue;
      }
      const v = this.versions.atDay(this.mainDays.at(at));
      const sc = v.site(job.siteId);
      const day = (sc ? sc.days : this.mainDays).at(at);
      if (!(p.qty > 0)) {
        this.held.push({ what: 'part', jobId: p.jobId, sources: [p.id], minutes: 0, reason: `quantity ${p.qty} is not positive: returns are credited, not billed` });
        continue;
      }
      const part = v.part(p.sku);
      const hit = warrantyFor(v, p.sku, day.date);
      if (!part && !hit) {
        this.held.push({ what: 'part', jobId: p.jobId, sources: [p.id], minutes: 0, reason: `${p.sku} is not on the ${v.label} price list: needs an approved quote` });
        continue;
      }
      const sku = part?.sku ?? p.sku;
      // The part and the warranty clause follow from the version, the SKU as written and the clause index.
      let byPart = partTemplates.get(v);
      if (!byPart) partTemplates.set(v, (byPart = new Map()));
      const variant = `${p.sku}\u0001${hit ? hit.index : -1}`;
      let tpl = byPart.get(variant);
      if (!tpl) {
        tpl = this.book.template({
          kind: 'part',
          sku,
          description: part?.name ?? sku,
          unit: 'each',
          covered: hit !== undefined,
          rule: hit ? ruleText([`warranty ${hit.pattern} until ${hit.until}`], v.label, `entitlements.warranty[${hit.index}]`) : ruleText(['price list'], v.label, `parts.${sku}`),
          version: v.version,
          price: int(part?.price ?? 0),
        });
        byPart.set(variant, tpl);
      }
      this.book.addQtyOnDay(this.jobStates.get(job.id)!, tpl, job.id, sc?.site.id ?? job.siteId, day, p.id, dec(p.qty));
    }
  }

  // --- approved extras and credits ---------------------------------------------------------------
  private addExtras(): void {
    for (const x of byTime(this.input.extras, (e) => e.approvalId)) {
      const at = x.at.getTime();
      if (!this.inPeriod(at)) continue;
      if (!(x.amount > 0) || !Number.isInteger(x.amount)) {
        this.held.push({ what: 'extra', jobId: x.jobId, sources: [x.approvalId], minutes: 0, reason: `quoted amount ${x.amount} is not a positive amount in minor units` });
        continue;
      }
      const v = this.versions.atDay(this.mainDays.at(at));
      const job = this.jobs.get(x.jobId);
      const sc = job ? v.site(job.siteId) : undefined;
      const tpl = this.book.template({
        kind: 'extra',
        description: x.description,
        unit: 'each',
        covered: false,
        rule: ruleText([`approved out-of-scope quote (${x.approvalId})`], v.label, 'approvals.outOfScope'),
        version: v.version,
        price: int(x.amount),
      });
      const date = (sc ? sc.days : this.mainDays).at(at).date;
      this.book.addQty(tpl, x.jobId, job ? (sc?.site.id ?? job.siteId) : undefined, date, [x.approvalId, ...(this.extraTime.get(x.approvalId) ?? [])], ONE);
    }
  }

  private addCredits(): void {
    for (const c of byTime(this.input.credits, (x) => x.id)) {
      const at = c.at.getTime();
      if (!this.inPeriod(at)) continue;
      if (!(c.amount > 0) || !Number.isInteger(c.amount)) {
        this.held.push({ what: 'credit', jobId: c.jobId, sources: [c.id], minutes: 0, reason: `credit amount ${c.amount} must be positive minor units` });
        continue;
      }
      const v = (c.version !== undefined ? this.versions.list.find((x) => x.version === c.version) : undefined) ?? this.versions.atDay(this.mainDays.at(at));
      const job = c.jobId ? this.jobs.get(c.jobId) : undefined;
      const tpl = this.book.template({
        kind: 'credit',
        description: c.reason,
        unit: 'each',
        covered: false,
        rule: ruleText([c.kind === 'sla' ? 'SLA credit' : 'goodwill credit'], v.label, c.rule),
        version: v.version,
        price: int(-c.amount),
      });
      this.book.addQty(tpl, c.jobId ? c.jobId : undefined, job?.siteId, this.mainDays.at(at).date, c.id, ONE);
    }
  }

  // --- result --------------------------------------------------------------------------------------
  private result(): RatingResult {
    const { input, versions, banks } = this;
    const lines: InvoiceLine[] = this.book.finish();
    let billable: Money = 0;
    let credits: Money = 0;
    let nominalCovered: Money = 0;
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]!;
      if (l.kind === 'credit') credits += l.amount;
      else billable += l.amount;
      if (l.covered) nominalCovered += l.nominal ?? 0;
    }
    const bankCount = Math.max(banks.used.length, ...versions.list.map((v) => v.contract.entitlements.prepaidHours.length));
    const prepaidMinutesUsed = Array.from({ length: bankCount }, (_, i) => banks.used[i] ?? 0);

    const siteVisitsUsed: Record<string, number> = { ...input.prior.siteVisitsUsed };
    const last = versions.at(input.period.to);
    for (const site of last.contract.sites) {
      if (!site.caps) continue;
      const pkEnd = periodKey(input.period.to, site.caps.per);
      const counted = this.capCounts.get(`${site.id.toUpperCase()}\u0001${pkEnd}`);
      const priorKey = Object.keys(siteVisitsUsed).find((k) => k.toUpperCase() === site.id.toUpperCase()) ?? site.id;
      if (counted !== undefined) siteVisitsUsed[priorKey] = counted;
      else if (pkEnd !== periodKey(input.period.from, site.caps.per)) siteVisitsUsed[priorKey] = 0;
      else siteVisitsUsed[priorKey] = lookup(input.prior.siteVisitsUsed, site.id);
    }

    return {
      lines,
      totals: { billable, credits, total: billable + credits, nominalCovered },
      usage: { prepaidMinutesUsed, siteVisitsUsed },
      minutes: this.stats,
      held: sortHeld(this.held),
    };
  }
}

/** Held items by job, then sources, then reason (sources joined once per item, not per comparison). */
function sortHeld(held: HeldItem[]): HeldItem[] {
  const joined = new Map<HeldItem, string>();
  for (const h of held) joined.set(h, h.sources.join());
  return held.sort((a, b) => cmpStr(a.jobId ?? '', b.jobId ?? '') || cmpStr(joined.get(a)!, joined.get(b)!) || cmpStr(a.reason, b.reason));
}
