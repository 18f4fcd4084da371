/**
 * The SLA monitor: one indexed range query (`next_check_at <= now`) finds the jobs with a warning
 * or breach due, so its cost grows with the alerts due, not with the open jobs. For each, the
 * passed checkpoints become alert rows (unique per job, window, level) and outbox posts, and a
 * breach records the credit owed, all in the tick's transaction under an advisory lock.
 */
import { and, eq, isNotNull, lte, sql } from 'drizzle-orm';
import { alerts, credits, jobs } from '../../db/schema.js';
import type { Ctx } from '../context.js';
import { getVersion, type ContractVersion } from '../contracts/store.js';
import { enqueuePosts } from '../notify/enqueue.js';
import { creditOwed, periodOf } from '../rules/sla-credits.js';
import { firstZone } from '../contracts/save-terms.js';
import { withTickLock } from '../scheduler/lock.js';
import { alertedOf, checkpointKey, eventRows, slaColumns, slaFromRows, type JobRow } from './job-store.js';
import type { Checkpoint, SlaState } from '../rules/sla.js';

export interface MonitorResult {
  jobs: number;
  alerts: number;
  credits: number;
}

export async function runMonitor(ctx: Ctx, opts: { limit?: number } = {}): Promise<MonitorResult | undefined> {
  return withTickLock(ctx, 'sla-monitor', (tx) => monitorTick(tx, opts.limit ?? 2000));
}

/** Checkpoints passed and not yet alerted; a passed breach silences the same window's warnings. */
export function duePoints(state: SlaState, alerted: Set<string>, now: Date): { post: Checkpoint[]; silent: Checkpoint[] } {
  const passed = state.checkpoints.filter((cp) => cp.at <= now && !alerted.has(checkpointKey(cp)));
  const breached = new Set(passed.filter((cp) => cp.level === 'breach').map((cp) => cp.window));
  const post: Checkpoint[] = [];
  const silent: Checkpoint[] = [];
  for (const cp of passed) (cp.level !== 'breach' && breached.has(cp.window) ? silent : post).push(cp);
  return { post, silent };
}

