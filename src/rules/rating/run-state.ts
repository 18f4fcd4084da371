/**
 * What one rating run keeps about its entries and jobs, shared by the pricing loop (engine.ts) and
 * the once-per-invoice passes (caps.ts, travel.ts, parts.ts, extras.ts, credits.ts), and the scope
 * those passes read and add to. The shapes here are read on every entry of a month: see
 * docs/rating.md, "Speed", before changing one.
 */
import type { Rate } from '../contract-types.js';
import type { SiteCtx, Versions, VersionCtx } from './context.js';
import type { LocalDay, ZoneDays } from './days.js';
import type { OvertimeColumns } from './labour.js';
import type { LineBook, Template } from './lines.js';
import { cached } from './maps.js';
import { doubleSlots, refSlots } from './slots.js';
import type { JobLines, Stats, SpanCtx, WarrantyRef } from './time-lines.js';
import type { HeldItem, RatingInput, RatingJob, TimeEntry } from './types.js';

const MIN = 60_000;

/** A job and everything the rules remember about it during one run. */
export interface JobState extends JobLines {
  job: RatingJob;
  /** first warranty-labour part on the job, whenever it was fitted */
  warranty?: WarrantyRef;
  /** PLAIN-tagged context under that warranty, interned once */
  warrantyCtx?: SpanCtx;
  /**
   * What happened on each local day, by day number: the first two days the job met inline (most
   * jobs have one or two), the others in a map made when needed.
   */
  day0: number;
  jd0?: JobDay;
  day1: number;
  jd1?: JobDay;
  days?: Map<number, JobDay>;
  /** minimum tallies, one per code (a job uses a handful of codes) */
  minimums?: MinTally[];
  /**
   * The job's first tally and its code, on the job itself: most jobs bill one hourly code, and the
   * code compares here without fetching the tally (the others are in `minimums`).
   */
  code0: string | undefined;
  tally0: MinTally | undefined;
  /** its site under the version last asked for (entries of a job nearly always share one) */
  siteV?: VersionCtx;
  site?: SiteCtx;
}

/** A job on one local day: its covered visit, its visit for travel, the unit lines started. */
export interface JobDay {
  visit?: CoveredVisit;
  travel?: TravelVisit;
  /** code keys whose unit line has its unit already: the first inline, the others in a list */
  unit0?: string;
  units?: string[];
}

export function newJobDay(): JobDay {
  return { visit: undefined, travel: undefined, unit0: undefined, units: undefined };
}

export function jobDay(js: JobState, day: number): JobDay {
  if (js.jd0 === undefined) {
    js.day0 = day;
    return (js.jd0 = newJobDay());
  }
  if (js.day0 === day) return js.jd0;
  if (js.jd1 === undefined) {
    js.day1 = day;
    return (js.jd1 = newJobDay());
  }
  if (js.day1 === day) return js.jd1;
  return cached((js.days ??= new Map()), day, newJobDay);
}

/** The job's day, if anything happened on it. */
export function findDay(js: JobState | undefined, day: number): JobDay | undefined {
  if (js === undefined || js.jd0 === undefined) return undefined;
  return js.day0 === day ? js.jd0 : js.day1 === day ? js.jd1 : js.days?.get(day);
}

/** Resolved.flags */
export const LABOUR = 1;
/** labour, or travel under a version with no travel rule to pay for it */
export const AS_LABOUR = 2;
export const PERMITTED = 4;

/**
 * The resolved time entries as columns, indexed by entry number: the entries of some length (the
 * period's, and those around it that count toward a technician's day) in (start, id) order.
 * Everything takes an entry number, not an entry object. A month has ~100,000 entries and they
 * live through the whole run; as one object each (their instants boxed numbers on the heap) the
 * garbage collector copied them all out of the young generation, and read in time order rather
 * than input order each object was a cache miss (docs/rating.md, "Speed").
 * Numbers are typed arrays; references are arrays allocated at their full size (refSlots). Only
 * what the passes read is here: it is written row by row in input order, each row at its own
 * place in time, and every column more is a scattered write per entry.
 */
export class Resolved implements OvertimeColumns {
  readonly count: number;
  readonly id: string[];
  /** LABOUR | AS_LABOUR | PERMITTED */
  readonly flags: Uint8Array;
  /** the technician's number in the run (see OvertimeColumns) */
  readonly tech: Int32Array;
  techs = 0;
  /** whole minutes, UTC ms */
  readonly start: Float64Array;
  readonly end: Float64Array;
  readonly overtime: number[] = doubleSlots();
  readonly overtimeFrom: Int32Array;
  readonly overtimeTo: Int32Array;
  /** its job; undefined when the job is not in the input */
  readonly js: (JobState | undefined)[];
  readonly v: VersionCtx[];
  readonly sc: (SiteCtx | undefined)[];
  /** local day of the entry's start (site zone, else main zone): the line date, the visit day */
  readonly day: LocalDay[];
  readonly rate: (Rate | undefined)[];

  /** entry k is input.timeEntries[rows[order[k]]] (read on rare paths only: held work, approvals) */
  constructor(
    private readonly entries: readonly TimeEntry[],
    private readonly rows: Int32Array,
    private readonly order: Int32Array,
  ) {
    const n = order.length;
    this.count = n;
    this.id = refSlots<string>(n);
    this.flags = new Uint8Array(n);
    this.tech = new Int32Array(n);
    this.start = new Float64Array(n);
    this.end = new Float64Array(n);
    this.overtimeFrom = new Int32Array(n);
    this.overtimeTo = new Int32Array(n);
    this.js = refSlots<JobState | undefined>(n);
    this.v = refSlots<VersionCtx>(n);
    this.sc = refSlots<SiteCtx | undefined>(n);
    this.day = refSlots<LocalDay>(n);
    this.rate = refSlots<Rate | undefined>(n);
  }

  /** The input entry numbered k. */
  entry(k: number): TimeEntry {
    return this.entries[this.rows[this.order[k]!]!]!;
  }

  minutes(k: number): number {
    return (this.end[k]! - this.start[k]!) / MIN;
  }

  afterPerDay(k: number): number {
    return this.v[k]!.contract.modifiers.overtime?.afterPerDay ?? NaN;
  }
}

export interface CoveredVisit {
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

export interface MinTally {
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

export interface TravelVisit {
  /** its first labour entry */
  i: number;
  /** the job's day it is on */
  jd: JobDay;
  ids: string[];
}

const upperCache = new Map<string, string>();
/** Codes upper-cased once per spelling, not once per entry. */
export function upper(code: string): string {
  let u = upperCache.get(code);
  if (u === undefined) {
    u = code.toUpperCase();
    if (upperCache.size < 10_000) upperCache.set(code, u);
  }
  return u;
}

/**
 * What the once-per-invoice passes read and add to: the run's input, versions, jobs, line book,
 * held list and minute counters. The run itself is the one object that has them (RatingRun).
 */
export interface InvoiceScope {
  readonly input: RatingInput;
  readonly versions: Versions;
  readonly mainDays: ZoneDays;
  readonly jobs: ReadonlyMap<string, RatingJob>;
  readonly jobStates: ReadonlyMap<string, JobState>;
  readonly book: LineBook;
  readonly held: HeldItem[];
  readonly stats: Stats;
  /** the instant lies in the invoice period */
  inPeriod(ms: number): boolean;
}
