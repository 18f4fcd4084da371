/**
 * Ask for work outside the contract's scope: a library code marked `outOfScope` (priced by the
 * rating engine, the price the invoice would show) or free-text work the library lacks (priced by
 * the requester). Billing's "request approval" button on a refused time entry calls this too.
 */
import { quotedByRequesterRule } from '../rules/rating/line-words.js';
import { and, eq, sql } from 'drizzle-orm';
import { approvals } from '../../db/schema.js';
import { requireRole } from '../auth.js';
import type { Ctx } from '../context.js';
import { matchId } from '../contracts/store.js';
import { conflict, invalid, notFound } from '../errors.js';
import type { Money } from '../rules/contract-types.js';
import { readerMoney } from '../i18n/format.js';
import { unitWord } from '../i18n/unit-word.js';
import { customerVoice } from '../i18n/customer.js';
import { inTransaction } from '../verb.js';
import { loadJob } from '../jobs/job-store.js';
import { requireOpenJob, versionForWork } from './lookup.js';
import type { OutOfScopeRequest } from './model.js';
import { quoteLibraryWork } from './quote.js';
import { submitRequest, type Submitted } from './submit.js';
import { t } from '../i18n/t.js';

export interface OutOfScopeInput {
  /** J-1001, or the job's row id (buttons carry ids) */
  job: string | number;
  /** a library code marked outOfScope */
  code?: string;
  /** in the code's unit: hours for hourly codes */
  quantity?: number;
  /** hourly codes: the same as quantity, in minutes (billing's refused entry knows minutes) */
  minutes?: number;
  /** what the work is; required for free-text work */
  description?: string;
  /** free-text work only: the price quoted, in minor units */
  price?: Money;
  reason?: string;
  /** when the work is planned; the quote is priced for that instant (default now) */
  at?: Date;
}

export async function requestOutOfScope(ctx: Ctx, input: OutOfScopeInput): Promise<Submitted> {
  const me = requireRole(ctx, ['technician', 'dispatcher', 'manager'], 'ask-out-of-scope');
  // The chat grammar makes "why" optional for out-of-scope work (the quote speaks for itself).
  const reason = input.reason?.trim() ?? '';
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now();
    // Locked so two taps on "request approval" cannot both pass the duplicate check below.
    const job = requireOpenJob(await loadJob(tx.db, input.job, { forUpdate: true }), 'more-work');
    const at = input.at ?? now;
    if (Number.isNaN(at.getTime())) throw invalid(t('errors-jobs.bad-time'));
    const version = await versionForWork(tx, job, at);
    const c = version.contract;
    const rate = input.code ? matchId(c.rates, (r) => r.code, input.code) : undefined;
    let request: OutOfScopeRequest;
    let amount: Money;
    if (rate) {
      if (!rate.outOfScope) {
        throw invalid(t('errors-approvals.in-scope', { code: rate.code, name: rate.name, contract: c.id }));
      }
      if (input.price !== undefined) throw invalid(t('errors-approvals.priced-by-contract', { code: rate.code, price: readerMoney(rate.price, c.currency), unit: unitWord(rate.unit) }));
      const quantity = input.quantity ?? (input.minutes !== undefined ? input.minutes / 60 : undefined);
      if (quantity === undefined) throw invalid(t('errors-approvals.how-much', { code: rate.code, unit: unitWord(rate.unit) }));
      const [pending] = await tx.db
        .select({ id: approvals.id, createdAt: approvals.createdAt })
        .from(approvals)
        .where(and(eq(approvals.jobId, job.id), eq(approvals.kind, 'outOfScope'), eq(approvals.status, 'pending'), sql`lower(${approvals.request}->>'code') = lower(${rate.code})`));
      if (pending) throw conflict(t('errors-approvals.oos-pending', { id: String(pending.id), code: rate.code, ref: job.ref }));
      const q = quoteLibraryWork(c, version.version, job.siteId, rate, quantity, at);
      // What the customer reads on the quote, the quote page and the invoice: the contract's language.
      const voice = customerVoice(c.locale);
      const what = rate.unit === 'hour' ? voice.duration(q.minutes ?? 0) : voice.quantity(q.quantity, rate.unit);
      request = {
        version: version.version,
        siteId: job.siteId,
        code: rate.code,
        unit: rate.unit,
        quantity: q.quantity,
        ...(q.minutes !== undefined ? { minutes: q.minutes } : {}),
        description: input.description?.trim() || voice.t('quote-draft.description', { name: rate.name, code: rate.code, what }),
        at: at.toISOString(),
        quotedBy: 'rating',
        lines: q.lines,
      };
      amount = q.amount;
    } else {
      if (input.code && input.price === undefined) {
        const oos = c.rates.filter((r) => r.outOfScope).map((r) => t('errors-approvals.oos-code', { code: r.code, name: r.name, price: readerMoney(r.price, c.currency), unit: unitWord(r.unit) }));
        throw notFound(t('errors-approvals.oos-not-in-library', { code: input.code, contract: c.id, ref: job.ref }), oos.length ? [t('errors-approvals.oos-codes', { contract: c.id, codes: oos.join(', ') })] : []);
      }
      const description = (input.description ?? input.code ?? '').trim();
      if (!description) throw invalid(t('errors-approvals.describe'));
      if (input.price === undefined || !Number.isInteger(input.price) || input.price <= 0) throw invalid(t('errors-approvals.free-price'));
      request = {
        version: version.version,
        siteId: job.siteId,
        description,
        at: at.toISOString(),
        quotedBy: 'requester',
        lines: [{ description, quantity: 1, unit: 'each', unitPrice: input.price, amount: input.price, rule: quotedByRequesterRule(`${c.id} v${version.version}`) }],
      };
      amount = input.price;
    }
    return submitRequest(tx, me, { kind: 'outOfScope', version, job, request, amount, reason });
  });
}
