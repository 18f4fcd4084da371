/**
 * Covered visits and site caps: one covered visit per job and local day with covered-visit work,
 * counted per site and per calendar month, quarter or year of its date (docs/rating.md, "Covered
 * work, caps and travel"). Runs once per invoice, before any entry is priced.
 */
import type { Site } from '../contract-types.js';
import type { VersionCtx } from './context.js';
import { AS_LABOUR, type Resolved, jobDay, upper } from './run-state.js';
import type { RatingInput } from './types.js';
import { capTag } from './line-words.js';

export function periodKey(date: string, per: 'month' | 'quarter' | 'year'): string {
  if (per === 'year') return date.slice(0, 4);
  if (per === 'month') return date.slice(0, 7);
  return `${date.slice(0, 4)}-Q${Math.ceil(Number(date.slice(5, 7)) / 3)}`;
}

/** A count by site id, the id matched case-insensitively. */
export function lookup(rec: Record<string, number>, id: string): number {
  if (rec[id] !== undefined) return rec[id];
  const up = id.toUpperCase();
  for (const [k, n] of Object.entries(rec)) if (k.toUpperCase() === up) return n;
  return 0;
}

/**
 * Opens the covered visits of the period's entries w0 up to w1 and counts them against their
 * site's cap, starting from `prior` for the cap period that holds `from`; `capCounts` (upper-cased
 * site id + cap period -> visits counted) is filled for the usage.
 */
export function countCoveredVisits(r: Resolved, w0: number, w1: number, from: string, prior: Record<string, number>, capCounts: Map<string, number>): void {
  const firsts = openVisits(r, w0, w1);
  // Day numbers are in date order: by date, start, job.
  firsts.sort((a, b) => r.day[a]!.num - r.day[b]!.num || r.start[a]! - r.start[b]! || (r.js[a]!.id < r.js[b]!.id ? -1 : 1));
  countVisits(r, firsts, from, prior, capCounts);
}

/** A covered visit for each job and day with covered-visit work, in entry order; returns their first entries. */
function openVisits(r: Resolved, w0: number, w1: number): number[] {
  const firsts: number[] = [];
  for (let i = w0; i < w1; i++) {
    const rate = r.rate[i];
    if (!r.sc[i] || !rate || rate.unit !== 'visit' || !rate.covered || (r.flags[i]! & AS_LABOUR) === 0) continue;
    const jd = jobDay(r.js[i]!, r.day[i]!.num);
    if (jd.visit) continue;
    // Created in entry order, counted against the cap in visit order below.
    jd.visit = { exceeded: false, capTag: undefined, left: undefined, v0: undefined, rate0: undefined, tpl0: undefined, memo: undefined };
    firsts.push(i);
  }
  return firsts;
}

/** Visits, in visit order, against their site's cap. */
function countVisits(r: Resolved, firsts: readonly number[], from: string, prior: Record<string, number>, capCounts: Map<string, number>): void {
  const startCounts = new Map<string, number>();
  // Visits come in day order: a site's count key is worked out once per day, not per visit.
  const keys = new Map<Site, { day: number; ck: string; first: boolean }>();
  for (let f = 0; f < firsts.length; f++) {
    const i = firsts[f]!;
    const site = r.sc[i]!.site;
    if (!site.caps) continue;
    const day = r.day[i]!;
    const visit = jobDay(r.js[i]!, day.num).visit!;
    let key = keys.get(site);
    if (!key || key.day !== day.num) {
      const pk = periodKey(day.date, site.caps.per);
      keys.set(site, (key = { day: day.num, ck: `${upper(site.id)}\u0001${pk}`, first: pk === periodKey(from, site.caps.per) }));
    }
    const ck = key.ck;
    let startCount = 0;
    if (key.first) {
      startCount = startCounts.get(site.id) ?? lookup(prior, site.id);
      startCounts.set(site.id, startCount);
    }
    const n = (capCounts.get(ck) ?? startCount) + 1;
    capCounts.set(ck, n);
    if (n > site.caps.visits) {
      visit.exceeded = true;
      visit.capTag = capTag(site.id, n, site.caps.visits, site.caps.per);
    }
  }
}

/**
 * `usage.siteVisitsUsed`: for each capped site of the version in force at the period's end, the
 * count of the cap period holding `period.to`, under the prior's spelling of the site id.
 */
export function siteVisitsUsed(input: RatingInput, last: VersionCtx, capCounts: ReadonlyMap<string, number>): Record<string, number> {
  const used: Record<string, number> = { ...input.prior.siteVisitsUsed };
  for (const site of last.contract.sites) {
    if (!site.caps) continue;
    const pkEnd = periodKey(input.period.to, site.caps.per);
    const counted = capCounts.get(`${site.id.toUpperCase()}\u0001${pkEnd}`);
    const priorKey = Object.keys(used).find((k) => k.toUpperCase() === site.id.toUpperCase()) ?? site.id;
    if (counted !== undefined) used[priorKey] = counted;
    else if (pkEnd !== periodKey(input.period.from, site.caps.per)) used[priorKey] = 0;
    else used[priorKey] = lookup(input.prior.siteVisitsUsed, site.id);
  }
  return used;
}
