/**
 * The proof on a job as its job card lists it: the latest files (photos, signature images, PDFs)
 * with the checklist step each confirms, who sent it and when, and typed signatures (a signer's
 * name and role, no image). Only the latest few are loaded; the total says how many more there are.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { attachments, checklistTicks, people } from '../../db/schema.js';
import type { Proof } from './checklist.js';

export interface JobFile {
  id: number;
  fileName: string;
  /** photo | signature | pdf (a document is always a PDF: nothing else is accepted) */
  kind: 'photo' | 'signature' | 'pdf';
  size: number;
  at: Date;
  by?: string;
  /** the checklist step it confirms: "HVAC-PM step 3" */
  step?: string;
  /** a signature image: who signed, as typed ("Ana Ruiz, site manager") */
  signer?: string;
}

export interface TypedSignature {
  name: string;
  role: string;
  at: Date;
  step: string;
}

export interface JobFiles {
  /** newest first, at most `limit` */
  files: JobFile[];
  total: number;
  /** signatures given as a typed name and role without an image, newest first */
  signatures: TypedSignature[];
}

export const JOB_CARD_FILES = 5;

function kindOf(kind: string, contentType: string): JobFile['kind'] {
  if (kind === 'signature') return 'signature';
  return contentType === 'application/pdf' ? 'pdf' : 'photo';
}

export async function jobFiles(db: DbOrTx, jobId: number, limit = JOB_CARD_FILES): Promise<JobFiles> {
  const [rows, [count], ticks] = await Promise.all([
    db
      .select({ a: attachments, by: people.name })
      .from(attachments)
      .leftJoin(people, eq(people.id, attachments.uploadedBy))
      .where(eq(attachments.jobId, jobId))
      .orderBy(desc(attachments.createdAt), desc(attachments.id))
      .limit(limit),
    db.select({ n: sql<number>`count(*)::int` }).from(attachments).where(eq(attachments.jobId, jobId)),
    // Only ticks with a photo or a signature say anything about files.
    db
      .select({ code: checklistTicks.code, stepIndex: checklistTicks.stepIndex, at: checklistTicks.at, proof: checklistTicks.proof })
      .from(checklistTicks)
      .where(and(eq(checklistTicks.jobId, jobId), inArray(sql`${checklistTicks.proof}->>'kind'`, ['photo', 'signature'])))
      .orderBy(desc(checklistTicks.at), desc(checklistTicks.id)),
  ]);
  const stepOf = new Map<number, string>();
  const signerOf = new Map<number, string>();
  const signatures: TypedSignature[] = [];
  for (const t of ticks) {
    const p = t.proof as Proof;
    const step = `${t.code} step ${t.stepIndex + 1}`;
    if ((p.kind === 'photo' || p.kind === 'signature') && p.attachmentId) stepOf.set(p.attachmentId, step);
    if (p.kind === 'signature' && p.attachmentId) signerOf.set(p.attachmentId, `${p.name}, ${p.role}`);
    if (p.kind === 'signature' && !p.attachmentId) signatures.push({ name: p.name, role: p.role, at: new Date(p.at), step });
  }
  return {
    files: rows.map(({ a, by }) => ({
      id: a.id,
      fileName: a.fileName,
      kind: kindOf(a.kind, a.contentType),
      size: a.size,
      at: a.createdAt,
      ...(by ? { by } : {}),
      ...(stepOf.has(a.id) ? { step: stepOf.get(a.id) } : {}),
      ...(signerOf.has(a.id) ? { signer: signerOf.get(a.id) } : {}),
    })),
    total: count?.n ?? rows.length,
    signatures,
  };
}
