/**
 * The SLA monitor: one indexed range query (`next_check_at <= now`) finds the jobs with a warning
 * or breach due, so its cost grows with the alerts due, not with the open jobs. For each, the
 * passed checkpoints become alert rows (unique per job, window, level) and outbox posts, and a
 * breach records the credit owed, all in the tick's transaction under an advisory lock.
 */
import { and, eq, isNotNull, lte, sql } from 'drizzle-orm';
import { rowsOf } from '../../db/rows.js';
import { jobs } from '../../db/schema.js';
import type { Ctx } from '../context.js';
import { getVersion, type ContractVersion } from '../contracts/store.js';
import { enqueuePosts, enqueueUpdate } from '../notify/enqueue.js';
import { audit } from '../audit.js';
import { recordBreachCredit } from './reconcile.js';
import { withTickLock } from '../scheduler/lock.js';
import { emitAlertWebhooks } from '../webhooks/emit.js';
import { alertedOf, checkpointKey, eventRows, nextCheck, slaFromRows, storedSla, watchPoints, type JobRow, type StoredSla } from './job-store.js';
import type { SlaState } from '../rules/sla.js';
import type { Priority, WindowName } from '../rules/contract-types.js';

export interface MonitorResult {
  jobs: number;
  alerts: number;
  credits: number;
}

export async function runMonitor(ctx: Ctx, opts: { limit?: number } = {}): Promise<MonitorResult | undefined> {
  return withTickLock(ctx, 'sla-monitor', (tx) => monitorTick(tx, opts.limit ?? 2000));
}

export interface Point {
  window: WindowName;
  level: number | 'breach';
  at: Date;
  /** the priority the window runs under (credits match the priority a breach happened under) */
  priority: Priority;
}

/** Checkpoints passed and not yet alerted; a passed breach silences the same window's warnings. */
export function duePoints(points: readonly Point[], alerted: Set<string>, now: Date): { post: Point[]; silent: Point[] } {
  const passed = points.filter((cp) => cp.at <= now && !alerted.has(checkpointKey(cp)));
  const breached = new Set(passed.filter((cp) => cp.level === 'breach').map((cp) => cp.window));
  const post: Point[] = [];
  const silent: Point[] = [];
  for (const cp of passed) (cp.level !== 'breach' && breached.has(cp.window) ? silent : post).push(cp);
  return { post, silent };
}

/** A breach is judged under the priority it happened under; a warning under the current one. */
export function judgedUnder(state: SlaState, w: WindowName, level: number | 'breach'): Priority {
  const ws = state.windows[w];
  return level === 'breach' ? (ws.breachedUnder?.priority ?? ws.priority) : ws.priority;
}

export function pointsOf(state: SlaState): Point[] {
  return watchPoints(state).map((cp) => ({ window: cp.window, level: cp.level, at: cp.at, priority: judgedUnder(state, cp.window, cp.level) }));
}

/**
 * The checkpoints stored on the row when the job last changed. They are absolute instants, so
 * the tick only compares them with now; clocks are recomputed only for rows written before
 * checkpoints were stored.
 */
async function pointsFor(ctx: Ctx, job: JobRow, version: () => Promise<ContractVersion>, now: Date): Promise<Point[]> {
  const stored = storedSla(job).checkpoints;
  if (stored) return stored.map((c) => ({ window: c.w, level: c.l, at: new Date(c.at), priority: c.p }));
  const rows = (await eventRows(ctx.db, [job.id])).get(job.id) ?? [];
  return pointsOf(slaFromRows(await version(), job, rows, now));
}

/**
 * A window's new alert supersedes its lower ones still open (a breach its 75% warning, 75% its
 * 60%): they are closed with the reason and their cards updated, so a window shows one open alert,
 * the highest it reached, however many ticks saw it climb.
 */
async function closeSuperseded(ctx: Ctx, raised: { job_id: number; w: WindowName; level: string }[]): Promise<void> {
  if (!raised.length) return;
  const rank = (col: string) => sql.raw(`(case when ${col} = 'breach' then 1000 else rtrim(${col}, '%')::numeric end)`);
  const closed = await rowsOf(
    ctx.db,
    sql`update alerts a set closed_at = ${ctx.clock.now().toISOString()}::timestamptz, closed_reason = 'Superseded by the ' || case when x.level = 'breach' then 'breach' else x.level || ' warning' end || ' alert.'
      from jsonb_to_recordset(${JSON.stringify(raised)}::jsonb) as x(job_id int, w text, level text)
      where a.job_id = x.job_id and a."window" = x.w and a.closed_at is null and ${rank('a.level')} < ${rank('x.level')}
      returning a.id, a.job_id, a."window", a.level, a.closed_reason`,
  );
  for (const a of closed) {
    await enqueueUpdate(ctx, 'alert', Number(a.id), 'closed');
    await audit(ctx, 'alert.closed', { kind: 'alert', id: String(a.id) }, { window: a.window, level: a.level, reason: a.closed_reason });
  }
}

