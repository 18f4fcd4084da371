/**
 * What every correction of recorded work shares (editing or deleting a time entry or a part use):
 * who may make it, the reason it needs, and what it does to invoices already issued. An issued
 * invoice never changes: the difference the correction makes to what that invoice's period bills
 * (re-rated before and after, in the correction's transaction) becomes an adjustment that the next
 * invoice carries as a line. Every later issued period is re-rated the same way, since each started
 * from the banks and visit counts the one before it left. What the correction moves of the prepaid
 * banks and site visit counts each invoice froze is kept with its adjustment, so the next invoice
 * starts from the banks and counts the corrected facts give. Afterwards the job's SLA is recomputed
 * and reconciled.
 */
import { and, eq, gte, lte, or } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { invoices, workAdjustments } from '../../db/schema.js';
import { hasRole } from '../auth.js';
import type { Ctx, Person } from '../context.js';
import { documentLocale, type ContractTerms } from '../contracts/version-at.js';
import { forbidden, invalid } from '../errors.js';
import { refreshSla, type JobRow } from '../jobs/job-store.js';
import { ratePeriod, usageMoved, type Usage } from './rating-input.js';
import { t } from '../i18n/index.js';
import { customerVoice } from '../i18n/customer.js';

export const MAX_REASON_LENGTH = 500;

export type CorrectionSubject = { kind: 'time' | 'part'; id: number };

/** "T12" or "P3", as invoice lines name their sources. */
export function subjectLabel(s: CorrectionSubject): string {
  return `${s.kind === 'part' ? 'P' : 'T'}${s.id}`;
}

/** "T12", "t12" or "12" as a time entry id; "P3" or "3" as a part use id. */
export function parseRecordId(text: string, letter: 'T' | 'P'): number | undefined {
  const m = new RegExp(`^${letter}?(\\d{1,9})$`, 'i').exec(text.trim());
  return m ? Number(m[1]) : undefined;
}

/** A correction always says why: trimmed, not empty, at most 500 characters. */
export function correctionReason(reason: string | undefined, s: CorrectionSubject): string {
  const r = reason?.trim() ?? '';
  if (!r) throw invalid(t('errors-billing.correction-reason', { record: subjectLabel(s) }));
  if (r.length > MAX_REASON_LENGTH) throw invalid(t('errors-billing.reason-long', { max: String(MAX_REASON_LENGTH) }));
  return r;
}

export interface IssuedInvoice {
  id: number;
  number: string;
  from: string;
  to: string;
}

/** The issued invoices whose period holds any of these local dates (main zone), oldest first. */
export async function invoicesHolding(db: DbOrTx, contractId: string, dates: readonly string[]): Promise<IssuedInvoice[]> {
  const rows = await db
    .select({ id: invoices.id, number: invoices.number, from: invoices.periodFrom, to: invoices.periodTo })
    .from(invoices)
    .where(and(eq(invoices.contractId, contractId), eq(invoices.kind, 'invoice'), or(...dates.map((d) => and(lte(invoices.periodFrom, d), gte(invoices.periodTo, d))))));
  return rows.sort((a, b) => (a.from < b.from ? -1 : 1));
}

/**
 * The technician who recorded the work may correct it until it is invoiced; dispatchers and
 * finance may correct anything, at any time. Everyone else is refused.
 */
export function mayCorrect(ctx: Ctx, ownerId: number | null, s: CorrectionSubject, invoiced: readonly IssuedInvoice[]): Person {
  const me = ctx.actor.person;
  if (me && hasRole(me, ['dispatcher', 'finance'])) return me;
  if (me && hasRole(me, ['technician']) && ownerId === me.id) {
    if (invoiced.length === 0) return me;
    throw forbidden(t('errors-billing.correction-invoiced', { record: subjectLabel(s), numbers: invoiced.map((i) => i.number).join(', ') }));
  }
  throw forbidden(t('errors-billing.correction-who', { record: subjectLabel(s), roles: me?.roles.join(', ') || 'none' }));
}

