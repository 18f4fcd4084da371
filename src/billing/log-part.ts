/** Record a part fitted on a job. Only SKUs on the contract's price list; the rating prices them. */
import { partUses } from '../../db/schema.js';
import { audit } from '../audit.js';
import { closest } from '../rules/closest.js';
import type { Ctx } from '../context.js';
import { matchId } from '../contracts/store.js';
import { invalid, notFound } from '../errors.js';
import { findJob } from '../jobs/job-store.js';
import { inTransaction } from '../verb.js';
import { checkNotInvoiced, checkSpan, jobSiteZone, workableJob, workerFor } from './entry-checks.js';
import { localDate } from './period.js';
import { mainZone, termsOf, versionAt } from './rating-input.js';

export const MAX_PART_QTY = 1000;

export async function logPart(ctx: Ctx, input: { job: string; sku: string; qty?: number; at?: Date; technician?: string | number }) {
  const qty = input.qty ?? 1;
  if (!Number.isInteger(qty) || qty < 1) throw invalid(`Quantity ${qty} is not a whole number of at least 1 (returned parts are credited by finance, not logged).`);
  if (qty > MAX_PART_QTY) throw invalid(`Quantity ${qty} is more than ${MAX_PART_QTY}; check the number.`);
  return inTransaction(ctx, async (tx) => {
    const job = await findJob(tx.db, input.job);
    workableJob(job);
    const who = await workerFor(tx, job, input.technician);
    const at = input.at ?? tx.clock.now();
    const terms = await termsOf(tx.db, job.contractId);
    const date = localDate(at, mainZone(terms, localDate(at, 'UTC')));
    const v = versionAt(terms, date);
    const zone = jobSiteZone(v.contract, job);
    checkSpan(tx, job, at, null, zone);
    const part = matchId(v.contract.parts, (p) => p.sku, input.sku.trim());
    if (!part) {
      const near = closest(input.sku.trim(), v.contract.parts.map((p) => p.sku));
      throw notFound(`${input.sku} is not on the ${v.contract.id} v${v.version} price list; nothing was recorded.`, [
        near.length ? `Closest SKUs: ${near.join(', ')}` : `SKUs: ${v.contract.parts.map((p) => p.sku).join(', ') || 'none'}`,
        'A part the contract does not list needs an approved out-of-scope quote.',
      ]);
    }
    await checkNotInvoiced(tx.db, job.contractId, date);
    const [row] = await tx.db.insert(partUses).values({ jobId: job.id, personId: who.id, sku: part.sku, qty, at }).returning();
    await audit(tx, 'part.logged', { kind: 'job', id: job.ref }, { partUse: row!.id, sku: part.sku, qty, person: who.id });
    return { use: row!, part, job, person: who, zone, version: v.version, currency: v.contract.currency };
  });
}
