/**
 * The rating pass: contract versions + a period's work -> invoice lines. Pure and deterministic:
 * the same input always gives the same lines in the same order. The rules and every choice made
 * where FORMAT.md is silent are written down in docs/rating.md.
 */
import type { Money, Rate } from '../contract-types.js';
import { type SiteCtx, type VersionCtx, Versions } from './context.js';
import { type LocalDay, zoneDays } from './days.js';
import { PrepaidBanks, type WarrantyHit, warrantyFor } from './entitlements.js';
import { addFeeLines } from './fee.js';
import { type OvertimeEntry, basePrice, fullPrice, markOvertime, priced, rateSpan, upliftPrice } from './labour.js';
import { LineBook, type LineSpec, ruleText, times } from './lines.js';
import { type Piece, modifierRef, seasonalFor } from './modifiers.js';
import { type Ratio, dec, int, ONE, ZERO } from './ratio.js';
import type { CalendarCompiler, HeldItem, InvoiceLine, RatingInput, RatingJob, RatingResult, TimeEntry } from './types.js';

const MIN = 60_000;
const NO_TAGS: readonly string[] = [];

export interface EngineOptions {
  compile: CalendarCompiler;
  /** quotes leave these out: they price the work alone, not the month around it */
  fee: boolean;
  travel: boolean;
  prepaid: boolean;
}

interface Resolved {
  e: TimeEntry;
  start: number;
  end: number;
  minutes: number;
  job?: RatingJob;
  v: VersionCtx;
  sc?: SiteCtx;
  /** local date of the entry's start (site zone): the line date, the visit day */
  date: string;
  /** job + date: the visit this entry belongs to */
  visitKey: string;
  day?: LocalDay;
  rate?: Rate;
  inPeriod: boolean;
  ot: OvertimeEntry;
}

interface CoveredVisit {
  exceeded: boolean;
  capTag?: string;
  /** included minutes left per visit code */
  left: Map<string, number>;
}

interface MinTally {
  jobId: string;
  siteId: string;
  code: string;
  rate: Rate;
  v: VersionCtx;
  day: LocalDay;
  first: number;
  total: number;
  warranty?: WarrantyRef;
  tags: string[];
  sources: Set<string>;
}

interface WarrantyRef {
  hit: WarrantyHit;
  v: VersionCtx;
}

