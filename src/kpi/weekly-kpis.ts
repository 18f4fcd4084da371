/**
 * The weekly KPIs of a team (or of every contract): the week asked for, the week before for the
 * change, and the 8 weeks of the chart. A read: no transaction of its own and no audit row; the
 * digest task calls `computeKpis` inside its locked tick.
 */
import { sql } from 'drizzle-orm';
import { requireRole } from '../auth.js';
import type { Ctx } from '../context.js';
import type { DbOrTx } from '../../db/client.js';
import { invalid } from '../errors.js';
import { ROLES } from '../rules/contract-types.js';
import {
  creditsIssued,
  disputeRate,
  leadTime,
  parseWeek,
  renewalReadiness,
  shiftWeek,
  slaRates,
  unbilledTime,
  weekOverWeek,
  weekPoints,
  weeksEnding,
  type Week,
  type WeekKpis,
} from '../rules/kpi.js';
import { renewalReadyKey } from '../renewals/keys.js';
import { kpiReportSchema, type KpiReport } from './report-schema.js';
import { creditRows, disputeCounts, jobCredits, leadHours, openedPerWeek, renewalMarkers, slaGroups, slaTotals, timeGroups, worstJobs, type Contracts, type Span } from './queries.js';
import { contractOn, kpiScope, versionOn, type KpiScope } from './scope.js';
import { t } from '../i18n/t.js';

export type { KpiReport } from './report-schema.js';

export const CHART_WEEKS = 8;

/** Anyone with a role may read KPIs; API tokens are checked for their scope by the route. */
export function mayReadKpis(ctx: Ctx): void {
  if (ctx.actor.via === 'scheduler' || ctx.actor.via === 'api') return;
  requireRole(ctx, ROLES, 'see-kpis');
}

export interface WeeklyKpisInput {
  team?: string;
  week?: string;
}

export async function weeklyKpis(ctx: Ctx, input: WeeklyKpisInput = {}): Promise<KpiReport> {
  mayReadKpis(ctx);
  const scope = await kpiScope(ctx.db, input.team, ctx.services.defaultZone);
  const now = ctx.clock.now();
  const week = parseWeek(input.week, now, scope.zone);
  if (week.start > now) throw invalid(t('errors-teams.week-not-started', { week: week.label }));
  return computeKpis(ctx.db, scope, week, now);
}

function emptyWeek(week: Week): WeekKpis {
  return {
    week,
    opened: 0,
    sla: slaRates([]),
    unbilled: unbilledTime([], () => undefined),
    disputes: disputeRate(0, 0, 0),
    leadTime: leadTime([]),
    credits: creditsIssued([]),
    renewals: renewalReadiness([], week.to),
    worst: [],
  };
}

/**
 * Each KPI query runs in a short read transaction of its own, in parallel on the pool (PGlite
 * queues them), with two settings local to it. JIT off:
 * Postgres JIT-compiles any query its cost model rates as big (per-row look-ups over a few hundred
 * thousand rows are), and on these short aggregates compiling takes ~300 ms a query, longer than
 * the query. More work_mem: two weeks of time entries grouped per job (~100k rows at 10k jobs a
 * week) hash in memory instead of sorting on disk.
 */
const TUNE = sql`select set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`;

type Runner = <T>(work: (db: DbOrTx) => Promise<T>) => Promise<T>;

/**
 * `db` is the database (queries run in parallel), or with `inTransaction` the caller's open
 * transaction (the digest tick): then they run one after the other in it, since concurrent
 * savepoints on one connection would interleave.
 */
