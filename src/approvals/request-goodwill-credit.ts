/**
 * Ask for a goodwill credit on a job or a contract: an amount, or a duration valued at the
 * contract's labour rate (its first billable hourly code, at base price). Approved, it becomes a
 * `credits` row (kind goodwill) that reaches the next invoice as a negative line.
 */
import { requireRole } from '../auth.js';
import type { Ctx } from '../context.js';
import { invalid } from '../errors.js';
import type { Money } from '../rules/contract-types.js';
import { formatDuration, formatMoney } from '../rules/units.js';
import { inTransaction } from '../verb.js';
import { findTarget, versionForWork, versionToday } from './lookup.js';
import type { GoodwillRequest } from './model.js';
import { labourRate, valueDuration } from './quote.js';
import { submitRequest, type Submitted } from './submit.js';
import { t } from '../i18n/t.js';

export interface GoodwillInput {
  /** J-1001 or a contract id */
  target: string;
  /** minor units; or `minutes` */
  amount?: Money;
  minutes?: number;
  reason: string;
}

export async function requestGoodwillCredit(ctx: Ctx, input: GoodwillInput): Promise<Submitted> {
  const me = requireRole(ctx, ['technician', 'dispatcher', 'manager', 'finance'], 'ask-goodwill-credit');
  const reason = input.reason?.trim() ?? '';
  if (!reason) throw invalid(t('errors-approvals.credit-why'));
  if ((input.amount === undefined) === (input.minutes === undefined)) throw invalid(t('errors-approvals.credit-either'));
  return inTransaction(ctx, async (tx) => {
    const target = await findTarget(tx, input.target);
    const version = target.job ? await versionForWork(tx, target.job, tx.clock.now()) : await versionToday(tx, target.contractId);
    const c = version.contract;
    let amount: Money;
    let request: GoodwillRequest;
    if (input.minutes !== undefined) {
      if (!Number.isInteger(input.minutes) || input.minutes <= 0) throw invalid(t('errors-approvals.credit-duration'));
      const rate = labourRate(c);
      if (!rate) throw invalid(t('errors-approvals.credit-no-hourly', { contract: c.id }));
      amount = valueDuration(rate, input.minutes);
      request = {
        version: version.version,
        minutes: input.minutes,
        hourlyCode: rate.code,
        hourlyPrice: rate.price,
        description: `${formatDuration(input.minutes)} at ${rate.code} ${formatMoney(rate.price, c.currency)}/h`,
      };
    } else {
      amount = input.amount!;
      request = { version: version.version, description: `${formatMoney(amount, c.currency)}` };
    }
    if (!Number.isInteger(amount) || amount <= 0) throw invalid(t('errors-approvals.credit-positive'));
    return submitRequest(tx, me, { kind: 'goodwill', version, job: target.job, request, amount, reason });
  });
}
