/**
 * KPI formulas (docs/kpi.md is the authority on their meaning). Pure: the verbs in src/kpi/ read
 * aggregates with SQL and hand them here; everything that divides, ranks or compares happens in
 * this file, so the hand-made tests in test/kpi/ pin the arithmetic without a database.
 *
 * Two rules hold everywhere:
 * - A ratio with nothing to divide by has `value: null`, never NaN or 0: an empty week reads
 *   "no jobs this week", which is different from "0% of jobs".
 * - Weeks are ISO weeks (Monday to Sunday) in one IANA zone, the team's.
 */
import { DateTime } from 'luxon';
import { refusal } from '../errors.js';
import type { Contract, CreditKind, Rate } from './contract-types.js';
import { formatDuration, formatMoney } from './units.js';

// ---------------------------------------------------------------------------------------------
// Weeks

export interface Week {
  /** "2026-W47" */
  label: string;
  weekYear: number;
  weekNumber: number;
  zone: string;
  /** local dates, Monday and Sunday */
  from: string;
  to: string;
  /** [start, end) as instants */
  start: Date;
  end: Date;
}

function weekFromLocal(d: DateTime): Week {
  const monday = d.startOf('week');
  const next = monday.plus({ weeks: 1 });
  return {
    label: `${monday.weekYear}-W${String(monday.weekNumber).padStart(2, '0')}`,
    weekYear: monday.weekYear,
    weekNumber: monday.weekNumber,
    zone: d.zoneName ?? 'UTC',
    from: monday.toISODate()!,
    to: next.minus({ days: 1 }).toISODate()!,
    start: monday.toJSDate(),
    end: next.toJSDate(),
  };
}

/** The ISO week an instant falls in, read in `zone`. */
export function weekOf(at: Date, zone: string): Week {
  return weekFromLocal(DateTime.fromJSDate(at, { zone }));
}

/** The week `n` weeks after `w` (negative: before). */
export function shiftWeek(w: Week, n: number): Week {
  return weekFromLocal(DateTime.fromJSDate(w.start, { zone: w.zone }).plus({ weeks: n }));
}

/** The last week that has ended by `now`: what a Monday digest reports. */
export function lastCompleteWeek(now: Date, zone: string): Week {
  return shiftWeek(weekOf(now, zone), -1);
}

/** `count` weeks ending with `last`, oldest first. */
export function weeksEnding(last: Week, count: number): Week[] {
  return Array.from({ length: count }, (_, i) => shiftWeek(last, i - count + 1));
}

/**
 * A week as people type it: `2026-W47` (or `2026w47`), `W47` (that week of the current ISO year),
 * `last` (the default), `this`, or any date `2026-11-18` (the week containing it).
 */
export function parseWeek(text: string | undefined, now: Date, zone: string): Week {
  const t = (text ?? 'last').trim().toLowerCase();
  if (t === '' || t === 'last') return lastCompleteWeek(now, zone);
  if (t === 'this') return weekOf(now, zone);
  let m = /^(\d{4})-?w(\d{1,2})$/.exec(t);
  const thisYear = DateTime.fromJSDate(now, { zone }).weekYear;
  if (!m) {
    const short = /^w(\d{1,2})$/.exec(t);
    if (short) m = ['', String(thisYear), short[1]!] as unknown as RegExpExecArray;
  }
  if (m) {
    const d = DateTime.fromObject({ weekYear: Number(m[1]), weekNumber: Number(m[2]), weekday: 1 }, { zone });
    if (!d.isValid || d.weekNumber !== Number(m[2])) throw refusal('invalid', 'errors-rules.week-range', { text, year: m[1], last: String(DateTime.fromObject({ year: Number(m[1]), month: 12, day: 28 }, { zone }).weekNumber) });
    return weekFromLocal(d);
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) {
    const d = DateTime.fromISO(t, { zone });
    if (d.isValid) return weekFromLocal(d);
  }
  throw refusal('invalid', 'errors-rules.not-a-week', { text });
}

