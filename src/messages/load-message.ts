/**
 * A customer message as chat shows it and as it leaves: the stored original, and the outbound
 * subject and text with the contract's redactions applied. Cards are rebuilt from this at every
 * delivery, so every posted copy shows the current state (sent, by whom, retrying, failed).
 */
import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { auditLog, customerMessages, invoices, jobs, people, teams } from '../../db/schema.js';
import { termsOf, versionAt } from '../contracts/version-at.js';
import { notFound } from '../errors.js';
import type { JobRow } from '../jobs/job-store.js';
import type { Contract } from '../rules/contract-types.js';
import { outboundContract } from './outbound.js';
import { redact, redactionHits } from './template.js';
import { subjectOf } from './view.js';
import { t } from '../i18n/t.js';

export type MessageRow = typeof customerMessages.$inferSelect;

export interface MessageView {
  row: MessageRow;
  /** what the message is about: a job, or an issued invoice (the `invoice` e-mail) */
  job?: JobRow;
  invoice?: typeof invoices.$inferSelect;
  /** the job's reference or the invoice's legal number, as cards and subjects name it */
  about: string;
  contract: Contract;
  /** whom it is written to: the customer, or the subcontractor for a `subcontract` message */
  addressee: string;
  /** what the customer receives: redacted */
  subject: string;
  text: string;
  /** names of the redaction patterns that changed the text */
  redactions: string[];
  sentBy?: string;
  /** who edited the draft last (the time is row.editedAt) */
  editedBy?: string;
  /** who discarded it, from the audit trail */
  discardedBy?: string;
  autoSend: boolean;
  now: Date;
}

function addresseeOf(contract: Contract, m: MessageRow): string {
  if (m.kind !== 'subcontract') return contract.customer.name;
  const to = new Set(m.recipients.map((e) => e.toLowerCase()));
  return contract.sla.subcontractors.find((s) => s.email && to.has(s.email.toLowerCase()))?.name ?? 'the subcontractor';
}

export async function loadMessageView(db: DbOrTx, id: number, now: Date): Promise<MessageView> {
  const [r] = await db
    .select({ m: customerMessages, job: jobs, invoice: invoices })
    .from(customerMessages)
    .leftJoin(jobs, eq(jobs.id, customerMessages.jobId))
    .leftJoin(invoices, eq(invoices.id, customerMessages.invoiceId))
    .where(eq(customerMessages.id, id));
  if (!r) throw notFound(t('errors-messages.no-message', { id: String(id) }));
  // An invoice e-mail follows the contract as it stands now (its contacts, wording and redactions).
  const contract = r.job ? await outboundContract(db, r.job, now) : versionAt(await termsOf(db, r.invoice!.contractId), now).contract;
  const about = r.job ? r.job.ref : (r.invoice!.legalNumber ?? r.invoice!.number);
  const [team] = await db.select({ auto: teams.autoSendMessages }).from(teams).where(eq(teams.id, contract.team));
  const [sender] = r.m.sentBy ? await db.select({ name: people.name }).from(people).where(eq(people.id, r.m.sentBy)) : [];
  const [editor] = r.m.editedBy ? await db.select({ name: people.name }).from(people).where(eq(people.id, r.m.editedBy)) : [];
  const [discard] =
    r.m.status === 'discarded'
      ? await db
          .select({ label: auditLog.actorLabel })
          .from(auditLog)
          .where(and(eq(auditLog.subjectKind, 'message'), eq(auditLog.subjectId, String(id)), eq(auditLog.action, 'message.discarded')))
          .orderBy(desc(auditLog.id))
          .limit(1)
      : [];
  return {
    row: r.m,
    ...(r.job ? { job: r.job } : {}),
    ...(r.invoice ? { invoice: r.invoice } : {}),
    about,
    contract,
    addressee: addresseeOf(contract, r.m),
    subject: redact(contract, r.m.subject ?? subjectOf(contract, r.m.kind, about)),
    text: redact(contract, r.m.body),
    redactions: redactionHits(contract, r.m.body),
    ...(sender ? { sentBy: sender.name } : {}),
    ...(editor ? { editedBy: editor.name } : {}),
    ...(discard ? { discardedBy: discard.label } : {}),
    autoSend: team?.auto ?? false,
    now,
  };
}
