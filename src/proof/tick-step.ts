/**
 * Confirm one checklist step, with the proof the contract asks for: a photo, a reading (a value
 * with its unit) or a signature (a typed name with the signer's role, and the time; an image of
 * the signature may come with it). Steps go in order: see checklist.ts. A second tap, a Slack retry
 * or a colleague's simultaneous tap is told who confirmed it first and changes nothing.
 */
import { attachments, checklistTicks } from '../../db/schema.js';
import { audit } from '../audit.js';
import { requireRole } from '../auth.js';
import type { Ctx } from '../context.js';
import { conflict, invalid, preconditionFailed } from '../errors.js';
import { loadJob } from '../jobs/job-store.js';
import { localTime } from '../messages/template.js';
import { inTransaction } from '../verb.js';
import { attachmentsOf, checklistOf, loadChecklists, rateOf, type CodeChecklist, type Proof } from './checklist.js';
import { checkFile, isImage, storeFile, type CheckedFile, type IncomingFile } from './files.js';
import type { ChecklistView } from './show-checklist.js';
import { t } from '../i18n/index.js';
import { readerInstant } from '../i18n/format.js';

export interface TickInput {
  job: string | number;
  /** task code; may be left out when the job has one checklist */
  code?: string;
  /** the step's number as shown (1-based, contract order) */
  step: number;
  /** "0.4 mA", "12 %LEL" */
  reading?: string;
  /** "Jane Roe, charge nurse" or already split */
  signature?: string | { name: string; role: string };
  /** a photo, or an image of the signature */
  file?: IncomingFile;
  /** when it was done, for work recorded offline; default now */
  at?: Date;
}

// The unit starts with a letter or a symbol people write after numbers (%, °, µ, Ω): "0.4" alone
// is a value without a unit, not 0 of ".4".
const READING = /^([-+]?\d+(?:[.,]\d+)?)\s*([A-Za-z%°µΩ‰][^\n]{0,23})$/;

/** "0.4 mA" -> { value: "0.4", unit: "mA" }; the value keeps the digits typed (no float rounding). */
export function parseReading(text: string | undefined): { value: string; unit: string } | undefined {
  const m = READING.exec((text ?? '').trim());
  if (!m) return undefined;
  return { value: m[1]!.replace(',', '.'), unit: m[2]!.trim() };
}

/** "Jane Roe, charge nurse" -> { name, role }. */
export function parseSignature(s: TickInput['signature']): { name: string; role: string } | undefined {
  if (!s) return undefined;
  if (typeof s !== 'string') return s.name.trim() && s.role.trim() ? { name: s.name.trim(), role: s.role.trim() } : undefined;
  const i = s.indexOf(',');
  if (i < 0) return undefined;
  const name = s.slice(0, i).trim();
  const role = s.slice(i + 1).trim();
  return name && role && name.length <= 120 && role.length <= 120 ? { name, role } : undefined;
}

const GRACE_MS = 60_000;

function tickTime(ctx: Ctx, at: Date | undefined, reportedAt: Date, zone: string): Date {
  const now = ctx.clock.now();
  if (!at) return now;
  if (Number.isNaN(at.getTime())) throw invalid(t('errors-proof.time-invalid'));
  const show = (d: Date) => readerInstant(d, zone);
  if (at.getTime() > now.getTime() + GRACE_MS) throw invalid(t('errors-proof.time-future', { at: show(at), now: show(now) }));
  if (at < reportedAt) throw invalid(t('errors-proof.time-before-report', { at: show(at), reported: show(reportedAt) }));
  return at;
}

export function pickList(lists: CodeChecklist[], code: string | undefined, ref: string): CodeChecklist {
  if (code) {
    const l = lists.find((x) => x.code.toUpperCase() === code.toUpperCase());
    if (!l) throw invalid(t('errors-proof.no-checklist-for', { ref, code }), lists.length ? [t('errors-proof.checklists-on', { ref, codes: lists.map((x) => x.code).join(', ') })] : []);
    return l;
  }
  if (lists.length === 1) return lists[0]!;
  if (!lists.length) throw preconditionFailed(t('errors-proof.no-checklist', { ref }));
  throw invalid(t('errors-proof.several-checklists', { ref, choices: lists.map((l) => `/check ${ref} ${l.code} <step>`).join(t('errors-proof.or')) }));
}

