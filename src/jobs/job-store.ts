/** Reading jobs and their events, and keeping their precomputed SLA columns current. */
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { jobEvents, jobs } from '../../db/schema.js';
import type { Ctx } from '../context.js';
import { getVersion, type ContractVersion } from '../contracts/store.js';
import { notFound } from '../errors.js';
import type { JobStatus, Priority, WindowName } from '../rules/contract-types.js';
import { computeSla, type Checkpoint, type SlaEvent, type SlaState } from '../rules/sla.js';
import { reconcileJob, type Reconciled } from './reconcile.js';
import { siteZone } from '../contracts/save-terms.js';
import { t } from '../i18n/index.js';

export type JobRow = typeof jobs.$inferSelect;

const REF = /^j?-?(\d+)$/i;

export function jobRef(id: number): string {
  return `J-${1000 + id}`;
}

export async function findJob(db: DbOrTx, ref: string, opts: { forUpdate?: boolean } = {}): Promise<JobRow> {
  const m = REF.exec(ref.trim());
  const q = m
    ? db.select().from(jobs).where(sql`lower(${jobs.ref}) = lower(${'J-' + m[1]})`)
    : db.select().from(jobs).where(sql`false`);
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  if (!row) throw notFound(t('errors.no-job', { ref }));
  return row;
}

/** A job by what people type (J-1001) or by its row id (buttons carry ids); `forUpdate` locks its row. */
export async function loadJob(db: DbOrTx, job: string | number, opts: { forUpdate?: boolean } = {}): Promise<JobRow> {
  if (typeof job === 'string') return findJob(db, job, opts);
  const q = db.select().from(jobs).where(eq(jobs.id, job));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  if (!row) throw notFound(t('errors.no-job-id', { id: job }));
  return row;
}

type EventRow = typeof jobEvents.$inferSelect;

/**
 * The SLA's inputs from a job's events (sorted by time): status and priority changes, and the
 * priority it was reported with (the first priority change's `from`, else the current one).
 */
export function slaInputs(job: JobRow, rows: EventRow[]): { events: SlaEvent[]; initial: Priority } {
  const events: SlaEvent[] = [];
  let initial: Priority | undefined;
  for (const r of rows) {
    if (r.kind === 'status' && r.toValue) events.push({ at: r.at, kind: 'status', status: r.toValue as JobStatus });
    if (r.kind === 'priority' && r.toValue) {
      initial ??= r.fromValue as Priority;
      events.push({ at: r.at, kind: 'priority', priority: r.toValue as Priority, reason: r.reason ?? undefined, by: r.actorLabel });
    }
  }
  return { events, initial: initial ?? (job.priority as Priority) };
}

export async function eventRows(db: DbOrTx, jobIds: number[]): Promise<Map<number, EventRow[]>> {
  const out = new Map<number, EventRow[]>();
  if (!jobIds.length) return out;
  const rows = await db.select().from(jobEvents).where(inArray(jobEvents.jobId, jobIds)).orderBy(asc(jobEvents.at), asc(jobEvents.id));
  for (const r of rows) {
    const list = out.get(r.jobId) ?? [];
    list.push(r);
    out.set(r.jobId, list);
  }
  return out;
}

/** SLA state of a job from already-loaded events (the monitor loads them in bulk). */
export function slaFromRows(version: ContractVersion, job: JobRow, rows: EventRow[], now: Date): SlaState {
  const { events, initial } = slaInputs(job, rows);
  return computeSla({ contract: version.contract, siteId: job.siteId, priority: initial, reportedAt: job.reportedAt, events, now });
}

export interface JobSla {
  version: ContractVersion;
  state: SlaState;
}

export async function computeJobSla(db: DbOrTx, job: JobRow, now: Date): Promise<JobSla> {
  // Windows are pinned to the version in force when the job was reported.
  const version = await getVersion(db, job.contractId, job.contractVersion);
  const rows = (await eventRows(db, [job.id])).get(job.id) ?? [];
  return { version, state: slaFromRows(version, job, rows, now) };
}

export function checkpointKey(cp: Pick<Checkpoint, 'window' | 'level'>): string {
  return `${cp.window}:${cp.level === 'breach' ? 'breach' : `${Math.round(cp.level * 100)}%`}`;
}

/** A checkpoint as stored on the job row: window, level, instant, and the priority it judges. */
export interface StoredCheckpoint {
  w: WindowName;
  /** a warnAt fraction, or 'breach' */
  l: number | 'breach';
  at: string;
  p: Priority;
}

/**
 * What the job row keeps of its SLA so the monitor never recomputes clocks: the checkpoints of
 * the running windows (absolute instants, valid until the next job change) and which of them have
 * been alerted.
 */
