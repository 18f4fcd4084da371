/**
 * SLA clocks: a job's response and restore windows as a pure function of the contract version in
 * force when the job was reported, the site, the initial priority, the report instant, the ordered
 * job events and `now`. No I/O, no clock reads; the caller recomputes whenever an event arrives and
 * when `nextCheckAt` passes.
 *
 * Rules (docs/contract-format.md "sla", plus the decisions a contract leaves open):
 *
 * 1. Windows. `sla.tiers[site.tier][priority]` when the contract has tiers and the site a tier,
 *    else `sla.priorities[priority]`. Each window runs on its own named calendar. A priority without
 *    a window throws `SlaError` ("ACME-HVAC has no SLA for P5"); so does a priority change to one.
 * 2. Start. Both clocks start at report; reported while the window's calendar is closed, a clock
 *    starts at the next open instant (`startedAt`; the explanation keeps the report instant).
 * 3. Stop. Response stops for good at the first of en_route / on_site / resolved / closed /
 *    cancelled. Restore stops while the job is resolved / closed / cancelled; any later live status
 *    (normally `reopened`) resumes it from where it stopped, and the stopped gap never counts.
 *    Cancelled stops both and is not a breach unless the window had already breached.
 * 4. Pause. A status listed in `pauseOn[window]` pauses that window only. Elapsed time is the
 *    window calendar's open time inside the running (not paused, not stopped) intervals, so a pause
 *    across a weekend removes nothing twice and a pause followed directly by resolved stops the
 *    clock at the resolve instant without counting the pause.
 * 5. Priority change: the window is recomputed from the report instant with the new priority's
 *    target and calendar, paused and stopped time still excluded. A window that is stopped when the
 *    change arrives keeps the priority it stopped under (response met under P3 stays judged as
 *    P3); a reopened restore window takes the priority in force when it resumes. Events with the
 *    same instant apply in list order, so "upgrade, then resolve" at one instant is re-judged.
 * 6. Breach is the first instant at which, under the priority in force at that instant, the
 *    window's elapsed open time exceeds its target. When an upgrade finds the new target already
 *    used up, the breach is at the change instant (paused or not). Breach is sticky: a late stop,
 *    a downgrade to a looser target or a cancel never clears it; `breachedUnder` keeps the priority
 *    and target it breached under (credits match on that priority).
 * 7. "Exceeds" is strict and counts open time only: `dueAt` is the end of the target's last open
 *    minute; a window that used exactly its target at closing time and stops before the next
 *    opening is met. So the breach instant (and the 'breach' checkpoint) is the first open running
 *    instant after `dueAt`, which is `dueAt` itself unless `dueAt` falls on a closing time.
 * 8. Warnings: each `warnAt` level is a checkpoint at the instant elapsed reaches level × target.
 *    Checkpoints exist only for running windows (a paused window has no projected instants); past
 *    ones are listed too so a scheduler can catch up, `nextCheckAt` is the earliest strictly after
 *    `now`. A breached running window keeps its breach checkpoint at `breachedAt` and drops warnings
 *    that would come after it (no second alert after a downgrade).
 * 9. `dueAt` is the instant the target is (or was) used up: historical once reached, projected
 *    from `now` while running, null while paused. A window stopped short of its target keeps the
 *    due instant projected from its stop (what it was due when it was met); stopped while paused,
 *    it is null and `remainingMinutes` says what was left.
 * 10. Precision: instants keep milliseconds; minute counts are exact business time and may be
 *    fractional when events carry seconds. Events before the report count as at the report,
 *    events after `now` are ignored, and a `now` before the report is read as the report instant.
 */
import { AppError, refusal, refusalDetail } from '../errors.js';
import { compileCalendar } from './calendar.js';
import type { CalendarSpec, Contract, JobStatus, Priority, Site, SlaWindow, WindowName } from './contract-types.js';

export type SlaEvent =
  | { at: Date; kind: 'status'; status: JobStatus }
  | { at: Date; kind: 'priority'; priority: Priority; reason?: string; by?: string };

export interface SlaInput {
  /** the contract version in force when the job was reported */
  contract: Contract;
  siteId: string;
  /** priority at report */
  priority: Priority;
  reportedAt: Date;
  /** in the order they happened; same-instant events apply in list order */
  events: readonly SlaEvent[];
  now: Date;
}

