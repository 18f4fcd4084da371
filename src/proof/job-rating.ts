/**
 * A job's share of the invoice: the rating engine run over the local days the job's work spans,
 * with what earlier days used of the prepaid banks and site caps, keeping only the job's lines.
 * It is what the month's invoice would say about this job today; an invoice already issued keeps
 * its own frozen lines (billing owns those).
 */
import { and, eq, isNull, max, min } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { partUses, timeEntries } from '../../db/schema.js';
import { localDate } from '../billing/period.js';
import { ratePeriod } from '../billing/rating-input.js';
import { termsOf, zoneAt } from '../contracts/version-at.js';
import type { JobRow } from '../jobs/job-store.js';
import type { HeldItem, InvoiceLine } from '../rules/rating/index.js';
import type { Money } from '../rules/contract-types.js';

export interface JobRating {
  lines: InvoiceLine[];
  /** nominal value of the covered lines: what the customer would have paid without the contract */
  covered: Money;
  billable: Money;
  /** SLA and goodwill credits on this job (negative) */
  credits: Money;
  held: HeldItem[];
}

export async function rateJob(db: DbOrTx, job: JobRow, now: Date): Promise<JobRating> {
  const [t] = await db.select({ first: min(timeEntries.startAt), last: max(timeEntries.endAt) }).from(timeEntries).where(and(eq(timeEntries.jobId, job.id), isNull(timeEntries.deletedAt)));
  const [p] = await db.select({ first: min(partUses.at), last: max(partUses.at) }).from(partUses).where(and(eq(partUses.jobId, job.id), isNull(partUses.deletedAt)));
  const instants = [t?.first, t?.last, p?.first, p?.last].filter((d): d is Date => d instanceof Date);
  const empty: JobRating = { lines: [], covered: 0, billable: 0, credits: 0, held: [] };
  if (!instants.length) return empty;
  const terms = await termsOf(db, job.contractId);
  const first = new Date(Math.min(...instants.map((d) => d.getTime()), job.reportedAt.getTime()));
  const last = new Date(Math.max(...instants.map((d) => d.getTime()), (job.closedAt ?? now).getTime()));
  const zone = zoneAt(terms, first);
  const rated = await ratePeriod(db, terms, { from: localDate(first, zone), to: localDate(last, zone) });
  const lines = rated.result.lines.filter((l) => l.jobId === job.ref);
  let covered = 0;
  let billable = 0;
  let credits = 0;
  for (const l of lines) {
    if (l.kind === 'credit') credits += l.amount;
    else billable += l.amount;
    if (l.covered) covered += l.nominal ?? 0;
  }
  return { lines, covered, billable, credits, held: rated.result.held.filter((h) => h.jobId === job.ref) };
}