// ---------------------------------------------------------------------------------------------
// The weekly digest moment

export interface DigestTime {
  /** ISO weekday, 1 = Monday */
  weekday: number;
  hour: number;
  minute: number;
}

const WEEKDAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** "mon 09:00" (config DIGEST_LOCAL_TIME) -> weekday, hour, minute. */
export function parseDigestTime(text: string): DigestTime {
  const m = /^(mon|tue|wed|thu|fri|sat|sun) (\d{2}):(\d{2})$/.exec(text.trim().toLowerCase());
  if (!m || Number(m[2]) > 23 || Number(m[3]) > 59) throw refusal('invalid', 'errors-rules.digest-time', { text });
  return { weekday: WEEKDAY_NAMES.indexOf(m[1]!) + 1, hour: Number(m[2]), minute: Number(m[3]) };
}

/**
 * The latest digest moment at or before `now` in `zone`, and the week it reports: the last whole
 * week before that moment. Wall-clock time: "09:00" stays 09:00 across a DST change.
 */
export function latestDigest(now: Date, zone: string, t: DigestTime): { at: Date; week: Week } {
  const local = DateTime.fromJSDate(now, { zone });
  let at = local.startOf('week').plus({ days: t.weekday - 1 }).set({ hour: t.hour, minute: t.minute, second: 0, millisecond: 0 });
  if (at > local) at = at.minus({ weeks: 1 }).set({ hour: t.hour, minute: t.minute });
  return { at: at.toJSDate(), week: lastCompleteWeek(at.toJSDate(), zone) };
}

// ---------------------------------------------------------------------------------------------
// Ratios and percentiles

export interface Ratio {
  numerator: number;
  denominator: number;
  /** numerator / denominator (a share, or a multiple for value vs fee); null when the denominator is 0 */
  value: number | null;
}

export function ratio(numerator: number, denominator: number): Ratio {
  return { numerator, denominator, value: denominator > 0 ? numerator / denominator : null };
}

/** "92% (23 of 25)", or the empty text when there was nothing to count. */
export function formatRatio(r: Ratio, empty: string): string {
  if (r.value === null) return empty;
  return `${formatPercent(r.value)} (${r.numerator} of ${r.denominator})`;
}

/** 0.9234 -> "92.3%", 1 -> "100%", 0 -> "0%": one decimal only where it says something. */
export function formatPercent(v: number): string {
  const p = Math.round(v * 1000) / 10;
  return `${Number.isInteger(p) ? p.toFixed(0) : p.toFixed(1)}%`;
}

/**
 * Percentile with linear interpolation between closest ranks (Postgres percentile_cont, Excel
 * PERCENTILE.INC): the median of 1, 2, 3, 4 is 2.5. Null for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

// ---------------------------------------------------------------------------------------------
// SLA hit rate

/** One SQL group: jobs closed in the week for one contract and priority. */
export interface SlaGroup {
  contractId: string;
  team: string;
  priority: string;
  closed: number;
  responseMet: number;
  restoreMet: number;
}

export interface SlaCut {
  key: string;
  closed: number;
  response: Ratio;
  restore: Ratio;
}

export interface SlaRates {
  closed: number;
  response: Ratio;
  restore: Ratio;
  byContract: SlaCut[];
  byTeam: SlaCut[];
  byPriority: SlaCut[];
}

function cut(groups: SlaGroup[], key: (g: SlaGroup) => string): SlaCut[] {
  const acc = new Map<string, { closed: number; r: number; s: number }>();
  for (const g of groups) {
    const k = key(g);
    const a = acc.get(k) ?? { closed: 0, r: 0, s: 0 };
    a.closed += g.closed;
    a.r += g.responseMet;
    a.s += g.restoreMet;
    acc.set(k, a);
  }
  return [...acc.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, a]) => ({ key: k, closed: a.closed, response: ratio(a.r, a.closed), restore: ratio(a.s, a.closed) }));
}

/**
 * SLA hit rate: of the jobs closed in the week, the share whose response (restore) window was not
 * breached. Cancelled jobs are never closed, so they never count.
 */