export type ClockState = 'running' | 'paused' | 'stopped';
/** pending: not stopped and not breached; met / cancelled: stopped without breach; breached: sticky */
export type Outcome = 'pending' | 'met' | 'breached' | 'cancelled';

export interface Span {
  start: Date;
  end: Date;
}

export interface Pause {
  status: JobStatus;
  start: Date;
  /** null while the pause is still going on at `now` */
  end: Date | null;
  /** open time of the window's calendar inside the pause, i.e. what the pause saved */
  businessMinutes: number;
}

export interface PriorityChange {
  at: Date;
  from: Priority;
  to: Priority;
  reason?: string;
  by?: string;
  /** false when the window had already stopped for good (rule 5) */
  applied: boolean;
}

export interface Explanation {
  window: WindowName;
  priority: Priority;
  tier?: string;
  calendar: string;
  zone: string;
  /** the calendar is 24x7: no closed spans, "of round-the-clock time" */
  alwaysOpen: boolean;
  targetMinutes: number;
  reportedAt: Date;
  startedAt: Date;
  /** set when the report fell in closed time and the clock started later */
  startDeferredFrom?: Date;
  dueAt: Date | null;
  /** calendar closures between the start and the due instant (or stop / now), the first few */
  closed: Span[];
  /** how many further closures were left out of `closed` */
  closedMore: number;
  pauses: Pause[];
  /** restore stops that were later resumed, and the final stop if any */
  stops: { status: JobStatus; at: Date; resumedAt: Date | null }[];
  priorityChanges: PriorityChange[];
}

export interface WindowState {
  window: WindowName;
  /** priority whose target applies (rule 5) */
  priority: Priority;
  targetMinutes: number;
  calendar: string;
  zone: string;
  tier?: string;
  reportedAt: Date;
  /** first open instant at or after the report */
  startedAt: Date;
  clock: ClockState;
  outcome: Outcome;
  /** the status pausing the clock at `now` */
  pausedBy?: JobStatus;
  dueAt: Date | null;
  /** target minus elapsed; negative when over */
  remainingMinutes: number;
  elapsedMinutes: number;
  pausedMinutes: number;
  stoppedAt?: Date;
  stoppedBy?: JobStatus;
  breached: boolean;
  breachedAt?: Date;
  breachedUnder?: { priority: Priority; targetMinutes: number };
  explanation: Explanation;
}

export interface Checkpoint {
  window: WindowName;
  /** a warnAt fraction (0.75) or the breach itself */
  level: number | 'breach';
  at: Date;
}

export interface SlaState {
  windows: Record<WindowName, WindowState>;
  /** earliest checkpoint strictly after `now`; null when no window is running towards one */
  nextCheckAt: Date | null;
  checkpoints: Checkpoint[];
}

export type SlaErrorReason = 'unknown_site' | 'no_window' | 'unknown_calendar' | 'never_open' | 'bad_input';

/** Thrown for contract/job combinations that have no SLA to compute; the message is for humans. */
export class SlaError extends AppError {
  constructor(
    readonly reason: SlaErrorReason,
    refused: AppError,
  ) {
    super(refused.code, refused.message, refused.details);
    this.name = 'SlaError';
  }
}

const RESPONSE_STOP: ReadonlySet<JobStatus> = new Set(['en_route', 'on_site', 'resolved', 'closed', 'cancelled']);
const RESTORE_STOP: ReadonlySet<JobStatus> = new Set(['resolved', 'closed', 'cancelled']);
const WINDOWS: readonly WindowName[] = ['response', 'restore'];
const MINUTE = 60_000;
const CLOSED_SHOWN = 5;
// Projection walks the calendar a week at a time; a calendar with no open time for three years is
// a contract error, not something to loop on.
const CHUNK = 7 * 24 * 60 * MINUTE;
const HORIZON = 3 * 366 * 24 * 60 * MINUTE;

type Calendar = ReturnType<typeof compileCalendar>;

// ---------------------------------------------------------------------------------------------
// Contract lookups

export interface ResolvedWindow {
  site: Site;
  /** set when the window came from `sla.tiers` */
  tier?: string;
  window: SlaWindow;
}

