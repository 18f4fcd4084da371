/** Finding what a request is about: a job (by ref or id) or a contract, and the version that prices it. */
import { sql } from 'drizzle-orm';
import { contracts } from '../../db/schema.js';
import type { Ctx } from '../context.js';
import { findContract, type ContractVersion } from '../contracts/store.js';
import { governingVersion } from '../contracts/version-at.js';
import { notFound, preconditionFailed } from '../errors.js';
import { findJob, type JobRow } from '../jobs/job-store.js';
import { isDone, statusWord } from '../jobs/status-rules.js';
import { t } from '../i18n/t.js';

export function requireOpenJob(job: JobRow, doing: 'permit' | 'more-work'): JobRow {
  if (isDone(job.status)) throw preconditionFailed(t('errors-approvals.open-job', { ref: job.ref, status: statusWord(job.status), doing }));
  return job;
}

/** Work is priced by the version in force on the local day it is done (docs/contract-format.md "Versions and amendments"). */
export async function versionForWork(ctx: Ctx, job: JobRow, at: Date): Promise<ContractVersion> {
  return governingVersion(ctx.db, job.contractId, at);
}

export type Target = { job: JobRow; contractId: string } | { job?: undefined; contractId: string };

/** "J-1001" is a job; anything else is read as a contract id. */
export async function findTarget(ctx: Ctx, typed: string): Promise<Target> {
  const t = typed.trim();
  if (/^j-?\d+$/i.test(t) || /^\d+$/.test(t)) {
    const job = await findJob(ctx.db, t);
    return { job, contractId: job.contractId };
  }
  const row = await findContract(ctx.db, t);
  return { contractId: row.id };
}

/** The version of a contract in force today (credits against a contract rather than a job). */
export async function versionToday(ctx: Ctx, contractId: string): Promise<ContractVersion> {
  const [row] = await ctx.db.select().from(contracts).where(sql`lower(${contracts.id}) = lower(${contractId})`);
  if (!row) throw notFound(t('errors-contracts.no-contract', { id: contractId }));
  return governingVersion(ctx.db, row.id, ctx.clock.now());
}