export interface StoredSla {
  alerted: string[];
  checkpoints?: StoredCheckpoint[];
}

export function storedSla(job: JobRow): StoredSla {
  return (job.sla as StoredSla | null) ?? { alerted: [] };
}

export function alertedOf(job: JobRow): Set<string> {
  return new Set(storedSla(job).alerted ?? []);
}

/** The first checkpoint not alerted yet: the monitor looks at the job again then. */
export function nextCheck(points: readonly { window: WindowName; level: number | 'breach'; at: Date }[], alerted: Set<string>): Date | null {
  let next: Date | null = null;
  for (const cp of points) {
    if (alerted.has(checkpointKey(cp))) continue;
    if (!next || cp.at < next) next = cp.at;
  }
  return next;
}

/** A window's warning or breach checkpoint as a person sees it: when, and whether its alert went out. */
export interface Warning {
  window: WindowName;
  /** "75%", or "breach" */
  level: string;
  /** null for an alert that fired before the window stopped (no projected instant any more) */
  at: Date | null;
  fired: boolean;
}

/** The checkpoints of each window with their alert state, earliest first; fired ones are kept after the clock stops. */
export function warningsOf(state: SlaState, alerted: Set<string>): Warning[] {
  const out: Warning[] = [];
  const seen = new Set<string>();
  for (const cp of watchPoints(state)) {
    const key = checkpointKey(cp);
    seen.add(key);
    out.push({ window: cp.window, level: key.slice(cp.window.length + 1), at: cp.at, fired: alerted.has(key) });
  }
  for (const key of alerted) {
    if (seen.has(key)) continue;
    const [window, level] = key.split(':') as [WindowName, string];
    out.push({ window, level, at: null, fired: true });
  }
  const order = (w: Warning) => (w.window === 'response' ? 0 : 1);
  return out.sort((a, b) => order(a) - order(b) || (a.at?.getTime() ?? 0) - (b.at?.getTime() ?? 0));
}

/** The precomputed columns a job row carries for a given SLA state. */
/**
 * The checkpoints to watch: those of the running windows, plus the breach of a window that
 * already stopped breached (work recorded after the fact), so its alert and credit still happen.
 */
export function watchPoints(state: SlaState): SlaState['checkpoints'] {
  const points = [...state.checkpoints];
  for (const w of ['response', 'restore'] as const) {
    const ws = state.windows[w];
    if (ws.breached && ws.breachedAt && !points.some((p) => p.window === w && p.level === 'breach')) {
      points.push({ window: w, level: 'breach', at: ws.breachedAt });
    }
  }
  return points;
}

export function slaColumns(state: SlaState, alerted: Set<string>, now: Date) {
  const r = state.windows.response;
  const s = state.windows.restore;
  const points = watchPoints(state);
  const checkpoints: StoredCheckpoint[] = points.map((cp) => ({
    w: cp.window,
    l: cp.level,
    at: cp.at.toISOString(),
    // A breach is judged under the priority it happened under (credits match on it).
    p: cp.level === 'breach' ? (state.windows[cp.window].breachedUnder?.priority ?? state.windows[cp.window].priority) : state.windows[cp.window].priority,
  }));
  return {
    responseDueAt: r.dueAt,
    restoreDueAt: s.dueAt,
    responseState: r.outcome === 'pending' ? r.clock : r.outcome,
    restoreState: s.outcome === 'pending' ? s.clock : s.outcome,
    responseBreached: r.breached,
    restoreBreached: s.breached,
    nextCheckAt: nextCheck(points, alerted),
    sla: { alerted: [...alerted], checkpoints } satisfies StoredSla,
    updatedAt: now,
  };
}

/**
 * The one path after any change to a job's past or present: recompute its SLA state from the
 * complete history, reconcile what was concluded from the older one (alerts, credits:
 * src/jobs/reconcile.ts), and store due times, states, breach flags and the next check instant,
 * which the job list reads. Call inside the verb's transaction.
 */
export async function refreshSla(ctx: Ctx, job: JobRow, alerted = alertedOf(job)): Promise<JobSla & { reconciled: Reconciled }> {
  const sla = await computeJobSla(ctx.db, job, ctx.clock.now());
  const site = sla.version.contract.sites.find((x) => x.id === job.siteId);
  const zone = site ? siteZone(sla.version.contract, site.calendar) : 'UTC';
  const reconciled = await reconcileJob(ctx, job, sla.version, sla.state, alerted, zone);
  await ctx.db.update(jobs).set(slaColumns(sla.state, reconciled.alerted, ctx.clock.now())).where(eq(jobs.id, job.id));
  return { ...sla, reconciled };
}