function findSite(contract: Contract, siteId: string): Site {
  const wanted = siteId.trim().toLowerCase();
  const site = contract.sites.find((s) => s.id.toLowerCase() === wanted);
  if (!site) {
    throw new SlaError(
      'unknown_site',
      refusal('not_found', 'errors-rules.no-site', { contract: contract.id, site: siteId }, [refusalDetail('errors-rules.sites', { sites: contract.sites.map((s) => s.id).join(', ') })]),
    );
  }
  return site;
}

/** The SLA window for a priority at a site; throws `SlaError` when the contract has none. */
export function slaWindowFor(contract: Contract, siteId: string, priority: Priority): ResolvedWindow {
  const site = findSite(contract, siteId);
  const { tiers, priorities } = contract.sla;
  let table: Partial<Record<Priority, SlaWindow>> | undefined;
  let tier: string | undefined;
  if (tiers && site.tier !== undefined) {
    const key = Object.keys(tiers).find((k) => k.toLowerCase() === site.tier!.toLowerCase());
    if (key !== undefined) {
      table = tiers[key];
      tier = key;
    }
  }
  // A tierless site on a tiered contract (or an unknown tier) falls back to the plain table.
  if (!table) table = priorities;
  const window = table?.[priority];
  if (!window) {
    const known = Object.keys(table ?? {});
    const details = known.length ? [refusalDetail('errors-rules.sla-priorities', { priorities: known.join(', ') })] : [];
    throw new SlaError(
      'no_window',
      refusal('invalid', 'errors-rules.no-sla', { contract: contract.id, priority: String(priority), tier: site.tier !== undefined && tiers ? site.tier : 'none' }, details),
    );
  }
  return tier === undefined ? { site, window } : { site, tier, window };
}

const compiled = new WeakMap<object, Map<string, Calendar>>();

function calendarFor(contract: Contract, name: string): { calendar: Calendar; alwaysOpen: boolean } {
  const spec: CalendarSpec | '24x7' | undefined =
    contract.calendars[name] ?? (name.toLowerCase() === '24x7' ? '24x7' : undefined);
  if (spec === undefined) {
    throw new SlaError('unknown_calendar', refusal('invalid', 'errors-rules.no-calendar', { contract: contract.id, name }));
  }
  // Compiling (holiday tables) is the costly part and contracts are immutable versions: memoize
  // per calendars object, which dies with the contract.
  let byName = compiled.get(contract.calendars);
  if (!byName) {
    byName = new Map();
    compiled.set(contract.calendars, byName);
  }
  let calendar = byName.get(name);
  if (!calendar) {
    calendar = compileCalendar(spec);
    byName.set(name, calendar);
  }
  return { calendar, alwaysOpen: spec === '24x7' };
}

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic in milliseconds over `openSpans`, which is exact whatever the seconds.

interface Interval {
  start: number;
  end: number;
}

function open(cal: Calendar, from: number, to: number): Interval[] {
  if (to <= from) return [];
  return cal.openSpans(new Date(from), new Date(to)).map((s) => ({ start: s.start.getTime(), end: s.end.getTime() }));
}

/**
 * Walk `ms` of open time from `from`. Non-strict: the instant the amount is reached (end of the
 * last open minute, as addBusinessMinutes). Strict: the first instant beyond it at which more open
 * time accrues (rule 7). `ms = 0` strict is the first open instant at or after `from`.
 */
function walkCalendar(cal: Calendar, name: string, from: number, ms: number, strict: boolean): number {
  if (!strict && ms <= 0) return from;
  let rest = ms;
  for (let lo = from; lo < from + HORIZON; lo += CHUNK) {
    for (const s of open(cal, lo, lo + CHUNK)) {
      const len = s.end - s.start;
      if (strict ? len > rest : len >= rest) return s.start + rest;
      rest -= len;
    }
  }
  throw new SlaError('never_open', refusal('invalid', 'errors-rules.never-open', { name, from: new Date(from).toISOString() }));
}

/** Open time of one calendar inside a job's running intervals, with prefix sums. */
class Accrual {
  readonly pieces: Interval[] = [];
  private readonly before: number[] = [];
  readonly total: number;

  constructor(cal: Calendar, running: Interval[]) {
    let sum = 0;
    for (const r of running) {
      for (const p of open(cal, r.start, r.end)) {
        this.before.push(sum);
        this.pieces.push(p);
        sum += p.end - p.start;
      }
    }
    this.total = sum;
  }