/** What an issued period bills and uses of the banks and visit counts when rated now. */
export interface Billed {
  billable: number;
  usage: Usage;
}

/** An issued period a correction re-rates, with what it bills before the correction is written. */
export interface Rerated {
  invoice: IssuedInvoice;
  before: Billed;
}

async function billedFor(db: DbOrTx, terms: ContractTerms, inv: IssuedInvoice): Promise<Billed> {
  const { result } = await ratePeriod(db, terms, inv);
  return { billable: result.totals.billable, usage: result.usage };
}

/**
 * The issued invoices a correction re-rates, oldest first: from the first one holding the corrected
 * work to the last one issued, since each later period started from the banks and visit counts
 * of the one before it.
 */
async function issuedFrom(db: DbOrTx, contractId: string, first: IssuedInvoice): Promise<IssuedInvoice[]> {
  const rows = await db
    .select({ id: invoices.id, number: invoices.number, from: invoices.periodFrom, to: invoices.periodTo })
    .from(invoices)
    .where(and(eq(invoices.contractId, contractId), eq(invoices.kind, 'invoice'), gte(invoices.periodFrom, first.from)));
  return rows.sort((a, b) => (a.from < b.from ? -1 : 1));
}

/** What each issued period from the first of `invoiced` on bills now, before the correction is written. */
export async function billedNow(db: DbOrTx, terms: ContractTerms, invoiced: readonly IssuedInvoice[]): Promise<Rerated[]> {
  if (invoiced.length === 0) return [];
  const out: Rerated[] = [];
  for (const invoice of await issuedFrom(db, terms.contractId, invoiced[0]!)) out.push({ invoice, before: await billedFor(db, terms, invoice) });
  return out;
}

export interface AdjustmentMade {
  id: number;
  invoice: string;
  amount: number;
}

/**
 * After the correction is written: each issued period is rated again, oldest first, and a
 * difference from what it billed before is an adjustment for the next invoice (positive charges,
 * negative refunds). A difference in the prepaid minutes or site visits used by the period's end
 * is kept on the adjustment (one of amount 0 when only usage moved): the next period starts from
 * it, so a later issued period is rated from the corrected banks and counts.
 */
export async function adjustInvoiced(
  tx: Ctx,
  input: { terms: ContractTerms; job: JobRow; subject: CorrectionSubject; before: readonly Rerated[]; reason: string; currency: string },
): Promise<AdjustmentMade[]> {
  const out: AdjustmentMade[] = [];
  const first = input.before[0]?.invoice;
  // The adjustment is the next invoice's line: written in the words of the contract's documents.
  const voice = customerVoice(documentLocale(input.terms));
  for (const { invoice: inv, before } of input.before) {
    const after = await billedFor(tx.db, input.terms, inv);
    const amount = after.billable - before.billable;
    const usage = usageMoved(before.usage, after.usage);
    if (amount === 0 && !usage) continue;
    const [row] = await tx.db
      .insert(workAdjustments)
      .values({
        contractId: input.terms.contractId,
        jobId: input.job.id,
        correctsInvoiceId: inv.id,
        subjectKind: input.subject.kind,
        subjectId: input.subject.id,
        amount,
        reason: voice.t('line-words.adjustment', {
          subject: input.subject.kind,
          id: String(input.subject.id),
          job: input.job.ref,
          first: first!.number,
          rerated: inv.id === first!.id ? 'none' : inv.number,
          direction: amount === 0 ? 'none' : amount > 0 ? 'charge' : 'refund',
          amount: voice.money(Math.abs(amount), input.currency),
          reason: input.reason,
        }),
        at: tx.clock.now(),
        usage,
        createdBy: tx.actor.person?.id ?? null,
      })
      .returning({ id: workAdjustments.id });
    if (amount !== 0) out.push({ id: row!.id, invoice: inv.number, amount });
  }
  return out;
}

/** The job's SLA recomputed and what was concluded from it reconciled (src/jobs/reconcile.ts). */
export async function reconcileAfterCorrection(tx: Ctx, job: JobRow): Promise<void> {
  await refreshSla(tx, job);
}
