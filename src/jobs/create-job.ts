import { eq } from 'drizzle-orm';
import { jobEvents, jobs } from '../../db/schema.js';
import { audit } from '../audit.js';
import { requireRole } from '../auth.js';
import type { Ctx } from '../context.js';
import { findContract, matchId } from '../contracts/store.js';
import { localDateAt, termsOf, versionAt, zoneAt } from '../contracts/version-at.js';
import { invalid, notFound } from '../errors.js';
import { PRIORITIES, type Priority } from '../rules/contract-types.js';
import { slaWindowFor } from '../rules/sla.js';
import { inTransaction } from '../verb.js';
import { eventTime } from './event-time.js';
import { jobRef, refreshSla } from './job-store.js';
import { afterJobChange } from './hooks.js';
import { t } from '../i18n/t.js';
import { readerDate } from '../i18n/format.js';

export interface CreateJobInput {
  contract: string;
  site: string;
  priority: string;
  summary: string;
  /** when it was reported (offline records); default now */
  at?: Date;
  taskCode?: string;
  recurrenceKey?: string;
}

export async function createJob(ctx: Ctx, input: CreateJobInput) {
  if (ctx.actor.via !== 'scheduler') requireRole(ctx, ['dispatcher', 'manager', 'technician'], 'create-jobs');
  const priority = input.priority.toUpperCase() as Priority;
  if (!PRIORITIES.includes(priority)) throw invalid(t('errors-jobs.bad-priority', { typed: input.priority, priorities: PRIORITIES.join(', ') }));
  const summary = input.summary.trim();
  if (!summary) throw invalid(t('errors-jobs.summary-missing'));
  if (summary.length > 500) throw invalid(t('errors-jobs.summary-long'));
  return inTransaction(ctx, async (tx) => {
    const c = await findContract(tx.db, input.contract);
    const terms = await termsOf(tx.db, c.id);
    const typedSite = input.site.trim();
    const reportedAt = eventTime(tx, input.at, new Date(0), zoneAt(terms, input.at ?? tx.clock.now(), typedSite));
    // The job's SLA is the one in force at the site when it was reported, not a later amendment.
    const v = versionAt(terms, reportedAt, typedSite);
    const site = matchId(v.contract.sites, (s) => s.id, typedSite);
    if (!site) {
      const later = terms.versions.find((x) => matchId(x.contract.sites, (s) => s.id, typedSite));
      const why = later
        ? t('errors-jobs.site-later', { site: input.site, contract: c.id, later: String(later.version), from: readerDate(later.effectiveFrom), day: readerDate(localDateAt(terms, reportedAt, typedSite)), version: String(v.version) })
        : t('errors-jobs.no-site', { contract: c.id, site: input.site });
      throw notFound(why, [t('errors-jobs.sites', { sites: v.contract.sites.map((s) => s.id).join(', ') })]);
    }
    slaWindowFor(v.contract, site.id, priority); // refuses a priority the contract has no SLA for
    const taskCode = input.taskCode ? matchId(v.contract.rates, (r) => r.code, input.taskCode)?.code : undefined;
    if (input.taskCode && !taskCode) throw invalid(t('errors-jobs.no-task-code', { contract: c.id, code: input.taskCode }));
    const [row] = await tx.db
      .insert(jobs)
      .values({
        ref: `pending-${Math.random()}`,
        contractId: c.id,
        contractVersion: v.version,
        siteId: site.id,
        priority,
        status: 'open',
        summary,
        taskCode: taskCode ?? null,
        reportedAt,
        createdBy: tx.actor.person?.id ?? null,
        responseState: 'running',
        restoreState: 'running',
        sla: { alerted: [] },
        recurrenceKey: input.recurrenceKey ?? null,
      })
      .returning();
    const ref = jobRef(row!.id);
    await tx.db.update(jobs).set({ ref }).where(eq(jobs.id, row!.id));
    const job = { ...row!, ref };
    await tx.db.insert(jobEvents).values({ jobId: job.id, at: reportedAt, kind: 'created', toValue: 'open', reason: summary, actorId: tx.actor.person?.id ?? null, actorLabel: tx.actor.label });
    const sla = await refreshSla(tx, job);
    await audit(tx, 'job.created', { kind: 'job', id: ref }, { contract: c.id, version: v.version, site: site.id, priority });
    await afterJobChange(tx, job, 'created');
    return { job, ref, sla };
  });
}