export function slaRates(groups: SlaGroup[]): SlaRates {
  const closed = groups.reduce((n, g) => n + g.closed, 0);
  const r = groups.reduce((n, g) => n + g.responseMet, 0);
  const s = groups.reduce((n, g) => n + g.restoreMet, 0);
  return {
    closed,
    response: ratio(r, closed),
    restore: ratio(s, closed),
    byContract: cut(groups, (g) => g.contractId),
    byTeam: cut(groups, (g) => g.team),
    byPriority: cut(groups, (g) => g.priority),
  };
}

// ---------------------------------------------------------------------------------------------
// Unbilled time

/** One SQL group of finished time entries of the week. */
export interface TimeGroup {
  contractId: string;
  /** UTC date the entries started on, to pick the contract version in force */
  date: string;
  code: string;
  kind: 'labour' | 'travel';
  /** the entries carry an approval (an approved out-of-scope request) */
  approved: boolean;
  minutes: number;
}

/** Why logged time cannot reach an invoice: a code and the task code it names, worded where it is shown. */
export type UnbilledReason = { code: 'unknown-contract' } | { code: 'not-in-contract' | 'out-of-scope' | 'per-km'; task: string };

export type TimeClass = { billable: true } | { billable: false; reason: UnbilledReason };

/**
 * Whether logged time can reach an invoice, as far as the entry itself tells: the rating engine's
 * holds that depend on the code and its approval. (Holds that need the whole month, such as
 * travel on a day without labour or work outside an access window without a permit, are the
 * invoice preview's to report; docs/kpi.md says so.)
 */
export function classifyTime(contract: Contract | undefined, g: Pick<TimeGroup, 'code' | 'kind' | 'approved'>): TimeClass {
  if (!contract) return { billable: false, reason: { code: 'unknown-contract' } };
  // With a travel rule, travel time is paid by the per-visit line, not by its code.
  if (g.kind === 'travel' && contract.modifiers.travel) return { billable: true };
  const rate: Rate | undefined = contract.rates.find((r) => r.code.toLowerCase() === g.code.toLowerCase());
  if (!rate) return g.approved ? { billable: true } : { billable: false, reason: { code: 'not-in-contract', task: g.code } };
  if (rate.outOfScope && !g.approved) return { billable: false, reason: { code: 'out-of-scope', task: rate.code } };
  if (rate.unit === 'km') return { billable: false, reason: { code: 'per-km', task: rate.code } };
  return { billable: true };
}

export interface UnbilledByReason {
  /**
   * a code; a string is a reason kept as English text: the API's rendering (which gives the code
   * in `code`), or a digest stored with text reasons, shown as written
   */
  reason: UnbilledReason | string;
  minutes: number;
  /** the reason's code where `reason` is its English text (the API; absent elsewhere) */
  code?: UnbilledReason;
}

export interface Unbilled {
  loggedMinutes: number;
  unbilledMinutes: number;
  /** unbilled / logged */
  share: Ratio;
  byContract: { contractId: string; minutes: number; reasons: UnbilledByReason[] }[];
}

/** One key per reason: groups equal reasons. */
function reasonKey(r: UnbilledReason): string {
  return 'task' in r ? `${r.code}\u0000${r.task}` : r.code;
}

