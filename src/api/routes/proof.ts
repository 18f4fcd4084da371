/**
 * Proof of service over REST: the closing report as PDF and standalone HTML, the checklist,
 * confirming a step (offline tools send `at`), attachments (upload, list, download) and a job's
 * customer messages. Everything that leaves is redacted with the contract's patterns; the stored
 * originals are not. Routes parse and call the verbs; the verbs check roles.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { loadJob } from '../../jobs/job-store.js';
import type { Ctx } from '../../context.js';
import { invalid, notFound, tooLarge } from '../../errors.js';
import { listMessages } from '../../messages/list-messages.js';
import { outboundContract } from '../../messages/outbound.js';
import { redact } from '../../messages/template.js';
import { addAttachment, MAX_FILES_PER_UPLOAD } from '../../proof/add-attachment.js';
import { attachmentsOf, type AttachmentRow } from '../../proof/checklist.js';
import { closingReport } from '../../proof/closing-report.js';
import { readStored } from '../../proof/files.js';
import { showChecklist, type ChecklistView } from '../../proof/show-checklist.js';
import { tickStep } from '../../proof/tick-step.js';
import { reportHtml, reportPdf } from '../../reports/export.js';
import type { Contract } from '../../rules/contract-types.js';
import type { Api } from '../app.js';
import { contentDisposition } from '../disposition.js';
import { ProblemSchema, scoped } from '../schemas.js';
import { pageInMemory, pageQuery } from './paging.js';
import { t } from '../../i18n/index.js';

const problem = (d: string) => ({ description: d, content: { 'application/problem+json': { schema: ProblemSchema } } });
const errors = {
  400: problem('Invalid input: wrong file type, missing proof, bad step'),
  401: problem('No or bad token'),
  403: problem('Missing scope or role'),
  404: problem('Unknown job, step or attachment'),
  409: problem('Step already confirmed (says by whom and when)'),
  412: problem('Not allowed now: earlier steps first, out of scope, job closed'),
  413: problem('File or upload larger than the limit'),
};
const JobParam = z.object({ id: z.string().describe('J-1001') });
const binary = (type: string, description: string) => ({ description, content: { [type]: { schema: z.string().openapi({ type: 'string', format: 'binary' }) } } });

const Attachment = z
  .object({ id: z.number().int(), kind: z.string(), fileName: z.string(), contentType: z.string(), size: z.number().int(), sha256: z.string(), createdAt: z.string(), url: z.string() })
  .openapi('Attachment');

const Step = z.object({
  number: z.number().int(),
  step: z.string(),
  required: z.boolean(),
  safety: z.boolean(),
  proof: z.enum(['photo', 'reading', 'signature']).nullable(),
  done: z.boolean(),
  at: z.string().nullable(),
  by: z.string().nullable(),
  proofData: z.record(z.string(), z.unknown()).nullable().describe('reading { value, unit } | signature { name, role, at, attachmentId? } | photo { attachmentId }'),
  waitsFor: z.array(z.number().int()).describe('earlier steps to confirm first'),
});

const Checklist = z
  .object({
    job: z.string(),
    contract: z.string(),
    version: z.number().int(),
    codes: z.array(z.string()),
    lists: z.array(z.object({ code: z.string(), name: z.string(), steps: z.array(Step) })),
    missing: z.array(z.string()).describe('required steps not confirmed: they block resolved and closed'),
    attachments: z.array(Attachment),
  })
  .openapi('Checklist');

function attachmentJson(c: Contract, ref: string, a: AttachmentRow): z.infer<typeof Attachment> {
  return { id: a.id, kind: a.kind, fileName: redact(c, a.fileName), contentType: a.contentType, size: a.size, sha256: a.sha256, createdAt: a.createdAt.toISOString(), url: `/api/v1/jobs/${ref}/attachments/${a.id}` };
}

async function checklistJson(ctx: Ctx, v: ChecklistView): Promise<z.infer<typeof Checklist>> {
  const c = await outboundContract(ctx.db, v.job, ctx.clock.now());
  const r = (s: string) => redact(c, s);
  return {
    job: v.job.ref,
    contract: v.contract.id,
    version: v.version.version,
    codes: v.codes,
    lists: v.lists.map((l) => ({
      code: l.code,
      name: l.name,
      steps: l.steps.map((s) => ({
        number: s.number,
        step: s.step,
        required: s.required,
        safety: s.safety,
        proof: s.proof ?? null,
        done: Boolean(s.tick),
        at: s.tick?.at.toISOString() ?? null,
        by: s.tick?.personName ?? null,
        proofData: s.tick?.proof ? (JSON.parse(r(JSON.stringify(s.tick.proof))) as Record<string, unknown>) : null,
        waitsFor: s.waitsFor,
      })),
    })),
    missing: v.lists.flatMap((l) => l.steps.filter((s) => s.required && !s.tick).map((s) => `${l.code} step ${s.number}: ${s.step}`)),
    attachments: v.attachments.map((a) => attachmentJson(c, v.job.ref, a)),
  };
}

function fileName(ref: string, ext: string): string {
  return `${ref.replace(/[^A-Za-z0-9-]/g, '')}-closing-report.${ext}`;
}

export function registerProofRoutes(api: Api): void {
  api.openapi(
    createRoute({ method: 'get', path: '/api/v1/jobs/{id}/report.pdf', security: scoped('read'), tags: ['proof'], summary: 'The closing report as PDF (redacted, pictures embedded)', request: { params: JobParam }, responses: { 200: binary('application/pdf', 'The PDF'), ...errors } }),
    async (c) => {
      const ctx = c.get('ctx');
      const r = await closingReport(ctx, { job: c.req.valid('param').id });
      const pdf = await reportPdf(ctx, r);
      return new Response(new Uint8Array(pdf), { status: 200, headers: { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="${fileName(r.report.job.ref, 'pdf')}"` } }) as never;
    },
  );

  api.openapi(
    createRoute({ method: 'get', path: '/api/v1/jobs/{id}/report.html', security: scoped('read'), tags: ['proof'], summary: 'The closing report as one standalone HTML file (redacted, pictures embedded)', request: { params: JobParam }, responses: { 200: binary('text/html', 'The HTML'), ...errors } }),
    async (c) => {
      const ctx = c.get('ctx');
      const r = await closingReport(ctx, { job: c.req.valid('param').id });
      const html = await reportHtml(ctx, r);
      return new Response(html, { status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'content-disposition': `inline; filename="${fileName(r.report.job.ref, 'html')}"`, 'content-security-policy': "default-src 'none'; img-src data:; style-src 'unsafe-inline'" } }) as never;
    },
  );

  api.openapi(
    createRoute({ method: 'get', path: '/api/v1/jobs/{id}/checklist', security: scoped('read'), tags: ['proof'], summary: "The job's checklists in the contracted scope, safety steps first", request: { params: JobParam, query: z.object({ code: z.string().optional() }) }, responses: { 200: { description: 'Checklists', content: { 'application/json': { schema: Checklist } } }, ...errors } }),
    async (c) => {
      const ctx = c.get('ctx');
      const v = await showChecklist(ctx, { job: c.req.valid('param').id, code: c.req.valid('query').code });
      return c.json(await checklistJson(ctx, v), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/jobs/{id}/checklist/{code}/{step}',
      security: scoped('write'),
      tags: ['proof'],
      summary: 'Confirm a step with its reading or typed signature (photo steps: upload the photo with code and step)',
      request: {
        params: z.object({ id: z.string(), code: z.string(), step: z.coerce.number().int().min(1) }),
        body: {
          required: false,
          content: {
            'application/json': {
              schema: z
                .object({
                  reading: z.string().max(40).optional().describe('value and unit: "0.4 mA"'),
                  signature: z.object({ name: z.string().min(1).max(120), role: z.string().min(1).max(120) }).optional(),
                  at: z.iso.datetime({ offset: true }).optional().describe('when it was done (offline work); default now'),
                })
                .openapi('Tick'),
            },
          },
        },
      },
      responses: { 200: { description: 'The checklist after the tick', content: { 'application/json': { schema: Checklist } } }, ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const p = c.req.valid('param');
      const b = (c.req.header('content-type') ?? '').includes('json') ? c.req.valid('json') : {};
      const r = await tickStep(ctx, { job: p.id, code: p.code, step: p.step, reading: b.reading, signature: b.signature, at: b.at ? new Date(b.at) : undefined });
      return c.json(await checklistJson(ctx, r.view), 200);
    },
  );

  api.post('/api/v1/jobs/:id/attachments', async (c, next) => {
    // Refuse a body far beyond the per-file limit before reading it into memory.
    const ctx = c.get('ctx');
    const max = ctx.services.maxAttachmentBytes * MAX_FILES_PER_UPLOAD + 1024 * 1024;
    return bodyLimit({ maxSize: max, onError: () => { throw tooLarge(t('errors-api.upload-too-large', { max: String(Math.round(max / (1024 * 1024))) })); } })(c, next);
  });

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/jobs/{id}/attachments',
      security: scoped('write'),
      tags: ['proof'],
      summary: 'Upload photos, signature images or PDFs (multipart field "file", repeatable); with code and step, the photo or signature image confirms that step',
      request: {
        params: JobParam,
        body: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: z.object({
                file: z.any().openapi({ type: 'string', format: 'binary' }),
                kind: z.enum(['photo', 'signature', 'document']).optional(),
                code: z.string().optional(),
                step: z.string().regex(/^\d+$/).optional(),
                signerName: z.string().optional(),
                signerRole: z.string().optional(),
              }),
            },
          },
        },
      },
      responses: { 201: { description: 'Stored', content: { 'application/json': { schema: z.object({ attachments: z.array(Attachment) }) } } }, ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const ref = c.req.valid('param').id;
      const form = c.req.valid('form') as Record<string, unknown>;
      const raw = form.file;
      const list = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((f): f is File => f instanceof File);
      if (!list.length) throw invalid(t('errors-api.file-field'));
      const files = await Promise.all(list.map(async (f) => ({ name: f.name, contentType: f.type, data: Buffer.from(await f.arrayBuffer()) })));
      const str = (k: string) => (typeof form[k] === 'string' ? (form[k] as string) : undefined);
      const job = await loadJob(ctx.db, ref);
      const contract = await outboundContract(ctx.db, job, ctx.clock.now());
      const step = str('step');
      if (step) {
        if (files.length > 1) throw invalid(t('errors-api.one-file-per-step'));
        const signer = str('signerName') && str('signerRole') ? { name: str('signerName')!, role: str('signerRole')! } : undefined;
        const r = await tickStep(ctx, { job: ref, code: str('code'), step: Number(step), file: files[0], signature: signer });
        const id = r.proof && r.proof.kind !== 'reading' ? r.proof.attachmentId : undefined;
        return c.json({ attachments: r.view.attachments.filter((a) => a.id === id).map((a) => attachmentJson(contract, job.ref, a)) }, 201);
      }
      const kind = str('kind');
      const r = await addAttachment(ctx, { job: ref, files, kind: kind === 'photo' || kind === 'signature' || kind === 'document' ? kind : undefined });
      return c.json({ attachments: r.attachments.map((a) => attachmentJson(contract, job.ref, a)) }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/jobs/{id}/attachments',
      security: scoped('read'),
      tags: ['proof'],
      summary: "A job's attachments, oldest first (metadata; names redacted)",
      request: { params: JobParam, query: z.object({ ...pageQuery }) },
      responses: { 200: { description: 'A page of attachments', content: { 'application/json': { schema: z.object({ items: z.array(Attachment), nextCursor: z.string().nullable() }) } } }, ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const job = await loadJob(ctx.db, c.req.valid('param').id);
      const contract = await outboundContract(ctx.db, job, ctx.clock.now());
      // A job's files are tens at most: paged in memory, with the same cursor as every list.
      const page = pageInMemory(await attachmentsOf(ctx.db, job.id), c.req.valid('query'), (a) => a.id);
      return c.json({ items: page.items.map((a) => attachmentJson(contract, job.ref, a)), nextCursor: page.nextCursor }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/jobs/{id}/attachments/{attachmentId}',
      security: scoped('read'),
      tags: ['proof'],
      summary: 'The stored file, checked against its checksum',
      request: { params: z.object({ id: z.string(), attachmentId: z.coerce.number().int() }) },
      responses: { 200: binary('application/octet-stream', 'The file, with its content type'), ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const p = c.req.valid('param');
      const job = await loadJob(ctx.db, p.id);
      const a = (await attachmentsOf(ctx.db, job.id)).find((x) => x.id === p.attachmentId);
      if (!a) throw notFound(t('errors-api.no-attachment', { ref: job.ref, id: String(p.attachmentId) }));
      const data = await readStored(ctx.services.attachmentsDir, a.storagePath, a.sha256);
      const contract = await outboundContract(ctx.db, job, ctx.clock.now());
      const disposition = contentDisposition('inline', redact(contract, a.fileName));
      return new Response(new Uint8Array(data), { status: 200, headers: { 'content-type': a.contentType, 'content-disposition': disposition, 'x-content-type-options': 'nosniff' } }) as never;
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/jobs/{id}/messages',
      security: scoped('read'),
      tags: ['proof'],
      summary: "A job's customer messages as sent (redacted), with status and attempts, oldest first",
      request: { params: JobParam, query: z.object({ ...pageQuery }) },
      responses: {
        200: {
          description: 'Messages',
          content: { 'application/json': { schema: z.object({ items: z.array(z.object({ id: z.number().int(), kind: z.string(), status: z.string(), recipients: z.array(z.string()), subject: z.string(), text: z.string(), attempts: z.number().int(), lastError: z.string().nullable(), sentAt: z.string().nullable(), createdAt: z.string() })), nextCursor: z.string().nullable() }) } },
        },
        ...errors,
      },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const page = pageInMemory(await listMessages(ctx, { job: c.req.valid('param').id }), c.req.valid('query'), (m) => m.row.id);
      return c.json(
        { nextCursor: page.nextCursor, items: page.items.map((m) => ({ id: m.row.id, kind: m.row.kind, status: m.row.status, recipients: m.row.recipients, subject: m.subject, text: m.text, attempts: m.row.attempts, lastError: m.row.lastError, sentAt: m.row.sentAt?.toISOString() ?? null, createdAt: m.row.createdAt.toISOString() })) },
        200,
      );
    },
  );
}
