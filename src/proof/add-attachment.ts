/**
 * Attach files to a job (photos, signature scans, PDF documents) outside a checklist step, or as
 * the photo a step asks for (then the step is confirmed by tick-step with the file). Every file of
 * an upload is checked before any is stored: one bad file refuses the upload and writes nothing.
 */
import { attachments } from '../../db/schema.js';
import { audit } from '../audit.js';
import { requireRole } from '../auth.js';
import type { Ctx } from '../context.js';
import { invalid, preconditionFailed } from '../errors.js';
import { loadJob } from '../jobs/job-store.js';
import { inTransaction } from '../verb.js';
import type { AttachmentRow } from './checklist.js';
import { checkFile, isImage, storeFile, type IncomingFile } from './files.js';
import { t } from '../i18n/index.js';

export const MAX_FILES_PER_UPLOAD = 10;

export interface AddAttachmentInput {
  job: string | number;
  files: IncomingFile[];
  /** default: photo for images, document for PDF */
  kind?: 'photo' | 'signature' | 'document';
}

export async function addAttachment(ctx: Ctx, input: AddAttachmentInput): Promise<{ job: string; attachments: AttachmentRow[] }> {
  const me = requireRole(ctx, ['technician', 'dispatcher', 'manager'], 'attach-files');
  if (!input.files.length) throw invalid(t('errors-proof.attach-none'));
  if (input.files.length > MAX_FILES_PER_UPLOAD) throw invalid(t('errors-proof.attach-too-many', { max: MAX_FILES_PER_UPLOAD, n: input.files.length }));
  const checked = input.files.map((f) => checkFile(f, ctx.services.maxAttachmentBytes));
  if (input.kind === 'signature') {
    const pdf = checked.find((f) => !isImage(f.type));
    if (pdf) throw invalid(t('errors-proof.signature-pdf', { file: pdf.name }));
  }
  return inTransaction(ctx, async (tx) => {
    const job = await loadJob(tx.db, input.job);
    if (job.status === 'cancelled') throw preconditionFailed(t('errors-proof.attach-cancelled', { ref: job.ref }));
    const rows: AttachmentRow[] = [];
    for (const f of checked) {
      const path = await storeFile(tx.services.attachmentsDir, f);
      const kind = input.kind ?? (isImage(f.type) ? 'photo' : 'document');
      const [row] = await tx.db
        .insert(attachments)
        .values({ jobId: job.id, kind, fileName: f.name, contentType: f.type, size: f.data.length, sha256: f.sha256, storagePath: path, uploadedBy: me.id, createdAt: tx.clock.now() })
        .returning();
      rows.push(row!);
    }
    await audit(tx, 'attachment.added', { kind: 'job', id: job.ref }, { attachments: rows.map((r) => ({ id: r.id, name: r.fileName, type: r.contentType, size: r.size, sha256: r.sha256 })) });
    return { job: job.ref, attachments: rows };
  });
}