/** Unbilled time: minutes logged in the week that no invoice line will bill or cover. */
export function unbilledTime(groups: TimeGroup[], contractAt: (contractId: string, date: string) => Contract | undefined): Unbilled {
  let logged = 0;
  let unbilled = 0;
  const by = new Map<string, Map<string, { reason: UnbilledReason; minutes: number }>>();
  for (const g of groups) {
    logged += g.minutes;
    const c = classifyTime(contractAt(g.contractId, g.date), g);
    if (c.billable) continue;
    unbilled += g.minutes;
    const reasons = by.get(g.contractId) ?? new Map<string, { reason: UnbilledReason; minutes: number }>();
    const key = reasonKey(c.reason);
    const had = reasons.get(key);
    if (had) had.minutes += g.minutes;
    else reasons.set(key, { reason: c.reason, minutes: g.minutes });
    by.set(g.contractId, reasons);
  }
  return {
    loggedMinutes: logged,
    unbilledMinutes: unbilled,
    share: ratio(unbilled, logged),
    byContract: [...by.entries()]
      .map(([contractId, reasons]) => ({
        contractId,
        minutes: [...reasons.values()].reduce((a, b) => a + b.minutes, 0),
        reasons: [...reasons.values()].sort((a, b) => b.minutes - a.minutes),
      }))
      .sort((a, b) => b.minutes - a.minutes || (a.contractId < b.contractId ? -1 : 1)),
  };
}

// ---------------------------------------------------------------------------------------------
// Disputes, lead time, credits, renewals

export interface Disputes {
  /** lines on invoices issued in the week, and how many of them are disputed */
  rate: Ratio;
  /** disputes raised during the week, on any invoice */
  raised: number;
  /** disputes settled during the week: accepted (a credit note) and rejected */
  accepted: number;
  rejected: number;
}

/** Dispute rate: disputed invoice lines / invoice lines, over invoices issued in the week; the week's outcomes beside it. */
export function disputeRate(lines: number, disputedLines: number, raised: number, outcomes: { accepted: number; rejected: number } = { accepted: 0, rejected: 0 }): Disputes {
  return { rate: ratio(disputedLines, lines), raised, accepted: outcomes.accepted, rejected: outcomes.rejected };
}

export interface LeadTime {
  jobs: number;
  /** hours from a job's close to the first invoice issued after it */
  medianHours: number | null;
  p90Hours: number | null;
}

/** Invoice lead time from each invoiced job's close-to-invoice duration, in hours. */
export function leadTime(hours: readonly number[]): LeadTime {
  return { jobs: hours.length, medianHours: percentile(hours, 0.5), p90Hours: percentile(hours, 0.9) };
}

export interface CreditRow {
  currency: string;
  kind: CreditKind;
  amount: number;
  count: number;
}

export interface CreditsIssued {
  /** one entry per currency: amounts in different currencies never add up */
  byCurrency: { currency: string; sla: number; slaCount: number; goodwill: number; goodwillCount: number }[];
}

export function creditsIssued(rows: CreditRow[]): CreditsIssued {
  const acc = new Map<string, CreditsIssued['byCurrency'][number]>();
  for (const r of rows) {
    const a = acc.get(r.currency) ?? { currency: r.currency, sla: 0, slaCount: 0, goodwill: 0, goodwillCount: 0 };
    if (r.kind === 'sla') {
      a.sla += r.amount;
      a.slaCount += r.count;
    } else {
      a.goodwill += r.amount;
      a.goodwillCount += r.count;
    }
    acc.set(r.currency, a);
  }
  return { byCurrency: [...acc.values()].sort((a, b) => (a.currency < b.currency ? -1 : 1)) };
}

export function formatCredits(c: CreditsIssued, kind: CreditKind): string {
  const parts = c.byCurrency.filter((x) => x[kind] !== 0 || x[`${kind}Count`] !== 0).map((x) => `${formatMoney(x[kind], x.currency)} (${x[`${kind}Count`]})`);
  return parts.length ? parts.join(', ') : 'none';
}

/** The day a renewal pack is due: 30 days before the end or the notice deadline, whichever is earlier. */
export function renewalPackDate(term: { end: string; noticeDays: number }): string {
  return DateTime.fromISO(term.end, { zone: 'UTC' })
    .minus({ days: Math.max(30, term.noticeDays) })
    .toISODate()!;
}

export interface RenewalContract {
  contractId: string;
  end: string;
  /** a pack was produced for this term before the reference instant */
  ready: boolean;
}

export interface RenewalReadiness {
  /** contracts whose term ends within the 30 days after the reference date, and how many have a pack */
  rate: Ratio;
  contracts: RenewalContract[];
}