export async function computeKpis(db: DbOrTx, scope: KpiScope, week: Week, now: Date, opts: { inTransaction?: boolean } = {}): Promise<KpiReport> {
  let run: Runner;
  if (opts.inTransaction) {
    await db.execute(TUNE);
    let chain: Promise<unknown> = Promise.resolve();
    run = <T>(work: (d: DbOrTx) => Promise<T>) => {
      const p = chain.then(() => work(db));
      chain = p.catch(() => undefined);
      return p;
    };
  } else {
    run = <T>(work: (d: DbOrTx) => Promise<T>) =>
      db.transaction(async (tx) => {
        await tx.execute(TUNE);
        return work(tx);
      });
  }
  const weeks = weeksEnding(week, CHART_WEEKS);
  const prevWeek = shiftWeek(week, -1);
  const base = {
    scope: { team: scope.team?.id ?? null, teamName: scope.team?.name ?? null, zone: scope.zone, contracts: scope.contracts.map((c) => c.id) },
    at: now,
    partial: week.end > now,
  };
  const ids = scope.contracts.map((c) => c.id);
  if (!ids.length) {
    const current = emptyWeek(week);
    const previous = emptyWeek(prevWeek);
    return { ...base, current, previous, changes: weekOverWeek(current, previous), series: weekPoints(weeks, new Map()) };
  }

  const teamOf = new Map(scope.contracts.map((c) => [c.id, c.team]));
  const currencyOf = (id: string) => contractOn(scope, id, week.to)?.currency ?? '';
  const chartSpan: Span = { weeks };
  const twoWeeks: Span = { weeks: [prevWeek, week] };
  const terms = (w: Week) =>
    scope.contracts.map((c) => {
      const end = versionOn(c, w.to).contract.term.end;
      return { contractId: c.id, end, key: renewalReadyKey(c.id, end) };
    });
  const termsNow = terms(week);
  const termsPrev = terms(prevWeek);
  const termsByWeek = [termsNow, termsPrev, ...weeks.map(terms)];

  const c: Contracts = { ids, all: scope.team === null };
  // The slowest first, so they start first on the pool.
  const [time, lead, totals, sla, opened, disputes, credits, markers, worst] = await Promise.all([
    run((tx) => timeGroups(tx, c, chartSpan)),
    run((tx) => leadHours(tx, c, chartSpan)),
    run((tx) => slaTotals(tx, c, chartSpan)),
    run((tx) => slaGroups(tx, c, teamOf, twoWeeks)),
    run((tx) => openedPerWeek(tx, c, twoWeeks)),
    run((tx) => disputeCounts(tx, c, chartSpan)),
    run((tx) => creditRows(tx, c, currencyOf, twoWeeks)),
    run((tx) => renewalMarkers(tx, [...new Set(termsByWeek.flat().map((t) => t.key))])),
    run((tx) => worstJobs(tx, c, week)),
  ]);
  const credited = await jobCredits(
    db,
    worst.map((w) => w.id),
  );

  const oneWeek = (w: Week, ts: { contractId: string; end: string; key: string }[]): WeekKpis => {
    const d = disputes.get(w.label) ?? { lines: 0, disputed: 0, raised: 0, accepted: 0, rejected: 0 };
    return {
      week: w,
      opened: opened.get(w.label) ?? 0,
      sla: slaRates(sla.get(w.label) ?? []),
      unbilled: unbilledTime(time.get(w.label) ?? [], (id, date) => contractOn(scope, id, date)),
      disputes: disputeRate(d.lines, d.disputed, d.raised, d),
      leadTime: leadTime(lead.get(w.label) ?? []),
      credits: creditsIssued(credits.get(w.label) ?? []),
      // A pack counts as ready for the week if it existed before the week ended.
      renewals: renewalReadiness(
        ts.map((t) => ({ contractId: t.contractId, end: t.end, ready: (markers.get(t.key)?.getTime() ?? Infinity) < w.end.getTime() })),
        w.to,
      ),
      worst: [],
    };
  };
  const current = oneWeek(week, termsNow);
  current.worst = worst.map(({ id, ...j }) => {
    const amount = credited.get(id);
    return amount ? { ...j, credit: { amount, currency: currencyOf(j.contractId) } } : j;
  });
  const previous = oneWeek(prevWeek, termsPrev);
  // The chart's other four KPIs, week by week, from the same rules as the digest's numbers.
  const pct = (r: { value: number | null }) => (r.value === null ? null : Math.round(r.value * 1000) / 10);
  const series = weekPoints(weeks, totals).map((p, i) => {
    const w = weeks[i]!;
    const k = w.label === week.label ? current : w.label === prevWeek.label ? previous : oneWeek(w, terms(w));
    return { ...p, disputes: pct(k.disputes.rate), unbilled: pct(k.unbilled.share), leadHours: k.leadTime.medianHours, renewals: pct(k.renewals.rate) };
  });
  return { ...base, current, previous, changes: weekOverWeek(current, previous), series };
}

/** A report read back from JSON (a stored digest), checked against its schema; instants become Dates again. */
export function reviveReport(json: unknown): KpiReport {
  return kpiReportSchema.parse(json);
}
