/**
 * Travel (FORMAT.md "modifiers.travel"): one travel line per visit, a local day on which a job had
 * labour on site; logged travel time joins its visit's line or is held (docs/rating.md, "Covered
 * work, caps and travel"). Runs once per invoice, after the period's work is priced.
 */
import type { Rate } from '../contract-types.js';
import type { VersionCtx } from './context.js';
import type { LocalDay } from './days.js';
import { priced } from './labour.js';
import { type Template, ruleText } from './lines.js';
import { cached } from './maps.js';
import { seasonalFor } from './modifiers.js';
import { type Ratio, dec, ONE } from './ratio.js';
import { type InvoiceScope, type JobState, type Resolved, type TravelVisit, LABOUR, findDay, jobDay } from './run-state.js';
import { refList } from './slots.js';
import { seasTag } from './time-lines.js';
import { PART_OF_COVERED_VISIT, travelKmDescription, travelTag } from './line-words.js';
import type { HeldReason } from './types.js';

/** The run as the travel pass uses it: its entries, held time, rate overrides and quantity lines. */
export interface TravelScope extends InvoiceScope {
  readonly res: Resolved;
  /** travel-time entries (numbers) of the period, in entry order */
  readonly travelTime: readonly number[];
  /** entry `i`'s `minutes` are held, not billed */
  hold(i: number, minutes: number, reason: HeldReason): void;
  rateFor(js: JobState | undefined, rate: Rate): Rate;
  overrideTagOf(rate: Rate): string | undefined;
  templatesOf(v: VersionCtx, rate: Rate): Map<string | number, Template>;
  addUnits(i: number, tpl: Template, day: LocalDay, sources: string | readonly string[], qty: Ratio): void;
}

export function travelRule(v: VersionCtx) {
  return v.contract.modifiers.travel;
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

/** Travel lines for the period's entries w0 up to w1. */
export function addTravel(run: TravelScope, w0: number, w1: number): void {
  const visits = travelVisits(run.res, w0, w1);
  attachTravelTime(run);
  travelLines(run, visits);
}

/** The travel visits (a job's days with labour on site), in entry order. */
function travelVisits(r: Resolved, w0: number, w1: number): TravelVisit[] {
  const visits: TravelVisit[] = refList();
  // Entries use a handful of rates: whether the last one was remote is usually the answer.
  let lastRate: Rate | undefined;
  let lastRemote = false;
  for (let i = w0; i < w1; i++) {
    if ((r.flags[i]! & LABOUR) === 0 || !r.sc[i]) continue;
    const rate = r.rate[i];
    if (rate !== lastRate) {
      lastRate = rate;
      lastRemote = rate !== undefined && isRemote(rate);
    }
    if (lastRemote) continue;
    const jd = jobDay(r.js[i]!, r.day[i]!.num);
    const id = r.id[i]!;
    if (jd.travel) jd.travel.ids.push(id);
    else visits.push((jd.travel = { i, jd, ids: [id] }));
  }
  return visits;
}

/** Travel-time entries join their visit's travel line, or are held without one. */
function attachTravelTime(run: TravelScope): void {
  const r = run.res;
  const travelTime = run.travelTime;
  for (let t = 0; t < travelTime.length; t++) {
    const i = travelTime[t]!;
    const vis = findDay(r.js[i], r.day[i]!.num)?.travel;
    if (vis) {
      vis.ids.push(r.id[i]!);
      run.stats.covered += r.minutes(i);
    } else run.hold(i, r.minutes(i), { code: 'travel-without-labour' });
  }
}

function travelLines(run: TravelScope, visits: readonly TravelVisit[]): void {
  const r = run.res;
  for (let t = 0; t < visits.length; t++) {
    const { i, jd, ids } = visits[t]!;
    const v = r.v[i]!;
    const day = r.day[i]!;
    const rule = travelRule(v);
    if (!rule) continue;
    const listed = v.rate(rule.code);
    if (!listed) {
      run.held.push({ what: 'travel', jobId: r.entry(i).jobId, sources: ids, minutes: 0, reason: { code: 'travel-code-not-in-contract', task: rule.code, contract: v.label } });
      continue;
    }
    const rate = run.rateFor(r.js[i], listed);
    let qty: Ratio = ONE;
    const site = r.sc[i]!.site;
    if (rule.per === 'km') {
      if (site.travelKm === undefined) {
        // Sites without a distance are local: no mileage is invented.
        continue;
      }
      qty = dec(site.travelKm);
    }
    const cv = jd.visit;
    const covered = rule.includedInCoveredVisit === true && cv !== undefined && !cv.exceeded;
    const seas = seasonalFor(v, rate.code, day);
    const description = rule.per === 'km' ? travelKmDescription(rate.name, site.travelKm!, site.id) : rate.name;
    // A travel line reads the same for every visit of a kind; per km it also names the site.
    const variant = rule.per === 'km' ? `travel\u0001km\u0001${covered}\u0001${seas ? seas.index : ''}\u0001${description}` : (covered ? 1 : 0) + 2 * (seas ? seas.index + 1 : 0);
    const tpl = cached(run.templatesOf(v, rate), variant, () =>
      run.book.template({
        kind: 'travel',
        code: rate.code,
        description,
        unit: rate.unit,
        covered,
        rule: ruleText([travelTag(rule.per, rate.code), run.overrideTagOf(rate), covered && PART_OF_COVERED_VISIT, seasTag(seas)], v.label, 'modifiers.travel'),
        version: v.version,
        price: priced(rate.price, seas?.mult ?? 1),
      }),
    );
    run.addUnits(i, tpl, day, ids, qty);
  }
}