/** Renewal readiness as of a local date: contracts ending in (date, date + 30 days], with a pack. */
export function renewalReadiness(contracts: RenewalContract[], asOf: string, days = 30): RenewalReadiness {
  const until = DateTime.fromISO(asOf, { zone: 'UTC' }).plus({ days }).toISODate()!;
  const ending = contracts.filter((c) => c.end > asOf && c.end <= until).sort((a, b) => (a.end < b.end ? -1 : a.end > b.end ? 1 : a.contractId < b.contractId ? -1 : 1));
  return { rate: ratio(ending.filter((c) => c.ready).length, ending.length), contracts: ending };
}

// ---------------------------------------------------------------------------------------------
// One week, and the change from the week before

export interface WorstJob {
  ref: string;
  contractId: string;
  siteId: string;
  priority: string;
  summary: string;
  windows: ('response' | 'restore')[];
  /** minutes past the earliest breached due time, until closed (or the week's end if still open) */
  lateMinutes: number;
  open: boolean;
  /** SLA credits recorded for it, by currency */
  credit?: { amount: number; currency: string };
}

export interface WeekKpis {
  week: Week;
  opened: number;
  sla: SlaRates;
  unbilled: Unbilled;
  disputes: Disputes;
  leadTime: LeadTime;
  credits: CreditsIssued;
  renewals: RenewalReadiness;
  worst: WorstJob[];
}

export type Better = 'up' | 'down' | 'neither';

export interface Change {
  key: string;
  label: string;
  current: number | null;
  previous: number | null;
  /** current - previous in the unit; null when either side is empty */
  delta: number | null;
  unit: 'pts' | 'h' | 'jobs' | '';
  better: Better;
  /** null when nothing to compare or no change */
  direction: 'up' | 'down' | 'flat' | null;
  /** whether the change is good news; null when neutral or not comparable */
  good: boolean | null;
}

const EPS = 1e-9;

function change(key: string, label: string, current: number | null, previous: number | null, unit: Change['unit'], better: Better): Change {
  if (current === null || previous === null) return { key, label, current, previous, delta: null, unit, better, direction: null, good: null };
  const delta = current - previous;
  const direction = Math.abs(delta) < EPS ? 'flat' : delta > 0 ? 'up' : 'down';
  const good = direction === 'flat' || better === 'neither' ? null : direction === better;
  return { key, label, current, previous, delta, unit, better, direction, good };
}

const pts = (r: Ratio) => (r.value === null ? null : r.value * 100);

/** Week-over-week change of each headline KPI. Rates change in percentage points. */
export function weekOverWeek(cur: WeekKpis, prev: WeekKpis): Change[] {
  const hours = (m: number, logged: number) => (logged > 0 ? m / 60 : null);
  return [
    change('sla.response', 'Response SLA met', pts(cur.sla.response), pts(prev.sla.response), 'pts', 'up'),
    change('sla.restore', 'Restore SLA met', pts(cur.sla.restore), pts(prev.sla.restore), 'pts', 'up'),
    change('jobs.closed', 'Jobs closed', cur.sla.closed, prev.sla.closed, 'jobs', 'neither'),
    change('disputes.rate', 'Dispute rate', pts(cur.disputes.rate), pts(prev.disputes.rate), 'pts', 'down'),
    change('unbilled.hours', 'Unbilled time', hours(cur.unbilled.unbilledMinutes, cur.unbilled.loggedMinutes), hours(prev.unbilled.unbilledMinutes, prev.unbilled.loggedMinutes), 'h', 'down'),
    change('leadTime.median', 'Invoice lead time (median)', cur.leadTime.medianHours, prev.leadTime.medianHours, 'h', 'down'),
    change('renewals.ready', 'Renewal readiness', pts(cur.renewals.rate), pts(prev.renewals.rate), 'pts', 'up'),
  ];
}

