/**
 * Correct a part use: change its quantity, SKU or date, or delete it, always with a reason, audited
 * with the old and new values. The same checks as logging apply to the new values. A part on an
 * issued invoice keeps that invoice as it is: the difference becomes an adjustment on the next one
 * (corrections.ts).
 */
import { eq } from 'drizzle-orm';
import { partUses } from '../../db/schema.js';
import { audit } from '../audit.js';
import type { Ctx } from '../context.js';
import { matchId } from '../contracts/store.js';
import { localDateAt, termsOf, versionAt } from '../contracts/version-at.js';
import { invalid, notFound, preconditionFailed } from '../errors.js';
import { loadJob } from '../jobs/job-store.js';
import { inTransaction } from '../verb.js';
import { adjustInvoiced, billedNow, correctionReason, invoicesHolding, mayCorrect, reconcileAfterCorrection, type CorrectionSubject } from './corrections.js';
import { checkSpan, jobSiteZone, workableJob } from './entry-checks.js';
import { MAX_PART_QTY } from './log-part.js';
import { t } from '../i18n/index.js';
import { closestHint } from './closest-hint.js';

type PartRow = typeof partUses.$inferSelect;

async function loadPart(tx: Ctx, id: number): Promise<PartRow> {
  const [row] = await tx.db.select().from(partUses).where(eq(partUses.id, id)).for('update');
  if (!row) throw notFound(t('errors-billing.no-part-use', { id: String(id) }));
  if (row.deletedAt) throw preconditionFailed(t('errors-billing.part-use-deleted', { id: String(id), reason: row.deleteReason ?? '—' }));
  return row;
}

const values = (p: PartRow) => ({ sku: p.sku, qty: p.qty, at: p.at.toISOString() });

export async function editPartUse(ctx: Ctx, input: { id: number; qty?: number; sku?: string; at?: Date; reason: string }) {
  const subject: CorrectionSubject = { kind: 'part', id: input.id };
  const reason = correctionReason(input.reason, subject);
  if (input.qty === undefined && input.sku === undefined && input.at === undefined) throw invalid(t('errors-billing.part-nothing', { id: String(input.id) }));
  if (input.qty !== undefined && (!Number.isInteger(input.qty) || input.qty < 1)) throw invalid(t('errors-billing.qty-whole-delete', { qty: String(input.qty) }));
  if (input.qty !== undefined && input.qty > MAX_PART_QTY) throw invalid(t('errors-billing.qty-max', { qty: String(input.qty), max: String(MAX_PART_QTY) }));
  return inTransaction(ctx, async (tx) => {
    const old = await loadPart(tx, input.id);
    const job = await loadJob(tx.db, old.jobId, { forUpdate: true });
    workableJob(job);
    const terms = await termsOf(tx.db, job.contractId);
    const at = input.at ?? old.at;
    const invoiced = await invoicesHolding(tx.db, job.contractId, [...new Set([localDateAt(terms, old.at), localDateAt(terms, at)])]);
    mayCorrect(tx, old.personId, subject, invoiced);
    const v = versionAt(terms, localDateAt(terms, at));
    const zone = jobSiteZone(v.contract, job);
    checkSpan(tx, job, at, null, zone);
    const typed = input.sku?.trim() ?? old.sku;
    const part = matchId(v.contract.parts, (p) => p.sku, typed);
    if (!part) {
      throw invalid(t('errors-billing.sku-unknown-changed', { sku: typed, contract: v.contract.id, version: String(v.version) }), [closestHint('sku', typed, v.contract.parts.map((p) => p.sku))]);
    }
    const before = await billedNow(tx.db, terms, invoiced);
    const [use] = await tx.db.update(partUses).set({ sku: part.sku, qty: input.qty ?? old.qty, at }).where(eq(partUses.id, old.id)).returning();
    const adjustments = await adjustInvoiced(tx, { terms, job, subject, before, reason, currency: v.contract.currency });
    await audit(tx, 'part.corrected', { kind: 'job', id: job.ref }, { partUse: old.id, reason, old: values(old), new: values(use!), adjustments: adjustments.map((a) => a.id) });
    await reconcileAfterCorrection(tx, job);
    return { use: use!, old, job, zone, reason, adjustments, currency: v.contract.currency };
  });
}

export async function deletePartUse(ctx: Ctx, input: { id: number; reason: string }) {
  const subject: CorrectionSubject = { kind: 'part', id: input.id };
  const reason = correctionReason(input.reason, subject);
  return inTransaction(ctx, async (tx) => {
    const old = await loadPart(tx, input.id);
    const job = await loadJob(tx.db, old.jobId, { forUpdate: true });
    const terms = await termsOf(tx.db, job.contractId);
    const invoiced = await invoicesHolding(tx.db, job.contractId, [localDateAt(terms, old.at)]);
    mayCorrect(tx, old.personId, subject, invoiced);
    const v = versionAt(terms, localDateAt(terms, old.at));
    const before = await billedNow(tx.db, terms, invoiced);
    await tx.db.update(partUses).set({ deletedAt: tx.clock.now(), deletedBy: tx.actor.person?.id ?? null, deleteReason: reason }).where(eq(partUses.id, old.id));
    const adjustments = await adjustInvoiced(tx, { terms, job, subject, before, reason, currency: v.contract.currency });
    await audit(tx, 'part.deleted', { kind: 'job', id: job.ref }, { partUse: old.id, reason, old: values(old), adjustments: adjustments.map((a) => a.id) });
    await reconcileAfterCorrection(tx, job);
    return { old, job, zone: jobSiteZone(v.contract, job), reason, adjustments, currency: v.contract.currency };
  });
}
