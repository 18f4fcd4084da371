/**
 * The rating pass: contract versions + a period's work -> invoice lines. Pure and deterministic:
 * the same input always gives the same lines in the same order. The rules and every choice made
 * where the contract format is silent are written down in docs/contract-format.md; docs/rating.md
 * has the API and the speed habits.
 *
 * Speed: a month is ~100,000 entries. State that the rules key by job and date (covered visits,
 * units seen, minimums, travel visits, time lines) lives on one object per job and is keyed by the
 * local day number, so the hot loop builds no key strings. Line texts are built once per template.
 */
import type { Money, Rate } from '../contract-types.js';
import { type SiteCtx, type VersionCtx, Versions } from './context.js';
import { type LocalDay, type ZoneDays, zoneDays } from './days.js';
import { PrepaidBanks } from './entitlements.js';
import { addFeeLines } from './fee.js';
import { markOvertime, priced, rateSpan } from './labour.js';
import { LineBook, type LineTemplate, type Template, type TemplateScope, ruleText, sortedUnique } from './lines.js';
import { type Piece, seasonalFor } from './modifiers.js';
import { type Ratio, ONE, ZERO } from './ratio.js';
import { cached, innerMap } from './maps.js';
import { refList, refSlots } from './slots.js';
import { addCredits } from './credits.js';
import { addExtras } from './extras.js';
import { countCoveredVisits, siteVisitsUsed as visitsUsed } from './caps.js';
import { addParts, findWarrantyJobs } from './parts.js';
import { AS_LABOUR, type CoveredVisit, type JobState, LABOUR, type MinTally, PERMITTED, Resolved, jobDay, upper } from './run-state.js';
import { cmpStr, inverse, packable, stableOrder } from './stable-order.js';
import { type TravelScope, addTravel, travelRule } from './travel.js';
import { addAdjustments } from './adjustments.js';
import { type SpanCtx, type Stats, type TimeLinesShape, type WarrantyRef, PLAIN, SpanCtxs, newStats, TimeLines, seasTag, spanCtx, warrantyTag } from './time-lines.js';
import type { CalendarCompiler, HeldItem, HeldReason, InvoiceLine, RatingInput, RatingJob, RatingResult, TimeEntry } from './types.js';
import { heldReasonKey } from './held.js';
import { APPROVED_TAG, COVERED, COVERED_VISIT, OVERRIDE_TAG, approvedTag, includesTag, labourAtTag, minimumTag, overrideTag, overrunTag } from './line-words.js';

const MIN = 60_000;

export interface EngineOptions {
  compile: CalendarCompiler;
  /** quotes leave these out: they price the work alone, not the month around it */
  fee: boolean;
  travel: boolean;
  prepaid: boolean;
}


function overrunTagOf(rate: Rate): string {
  return overrunTag(rate.includes!, rate.code);
}

/** The tags of a span that carry over to its minimum top-up: its approval and its rate override. */
function approvalTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of tags) if (t.startsWith(APPROVED_TAG) || t.startsWith(OVERRIDE_TAG)) out.push(t);
  return out;
}

/** An override of one job and code, and the rates it made (one per library rate object it replaced). */
interface Override {
  approvalId: string;
  price: Money;
  at: number;
  rates: Map<Rate, Rate>;
}

/** The entries of some length, in input order: their whole-minute starts, ids and input rows. */
interface Instants {
  n: number;
  starts: Float64Array;
  ends: Float64Array;
  ids: string[];
  rows: Int32Array;
  /** earliest and latest start (±Infinity when there are none) */
  lo: number;
  hi: number;
}

/*
 * Functions that run once per invoice keep each hot loop in a function of its own, whose code after
 * the loop only returns. The optimizing compiler compiles a long loop while it runs (on-stack
 * replacement) and keeps that code for the next invoice; code after the loop that had not run yet
 * when it was compiled threw it away again at the start of the next invoice, every loop in turn
 * (docs/rating.md, "Speed").
 */

function readInstants(entries: readonly TimeEntry[]): Instants {
  const x: Instants = { n: 0, starts: new Float64Array(entries.length), ends: new Float64Array(entries.length), ids: refSlots<string>(entries.length), rows: new Int32Array(entries.length), lo: Infinity, hi: -Infinity };
  x.n = readInto(entries, x);
  return x;
}