interface SpanCtx {
  tags: string[];
  /** tags joined: part of line keys */
  key: string;
  warranty?: WarrantyRef;
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

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The same input in any order gives the same invoice: items are read in time order, then by id. */
function byTime<T extends { at: Date }>(items: readonly T[], id: (t: T) => string): T[] {
  return [...items].sort((a, b) => a.at.getTime() - b.at.getTime() || cmpStr(id(a), id(b)));
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
  const versions = new Versions(input.versions, opts.compile);
  const mainZone = versions.at(input.period.from).mainZone;
  const mainDays = zoneDays(mainZone);
  const pStart = mainDays.ofDate(input.period.from).start;
  const pEnd = mainDays.ofDate(input.period.to).end;
  const inPeriod = (ms: number): boolean => ms >= pStart && ms < pEnd;
  const jobs = new Map(input.jobs.map((j) => [j.id, j]));

  const book = new LineBook();
  const held: HeldItem[] = [];
  const stats = { logged: 0, billed: 0, covered: 0, unbilled: 0, added: 0 };
  const banks = new PrepaidBanks(input.prior.prepaidMinutesUsed);

  const hold = (r: Resolved, minutes: number, reason: string): void => {
    stats.unbilled += minutes;
    held.push({ what: 'time', jobId: r.e.jobId, sources: [r.e.id], minutes, reason });
  };

  // --- warranty labour: any warranty part on the job, whenever it was fitted ---------------------
  const warrantyJobs = new Map<string, WarrantyRef>();
  for (const p of input.parts) {
    const job = jobs.get(p.jobId);
    if (!job) continue;
    const at = p.at.getTime();
    const v = versions.at(mainDays.at(at).date);
    const sc = v.site(job.siteId);
    const date = (sc ? sc.days : mainDays).at(at).date;
    const hit = warrantyFor(v, p.sku, date);
    if (hit?.labour && !warrantyJobs.has(job.id)) warrantyJobs.set(job.id, { hit, v });
  }

  // --- resolve entries ---------------------------------------------------------------------------
  const resolved: Resolved[] = [];
  for (const e of input.timeEntries) {
    const start = Math.floor(e.start.getTime() / MIN) * MIN;
    const end = Math.floor(e.end.getTime() / MIN) * MIN;
    if (!(end > start)) continue;
    const job = jobs.get(e.jobId);
    const v = versions.at(mainDays.at(start).date);
    const sc = job ? v.site(job.siteId) : undefined;
    const day = (sc ? sc.days : mainDays).at(start);
    const rate = v.rate(e.code);
    const ot: OvertimeEntry = {
      technicianId: e.technicianId,
      id: e.id,
      start,
      end,
      afterPerDay: v.contract.modifiers.overtime?.afterPerDay,
      overtime: [],
    };
    resolved.push({ e, start, end, minutes: (end - start) / MIN, job, v, sc, date: day.date, visitKey: `${e.jobId}\u0001${day.date}`, day, rate, inPeriod: inPeriod(start), ot });
  }

  const travelRule = (r: Resolved) => r.v.contract.modifiers.travel;
  /** Travel time is labour only where the contract has no travel rule to pay for it. */
  const ratedAsLabour = (r: Resolved): boolean => r.e.kind === 'labour' || travelRule(r) === undefined;

  // Entries outside the period still count toward a technician's day, so pass them all.
  markOvertime(
    resolved.filter((r) => r.job && ratedAsLabour(r)).map((r) => r.ot),
    mainDays,
  );

  const work = resolved.filter((r) => r.inPeriod).sort((x, y) => x.start - y.start || (x.e.id < y.e.id ? -1 : x.e.id > y.e.id ? 1 : 0));

  // --- covered visits and site caps --------------------------------------------------------------
  const coveredVisits = new Map<string, CoveredVisit>();
  const capCounts = new Map<string, number>();
  {
    const firsts: { k: string; r: Resolved }[] = [];
    const seen = new Set<string>();
    for (const r of work) {
      if (!r.sc || !r.rate || r.rate.unit !== 'visit' || !r.rate.covered || !ratedAsLabour(r)) continue;
      const k = r.visitKey;
      if (seen.has(k)) continue;
      seen.add(k);
      firsts.push({ k, r });
    }
    firsts.sort((a, b) => (a.r.date < b.r.date ? -1 : a.r.date > b.r.date ? 1 : a.r.start - b.r.start || (a.r.e.jobId < b.r.e.jobId ? -1 : 1)));
    const counts = capCounts;
    for (const { k, r } of firsts) {
      const site = r.sc!.site;
      const visit: CoveredVisit = { exceeded: false, left: new Map() };
      if (site.caps) {
        const pk = periodKey(r.date, site.caps.per);
        const ck = `${site.id.toUpperCase()}\u0001${pk}`;
        const startCount = pk === periodKey(input.period.from, site.caps.per) ? lookup(input.prior.siteVisitsUsed, site.id) : 0;
        const n = (counts.get(ck) ?? startCount) + 1;
        counts.set(ck, n);
        if (n > site.caps.visits) {
          visit.exceeded = true;
          visit.capTag = `capExceeded: ${site.id} covered visit ${n} of ${site.caps.visits} per ${site.caps.per}`;
        }
      }
      coveredVisits.set(k, visit);
    }
  }

  // --- pricing -----------------------------------------------------------------------------------
  const minimums = new Map<string, MinTally>();
  const unitSeen = new Set<string>();
  const extraTime = new Map<string, string[]>();
  const travelTime: Resolved[] = [];

  const spec = (r: Resolved, base: Omit<LineSpec, 'jobId' | 'siteId' | 'version' | 'sources'>, sources: string[] = [r.e.id]): LineSpec => {
    // Assignment rather than object spread: spread is a slow path in V8 and this runs per piece.
    const out = base as LineSpec;
    out.jobId = r.e.jobId;
    out.siteId = r.sc?.site.id ?? r.job?.siteId;
    out.version = r.v.version;
    out.sources = sources;
    return out;
  };

  const warrantyTag = (w: WarrantyRef): string => `warranty labour (${w.hit.pattern} part on job)`;
  const warrantyRef = (w: WarrantyRef): string => `entitlements.warranty[${w.hit.index}]`;
  const modTag = (p: Pick<Piece, 'mod'>): string | undefined => (p.mod ? `${p.mod.name} ${times(p.mod.mult)}` : undefined);
  const seasTag = (p: Pick<Piece, 'seasonal'>): string | undefined =>
    p.seasonal ? `seasonal ${times(p.seasonal.mult)} (${p.seasonal.from}..${p.seasonal.to})` : undefined;

  /** Lines for `minutes` (+`round`) of hourly work drawn first from prepaid banks, then billed. */
  const priceTime = (
    where: { jobId: string; siteId?: string },
    rate: Rate,
    p: Pick<Piece, 'mod' | 'seasonal'>,
    logged: number,
    round: number,
    ctx: SpanCtx,
    kind: 'labour' | 'minimum',
    v: VersionCtx,
    date: string,
    source: string | string[],
    extraTags: readonly (string | undefined)[] = NO_TAGS,
  ): void => {
    const total = logged + round;
    const label = kind === 'minimum' ? `${rate.name}, minimum charge top-up` : rate.name;
    const line = (lineKind: LineSpec['kind'], description: string, covered: boolean, rule: string, price: Ratio): LineSpec => ({
      kind: lineKind,
      jobId: where.jobId,
      siteId: where.siteId,
      date,
      code: rate.code,
      description,
      unit: 'hour',
      covered,
      rule,
      version: v.version,
      price,
      sources: [],
    });
    // Everything a line's text and price depend on, short: rule text is built once per line.
    const base = `${kind}\u0001${where.jobId}\u0001${date}\u0001${rate.code}\u0001${v.version}\u0001${ctx.key}\u0001${extraTags.length ? extraTags.join('|') : ''}\u0001${p.mod?.name ?? ''}\u0001${p.seasonal?.index ?? ''}`;
    if (ctx.warranty) {
      const w = ctx.warranty;
      book.addTimeKeyed(
        `${base}\u0001w`,
        () => line(kind, label, true, ruleText([...ctx.tags, ...extraTags, warrantyTag(w), modTag(p), seasTag(p)], v.label, warrantyRef(w)), fullPrice(rate, p)),
        source,
        total,
        round,
      );
      stats.covered += logged;
      return;
    }
    // Logged minutes are drawn before the increment's added minutes, which come last in time.
    let loggedLeft = logged;
    let roundLeft = round;
    if (opts.prepaid) {
      for (const d of banks.draw(v, rate.code, date, total)) {
        const l = Math.min(loggedLeft, d.minutes);
        const rr = Math.min(roundLeft, d.minutes - l);
        loggedLeft -= l;
        roundLeft -= rr;
        stats.covered += l;
        const bank = v.contract.entitlements.prepaidHours[d.index]!;
        book.addTimeKeyed(
          `${base}\u0001b${d.index}`,
          () =>
            line(
              kind,
              `${label}, from prepaid hours`,
              true,
              ruleText([...ctx.tags, ...extraTags, `prepaid hours bank ${d.index + 1} (${bank.hours}h ${bank.from}..${bank.until})`, seasTag(p)], v.label, `entitlements.prepaidHours[${d.index}]`),
              basePrice(rate, p),
            ),
          source,
          d.minutes,
          rr,
        );
        const up = upliftPrice(rate, p);
        const mod = p.mod;
        if (up && mod) {
          book.addTimeKeyed(
            `${base}\u0001u${d.index}`,
            () =>
              line(
                'uplift',
                `${rate.name}, ${mod.name} uplift on prepaid hours`,
                false,
                ruleText([...ctx.tags, `${mod.name} uplift ${times(mod.mult)} on prepaid hours`, seasTag(p)], v.label, modifierRef(mod.name)),
                up,
              ),
            source,
            d.minutes,
            rr,
          );
        }
      }
    }
    const cash = loggedLeft + roundLeft;
    if (cash > 0) {
      book.addTimeKeyed(
        `${base}\u0001c`,
        () => line(kind, label, false, ruleText([...ctx.tags, ...extraTags, modTag(p), seasTag(p)], v.label, `rates.${rate.code}`), fullPrice(rate, p)),
        source,
        cash,
        roundLeft,
      );
      stats.billed += loggedLeft;
    }
  };

  /** Hourly work on `rate` for [a, b) of an entry. */
  const rateHourly = (r: Resolved, rate: Rate, a: number, b: number, ctx: SpanCtx): void => {
    const sc = r.sc!;
    const ot = r.ot.overtime;
    const pieces = rateSpan(r.v, sc, rate, a, b, ot, r.e.permitted ?? false);
    const mk = `${r.e.jobId}\u0001${rate.code}`;
    let tally = minimums.get(mk);
    for (const p of pieces) {
      if (p.held) {
        hold(r, p.minutes, p.held);
        continue;
      }
      stats.added += p.round;
      if (!tally) {
        tally = { jobId: r.e.jobId, siteId: sc.site.id, code: rate.code, rate, v: r.v, day: r.day!, first: r.start, total: 0, warranty: ctx.warranty, tags: ctx.tags, sources: new Set() };
        minimums.set(mk, tally);
      }
      tally.total += p.minutes + p.round;
      tally.sources.add(r.e.id);
      priceTime({ jobId: r.e.jobId, siteId: sc.site.id }, rate, p, p.minutes, p.round, ctx, 'labour', r.v, r.date, r.e.id);
    }
  };

  const PLAIN: SpanCtx = { tags: [], key: '' };
  const spanCtx = (tags: string[], warranty: WarrantyRef | undefined): SpanCtx =>
    tags.length === 0 && !warranty ? PLAIN : { tags, key: tags.join('|'), warranty };

  const approvalTag = (r: Resolved): string | undefined => (r.rate?.outOfScope ? `approved out-of-scope (${r.e.approvalId})` : undefined);

  for (const r of work) {
    stats.logged += r.minutes;
    if (r.e.kind === 'travel' && travelRule(r)) {
      travelTime.push(r);
      continue;
    }
    if (!r.job) {
      hold(r, r.minutes, `unknown job ${r.e.jobId}`);
      continue;
    }
    if (!r.sc) {
      hold(r, r.minutes, `site ${r.job.siteId} is not in ${r.v.label}`);
      continue;
    }
    const rate = r.rate;
    if (!rate) {
      if (r.e.approvalId) {
        // Work the library lacks is priced by the approval's quote (an `extras` item), not by time.
        stats.billed += r.minutes;
        const list = extraTime.get(r.e.approvalId) ?? [];
        list.push(r.e.id);
        extraTime.set(r.e.approvalId, list);
      } else hold(r, r.minutes, `code ${r.e.code} is not in ${r.v.label}: needs an approved out-of-scope quote`);
      continue;
    }
    if (rate.outOfScope && !r.e.approvalId) {
      hold(r, r.minutes, `${rate.code} is out of scope: needs an approved out-of-scope request`);
      continue;
    }
    // Approved out-of-scope work was quoted and agreed separately, so warranty does not absorb it.
    const warranty = rate.outOfScope ? undefined : warrantyJobs.get(r.e.jobId);
    const aTag = approvalTag(r);
    const baseTags = aTag ? [aTag] : [];

    if (rate.unit === 'hour') {
      rateHourly(r, rate, r.start, r.end, spanCtx(baseTags, warranty));
      continue;
    }
    if (rate.unit === 'km') {
      hold(r, r.minutes, `${rate.code} is priced per km and cannot be logged as time`);
      continue;
    }
    if (rate.unit === 'visit' && rate.covered) {
      const visit = coveredVisits.get(r.visitKey)!;
      const seen = `${r.visitKey}\u0001${rate.code}`;
      const first = !unitSeen.has(seen);
      unitSeen.add(seen);
      const seas = seasonalFor(r.v, rate.code, r.day!);
      const price = priced(rate.price, seas?.mult ?? 1);
      book.addQty(
        spec(r, {
          kind: 'visit',
          date: r.date,
          code: rate.code,
          description: rate.name,
          unit: 'visit',
          covered: !visit.exceeded,
          rule: ruleText(
            visit.exceeded ? [visit.capTag] : ['covered visit', rate.includes !== undefined && `includes ${fmtMinutes(rate.includes)} labour`, seasTag({ seasonal: seas })],
            r.v.label,
            `rates.${rate.code}`,
          ),
          price,
        }),
        first ? ONE : ZERO,
      );
      const target = (rate.overrun ? r.v.rate(rate.overrun) : undefined) ?? r.v.firstHourly;
      if (visit.exceeded) {
        if (!target) hold(r, r.minutes, `${visit.capTag}; no hourly code to bill it at`);
        else rateHourly(r, target, r.start, r.end, spanCtx([visit.capTag!, `${rate.code} labour at ${target.code}`], warranty));
        continue;
      }
      if (rate.includes === undefined) {
        stats.covered += r.minutes;
        continue;
      }
      const key = rate.code.toUpperCase();
      const left = visit.left.get(key) ?? rate.includes;
      const cov = Math.min(left, r.minutes);
      visit.left.set(key, left - cov);
      stats.covered += cov;
      if (r.minutes > cov) {
        const tag = `overrun beyond ${fmtMinutes(rate.includes)} included in ${rate.code}`;
        if (!target) hold(r, r.minutes - cov, `${tag}; no hourly code to bill it at`);
        else rateHourly(r, target, r.start + cov * MIN, r.end, spanCtx([tag], warranty));
      }
      continue;
    }

    // Unit codes logged as time: one unit per entry (each), per local day (day), per visit day (visit).
    const covered = rate.covered || warranty !== undefined;
    const unitLine = (day: LocalDay, qty: Ratio): void => {
      const seas = seasonalFor(r.v, rate.code, day);
      const price = priced(rate.price, seas?.mult ?? 1);
      const why = warranty && !rate.covered ? [warrantyTag(warranty)] : rate.covered ? ['covered'] : [];
      book.addQty(
        spec(r, {
          kind: rate.unit === 'visit' ? 'visit' : 'labour',
          date: day.date,
          code: rate.code,
          description: rate.name,
          unit: rate.unit,
          covered,
          rule: ruleText([...baseTags, ...why, seasTag({ seasonal: seas })], r.v.label, warranty && !rate.covered ? warrantyRef(warranty) : `rates.${rate.code}`),
          price,
        }),
        qty,
      );
    };
    if (covered) stats.covered += r.minutes;
    else stats.billed += r.minutes;
    if (rate.unit === 'each') unitLine(r.day!, ONE);
    else if (rate.unit === 'visit') {
      const seen = `${r.visitKey}\u0001${rate.code}`;
      unitLine(r.day!, unitSeen.has(seen) ? ZERO : ONE);
      unitSeen.add(seen);
    } else {
      for (const d of r.sc.days.between(r.start, r.end)) {
        const seen = `${r.e.jobId}\u0001${d.date}\u0001${rate.code.toUpperCase()}`;
        unitLine(d, unitSeen.has(seen) ? ZERO : ONE);
        unitSeen.add(seen);
      }
    }
  }

  // --- minimum per job and code: explicit top-up at base price -----------------------------------
  const tallies = [...minimums.values()].sort((a, b) => a.first - b.first || (a.jobId < b.jobId ? -1 : 1));
  for (const t of tallies) {
    const min = t.rate.billing?.minimum;
    if (!min || t.total <= 0 || t.total >= min) continue;
    const topUp = min - t.total;
    stats.added += topUp;
    const seasonal = seasonalFor(t.v, t.code, t.day);
    priceTime({ jobId: t.jobId, siteId: t.siteId }, t.rate, { seasonal }, 0, topUp, spanCtx(t.tags.filter((x) => x.startsWith('approved')), t.warranty), 'minimum', t.v, t.day.date, [...t.sources].sort(), [
      `minimum ${fmtMinutes(min)} per job`,
    ]);
  }

  // --- travel: one line per visit (a local day the job had labour on site) -----------------------
  if (opts.travel) {
    const visits = new Map<string, { r: Resolved; ids: string[] }>();
    for (const r of work) {
      if (r.e.kind !== 'labour' || !r.sc || (r.rate && isRemote(r.rate))) continue;
      const k = r.visitKey;
      const vis = visits.get(k);
      if (vis) vis.ids.push(r.e.id);
      else visits.set(k, { r, ids: [r.e.id] });
    }
    for (const r of travelTime) {
      const vis = visits.get(r.visitKey);
      if (vis) {
        vis.ids.push(r.e.id);
        stats.covered += r.minutes;
      } else hold(r, r.minutes, 'travel time without labour on site that day: no visit to attach it to');
    }
    for (const [k, { r, ids }] of visits) {
      const rule = travelRule(r);
      if (!rule) continue;
      const rate = r.v.rate(rule.code);
      if (!rate) {
        held.push({ what: 'travel', jobId: r.e.jobId, sources: ids, minutes: 0, reason: `travel code ${rule.code} is not in ${r.v.label}` });
        continue;
      }
      let qty: Ratio = ONE;
      if (rule.per === 'km') {
        const km = r.sc!.site.travelKm;
        if (km === undefined) {
          // Sites without a distance are local: no mileage is invented.
          continue;
        }
        qty = dec(km);
      }
      const cv = coveredVisits.get(k);
      const covered = cv !== undefined && !cv.exceeded;
      const seas = seasonalFor(r.v, rate.code, r.day!);
      const price = priced(rate.price, seas?.mult ?? 1);
      book.addQty(
        spec(
          r,
          {
            kind: 'travel',
            date: r.date,
            code: rate.code,
            description: rule.per === 'km' ? `${rate.name}, ${r.sc!.site.travelKm} km to ${r.sc!.site.id}` : rate.name,
            unit: rate.unit,
            covered,
            rule: ruleText([`travel per ${rule.per} (rates.${rate.code})`, covered && 'part of covered visit', seasTag({ seasonal: seas })], r.v.label, 'modifiers.travel'),
            price,
          },
          ids,
        ),
        qty,
      );
    }
  } else {
    for (const r of travelTime) hold(r, r.minutes, 'travel is not quoted');
  }

  // --- parts ---------------------------------------------------------------------------------------
  for (const p of byTime(input.parts, (x) => x.id)) {
    const at = p.at.getTime();
    if (!inPeriod(at)) continue;
    const job = jobs.get(p.jobId);
    if (!job) {
      held.push({ what: 'part', jobId: p.jobId, sources: [p.id], minutes: 0, reason: `unknown job ${p.jobId}` });
      continue;
    }
    const v = versions.at(mainDays.at(at).date);
    const sc = v.site(job.siteId);
    const date = (sc ? sc.days : mainDays).at(at).date;
    if (!(p.qty > 0)) {
      held.push({ what: 'part', jobId: p.jobId, sources: [p.id], minutes: 0, reason: `quantity ${p.qty} is not positive: returns are credited, not billed` });
      continue;
    }
    const part = v.part(p.sku);
    const hit = warrantyFor(v, p.sku, date);
    if (!part && !hit) {
      held.push({ what: 'part', jobId: p.jobId, sources: [p.id], minutes: 0, reason: `${p.sku} is not on the ${v.label} price list: needs an approved quote` });
      continue;
    }
    const sku = part?.sku ?? p.sku;
    book.addQty(
      {
        kind: 'part',
        jobId: job.id,
        siteId: sc?.site.id ?? job.siteId,
        date,
        sku,
        description: part?.name ?? sku,
        unit: 'each',
        covered: hit !== undefined,
        rule: hit ? ruleText([`warranty ${hit.pattern} until ${hit.until}`], v.label, `entitlements.warranty[${hit.index}]`) : ruleText(['price list'], v.label, `parts.${sku}`),
        version: v.version,
        price: int(part?.price ?? 0),
        sources: [p.id],
      },
      dec(p.qty),
    );
  }

  // --- approved extras and credits ---------------------------------------------------------------
  for (const x of byTime(input.extras, (e) => e.approvalId)) {
    const at = x.at.getTime();
    if (!inPeriod(at)) continue;
    if (!(x.amount > 0) || !Number.isInteger(x.amount)) {
      held.push({ what: 'extra', jobId: x.jobId, sources: [x.approvalId], minutes: 0, reason: `quoted amount ${x.amount} is not a positive amount in minor units` });
      continue;
    }
    const v = versions.at(mainDays.at(at).date);
    const job = jobs.get(x.jobId);
    const sc = job ? v.site(job.siteId) : undefined;
    book.addQty(
      {
        kind: 'extra',
        jobId: x.jobId,
        ...(job ? { siteId: sc?.site.id ?? job.siteId } : {}),
        date: (sc ? sc.days : mainDays).at(at).date,
        description: x.description,
        unit: 'each',
        covered: false,
        rule: ruleText([`approved out-of-scope quote (${x.approvalId})`], v.label, 'approvals.outOfScope'),
        version: v.version,
        price: int(x.amount),
        sources: [x.approvalId, ...(extraTime.get(x.approvalId) ?? [])],
      },
      ONE,
    );
  }
  for (const c of byTime(input.credits, (x) => x.id)) {
    const at = c.at.getTime();
    if (!inPeriod(at)) continue;
    if (!(c.amount > 0) || !Number.isInteger(c.amount)) {
      held.push({ what: 'credit', jobId: c.jobId, sources: [c.id], minutes: 0, reason: `credit amount ${c.amount} must be positive minor units` });
      continue;
    }
    const v = versions.at(mainDays.at(at).date);
    const job = c.jobId ? jobs.get(c.jobId) : undefined;
    book.addQty(
      {
        kind: 'credit',
        ...(c.jobId ? { jobId: c.jobId } : {}),
        ...(job ? { siteId: job.siteId } : {}),
        date: mainDays.at(at).date,
        description: c.reason,
        unit: 'each',
        covered: false,
        rule: ruleText([c.kind === 'sla' ? 'SLA credit' : 'goodwill credit'], v.label, c.rule),
        version: v.version,
        price: int(-c.amount),
        sources: [c.id],
      },
      ONE,
    );
  }

  if (opts.fee) addFeeLines(book, versions, input.period);

  // --- result --------------------------------------------------------------------------------------
  const lines: InvoiceLine[] = book.finish();
  let billable: Money = 0;
  let credits: Money = 0;
  let nominalCovered: Money = 0;
  for (const l of lines) {
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
    const counted = capCounts.get(`${site.id.toUpperCase()}\u0001${pkEnd}`);
    const priorKey = Object.keys(siteVisitsUsed).find((k) => k.toUpperCase() === site.id.toUpperCase()) ?? site.id;
    if (counted !== undefined) siteVisitsUsed[priorKey] = counted;
    else if (pkEnd !== periodKey(input.period.from, site.caps.per)) siteVisitsUsed[priorKey] = 0;
    else siteVisitsUsed[priorKey] = lookup(input.prior.siteVisitsUsed, site.id);
  }

  return {
    lines,
    totals: { billable, credits, total: billable + credits, nominalCovered },
    usage: { prepaidMinutesUsed, siteVisitsUsed },
    minutes: stats,
    held: held.sort((a, b) => cmpStr(a.jobId ?? '', b.jobId ?? '') || cmpStr(a.sources.join(), b.sources.join()) || cmpStr(a.reason, b.reason)),
  };
}
