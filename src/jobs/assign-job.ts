import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { jobEvents, jobs, people } from '../../db/schema.js';
import { audit } from '../audit.js';
import { requireRole } from '../auth.js';
import type { Ctx, Person } from '../context.js';
import { invalid, notFound, preconditionFailed } from '../errors.js';
import { getVersion } from '../contracts/store.js';
import { heldSkills, technicianOffers } from '../dispatch/offers.js';
import { offerAside, skillText } from '../dispatch/offer-text.js';
import { t } from '../i18n/t.js';
import { findPeople, nobodyMatches, personById } from '../people/person.js';
import { inTransaction } from '../verb.js';
import { eventTime } from './event-time.js';
import { afterJobChange } from './hooks.js';
import { findJob, refreshSla } from './job-store.js';
import { lastEventAt } from './last-event.js';
import { jobZone } from './site-zone.js';
import { isDone } from './status-rules.js';
import type { JobRow } from './job-store.js';
import { jobSkills, skillWords } from '../rules/technician-offer.js';
import type { DbOrTx } from '../../db/client.js';
import { statusWord } from './status-rules.js';

export async function resolveTechnician(ctx: Ctx, who: string | number): Promise<Person> {
  const byId = typeof who === 'number' ? await personById(ctx.db, who) : undefined;
  const found = typeof who === 'number' ? (byId ? [byId] : []) : await findPeople(ctx.db, who);
  const techs = found.filter((p) => p.roles.includes('technician'));
  if (!found.length) throw notFound(typeof who === 'number' ? t('errors-jobs.nobody', { who: String(who) }) : nobodyMatches(who));
  if (!techs.length) throw invalid(t('errors-jobs.not-technician', { n: found.length, names: found.map((p) => p.name).join(', ') }));
  if (techs.length > 1) throw invalid(t('errors-jobs.ambiguous', { who: String(who), names: techs.map((p) => p.name).join(', ') }));
  return techs[0]!;
}

/**
 * Refuse a technician lacking a certification the job's contract asks for its task code (missing,
 * or expired on the site's local date of the assignment), naming the skills, the reason and who is
 * offered instead, as the queue and Reassign would rank them.
 */
async function checkSkills(db: DbOrTx, job: JobRow, tech: Person, zone: string, at: Date, now: Date): Promise<void> {
  const v = await getVersion(db, job.contractId, job.contractVersion);
  const required = jobSkills(v.contract, job.taskCode);
  if (!required.length) return;
  const [row] = await db.select({ skills: people.skills }).from(people).where(eq(people.id, tech.id));
  const today = DateTime.fromJSDate(at, { zone }).toISODate()!;
  const { words, lacking } = skillWords(required, heldSkills({ skills: row?.skills ?? [] }), today);
  if (!lacking.length) return;
  const others = (await technicianOffers(db, job, v.contract, zone, now)).filter((o) => o.offered && o.id !== tech.id);
  throw invalid(
    t('dispatch.assign.lacks-skills', {
      name: tech.name,
      job: job.ref,
      contract: v.contract.id,
      skills: lacking.join(', '),
      why: words.map(skillText).join(t('offer.sep')),
      offered: others.length ? 'yes' : 'no',
      others: others.slice(0, 3).map((o) => offerAside(o)).join(t('common.list-sep')),
    }),
  );
}

/**
 * Assign a technician; an open job moves to assigned. A technician without the certifications the
 * contract asks for the job is refused (checkSkills).
 */
export async function assignJob(ctx: Ctx, input: { job: string; technician: string | number; at?: Date; reason?: string }) {
  const me = requireRole(ctx, ['dispatcher', 'manager'], 'assign-jobs');
  return inTransaction(ctx, async (tx) => {
    const job = await findJob(tx.db, input.job, { forUpdate: true });
    if (isDone(job.status)) throw preconditionFailed(t('errors-jobs.assign-done', { ref: job.ref, status: statusWord(job.status) }));
    const tech = await resolveTechnician(tx, input.technician);
    if (job.assigneeId === tech.id) throw preconditionFailed(t('errors-jobs.already-assigned', { ref: job.ref, name: tech.name }));
    const zone = await jobZone(tx.db, job);
    const at = eventTime(tx, input.at, await lastEventAt(tx.db, job.id), zone);
    await checkSkills(tx.db, job, tech, zone, at, tx.clock.now());
    await tx.db.insert(jobEvents).values({ jobId: job.id, at, kind: 'assign', fromValue: job.assigneeId ? String(job.assigneeId) : null, toValue: String(tech.id), reason: input.reason ?? null, actorId: me.id, actorLabel: tx.actor.label });
    const status = job.status === 'open' || job.status === 'reopened' ? 'assigned' : job.status;
    if (status !== job.status) {
      await tx.db.insert(jobEvents).values({ jobId: job.id, at, kind: 'status', fromValue: job.status, toValue: status, actorId: me.id, actorLabel: tx.actor.label });
    }
    await tx.db.update(jobs).set({ assigneeId: tech.id, status }).where(eq(jobs.id, job.id));
    const updated = { ...job, assigneeId: tech.id, status };
    const sla = await refreshSla(tx, updated);
    await audit(tx, 'job.assigned', { kind: 'job', id: job.ref }, { technician: tech.id, name: tech.name });
    await afterJobChange(tx, updated, 'assigned', { technician: tech.id });
    return { job: updated, technician: tech, sla };
  });
}
