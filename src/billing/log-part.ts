/** Record a part fitted on a job. Only SKUs on the contract's price list; the rating prices them. */
import { partUses } from '../../db/schema.js';
import { audit } from '../audit.js';
import type { Ctx } from '../context.js';
import { matchId } from '../contracts/store.js';
import { invalid, notFound } from '../errors.js';
import { findJob } from '../jobs/job-store.js';
import { inTransaction } from '../verb.js';
import { checkNotInvoiced, checkSpan, jobSiteZone, workableJob, workerFor } from './entry-checks.js';
import { localDateAt, termsOf, versionAt } from '../contracts/version-at.js';
import { t } from '../i18n/index.js';
import { closestHint } from './closest-hint.js';

export const MAX_PART_QTY = 1000;

export async function logPart(ctx: Ctx, input: { job: string; sku: string; qty?: number; at?: Date; technician?: string | number }) {
  const qty = input.qty ?? 1;
  if (!Number.isInteger(qty) || qty < 1) throw invalid(t('errors-billing.qty-whole-log', { qty: String(qty) }));
  if (qty > MAX_PART_QTY) throw invalid(t('errors-billing.qty-max', { qty: String(qty), max: String(MAX_PART_QTY) }));
  return inTransaction(ctx, async (tx) => {
    const job = await findJob(tx.db, input.job);
    workableJob(job);
    const who = await workerFor(tx, job, input.technician);
    const at = input.at ?? tx.clock.now();
    const terms = await termsOf(tx.db, job.contractId);
    const date = localDateAt(terms, at);
    const v = versionAt(terms, date);
    const zone = jobSiteZone(v.contract, job);
    checkSpan(tx, job, at, null, zone);
    const part = matchId(v.contract.parts, (p) => p.sku, input.sku.trim());
    if (!part) {
      throw notFound(t('errors-billing.sku-unknown-recorded', { sku: input.sku, contract: v.contract.id, version: String(v.version) }), [
        closestHint('sku', input.sku.trim(), v.contract.parts.map((p) => p.sku)),
        t('errors-billing.part-needs-quote'),
      ]);
    }
    await checkNotInvoiced(tx.db, job.contractId, date);
    const [row] = await tx.db.insert(partUses).values({ jobId: job.id, personId: who.id, sku: part.sku, qty, at }).returning();
    await audit(tx, 'part.logged', { kind: 'job', id: job.ref }, { partUse: row!.id, sku: part.sku, qty, person: who.id });
    return { use: row!, part, job, person: who, zone, version: v.version, currency: v.contract.currency };
  });
}