/** One tick in the caller's transaction (runMonitor takes the lock; the demo history calls it inside its day). */
export async function monitorTick(ctx: Ctx, limit: number): Promise<MonitorResult> {
  const now = ctx.clock.now();
  const due = await ctx.db
    .select()
    .from(jobs)
    .where(and(isNotNull(jobs.nextCheckAt), lte(jobs.nextCheckAt, now)))
    .orderBy(jobs.nextCheckAt)
    .limit(limit);
  if (!due.length) return { jobs: 0, alerts: 0, credits: 0 };
  const versions = new Map<string, ContractVersion>();
  const versionOf = async (j: JobRow) => {
    const k = `${j.contractId}@${j.contractVersion}`;
    let v = versions.get(k);
    if (!v) versions.set(k, (v = await getVersion(ctx.db, j.contractId, j.contractVersion)));
    return v;
  };

  const newAlerts: { job_id: number; w: WindowName; level: string; due_at: string }[] = [];
  const breaches: { job: JobRow; point: Point }[] = [];
  const updates: { id: number; sla: StoredSla; nc: string | null; rb: boolean; sb: boolean }[] = [];
  for (const job of due) {
    let points: Point[];
    try {
      points = await pointsFor(ctx, job, () => versionOf(job), now);
    } catch (err) {
      // One broken job must not stop every other job's alerts; it is looked at again in an hour.
      ctx.log.error({ err, job: job.ref }, 'SLA computation failed');
      await ctx.db.update(jobs).set({ nextCheckAt: new Date(now.getTime() + 3_600_000) }).where(eq(jobs.id, job.id));
      continue;
    }
    const alerted = alertedOf(job);
    const { post, silent } = duePoints(points, alerted, now);
    for (const cp of [...post, ...silent]) alerted.add(checkpointKey(cp));
    for (const cp of post) {
      newAlerts.push({ job_id: job.id, w: cp.window, level: cp.level === 'breach' ? 'breach' : `${Math.round(cp.level * 100)}%`, due_at: cp.at.toISOString() });
      if (cp.level === 'breach') breaches.push({ job, point: cp });
    }
    const next = nextCheck(points, alerted);
    const breachedNow = (w: WindowName) => post.some((p) => p.window === w && p.level === 'breach');
    updates.push({
      id: job.id,
      sla: { alerted: [...alerted], checkpoints: points.map((p) => ({ w: p.window, l: p.level, at: p.at.toISOString(), p: p.priority })) },
      nc: next?.toISOString() ?? null,
      rb: breachedNow('response'),
      sb: breachedNow('restore'),
    });
  }

  // Raw bulk statements (here and in enqueuePosts): drizzle's builder spends more CPU on a thousand
  // rows of parameters than Postgres spends inserting them.
  const inserted = newAlerts.length
    ? (
        await rowsOf(
          ctx.db,
          sql`insert into alerts (job_id, "window", level, due_at)
            select x.job_id, x.w, x.level, x.due_at from jsonb_to_recordset(${JSON.stringify(newAlerts)}::jsonb) as x(job_id int, w text, level text, due_at timestamptz)
            on conflict do nothing returning id, job_id`,
        )
      ).map((r) => ({ id: Number(r.id), jobId: Number(r.job_id) }))
    : [];
  const contractOf = new Map(due.map((j) => [j.id, j]));
  const teamOf = async (jobId: number) => (await versionOf(contractOf.get(jobId)!)).contract.team;
  const posts = [];
  for (const a of inserted) posts.push({ key: `alert:${a.id}`, teamId: await teamOf(a.jobId), purpose: 'dispatch' as const, subjectKind: 'alert', subjectId: a.id });
  await enqueuePosts(ctx, posts);
  await emitAlertWebhooks(ctx, inserted.map((a) => a.id));
  await closeSuperseded(ctx, newAlerts);

  let creditCount = 0;
  for (const b of breaches) if (await recordBreachCredit(ctx, b.job, await versionOf(b.job), b.point)) creditCount++;

  // One statement for all the row updates: a tick may touch thousands of jobs.
  if (updates.length) {
    await ctx.db.execute(sql`
      update jobs set
        sla = x.sla, next_check_at = x.nc, updated_at = ${now.toISOString()}::timestamptz,
        response_breached = jobs.response_breached or x.rb,
        restore_breached = jobs.restore_breached or x.sb,
        response_state = case when x.rb then 'breached' else jobs.response_state end,
        restore_state = case when x.sb then 'breached' else jobs.restore_state end
      from jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) as x(id int, sla jsonb, nc timestamptz, rb boolean, sb boolean)
      where jobs.id = x.id`);
  }
  return { jobs: due.length, alerts: inserted.length, credits: creditCount };
}