function readInto(entries: readonly TimeEntry[], x: Instants): number {
  const { starts, ends, ids, rows } = x;
  let n = 0;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    const start = Math.floor(e.start.getTime() / MIN) * MIN;
    const end = Math.floor(e.end.getTime() / MIN) * MIN;
    if (!(end > start)) continue;
    starts[n] = start;
    ends[n] = end;
    ids[n] = e.id;
    rows[n++] = i;
    if (start < x.lo) x.lo = start;
    if (start > x.hi) x.hi = start;
  }
  return n;
}

/**
 * Entry numbers in (start, id) order; equal pairs keep their input order (the sort is stable).
 * Starts are whole minutes, so (minute, position) packs into one exact double and a native numeric
 * sort does the work; only runs of equal starts are then ordered by id.
 */
function inStartOrder(x: Instants): Int32Array {
  const { n, starts, ids, lo, hi } = x;
  if (n === 0) return new Int32Array(0);
  if (!packable((hi - lo) / MIN + 1, n)) {
    return Int32Array.from(
      Array.from({ length: n }, (_, i) => i).sort((a, b) => starts[a]! - starts[b]! || cmpStr(ids[a]!, ids[b]!)),
    );
  }
  const out = stableOrder(minutesFrom(starts, n, lo));
  orderTies(out, starts, ids);
  return out;
}

/** Whole minutes from `lo` to each start. */
function minutesFrom(starts: Float64Array, n: number, lo: number): Float64Array {
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = (starts[i]! - lo) / MIN;
  return keys;
}

/** Orders each run of equal starts in `out` by id. */
function orderTies(out: Int32Array, starts: Float64Array, ids: readonly string[]): void {
  const n = out.length;
  for (let i = 0; i < n; ) {
    const s = starts[out[i]!]!;
    let j = i + 1;
    while (j < n && starts[out[j]!] === s) j++;
    // Stable insertion sort of the run by id: runs are short, and Array.prototype.sort allocates.
    for (let k = i + 1; k < j; k++) {
      const x = out[k]!;
      const id = ids[x]!;
      let m = k - 1;
      while (m >= i && cmpStr(ids[out[m]!]!, id) > 0) {
        out[m + 1] = out[m]!;
        m--;
      }
      out[m + 1] = x;
    }
    i = j;
  }
}

