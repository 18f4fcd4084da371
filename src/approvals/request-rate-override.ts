/**
 * Ask to bill a code on a job at another unit price than the library's (a negotiated price, a
 * correction). Only finance and managers ask; the contract's `rateOverride` approvers decide
 * (finance when the contract is silent). Billing reads approved overrides when it prices the job.
 * The amount at stake is the per-unit difference, which is what `limit` and `autoApproveUnder`
 * compare against.
 */
import { and, eq, sql } from 'drizzle-orm';
import { approvals } from '../../db/schema.js';
import { requireRole } from '../auth.js';
import type { Ctx } from '../context.js';
import { matchId } from '../contracts/store.js';
import { conflict, invalid, notFound } from '../errors.js';
import type { Money } from '../rules/contract-types.js';
import { formatMoney } from '../rules/units.js';
import { inTransaction } from '../verb.js';
import { loadJob } from '../jobs/job-store.js';
import { versionForWork } from './lookup.js';
import type { RateOverrideRequest } from './model.js';
import { submitRequest, type Submitted } from './submit.js';
import { t } from '../i18n/t.js';

export interface RateOverrideInput {
  job: string | number;
  code: string;
  /** the unit price to bill instead, minor units */
  price: Money;
  reason: string;
}

export async function requestRateOverride(ctx: Ctx, input: RateOverrideInput): Promise<Submitted> {
  const me = requireRole(ctx, ['finance', 'manager'], 'ask-rate-override');
  const reason = input.reason?.trim() ?? '';
  if (!reason) throw invalid(t('errors-approvals.override-why'));
  if (!Number.isInteger(input.price) || input.price < 0) throw invalid(t('errors-approvals.override-price'));
  return inTransaction(ctx, async (tx) => {
    const job = await loadJob(tx.db, input.job, { forUpdate: true });
    const version = await versionForWork(tx, job, job.reportedAt);
    const c = version.contract;
    const rate = matchId(c.rates, (r) => r.code, input.code);
    if (!rate) throw notFound(t('errors-approvals.not-in-library', { code: input.code, contract: c.id }), [t('errors-approvals.codes', { codes: c.rates.map((r) => r.code).join(', ') })]);
    if (rate.price === input.price) throw invalid(t('errors-approvals.same-price', { code: rate.code, price: formatMoney(rate.price, c.currency), unit: rate.unit }));
    const [pending] = await tx.db
      .select({ id: approvals.id })
      .from(approvals)
      .where(and(eq(approvals.jobId, job.id), eq(approvals.kind, 'rateOverride'), eq(approvals.status, 'pending'), sql`lower(${approvals.request}->>'code') = lower(${rate.code})`));
    if (pending) throw conflict(t('errors-approvals.override-pending', { id: String(pending.id), code: rate.code, ref: job.ref }));
    const request: RateOverrideRequest = {
      version: version.version,
      code: rate.code,
      unit: rate.unit,
      listPrice: rate.price,
      unitPrice: input.price,
      description: `${rate.code} at ${formatMoney(input.price, c.currency)} per ${rate.unit} instead of ${formatMoney(rate.price, c.currency)}`,
    };
    return submitRequest(tx, me, { kind: 'rateOverride', version, job, request, amount: Math.abs(rate.price - input.price), reason });
  });
}
