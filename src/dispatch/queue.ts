/**
 * `/queue`: the open jobs of the dispatcher's teams, soonest breach first, with what the
 * dispatcher needs to act: priority, site and its local time, assignee, status, the window that
 * breaches first and the time left on it, the next alert, and for the jobs on top the technicians
 * to offer. Read-only.
 */
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { contracts, jobs, people, sites, teams } from '../../db/schema.js';
import { requireRole } from '../auth.js';
import type { Ctx } from '../context.js';
import { getVersion } from '../contracts/store.js';
import { invalid, notFound } from '../errors.js';
import { checkpointKey, storedSla, type JobRow } from '../jobs/job-store.js';
import { OPEN_STATUSES } from '../jobs/status-rules.js';
import { findPeople, personById } from '../people/person.js';
import { closest } from '../rules/closest.js';
import type { WindowName } from '../rules/contract-types.js';
import { compareRisk, jobRisk, type Risk } from '../rules/queue-risk.js';
import type { Offer } from '../rules/technician-offer.js';
import { technicianOffers } from './offers.js';
import { t } from '../i18n/t.js';

export interface QueueItem {
  job: JobRow;
  siteName: string;
  siteZone: string;
  assignee: string | null;
  risk: Risk;
  /** the next breach-risk or breach alert not sent yet */
  nextAlert: { at: Date; window: WindowName; level: string } | null;
  /** ranked technicians, for the jobs on top of the queue only */
  offers?: Offer[];
}

export interface Queue {
  teams: string[];
  items: QueueItem[];
  /** open jobs matching, before the limit */
  total: number;
  /** the filters asked for: `assignee` is the person's name, `assigneeId` their id (buttons carry it) */
  filters: { site?: string; assignee?: string; assigneeId?: number };
}

export interface QueueFilter {
  /** team ids; empty: every team */
  teams: string[];
  site?: string;
  assigneeId?: number;
  limit?: number;
  /** how many jobs on top get their technicians ranked */
  offersFor?: number;
}

/** Most open jobs ranked in one queue; the rest are counted. */
const MAX_RANKED = 2000;

function nextAlert(job: JobRow, now: Date): QueueItem['nextAlert'] {
  const s = storedSla(job);
  const alerted = new Set(s.alerted ?? []);
  const next = (s.checkpoints ?? [])
    .map((c) => ({ at: new Date(c.at), window: c.w, level: c.l === 'breach' ? 'breach' : `${Math.round(c.l * 100)}%`, key: checkpointKey({ window: c.w, level: c.l }) }))
    .filter((c) => !alerted.has(c.key) && c.at.getTime() >= now.getTime())
    .sort((a, b) => a.at.getTime() - b.at.getTime())[0];
  return next ? { at: next.at, window: next.window, level: next.level } : null;
}

/** The queue itself, for chat and the API alike (the caller checks who may read it). */
export async function loadQueue(db: DbOrTx, f: QueueFilter, now: Date): Promise<Omit<Queue, 'filters'>> {
  const where: SQL[] = [inArray(jobs.status, OPEN_STATUSES)];
  if (f.teams.length) where.push(inArray(contracts.team, f.teams));
  if (f.site) where.push(sql`lower(${jobs.siteId}) = lower(${f.site})`);
  if (f.assigneeId) where.push(eq(jobs.assigneeId, f.assigneeId));
  const rows = await db
    .select({ job: jobs, siteName: sites.name, siteZone: sites.zone, assignee: people.name })
    .from(jobs)
    .innerJoin(contracts, eq(contracts.id, jobs.contractId))
    .leftJoin(sites, and(eq(sites.contractId, jobs.contractId), eq(sites.id, jobs.siteId)))
    .leftJoin(people, eq(people.id, jobs.assigneeId))
    .where(and(...where))
    .orderBy(sql`least(${jobs.responseDueAt}, ${jobs.restoreDueAt}) asc nulls last`)
    .limit(MAX_RANKED);
  const items: QueueItem[] = rows.map((r) => ({
    job: r.job,
    siteName: r.siteName ?? r.job.siteId,
    siteZone: r.siteZone ?? 'UTC',
    assignee: r.assignee,
    risk: jobRisk(r.job, now),
    nextAlert: nextAlert(r.job, now),
  }));
  items.sort((a, b) => compareRisk(a.risk, b.risk) || a.job.id - b.job.id);
  const top = items.slice(0, Math.min(f.limit ?? 15, 100));
  for (const it of top.slice(0, f.offersFor ?? 0)) {
    const v = await getVersion(db, it.job.contractId, it.job.contractVersion);
    it.offers = await technicianOffers(db, it.job, v.contract, it.siteZone, now);
  }
  return { teams: f.teams, items: top, total: items.length };
}

/** Team ids as typed (case-insensitive), refused with the closest ones when unknown. */
export async function resolveTeams(db: DbOrTx, typed: string[]): Promise<string[]> {
  const all = (await db.select({ id: teams.id }).from(teams)).map((row) => row.id);
  return typed.map((team) => {
    const hit = all.find((x) => x.toLowerCase() === team.toLowerCase());
    if (hit) return hit;
    const near = closest(team, all);
    throw notFound(t('errors-teams.no-team-quoted', { team, near: near.length ? near.join(', ') : 'none', all: all.join(', ') }));
  });
}

export interface QueueInput {
  team?: string;
  site?: string;
  /** a name, handle or chat mention; "me" for oneself; or a person id (a queue button's filter) */
  assignee?: string | number;
  limit?: number;
}

/** The dispatcher's queue: their own teams unless one is named (everyone's when they have none). */
export async function dispatchQueue(ctx: Ctx, input: QueueInput = {}): Promise<Queue> {
  const me = requireRole(ctx, ['dispatcher', 'manager'], 'see-dispatch-queue');
  const teamIds = input.team ? await resolveTeams(ctx.db, [input.team]) : me.teams;
  let assigneeId: number | undefined;
  let assignee: string | undefined;
  if (input.assignee !== undefined) {
    const byId = typeof input.assignee === 'number' ? await personById(ctx.db, input.assignee) : undefined;
    const found = typeof input.assignee === 'number' ? (byId ? [byId] : []) : input.assignee.toLowerCase() === 'me' ? [me] : await findPeople(ctx.db, input.assignee);
    if (!found.length) throw notFound(t('errors-jobs.nobody', { who: input.assignee }));
    if (found.length > 1) throw invalid(t('errors-jobs.ambiguous', { who: input.assignee, names: found.map((p) => p.name).join(', ') }));
    assigneeId = found[0]!.id;
    assignee = found[0]!.name;
  }
  const q = await loadQueue(ctx.db, { teams: teamIds, site: input.site, assigneeId, limit: input.limit, offersFor: 3 }, ctx.clock.now());
  return { ...q, filters: { ...(input.site ? { site: input.site.toUpperCase() } : {}), ...(assignee ? { assignee, assigneeId } : {}) } };
}