/** "▲ +4.2 pts", "▼ -3 h", "= no change", "" when not comparable. */
export function formatChange(c: Change): string {
  if (c.direction === null || c.delta === null) return '';
  if (c.direction === 'flat') return '= no change';
  const arrow = c.direction === 'up' ? '▲' : '▼';
  const n = Math.round(c.delta * 10) / 10;
  const num = `${n > 0 ? '+' : ''}${Number.isInteger(n) ? n.toFixed(0) : n.toFixed(1)}`;
  return `${arrow} ${num}${c.unit ? ` ${c.unit}` : ''}`;
}

export function formatHours(h: number | null, empty: string): string {
  if (h === null) return empty;
  if (h >= 48) return `${(Math.round(h / 2.4) / 10).toFixed(1)} days`;
  return formatDuration(h * 60);
}

/** The empty texts, in one place so every surface says the same thing. */
export const EMPTY = {
  jobs: 'no jobs this week',
  lines: 'no invoice lines this week',
  time: 'no time logged this week',
  lead: 'no jobs invoiced this week',
  renewals: 'no contract ends in the next 30 days',
} as const;

// ---------------------------------------------------------------------------------------------
// The chart's series

export interface WeekPoint {
  label: string;
  closed: number;
  /** percent 0-100, null for a week without closed jobs (a gap in the line, not a zero) */
  response: number | null;
  restore: number | null;
  /** the digest's other KPIs for the week (absent in digests stored before they were charted) */
  disputes?: number | null;
  /** percent of logged time not billable */
  unbilled?: number | null;
  /** median hours from close to invoice */
  leadHours?: number | null;
  /** percent of contracts ending within 30 days whose renewal pack is ready */
  renewals?: number | null;
}

export function weekPoints(weeks: Week[], groupsByWeek: Map<string, SlaGroup[]>): WeekPoint[] {
  return seriesPoints(
    weeks.map((w) => w.label),
    groupsByWeek,
  );
}

/** A chart point per label (weeks, months) from SLA groups keyed by that label. */
export function seriesPoints(labels: string[], groups: Map<string, SlaGroup[]>): WeekPoint[] {
  return labels.map((label) => {
    const s = slaRates(groups.get(label) ?? []);
    return { label, closed: s.closed, response: pts(s.response), restore: pts(s.restore) };
  });
}

// ---------------------------------------------------------------------------------------------
// Renewal pack

/** Months of a span of local dates, "2026-01" to "2026-11". */
export function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  let m = DateTime.fromISO(from, { zone: 'UTC' }).startOf('month');
  const end = DateTime.fromISO(to, { zone: 'UTC' });
  while (m <= end) {
    out.push(m.toFormat('yyyy-MM'));
    m = m.plus({ months: 1 });
  }
  return out;
}

/** A breach-risk alert someone acted on, after which the window was met. */
export interface Save {
  ref: string;
  priority: string;
  window: 'response' | 'restore';
  /** the warning level that fired, "75%" */
  level: string;
  action: string;
  actedBy: string | null;
  actedAt: Date;
  /** the window's due time: how much room was left when someone acted */
  dueAt: Date;
  /** the SLA credit the breach would have cost, before any cap; null when no credit rule matches */
  avoided: number | null;
}

/**
 * The biggest saves first: the credit a breach would have cost, then priority (P1 first), then
 * the least time left when someone acted (the closest call).
 */
export function rankSaves(saves: Save[], n = 5): (Save & { marginMinutes: number })[] {
  return saves
    .map((s) => ({ ...s, marginMinutes: Math.max(0, Math.round((s.dueAt.getTime() - s.actedAt.getTime()) / 60_000)) }))
    .sort((a, b) => (b.avoided ?? 0) - (a.avoided ?? 0) || (a.priority < b.priority ? -1 : a.priority > b.priority ? 1 : 0) || a.marginMinutes - b.marginMinutes || (a.ref < b.ref ? -1 : 1))
    .slice(0, n);
}

/** Value delivered: covered work at its nominal value against the fee billed over the same days. */
export function valueDelivered(nominalCovered: number, feeBilled: number): Ratio {
  return ratio(nominalCovered, feeBilled);
}
