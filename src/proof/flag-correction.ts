/**
 * A person flags an error in their own data (`/mydata flag T12 ended at 11:00, not 11:30`). The
 * flag is a row a dispatcher of the job's team sees in their dispatch channel; the correction is
 * made with the ordinary verbs, then the flag is marked fixed (resolve-correction.ts). Only one's
 * own records can be flagged.
 */
import { and, eq } from 'drizzle-orm';
import { approvals, attachments, checklistTicks, contracts, correctionRequests, jobs, timeEntries } from '../../db/schema.js';
import { audit } from '../audit.js';
import { requirePerson } from '../auth.js';
import type { Ctx } from '../context.js';
import { conflict, forbidden, invalid, notFound, preconditionFailed } from '../errors.js';
import { enqueuePost } from '../notify/enqueue.js';
import { inTransaction } from '../verb.js';
import { loadCorrection, type CorrectionView } from './correction-view.js';
import { t } from '../i18n/index.js';

/** The subject kind of each prefix; its words are in the catalog (`errors-proof.record`). */
const KINDS: Record<string, string> = { T: 'time_entry', A: 'approval', K: 'tick', F: 'attachment' };

/** "T12" -> time entry 12; anything else is a free description (subject "other"). */
export function parseSubject(typed: string | undefined): { prefix: string; kind: string; id: number } | undefined {
  const m = /^([TAKF])-?(\d+)$/i.exec((typed ?? '').trim());
  if (!m) return undefined;
  const prefix = m[1]!.toUpperCase();
  return { prefix, kind: KINDS[prefix]!, id: Number(m[2]) };
}

export async function flagCorrection(ctx: Ctx, input: { subject?: string; note: string }): Promise<CorrectionView> {
  const me = requirePerson(ctx);
  const note = input.note.trim();
  if (!note) throw invalid(t('errors-proof.flag-note'));
  if (note.length > 500) throw invalid(t('errors-proof.flag-note-long', { max: 500 }));
  const subject = parseSubject(input.subject);
  return inTransaction(ctx, async (tx) => {
    let owner: number | null | undefined;
    let jobId: number | null = null;
    if (subject) {
      const label = t('errors-proof.record', { kind: subject.kind, id: `${subject.prefix}${subject.id}` });
      if (subject.kind === 'time_entry') {
        const [r] = await tx.db.select({ owner: timeEntries.personId, jobId: timeEntries.jobId }).from(timeEntries).where(eq(timeEntries.id, subject.id));
        if (!r) throw notFound(t('errors-proof.no-record', { record: label }));
        owner = r.owner;
        jobId = r.jobId;
      } else if (subject.kind === 'approval') {
        const [r] = await tx.db.select().from(approvals).where(eq(approvals.id, subject.id));
        if (!r) throw notFound(t('errors-proof.no-record', { record: label }));
        owner = r.requesterId === me.id || r.deciderId === me.id ? me.id : r.requesterId;
        jobId = r.jobId;
      } else if (subject.kind === 'tick') {
        const [r] = await tx.db.select({ owner: checklistTicks.personId, jobId: checklistTicks.jobId }).from(checklistTicks).where(eq(checklistTicks.id, subject.id));
        if (!r) throw notFound(t('errors-proof.no-record', { record: label }));
        owner = r.owner;
        jobId = r.jobId;
      } else {
        const [r] = await tx.db.select({ owner: attachments.uploadedBy, jobId: attachments.jobId }).from(attachments).where(eq(attachments.id, subject.id));
        if (!r) throw notFound(t('errors-proof.no-record', { record: label }));
        owner = r.owner;
        jobId = r.jobId;
      }
      if (owner !== me.id) throw forbidden(t('errors-proof.not-yours', { record: label }));
      const [open] = await tx.db
        .select({ id: correctionRequests.id })
        .from(correctionRequests)
        .where(and(eq(correctionRequests.personId, me.id), eq(correctionRequests.subjectKind, subject.kind), eq(correctionRequests.subjectId, `${subject.prefix}${subject.id}`), eq(correctionRequests.status, 'open')));
      if (open) throw conflict(t('errors-proof.already-flagged', { record: label, id: String(open.id) }));
    }
    const [job] = jobId ? await tx.db.select({ team: contracts.team }).from(jobs).innerJoin(contracts, eq(contracts.id, jobs.contractId)).where(eq(jobs.id, jobId)) : [];
    const teamId = job?.team ?? me.teams[0] ?? null;
    if (!teamId) throw preconditionFailed(t('errors-proof.no-team'));
    const [row] = await tx.db
      .insert(correctionRequests)
      .values({ personId: me.id, subjectKind: subject?.kind ?? 'other', subjectId: subject ? `${subject.prefix}${subject.id}` : null, jobId, teamId, note: subject ? note : `${input.subject ? `${input.subject} ` : ''}${note}`.trim(), createdAt: tx.clock.now() })
      .returning({ id: correctionRequests.id });
    const id = row!.id;
    await audit(tx, 'correction.flagged', { kind: 'correction', id }, { subject: subject ? `${subject.prefix}${subject.id}` : 'other', job: jobId });
    await enqueuePost(tx, { key: `correction:${id}`, teamId, purpose: 'dispatch', subjectKind: 'correction', subjectId: id });
    return loadCorrection(tx.db, id);
  });
}