export async function tickStep(ctx: Ctx, input: TickInput): Promise<{ view: ChecklistView; code: string; number: number; step: string; proof: Proof | null; at: Date }> {
  const me = requireRole(ctx, ['technician', 'dispatcher', 'manager'], 'confirm-checklist-steps');
  if (!Number.isInteger(input.step) || input.step < 1) throw invalid(t('errors-proof.step-number'));
  // Files are checked before anything else: a refused file writes nothing.
  const file: CheckedFile | undefined = input.file ? checkFile(input.file, ctx.services.maxAttachmentBytes) : undefined;
  return inTransaction(ctx, async (tx) => {
    // Locked: two people confirming steps of one job at once must see each other's ticks in order.
    const job = await loadJob(tx.db, input.job, { forUpdate: true });
    if (job.status === 'closed' || job.status === 'cancelled') throw preconditionFailed(t('errors.step-closed', { ref: job.ref, status: job.status }));
    const v = await loadChecklists(tx.db, job, input.code);
    if (input.code && v.outOfScope.some((o) => o.code.toUpperCase() === input.code!.toUpperCase())) {
      throw preconditionFailed(t('errors-proof.code-out-of-scope', { code: input.code.toUpperCase(), contract: v.contract.id, ref: job.ref }));
    }
    if (input.code && !rateOf(v.contract, input.code) && !checklistOf(v.contract, input.code)) throw invalid(t('errors-proof.no-task-code', { contract: v.contract.id, code: input.code }));
    const list = pickList(v.lists, input.code, job.ref);
    const step = list.steps.find((s) => s.number === input.step);
    if (!step) throw invalid(t('errors.step-range', { code: list.code, last: list.steps.length, step: input.step }));
    if (step.tick) {
      throw conflict(t('errors.step-already', { code: list.code, number: step.number, person: step.tick.personName, time: localTime(step.tick.at, v.zone, 'HH:mm') }));
    }
    if (step.waitsFor.length) {
      const first = list.steps.find((s) => s.number === step.waitsFor[0]);
      throw preconditionFailed(t('errors.step-order', { n: step.waitsFor.length, steps: step.waitsFor.join(', '), code: list.code }), first ? [t('errors.step-next', { number: first.number, step: first.step })] : []);
    }
    const at = tickTime(tx, input.at, job.reportedAt, v.zone);
    const here = t('errors-proof.step', { code: list.code, number: String(step.number), step: step.step });
    let proof: Proof | null = null;
    let attachmentKind: 'photo' | 'signature' | undefined;
    switch (step.proof) {
      case 'reading': {
        const r = parseReading(input.reading);
        if (!r) throw invalid(t('errors-proof.needs-reading', { step: here }));
        if (file) throw invalid(t('errors-proof.reading-not-file', { step: here }));
        proof = { kind: 'reading', ...r };
        break;
      }
      case 'signature': {
        const s = parseSignature(input.signature);
        if (!s) throw invalid(t('errors-proof.needs-signature', { step: here }));
        if (file && !isImage(file.type)) throw invalid(t('errors-proof.signature-not-image', { file: file.name }));
        proof = { kind: 'signature', name: s.name, role: s.role, at: at.toISOString() };
        if (file) attachmentKind = 'signature';
        break;
      }
      case 'photo': {
        if (!file) throw invalid(t('errors-proof.needs-photo', { step: here, ref: job.ref, code: list.code, number: String(step.number) }));
        if (!isImage(file.type)) throw invalid(t('errors-proof.photo-not-pdf', { file: file.name, step: here }));
        attachmentKind = 'photo';
        break;
      }
      case undefined:
        if (input.reading || input.signature || file) throw invalid(t('errors-proof.no-proof', { step: here, ref: job.ref }));
        break;
    }
    let attachmentId: number | undefined;
    if (file && attachmentKind) {
      const path = await storeFile(tx.services.attachmentsDir, file);
      const [a] = await tx.db
        .insert(attachments)
        .values({ jobId: job.id, kind: attachmentKind, fileName: file.name, contentType: file.type, size: file.data.length, sha256: file.sha256, storagePath: path, uploadedBy: me.id, createdAt: tx.clock.now() })
        .returning({ id: attachments.id });
      attachmentId = a!.id;
      if (proof?.kind === 'signature') proof = { ...proof, attachmentId };
      else proof = { kind: 'photo', attachmentId };
    }
    const [row] = await tx.db
      .insert(checklistTicks)
      .values({ jobId: job.id, code: list.code, stepIndex: step.index, personId: me.id, at, proof })
      .onConflictDoNothing()
      .returning({ id: checklistTicks.id });
    if (!row) throw conflict(t('errors-proof.already-confirmed', { step: here }));
    await audit(tx, 'checklist.ticked', { kind: 'job', id: job.ref }, { code: list.code, step: step.number, safety: step.safety, at: at.toISOString(), proof, attachment: attachmentId });
    const after = await loadChecklists(tx.db, job, input.code);
    const lists = after.lists.filter((l) => l.code === list.code);
    const view: ChecklistView = { ...after, lists, outOfScope: [], attachments: await attachmentsOf(tx.db, job.id), asked: list.code };
    return { view, code: list.code, number: step.number, step: step.step, proof, at };
  });
}

