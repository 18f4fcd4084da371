/**
 * The technicians a dispatcher may give a job to: the job's team, ranked by the rule in
 * src/rules/technician-offer.ts (skills held and valid, then on shift or on call, then load).
 */
import { and, inArray, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { DbOrTx } from '../../db/client.js';
import { jobs, people, teams } from '../../db/schema.js';
import type { JobRow } from '../jobs/job-store.js';
import { OPEN_STATUSES } from '../jobs/status-rules.js';
import type { Contract } from '../rules/contract-types.js';
import { jobSkills, rankOffers, type Candidate, type HeldSkill, type Offer } from '../rules/technician-offer.js';

type PersonRow = typeof people.$inferSelect;

export function heldSkills(r: Pick<PersonRow, 'skills'>): HeldSkill[] {
  return Array.isArray(r.skills) ? (r.skills as HeldSkill[]) : [];
}

/** The team's zone, the fallback for people whose own zone is not set. */
export async function teamZone(db: DbOrTx, teamId: string): Promise<string> {
  const [t] = await db.select({ zone: teams.zone }).from(teams).where(sql`${teams.id} = ${teamId}`);
  return t?.zone ?? 'UTC';
}

export function candidateOf(r: PersonRow, fallbackZone: string, openJobs: number): Candidate {
  return { id: r.id, name: r.name, zone: r.zone ?? fallbackZone, skills: heldSkills(r), hours: r.hours, onCall: r.onCall, openJobs };
}

/** Open jobs per person, for load. */
export async function openJobCounts(db: DbOrTx, ids: number[]): Promise<Map<number, number>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: jobs.assigneeId, n: sql<number>`count(*)::int` })
    .from(jobs)
    .where(and(inArray(jobs.assigneeId, ids), inArray(jobs.status, OPEN_STATUSES)))
    .groupBy(jobs.assigneeId);
  return new Map(rows.map((r) => [r.id!, r.n]));
}

/** The active technicians of a team. */
export async function teamTechnicians(db: DbOrTx, teamId: string): Promise<PersonRow[]> {
  return db
    .select()
    .from(people)
    .where(sql`'technician' = any(${people.roles}) and ${teamId} = any(${people.teams}) and ${people.active}`)
    .orderBy(people.name);
}

/**
 * Everyone of the job's team, ranked, with the reason; `offered` is false for those lacking a
 * required skill (shown, never offered). Certifications are judged on the site's local date.
 */
export async function technicianOffers(db: DbOrTx, job: Pick<JobRow, 'taskCode'>, contract: Contract, siteZone: string, now: Date): Promise<Offer[]> {
  const techs = await teamTechnicians(db, contract.team);
  const zone = await teamZone(db, contract.team);
  const load = await openJobCounts(
    db,
    techs.map((t) => t.id),
  );
  const today = DateTime.fromJSDate(now, { zone: siteZone }).toISODate()!;
  return rankOffers(
    jobSkills(contract, job.taskCode),
    techs.map((t) => candidateOf(t, zone, load.get(t.id) ?? 0)),
    now,
    today,
  );
}