async function monitorTick(ctx: Ctx, limit: number): Promise<MonitorResult> {
  const now = ctx.clock.now();
  const due = await ctx.db
    .select()
    .from(jobs)
    .where(and(isNotNull(jobs.nextCheckAt), lte(jobs.nextCheckAt, now)))
    .orderBy(jobs.nextCheckAt)
    .limit(limit);
  if (!due.length) return { jobs: 0, alerts: 0, credits: 0 };
  const events = await eventRows(ctx.db, due.map((j) => j.id));
  const versions = new Map<string, ContractVersion>();
  const versionOf = async (j: JobRow) => {
    const k = `${j.contractId}@${j.contractVersion}`;
    let v = versions.get(k);
    if (!v) versions.set(k, (v = await getVersion(ctx.db, j.contractId, j.contractVersion)));
    return v;
  };

  const newAlerts: (typeof alerts.$inferInsert)[] = [];
  const breaches: { job: JobRow; version: ContractVersion; state: SlaState; cp: Checkpoint }[] = [];
  const updates: { id: number; cols: ReturnType<typeof slaColumns> }[] = [];
  for (const job of due) {
    const version = await versionOf(job);
    let state: SlaState;
    try {
      state = slaFromRows(version, job, events.get(job.id) ?? [], now);
    } catch (err) {
      // One broken job must not stop every other job's alerts; it is looked at again in an hour.
      ctx.log.error({ err, job: job.ref }, 'SLA computation failed');
      await ctx.db.update(jobs).set({ nextCheckAt: new Date(now.getTime() + 3_600_000) }).where(eq(jobs.id, job.id));
      continue;
    }
    const alerted = alertedOf(job);
    const { post, silent } = duePoints(state, alerted, now);
    for (const cp of [...post, ...silent]) alerted.add(checkpointKey(cp));
    for (const cp of post) {
      newAlerts.push({ jobId: job.id, window: cp.window, level: cp.level === 'breach' ? 'breach' : `${Math.round(cp.level * 100)}%`, dueAt: cp.at });
      if (cp.level === 'breach') breaches.push({ job, version, state, cp });
    }
    updates.push({ id: job.id, cols: slaColumns(state, alerted, now) });
  }

  const inserted = newAlerts.length
    ? await ctx.db.insert(alerts).values(newAlerts).onConflictDoNothing().returning({ id: alerts.id, jobId: alerts.jobId })
    : [];
  const teamOf = new Map(due.map((j) => [j.id, j.contractId]));
  const contractTeams = new Map<string, string>();
  for (const v of versions.values()) contractTeams.set(v.contractId, v.contract.team);
  await enqueuePosts(
    ctx,
    inserted.map((a) => ({ key: `alert:${a.id}`, teamId: contractTeams.get(teamOf.get(a.jobId)!)!, purpose: 'dispatch' as const, subjectKind: 'alert', subjectId: a.id })),
  );

  let creditCount = 0;
  for (const b of breaches) if (await recordBreachCredit(ctx, b.job, b.version, b.state, b.cp)) creditCount++;

  // One statement for all the row updates: a tick may touch thousands of jobs.
  if (updates.length) {
    const payload = JSON.stringify(
      updates.map((u) => ({
        id: u.id,
        rd: u.cols.responseDueAt?.toISOString() ?? null,
        sd: u.cols.restoreDueAt?.toISOString() ?? null,
        rs: u.cols.responseState,
        ss: u.cols.restoreState,
        rb: u.cols.responseBreached,
        sb: u.cols.restoreBreached,
        nc: u.cols.nextCheckAt?.toISOString() ?? null,
        sla: u.cols.sla,
      })),
    );
    await ctx.db.execute(sql`
      update jobs set
        response_due_at = x.rd, restore_due_at = x.sd, response_state = x.rs, restore_state = x.ss,
        response_breached = x.rb, restore_breached = x.sb, next_check_at = x.nc, sla = x.sla, updated_at = ${now.toISOString()}::timestamptz
      from jsonb_to_recordset(${payload}::jsonb) as x(id int, rd timestamptz, sd timestamptz, rs text, ss text, rb boolean, sb boolean, nc timestamptz, sla jsonb)
      where jobs.id = x.id`);
  }
  return { jobs: due.length, alerts: inserted.length, credits: creditCount };
}

/** A breach records what the contract owes, once per job and window, capped per period. */
async function recordBreachCredit(ctx: Ctx, job: JobRow, version: ContractVersion, state: SlaState, cp: Checkpoint): Promise<boolean> {
  const c = version.contract;
  const w = state.windows[cp.window];
  const site = c.sites.find((s) => s.id === job.siteId);
  const per = c.sla.creditCap?.per ?? 'month';
  const at = w.breachedAt ?? cp.at;
  const period = periodOf(at, per, firstZone(c));
  const [{ total } = { total: 0 }] = await ctx.db
    .select({ total: sql<number>`coalesce(sum(${credits.amount}), 0)::bigint` })
    .from(credits)
    .where(and(eq(credits.contractId, job.contractId), eq(credits.kind, 'sla'), eq(credits.period, period)));
  const owed = creditOwed(c, { window: cp.window, priority: w.breachedUnder?.priority ?? w.priority, tier: site?.tier, alreadyThisPeriod: Number(total) });
  if (!owed) return false;
  const rows = await ctx.db
    .insert(credits)
    .values({
      contractId: job.contractId,
      jobId: job.id,
      kind: 'sla',
      amount: owed.amount,
      period,
      rule: `${owed.rule}, ${c.id} v${version.version}`,
      reason: `${cp.window} breach on ${job.ref} (${w.breachedUnder?.priority ?? w.priority})${owed.capped ? `; capped by creditCap (rule gives ${owed.uncapped})` : ''}`,
      capped: owed.capped,
      key: `sla:${job.id}:${cp.window}`,
      at,
    })
    .onConflictDoNothing()
    .returning({ id: credits.id });
  return rows.length > 0;
}