  /** open running time strictly before `t` */
  at(t: number): number {
    let sum = 0;
    for (const p of this.pieces) {
      if (p.start >= t) break;
      sum += Math.min(p.end, t) - p.start;
    }
    return sum;
  }

  /** see walkCalendar; null when the history does not get that far */
  walk(ms: number, strict: boolean): number | null {
    for (let i = 0; i < this.pieces.length; i++) {
      const p = this.pieces[i]!;
      const rest = ms - this.before[i]!;
      const len = p.end - p.start;
      if (strict ? len > rest : len >= rest) return p.start + Math.max(0, rest);
    }
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// The job's timeline

interface Phase extends Interval {
  clock: ClockState;
  status: JobStatus;
  priority: Priority;
  /** index of the event that opened this phase; -1 for the report */
  from: number;
}

interface Change {
  at: number;
  index: number;
  from: Priority;
  to: Priority;
  reason?: string;
  by?: string;
}

function normalizeEvents(events: readonly SlaEvent[], report: number, now: number): { at: number; ev: SlaEvent }[] {
  const out: { at: number; ev: SlaEvent }[] = [];
  for (const ev of events) {
    const t = ev.at.getTime();
    if (Number.isNaN(t)) throw new SlaError('bad_input', refusal('invalid', 'errors-rules.bad-event-time'));
    if (t > now) continue;
    out.push({ at: Math.max(t, report), ev });
  }
  // Array#sort is stable, so same-instant events keep the caller's order.
  return out.sort((a, b) => a.at - b.at);
}

/**
 * Phases cover [report, now] for one window; zero-length phases are kept because a state that
 * exists for no time can still be judged (rule 5: upgrade then resolve at one instant).
 */
function phasesOf(
  window: WindowName,
  pauseOn: readonly JobStatus[],
  priority0: Priority,
  report: number,
  now: number,
  events: { at: number; ev: SlaEvent }[],
): Phase[] {
  let status: JobStatus = 'open';
  let priority = priority0;
  let responded = false;
  const clock = (): ClockState => {
    if (window === 'response' ? responded : RESTORE_STOP.has(status)) return 'stopped';
    return pauseOn.includes(status) ? 'paused' : 'running';
  };
  const phases: Phase[] = [];
  let start = report;
  let from = -1;
  events.forEach(({ at, ev }, index) => {
    phases.push({ start, end: at, clock: clock(), status, priority, from });
    if (ev.kind === 'status') {
      status = ev.status;
      if (RESPONSE_STOP.has(status)) responded = true;
    } else {
      priority = ev.priority;
    }
    start = at;
    from = index;
  });
  phases.push({ start, end: now, clock: clock(), status, priority, from });
  return phases;
}

// ---------------------------------------------------------------------------------------------

interface WindowContext {
  contract: Contract;
  siteId: string;
  report: number;
  now: number;
  changes: Change[];
  warnAt: number[];
}

function evaluateWindow(name: WindowName, phases: Phase[], ctx: WindowContext): { state: WindowState; checkpoints: Checkpoint[] } {
  const { contract, report, now } = ctx;
  const last = phases[phases.length - 1]!;
  const live = phases.filter((p) => p.clock !== 'stopped');
  // The first phase is status 'open', never a stop, so `live` is not empty.
  const priority = live[live.length - 1]!.priority;

  const running = phases.filter((p) => p.clock === 'running' && p.end > p.start);
  const windows = new Map<Priority, { target: number; cal: Calendar; calName: string; alwaysOpen: boolean; tier?: string; acc: Accrual }>();
  const windowOf = (p: Priority) => {
    let w = windows.get(p);
    if (!w) {
      const resolved = slaWindowFor(contract, ctx.siteId, p);
      const calName = resolved.window.calendar;
      const { calendar, alwaysOpen } = calendarFor(contract, calName);
      w = {
        target: resolved.window[name] * MINUTE,
        cal: calendar,
        calName,
        alwaysOpen,
        ...(resolved.tier !== undefined ? { tier: resolved.tier } : {}),
        acc: new Accrual(calendar, running),
      };
      windows.set(p, w);
    }
    return w;
  };

  // Rule 6: judge every live phase under the priority it was in, from the report instant.
  let breachedAt: number | undefined;
  let breachedUnder: { priority: Priority; targetMinutes: number } | undefined;
  for (const ph of live) {
    const w = windowOf(ph.priority);
    let at: number | undefined;
    if (w.acc.at(ph.start) > w.target) at = ph.start;
    else if (ph.end > ph.start && w.acc.at(ph.end) > w.target) at = w.acc.walk(w.target, true) ?? ph.end;
    if (at !== undefined) {
      breachedAt = at;
      breachedUnder = { priority: ph.priority, targetMinutes: w.target / MINUTE };
      break;
    }
  }

  const w = windowOf(priority);
  const runningNow = last.clock === 'running';
  const instant = (ms: number, strict: boolean): number | null => {
    const h = w.acc.walk(ms, strict);
    if (h !== null) return h;
    return runningNow ? walkCalendar(w.cal, w.calName, now, ms - w.acc.total, strict) : null;
  };

  const startedAt = walkCalendar(w.cal, w.calName, report, 0, true);
  const reachedAt = instant(w.target, false);
  const elapsed = w.acc.total;

  let pausedMs = 0;
  const pauses: Pause[] = [];
  for (const ph of phases) {
    if (ph.clock !== 'paused' || ph.end <= ph.start) continue;
    const ms = open(w.cal, ph.start, ph.end).reduce((s, i) => s + i.end - i.start, 0);
    pausedMs += ms;
    const prev = pauses[pauses.length - 1];
    // A priority change during a pause splits the phase; the person saw one pause.
    if (prev && prev.status === ph.status && prev.end !== null && prev.end.getTime() === ph.start) {
      prev.end = new Date(ph.end);
      prev.businessMinutes += ms / MINUTE;
    } else {
      pauses.push({ status: ph.status, start: new Date(ph.start), end: new Date(ph.end), businessMinutes: ms / MINUTE });
    }
  }
  const lastPause = pauses[pauses.length - 1];
  if (last.clock === 'paused' && lastPause) lastPause.end = null;

  // Stops, and the final one: the run of stopped phases reaching `now`.
  const stops: Explanation['stops'] = [];
  let stopIndex = Infinity;
  for (let i = 0; i < phases.length; i++) {
    const ph = phases[i]!;
    if (ph.clock !== 'stopped' || (i > 0 && phases[i - 1]!.clock === 'stopped')) continue;
    let j = i;
    while (j + 1 < phases.length && phases[j + 1]!.clock === 'stopped') j++;
    const resumed = j + 1 < phases.length ? phases[j + 1]!.start : null;
    if (resumed === null) stopIndex = ph.from;
    if (resumed === null || resumed > ph.start) stops.push({ status: ph.status, at: new Date(ph.start), resumedAt: resumed === null ? null : new Date(resumed) });
  }
  const finalStop = last.clock === 'stopped' ? stops[stops.length - 1] : undefined;

  // Rule 9: a window stopped short of its target keeps the due time it had when its clock
  // stopped, if the clock was running then; stopped while paused, it had none.
  let dueAt = reachedAt;
  if (dueAt === null && finalStop && breachedAt === undefined) {
    let before: Phase | undefined;
    for (let i = phases.length - 1; i >= 0 && !before; i--) if (phases[i]!.clock !== 'stopped') before = phases[i];
    if (before?.clock === 'running') dueAt = walkCalendar(w.cal, w.calName, finalStop.at.getTime(), w.target - elapsed, false);
  }

  const breached = breachedAt !== undefined;
  const outcome: Outcome = breached
    ? 'breached'
    : finalStop
      ? finalStop.status === 'cancelled'
        ? 'cancelled'
        : 'met'
      : 'pending';

  const checkpoints: Checkpoint[] = [];
  if (runningNow) {
    for (const level of ctx.warnAt) {
      const at = instant(Math.round(level * w.target), false);
      if (at !== null && (breachedAt === undefined || at <= breachedAt)) checkpoints.push({ window: name, level, at: new Date(at) });
    }
    const at = breachedAt ?? instant(w.target, true);
    if (at !== null) checkpoints.push({ window: name, level: 'breach', at: new Date(at) });
  }

  const horizon = runningNow ? Math.max(dueAt ?? now, now) : finalStop ? finalStop.at.getTime() : now;
  const gaps = closures(w.cal, w.calName, startedAt, horizon);

  const tier = w.tier;
  const explanation: Explanation = {
    window: name,
    priority,
    ...(tier !== undefined ? { tier } : {}),
    calendar: w.calName,
    zone: w.cal.zone,
    alwaysOpen: w.alwaysOpen,
    targetMinutes: w.target / MINUTE,
    reportedAt: new Date(report),
    startedAt: new Date(startedAt),
    ...(startedAt > report ? { startDeferredFrom: new Date(report) } : {}),
    dueAt: dueAt === null ? null : new Date(dueAt),
    closed: gaps.slice(0, CLOSED_SHOWN),
    closedMore: Math.max(0, gaps.length - CLOSED_SHOWN),
    pauses,
    stops,
    priorityChanges: ctx.changes.map((c) => ({
      at: new Date(c.at),
      from: c.from,
      to: c.to,
      ...(c.reason !== undefined ? { reason: c.reason } : {}),
      ...(c.by !== undefined ? { by: c.by } : {}),
      applied: c.index < stopIndex,
    })),
  };

  const state: WindowState = {
    window: name,
    priority,
    targetMinutes: w.target / MINUTE,
    calendar: w.calName,
    zone: w.cal.zone,
    ...(tier !== undefined ? { tier } : {}),
    reportedAt: new Date(report),
    startedAt: new Date(startedAt),
    clock: last.clock,
    outcome,
    ...(last.clock === 'paused' ? { pausedBy: last.status } : {}),
    dueAt: dueAt === null ? null : new Date(dueAt),
    remainingMinutes: (w.target - elapsed) / MINUTE,
    elapsedMinutes: elapsed / MINUTE,
    pausedMinutes: pausedMs / MINUTE,
    ...(finalStop ? { stoppedAt: finalStop.at, stoppedBy: finalStop.status } : {}),
    breached,
    ...(breachedAt !== undefined ? { breachedAt: new Date(breachedAt) } : {}),
    ...(breachedUnder ? { breachedUnder } : {}),
    explanation,
  };
  return { state, checkpoints };
}

/** Closed stretches between open spans from `start` up to `end`, each to the next opening. */
function closures(cal: Calendar, name: string, start: number, end: number): Span[] {
  if (end <= start) return [];
  const spans = open(cal, start, end);
  const out: Span[] = [];
  for (let i = 1; i < spans.length; i++) out.push({ start: new Date(spans[i - 1]!.end), end: new Date(spans[i]!.start) });
  const tail = spans[spans.length - 1];
  if (tail && tail.end < end) out.push({ start: new Date(tail.end), end: new Date(walkCalendar(cal, name, tail.end, 0, true)) });
  return out;
}

/** The SLA state of one job at `now`. Throws `SlaError` when the contract has no window for it. */
export function computeSla(input: SlaInput): SlaState {
  const { contract } = input;
  const report = input.reportedAt.getTime();
  if (Number.isNaN(report) || Number.isNaN(input.now.getTime())) {
    throw new SlaError('bad_input', refusal('invalid', 'errors-rules.bad-times'));
  }
  const now = Math.max(input.now.getTime(), report);
  // Fail before any arithmetic, with the message the user needs.
  slaWindowFor(contract, input.siteId, input.priority);
  const events = normalizeEvents(input.events, report, now);

  const changes: Change[] = [];
  let current = input.priority;
  events.forEach(({ at, ev }, index) => {
    if (ev.kind !== 'priority' || ev.priority === current) return;
    slaWindowFor(contract, input.siteId, ev.priority);
    changes.push({
      at,
      index,
      from: current,
      to: ev.priority,
      ...(ev.reason !== undefined ? { reason: ev.reason } : {}),
      ...(ev.by !== undefined ? { by: ev.by } : {}),
    });
    current = ev.priority;
  });

  const ctx: WindowContext = { contract, siteId: input.siteId, report, now, changes, warnAt: [...contract.sla.warnAt].sort((a, b) => a - b) };
  const checkpoints: Checkpoint[] = [];
  const windows = {} as Record<WindowName, WindowState>;
  for (const name of WINDOWS) {
    const phases = phasesOf(name, contract.sla.pauseOn[name] ?? [], input.priority, report, now, events);
    const r = evaluateWindow(name, phases, ctx);
    windows[name] = r.state;
    checkpoints.push(...r.checkpoints);
  }
  checkpoints.sort((a, b) => a.at.getTime() - b.at.getTime());
  const next = checkpoints.find((c) => c.at.getTime() > now);
  return { windows, nextCheckAt: next ? next.at : null, checkpoints };
}