/** The first of the n ascending `xs` that is >= x (n when none is). */
function lowerBound(xs: Float64Array, n: number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first and last day numbers of entries w0 up to w1; 0 for none (whole numbers: see TimeLinesShape). */
function firstDay(day: readonly LocalDay[], w0: number, w1: number): number {
  let best = w1 > w0 ? day[w0]!.num : 0;
  for (let i = w0 + 1; i < w1; i++) best = Math.min(best, day[i]!.num);
  return best;
}

function lastDay(day: readonly LocalDay[], w0: number, w1: number): number {
  let best = w1 > w0 ? day[w0]!.num : 0;
  for (let i = w0 + 1; i < w1; i++) best = Math.max(best, day[i]!.num);
  return best;
}

/** A state per job, by job id. */
function jobStatesOf(jobs: ReadonlyMap<string, RatingJob>): Map<string, JobState> {
  const states = new Map<string, JobState>();
  for (const job of jobs.values()) {
    states.set(job.id, { id: job.id, index: states.size, job, warranty: undefined, warrantyCtx: undefined, day0: 0, jd0: undefined, day1: 0, jd1: undefined, days: undefined, minimums: undefined, code0: undefined, tally0: undefined, siteV: undefined, site: undefined });
  }
  return states;
}

/** Writes into `out` the entries whose technician's day overtime counts (labour, as rated, on a known job); returns how many. */
function overtimeEntries(r: Resolved, out: Int32Array): number {
  let m = 0;
  for (let i = 0; i < r.count; i++) if (r.js[i] !== undefined && (r.flags[i]! & AS_LABOUR) !== 0) out[m++] = i;
  return m;
}

export function runRating(input: RatingInput, opts: EngineOptions): RatingResult {
  return new RatingRun(input, opts).run();
}

/**
 * One rating pass. A class rather than one long function with closures: its methods are the same
 * functions on every run, so the JIT keeps their optimized code from one invoice to the next.
 */
class RatingRun implements TravelScope {
  readonly versions: Versions;
  readonly mainDays: ZoneDays;
  private readonly pStart: number;
  private readonly pEnd: number;
  readonly jobs: Map<string, RatingJob>;
  readonly jobStates: Map<string, JobState>;
  readonly book: LineBook;
  readonly held: HeldItem[] = refList();
  /**
   * Held time as [entry, minutes, ...] and reasons, made items at the end. Made where the work is
   * priced, their few objects outlived the young generation and V8 moved where it allocates them,
   * throwing away the pricing code that made them, once per invoice.
   */
  private readonly heldTime: number[] = [];
  private readonly heldWhy: HeldReason[] = refList();
  readonly stats: Stats = newStats();
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
  private readonly minimums: MinTally[] = refList();
  /** approval id -> entries on codes the library lacks, priced by that approval's quote */
  private readonly extraTime = new Map<string, string[]>();
  /** travel-time entries (numbers), attached to their visits once labour has made them */
  readonly travelTime: number[] = [];
  /**
   * This run's entries; `declare`d, so no constructor sets it to undefined first: a field that
   * holds undefined in a new run after holding entries in the last one made V8 widen its type and
   * throw away the code that relied on it, at the start of every second invoice.
   */
  declare res: Resolved;
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
  /** declared for the same reason as `res` */
  private declare time: TimeLines;
  /** the pieces of the entry being priced (reused: see segment) */
  private readonly pieces: Piece[] = refSlots<Piece>(8);

  constructor(
    readonly input: RatingInput,
    private readonly opts: EngineOptions,
  ) {
    this.versions = new Versions(input.versions, opts.compile);
    // About a line per entry, part, extra and credit; modifiers, banks and minimums add some.
    this.book = new LineBook(Math.ceil(input.timeEntries.length * 1.25) + input.parts.length + input.extras.length + input.credits.length + 16);
    this.mainDays = zoneDays(this.versions.at(input.period.from).mainZone);
    this.pStart = this.mainDays.ofDate(input.period.from).start;
    this.pEnd = this.mainDays.ofDate(input.period.to).end;
    this.jobs = new Map(input.jobs.map((j) => [j.id, j]));
    // Not a loop here: a constructor that loops gets optimized, and optimizing it changed the
    // layout of the run object, throwing away code that reads it (see readInstants).
    this.jobStates = jobStatesOf(this.jobs);
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
        this.held.push({ what: 'override', jobId: o.jobId, sources: [o.approvalId], minutes: 0, reason: { code: 'override-price', price: o.price } });
        continue;
      }
      const byCode = innerMap(this.overrides, o.jobId);
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
  rateFor(js: JobState | undefined, rate: Rate): Rate {
    if (this.overrides.size === 0 || !js) return rate;
    const o = this.overrides.get(js.id)?.get(upper(rate.code));
    if (!o) return rate;
    let r = o.rates.get(rate);
    if (!r) {
      o.rates.set(rate, (r = { ...rate, price: o.price }));
      this.overrideTags.set(r, overrideTag(o.approvalId));
    }
    return r;
  }

  /** "rate override A12 approved" for an overridden rate, else undefined. */
  overrideTagOf(rate: Rate): string | undefined {
    return this.overrideTags.size === 0 ? undefined : this.overrideTags.get(rate);
  }

  run(): RatingResult {
    findWarrantyJobs(this);
    // One sort serves both passes: overtime (all entries, per technician) and the period's work.
    // From here on entry numbers are in (start, id) order.
    const res = (this.res = this.resolve());
    // Entries outside the period still count toward a technician's day, so pass them all.
    const ot = new Int32Array(res.count);
    markOvertime(res, ot.subarray(0, overtimeEntries(res, ot)), this.mainDays);
    // The period's work: entries from w0 up to w1 (they are in start order).
    const w0 = lowerBound(res.start, res.count, this.pStart);
    const w1 = lowerBound(res.start, res.count, this.pEnd);
    countCoveredVisits(res, w0, w1, this.input.period.from, this.input.prior.siteVisitsUsed, this.capCounts);
    this.time = new TimeLines(this.book, this.opts.prepaid ? this.banks : undefined, this.stats, this.timeShape(w0, w1));
    this.priceAll(w0, w1);
    this.topUpMinimums();
    this.time.release();
    if (this.opts.travel) addTravel(this, w0, w1);
    else for (const i of this.travelTime) this.hold(i, res.minutes(i), { code: 'travel-not-quoted' });
    addParts(this);
    addExtras(this, this.extraTime);
    addAdjustments(this);
    addCredits(this);
    if (this.opts.fee) addFeeLines(this.book, this.versions, this.input.period);
    return this.result();
  }

  inPeriod(ms: number): boolean {
    return ms >= this.pStart && ms < this.pEnd;
  }

  /** Entry `i`'s `minutes` are held, not billed. */
  hold(i: number, minutes: number, reason: HeldReason): void {
    this.stats.unbilled += minutes;
    this.heldTime.push(i, minutes);
    this.heldWhy.push(reason);
  }

  /** The held time as items (sortHeld orders all held items; ties keep this order). */
  private heldItems(): HeldItem[] {
    const { heldTime, heldWhy } = this;
    for (let k = 0; k < heldWhy.length; k++) {
      const e = this.res.entry(heldTime[2 * k]!);
      this.held.push({ what: 'time', jobId: e.jobId, sources: [e.id], minutes: heldTime[2 * k + 1]!, reason: heldWhy[k]! });
    }
    return this.held;
  }

  // --- resolve entries ---------------------------------------------------------------------------
  /**
   * The entries as columns, numbered in (start, id) order: every pass after this one
   * walks entries in time order, and so reads each column front to back instead of jumping about a
   * hundred thousand rows (a cache miss per column per entry). The input is read in its own order
   * twice: once for the instants to sort by, then for the rest, each written at its place in time.
   */
  private resolve(): Resolved {
    const entries = this.input.timeEntries;
    const x = readInstants(entries);
    const order = inStartOrder(x);
    const r = new Resolved(entries, x.rows, order);
    r.techs = this.fill(r, x, inverse(order)).size;
    return r;
  }

  /** Writes each entry's row at its place in time; returns the technicians by number. */
  private fill(r: Resolved, x: Instants, place: Int32Array): Map<string, number> {
    const entries = this.input.timeEntries;
    const { n, starts, ends, ids, rows } = x;
    const techs = new Map<string, number>();
    // Entries use a handful of codes: the last one's rate is usually the answer.
    let lastV: VersionCtx | undefined;
    let lastCode: string | undefined;
    let lastRate: Rate | undefined;
    // Entries of a job, and of a day, usually follow each other in the input.
    let lastJob: string | undefined;
    let js: JobState | undefined;
    let mainDay: LocalDay | undefined;
    let v = this.versions.list[0]!;
    // A job's entries alternate between a technician or two: the last two are compared before the map.
    // Seeded with the first technician (number 0), so the comparisons only ever meet strings: one
    // with undefined, made only in a process's first call, was met again by the optimized code.
    let tech0 = n > 0 ? entries[rows[0]!]!.technicianId : '';
    let tech1 = tech0;
    let num0 = 0;
    let num1 = 0;
    if (n > 0) techs.set(tech0, 0);
    for (let m = 0; m < n; m++) {
      const e = entries[rows[m]!]!;
      const k = place[m]!;
      const start = starts[m]!;
      const end = ends[m]!;
      if (lastJob === undefined || e.jobId !== lastJob) {
        lastJob = e.jobId;
        js = this.jobStates.get(lastJob);
      }
      const day = this.mainDays.at(start);
      if (day !== mainDay) {
        mainDay = day;
        v = this.versions.atDay(day);
      }
      let sc: SiteCtx | undefined;
      if (js) {
        if (js.siteV !== v) {
          js.siteV = v;
          js.site = v.site(js.job.siteId);
        }
        sc = js.site;
      }
      r.id[k] = ids[m]!;
      const labour = e.kind === 'labour';
      // Travel time is labour only where the contract has no travel rule to pay for it.
      r.flags[k] = (labour ? LABOUR : 0) | (labour || travelRule(v) === undefined ? AS_LABOUR : 0) | (e.permitted ? PERMITTED : 0);
      const who = e.technicianId;
      let tech: number;
      if (who === tech0) tech = num0;
      else if (who === tech1) tech = num1;
      else {
        let known = techs.get(who);
        if (known === undefined) techs.set(who, (known = techs.size));
        tech = known;
        tech1 = tech0;
        num1 = num0;
        tech0 = who;
        num0 = tech;
      }
      r.tech[k] = tech;
      r.start[k] = start;
      r.end[k] = end;
      r.js[k] = js;
      r.v[k] = v;
      r.sc[k] = sc;
      r.day[k] = sc && sc.days !== this.mainDays ? sc.days.at(start) : mainDay;
      if (v !== lastV || e.code !== lastCode) {
        lastV = v;
        lastCode = e.code;
        lastRate = v.rate(e.code);
      }
      r.rate[k] = lastRate;
    }
    return techs;
  }

  /** The days time lines can fall on (the start days of the period's work) and the contract shapes. */
  private timeShape(w0: number, w1: number): TimeLinesShape {
    const list = this.versions.list;
    const first = firstDay(this.res.day, w0, w1);
    return {
      firstDay: first,
      days: lastDay(this.res.day, w0, w1) - first + 1,
      seasons: 1 + Math.max(0, ...list.map((v) => v.contract.modifiers.seasonal.length)),
      banks: Math.max(0, ...list.map((v) => v.contract.entitlements.prepaidHours.length)),
      entries: w1 - w0,
    };
  }

  private priceAll(w0: number, w1: number): void {
    for (let i = w0; i < w1; i++) this.price(i);
  }

  // --- pricing -----------------------------------------------------------------------------------
  private price(i: number): void {
    const r = this.res;
    const stats = this.stats;
    const v = r.v[i]!;
    const minutes = r.minutes(i);
    stats.logged += minutes;
    if ((r.flags[i]! & AS_LABOUR) === 0) {
      this.travelTime.push(i);
      return;
    }
    const js = r.js[i];
    const sc = r.sc[i];
    const listed = r.rate[i];
    // The entry object only where it is needed: fetching it is a cache miss (see Resolved).
    if (!js) return this.hold(i, minutes, { code: 'unknown-job', job: r.entry(i).jobId });
    if (!sc) return this.hold(i, minutes, { code: 'site-not-in-contract', site: js.job.siteId, contract: v.label });
    if (!listed) {
      const e = r.entry(i);
      if (e.approvalId) {
        // Work the library lacks is priced by the approval's quote (an `extras` item), not by time.
        stats.billed += minutes;
        const list = this.extraTime.get(e.approvalId) ?? [];
        list.push(r.id[i]!);
        this.extraTime.set(e.approvalId, list);
      } else this.hold(i, minutes, { code: 'code-not-in-contract', task: e.code, contract: v.label });
      return;
    }
    const approvalId = listed.outOfScope ? r.entry(i).approvalId : undefined;
    if (listed.outOfScope && !approvalId) return this.hold(i, minutes, { code: 'out-of-scope', task: listed.code });
    const rate = this.rateFor(js, listed);
    const oTag = this.overrideTagOf(rate);
    // Approved out-of-scope work was quoted and agreed separately, so warranty does not absorb it.
    const warranty = rate.outOfScope ? undefined : js.warranty;
    const aTag = rate.outOfScope ? approvedTag(approvalId ?? r.entry(i).approvalId!) : undefined;

    if (rate.unit === 'hour') {
      const ctx = aTag || oTag ? this.ctxs.get(aTag && oTag ? [aTag, oTag] : [(aTag ?? oTag)!], warranty) : this.scopeCtx(js, warranty);
      return this.rateHourly(i, rate, r.start[i]!, r.end[i]!, ctx);
    }
    if (rate.unit === 'km') return this.hold(i, minutes, { code: 'per-km', task: rate.code });
    if (rate.unit === 'visit' && rate.covered) return this.priceCoveredVisit(i, rate, js, warranty);

    // Unit codes logged as time: one unit per entry (each), per local day (day), per visit day (visit).
    if (rate.covered || warranty !== undefined) stats.covered += minutes;
    else stats.billed += minutes;
    const day = r.day[i]!;
    if (rate.unit === 'each') this.unitLine(i, rate, warranty, aTag, day, ONE);
    else if (rate.unit === 'visit') this.unitLine(i, rate, warranty, aTag, day, this.firstUnit(js, rate.code, day.num) ? ONE : ZERO);
    else {
      for (const d of sc.days.between(r.start[i]!, r.end[i]!)) this.unitLine(i, rate, warranty, aTag, d, this.firstUnit(js, upper(rate.code), d.num) ? ONE : ZERO);
    }
  }

  /** In-scope work of a job: under its warranty, if any (that context interned once per job). */
  private scopeCtx(js: JobState, warranty: WarrantyRef | undefined): SpanCtx {
    if (!warranty) return PLAIN;
    return (js.warrantyCtx ??= this.ctxs.get([], warranty));
  }

  /** Hourly work on `rate` for [a, b) of an entry. */
  private rateHourly(i: number, rate: Rate, a: number, b: number, ctx: SpanCtx, prefix?: string): void {
    const r = this.res;
    const sc = r.sc[i]!;
    const js = r.js[i]!;
    const id = r.id[i]!;
    const v = r.v[i]!;
    const day = r.day[i]!;
    const pieces = this.pieces;
    const count = rateSpan(v, sc, rate, a, b, r.overtime, r.overtimeFrom[i]!, r.overtimeTo[i]!, (r.flags[i]! & PERMITTED) !== 0, pieces);
    const pr = this.time.pricing('labour', v, rate, ctx);
    let tally = js.code0 === rate.code ? js.tally0 : undefined;
    const others = js.minimums;
    if (!tally && others) for (let t = 0; t < others.length; t++) if (others[t]!.code === rate.code) tally = others[t];
    for (let k = 0; k < count; k++) {
      const p = pieces[k]!;
      if (p.held) {
        this.hold(i, p.minutes, { code: 'outside-access', site: p.held });
        continue;
      }
      this.stats.added += p.round;
      if (!tally) {
        tally = { jobId: js.id, js, siteId: sc.site.id, code: rate.code, rate, v, day, first: r.start[i]!, total: 0, warranty: ctx.warranty, tags: ctx.tags, sources: undefined };
        if (js.tally0 === undefined) {
          js.code0 = rate.code;
          js.tally0 = tally;
        } else if (others) others.push(tally);
        else js.minimums = [tally];
        this.minimums.push(tally);
      }
      tally.total += p.minutes + p.round;
      const min = tally.rate.billing?.minimum;
      if (min !== undefined && tally.total < min) {
        const s = tally.sources;
        if (s === undefined) tally.sources = [id];
        else if (s[s.length - 1] !== id) s.push(id);
      } else tally.sources = undefined;
      this.time.price(pr, js, sc.site.id, p, day, p.minutes, p.round, id, i, this.opts.prepaid, prefix);
    }
  }

  /** A covered-visit code: the visit line, then its labour: included, overrun, or beyond the cap. */
  private priceCoveredVisit(i: number, rate: Rate, js: JobState, warranty: WarrantyRef | undefined): void {
    const r = this.res;
    const v = r.v[i]!;
    const day = r.day[i]!;
    const minutes = r.minutes(i);
    const visit = jobDay(js, day.num).visit!;
    const first = this.firstUnit(js, rate.code, day.num);
    this.addUnits(i, this.visitTemplate(v, day, rate, visit), day, r.id[i]!, first ? ONE : ZERO, visit.capTag, i);
    const listed = (rate.overrun ? v.rate(rate.overrun) : undefined) ?? v.firstHourly;
    const target = listed && this.rateFor(js, listed);
    if (visit.exceeded) {
      if (!target) this.hold(i, minutes, { code: 'no-hourly-code', rule: visit.capTag! });
      else this.rateHourly(i, target, r.start[i]!, r.end[i]!, this.exceededCtx(rate, target, warranty), visit.capTag);
      return;
    }
    if (rate.includes === undefined) {
      this.stats.covered += minutes;
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
    const cov = Math.min(left, minutes);
    used[at + 1] = left - cov;
    this.stats.covered += cov;
    if (minutes > cov) {
      if (!target) this.hold(i, minutes - cov, { code: 'no-hourly-code', rule: overrunTagOf(rate) });
      else this.rateHourly(i, target, r.start[i]! + cov * MIN, r.end[i]!, this.overrunCtx(rate, target, warranty));
    }
  }

  /** The context of labour beyond a visit's included minutes; without warranty, once per pair of rates. */
  private overrunCtx(rate: Rate, target: Rate, warranty: WarrantyRef | undefined): SpanCtx {
    const make = (): SpanCtx => {
      const oTag = this.overrideTagOf(target);
      return this.ctxs.get(oTag ? [overrunTagOf(rate), oTag] : [overrunTagOf(rate)], warranty);
    };
    if (warranty) return make();
    return cached(innerMap(this.overrunCtxs, rate), target, make);
  }

  /** The visit line of a covered-visit entry: within the cap shared by all visits, beyond it naming the visit's count. */
  private visitTemplate(v: VersionCtx, day: LocalDay, rate: Rate, visit: CoveredVisit): Template {
    if (visit.v0 === v && visit.rate0 === rate) return visit.tpl0!;
    const memo = visit.memo;
    if (memo) for (let i = 0; i < memo.length; i++) if (memo[i]!.v === v && memo[i]!.rate === rate) return memo[i]!.tpl;
    const seas = seasonalFor(v, rate.code, day);
    const shared = this.templatesOf(v, rate);
    // Beyond the cap the line reads "<cap text>, <this rule>" (the prefix goes on the line).
    const variant = `${visit.exceeded ? 'capped' : 'visit'}\u0001${seas ? seas.index : ''}`;
    const tpl = cached(shared, variant, () => {
      const oTag = this.overrideTagOf(rate);
      const rule = visit.exceeded
        ? [oTag, v.label, `rates.${rate.code}`].filter((x) => x !== undefined).join(', ')
        : ruleText([COVERED_VISIT, rate.includes !== undefined && includesTag(rate.includes), oTag, seasTag(seas)], v.label, `rates.${rate.code}`);
      const text: LineTemplate = {
        kind: 'visit',
        code: rate.code,
        description: rate.name,
        unit: 'visit',
        covered: !visit.exceeded,
        rule,
        version: v.version,
        price: priced(rate.price, seas?.mult ?? 1),
      };
      return this.book.template(text, visit.exceeded ? this.cappedScope : undefined);
    });
    if (!visit.tpl0) {
      visit.v0 = v;
      visit.rate0 = rate;
      visit.tpl0 = tpl;
    } else if (memo) memo.push({ v: v, rate, tpl });
    else visit.memo = [{ v: v, rate, tpl }];
    return tpl;
  }

  /**
   * Beyond the cap a visit's labour bills at `target`, tagged "HVAC-PM labour at HVAC-LAB" after the
   * visit's cap text (the line's prefix): one context per pair of rates and warranty clause.
   */
  private exceededCtx(rate: Rate, target: Rate, warranty: WarrantyRef | undefined): SpanCtx {
    return cached(innerMap(innerMap(this.cappedCtxs, warranty?.hit), rate), target, () => {
      const oTag = this.overrideTagOf(target);
      return spanCtx(oTag ? [this.labourAt(rate, target), oTag] : [this.labourAt(rate, target)], warranty, this.cappedScope);
    });
  }

  /** "HVAC-PM labour at HVAC-LAB", once per pair of rates, not once per capped visit. */
  private labourAt(rate: Rate, target: Rate): string {
    return cached(innerMap(this.labourAtTexts, rate), target, () => labourAtTag(rate.code, target.code));
  }

  /** One unit line of a unit code logged as time. */
  private unitLine(i: number, rate: Rate, warranty: WarrantyRef | undefined, aTag: string | undefined, day: LocalDay, qty: Ratio): void {
    const v = this.res.v[i]!;
    const seas = seasonalFor(v, rate.code, day);
    const why = warranty && !rate.covered ? warrantyTag(warranty) : rate.covered ? COVERED : undefined;
    const variant = `unit\u0001${seas ? seas.index : ''}\u0001${aTag ?? ''}\u0001${why ?? ''}\u0001${warranty && !rate.covered ? warranty.hit.index : ''}`;
    const tpl = cached(this.templatesOf(v, rate), variant, () =>
      this.book.template({
        kind: rate.unit === 'visit' ? 'visit' : 'labour',
        code: rate.code,
        description: rate.name,
        unit: rate.unit,
        covered: rate.covered || warranty !== undefined,
        rule: ruleText([aTag, this.overrideTagOf(rate), why, seasTag(seas)], v.label, warranty && !rate.covered ? `entitlements.warranty[${warranty.hit.index}]` : `rates.${rate.code}`),
        version: v.version,
        price: priced(rate.price, seas?.mult ?? 1),
      }),
    );
    this.addUnits(i, tpl, day, this.res.id[i]!, qty, undefined, i);
  }

  /** Units of a line are started once per (job, day, code key): later entries add 0 units. */
  private firstUnit(js: JobState, codeKey: string, day: number): boolean {
    const jd = jobDay(js, day);
    if (jd.unit0 === undefined) {
      jd.unit0 = codeKey;
      return true;
    }
    if (jd.unit0 === codeKey) return false;
    const units = jd.units;
    if (!units) jd.units = [codeKey];
    else if (units.includes(codeKey)) return false;
    else units.push(codeKey);
    return true;
  }

  /**
   * A quantity line of an entry's job on a local day, at its site. `entry`: the time entry
   * `sources` is, if it is one (see LineBook.addTime).
   */
  addUnits(i: number, tpl: Template, day: LocalDay, sources: string | readonly string[], qty: Ratio, prefix?: string, entry = -1): void {
    // The job's own id string, not the entry's copy: lines then share one string per job, whose
    // hash the invoice order computes once.
    const js = this.res.js[i]!;
    this.book.addQtyOnDay(js, tpl, js.id, this.res.sc[i]?.site.id ?? js.job.siteId, day, sources, qty, prefix, entry);
  }

  templatesOf(v: VersionCtx, rate: Rate): Map<string | number, Template> {
    return innerMap(innerMap(this.qtyTemplates, v), rate);
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
      const pr = this.time.pricing('minimum', t.v, t.rate, ctx, [minimumTag(min)]);
      this.time.price(pr, t.js, t.siteId, { seasonal }, t.day, 0, topUp, sortedUnique(t.sources ?? []), -1, this.opts.prepaid);
    }
  }

  // --- result --------------------------------------------------------------------------------------
  private result(): RatingResult {
    const { input, versions, banks } = this;
    const lines: InvoiceLine[] = this.book.finish();
    const sums = { billable: 0, credits: 0, nominalCovered: 0 };
    sumLines(lines, sums);
    const { billable, credits, nominalCovered } = sums;
    const bankCount = Math.max(banks.used.length, ...versions.list.map((v) => v.contract.entitlements.prepaidHours.length));
    const prepaidMinutesUsed = Array.from({ length: bankCount }, (_, i) => banks.used[i] ?? 0);

    const siteVisitsUsed = visitsUsed(input, versions.at(input.period.to), this.capCounts);

    return {
      lines,
      totals: { billable, credits, total: billable + credits, nominalCovered },
      usage: { prepaidMinutesUsed, siteVisitsUsed },
      minutes: this.stats,
      held: sortHeld(this.heldItems()),
    };
  }
}

function sumLines(lines: readonly InvoiceLine[], sums: { billable: Money; credits: Money; nominalCovered: Money }): void {
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.kind === 'credit') sums.credits += l.amount;
    else sums.billable += l.amount;
    if (l.covered) sums.nominalCovered += l.nominal ?? 0;
  }
}

/** Held items by job, then sources, then reason (sources joined once per item, not per comparison). */
function sortHeld(held: HeldItem[]): HeldItem[] {
  const joined = new Map<HeldItem, string>();
  const why = new Map<HeldItem, string>();
  for (const h of held) {
    joined.set(h, h.sources.join());
    why.set(h, heldReasonKey(h.reason));
  }
  return held.sort((a, b) => cmpStr(a.jobId ?? '', b.jobId ?? '') || cmpStr(joined.get(a)!, joined.get(b)!) || cmpStr(why.get(a)!, why.get(b)!));
}
