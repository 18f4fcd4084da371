/**
 * The weekly KPIs of a team (or of every contract): the week asked for, the week before for the
 * change, and the 8 weeks of the chart. A read: no transaction of its own and no audit row; the
 * digest task calls `computeKpis` inside its locked tick.
 */
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
  type Change,
  type Week,
  type WeekKpis,
  type WeekPoint,
} from '../rules/kpi.js';
import { renewalReadyKey } from '../renewals/keys.js';
import { creditRows, disputeCounts, jobCredits, leadHours, openedPerWeek, renewalMarkers, slaGroups, timeGroups, worstJobs, type Span } from './queries.js';
import { contractOn, kpiScope, versionOn, type KpiScope } from './scope.js';

export const CHART_WEEKS = 8;

export interface KpiReport {
  scope: { team: string | null; teamName: string | null; zone: string; contracts: string[] };
  /** when it was computed */
  at: Date;
  /** the week is not over yet: its numbers will still move */
  partial: boolean;
  current: WeekKpis;
  previous: WeekKpis;
  changes: Change[];
  series: WeekPoint[];
}

/** Anyone with a role may read KPIs; API tokens are checked for their scope by the route. */
export function mayReadKpis(ctx: Ctx): void {
  if (ctx.actor.via === 'scheduler' || ctx.actor.via === 'api') return;
  requireRole(ctx, ROLES, 'see KPIs');
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
  if (week.start > now) throw invalid(`${week.label} has not started yet; ask for this week or an earlier one.`);
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

export async function computeKpis(db: DbOrTx, scope: KpiScope, week: Week, now: Date): Promise<KpiReport> {
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
  const chartSpan: Span = { start: weeks[0]!.start, end: week.end, zone: scope.zone };
  const twoWeeks: Span = { start: prevWeek.start, end: week.end, zone: scope.zone };
  const terms = (w: Week) =>
    scope.contracts.map((c) => {
      const end = versionOn(c, w.to).contract.term.end;
      return { contractId: c.id, end, key: renewalReadyKey(c.id, end) };
    });
  const termsNow = terms(week);
  const termsPrev = terms(prevWeek);

  const [sla, opened, time, disputes, lead, credits, markers, worst] = await Promise.all([
    slaGroups(db, ids, teamOf, chartSpan),
    openedPerWeek(db, ids, twoWeeks),
    timeGroups(db, ids, twoWeeks),
    disputeCounts(db, ids, twoWeeks),
    leadHours(db, ids, twoWeeks),
    creditRows(db, ids, currencyOf, twoWeeks),
    renewalMarkers(db, [...new Set([...termsNow, ...termsPrev].map((t) => t.key))]),
    worstJobs(db, ids, { start: week.start, end: week.end, zone: scope.zone }),
  ]);
  const credited = await jobCredits(
    db,
    worst.map((w) => w.id),
  );

  const oneWeek = (w: Week, ts: { contractId: string; end: string; key: string }[]): WeekKpis => {
    const d = disputes.get(w.label) ?? { lines: 0, disputed: 0, raised: 0 };
    return {
      week: w,
      opened: opened.get(w.label) ?? 0,
      sla: slaRates(sla.get(w.label) ?? []),
      unbilled: unbilledTime(time.get(w.label) ?? [], (id, date) => contractOn(scope, id, date)),
      disputes: disputeRate(d.lines, d.disputed, d.raised),
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
  return { ...base, current, previous, changes: weekOverWeek(current, previous), series: weekPoints(weeks, sla) };
}

/** A report read back from JSON (a stored digest): instants become Dates again. */
export function reviveReport(json: unknown): KpiReport {
  const r = json as KpiReport;
  const week = (w: Week): Week => ({ ...w, start: new Date(w.start), end: new Date(w.end) });
  return { ...r, at: new Date(r.at), current: { ...r.current, week: week(r.current.week) }, previous: { ...r.previous, week: week(r.previous.week) } };
}
