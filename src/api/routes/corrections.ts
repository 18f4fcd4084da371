/**
 * Corrections of recorded work over HTTP: PATCH and DELETE a time entry or a part use, always with
 * a reason, through the verbs behind `/log edit|delete` and `/part edit|delete` (same rights, same
 * checks, the same adjustment of work already on an issued invoice).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { deletePartUse, editPartUse } from '../../billing/correct-part.js';
import { deleteTimeEntry, editTimeEntry } from '../../billing/correct-time.js';
import { MAX_REASON_LENGTH } from '../../billing/corrections.js';
import type { Api } from '../app.js';
import { scoped } from '../schemas.js';
import { json, problem } from './paging.js';

const errors = {
  400: problem('Invalid body, or no reason; names the field'),
  401: problem('No or bad token'),
  403: problem('Not the technician who recorded it (or it is invoiced), a dispatcher or finance'),
  404: problem('Unknown time entry or part use'),
  412: problem('Not allowed now: a running timer, job cancelled, outside access hours, out of scope'),
};

const IdParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647).describe('the time entry or part use id (T12 is 12)').openapi({ example: 12 }) });
const reason = z.string().min(1).max(MAX_REASON_LENGTH).describe('why: audited, and shown with the correction and on any adjustment line');
const ReasonQuery = z.object({ reason });

const Correction = z
  .object({
    subject: z.string().describe('T12 (time entry) or P3 (part use), as invoice lines name their sources'),
    job: z.string(),
    deleted: z.boolean(),
    reason: z.string(),
    old: z.record(z.string(), z.unknown()).describe('the values before: start, end, code, note, minutes (time); sku, qty, at (part)'),
    new: z.record(z.string(), z.unknown()).nullable().describe('the values after; null when deleted'),
    adjustments: z
      .array(z.object({ id: z.number().int(), invoice: z.string().describe('the issued invoice, which stays as it is'), amount: z.number().int().describe('minor units on the next invoice: positive charges, negative refunds') }))
      .describe('one per issued invoice whose billing the correction changes'),
    currency: z.string(),
  })
  .openapi('Correction', {
    example: { subject: 'T12', job: 'J-1001', deleted: false, reason: 'left at ten', old: { start: '2026-10-06T07:00:00.000Z', end: '2026-10-06T09:00:00.000Z', code: 'HVAC-LAB', note: null, minutes: 120 }, new: { start: '2026-10-06T07:00:00.000Z', end: '2026-10-06T08:00:00.000Z', code: 'HVAC-LAB', note: null, minutes: 60 }, adjustments: [{ id: 1, invoice: 'ACME-HVAC-2026-10', amount: -8500 }], currency: 'EUR' },
  });

const timeValues = (e: { startAt: Date; endAt: Date | null; code: string; note: string | null }) => ({
  start: e.startAt.toISOString(),
  end: e.endAt?.toISOString() ?? null,
  code: e.code,
  note: e.note,
  minutes: e.endAt ? Math.round((e.endAt.getTime() - e.startAt.getTime()) / 60_000) : null,
});
const partValues = (p: { sku: string; qty: number; at: Date }) => ({ sku: p.sku, qty: p.qty, at: p.at.toISOString() });

/** A DELETE of a corrected record: its id in the path, the reason in the query. */
function deleteRoute<P extends string>(path: P, summary: string) {
  return createRoute({
    method: 'delete',
    path,
    security: scoped('write'),
    tags: ['billing'],
    summary,
    request: { params: IdParam, query: ReasonQuery },
    responses: { 200: json('Deleted', Correction), ...errors },
  });
}

export function registerCorrectionRoutes(api: Api): void {
  api.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/time-entries/{id}',
      security: scoped('write'),
      tags: ['billing'],
      summary: 'Correct a finished time entry (span, code, note) with a reason, as /log edit does',
      request: {
        params: IdParam,
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z
                .object({ start: z.iso.datetime({ offset: true }).optional(), end: z.iso.datetime({ offset: true }).optional(), code: z.string().max(40).optional(), note: z.string().max(500).optional().describe('"" clears it'), reason })
                .openapi('TimeEntryPatch', { example: { end: '2026-10-06T10:00:00+02:00', reason: 'left at ten' } }),
            },
          },
        },
      },
      responses: { 200: json('Corrected', Correction), ...errors },
    }),
    async (c) => {
      const b = c.req.valid('json');
      const r = await editTimeEntry(c.get('ctx'), { id: c.req.valid('param').id, start: b.start ? new Date(b.start) : undefined, end: b.end ? new Date(b.end) : undefined, code: b.code, note: b.note, reason: b.reason });
      return c.json({ subject: `T${r.entry.id}`, job: r.job.ref, deleted: false, reason: r.reason, old: timeValues(r.old), new: timeValues(r.entry), adjustments: r.adjustments, currency: r.currency }, 200);
    },
  );

  api.openapi(
    deleteRoute('/api/v1/time-entries/{id}', 'Delete a finished time entry with a reason, as /log delete does'),
    async (c) => {
      const r = await deleteTimeEntry(c.get('ctx'), { id: c.req.valid('param').id, reason: c.req.valid('query').reason });
      return c.json({ subject: `T${r.old.id}`, job: r.job.ref, deleted: true, reason: r.reason, old: timeValues(r.old), new: null, adjustments: r.adjustments, currency: r.currency }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'patch',
      path: '/api/v1/parts/{id}',
      security: scoped('write'),
      tags: ['billing'],
      summary: 'Correct a part use (quantity, SKU, when) with a reason, as /part edit does',
      request: {
        params: IdParam,
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z
                .object({ qty: z.number().int().min(1).max(1000).optional(), sku: z.string().max(60).optional(), at: z.iso.datetime({ offset: true }).optional(), reason })
                .openapi('PartUsePatch', { example: { qty: 1, reason: 'one belt, not two' } }),
            },
          },
        },
      },
      responses: { 200: json('Corrected', Correction), ...errors },
    }),
    async (c) => {
      const b = c.req.valid('json');
      const r = await editPartUse(c.get('ctx'), { id: c.req.valid('param').id, qty: b.qty, sku: b.sku, at: b.at ? new Date(b.at) : undefined, reason: b.reason });
      return c.json({ subject: `P${r.use.id}`, job: r.job.ref, deleted: false, reason: r.reason, old: partValues(r.old), new: partValues(r.use), adjustments: r.adjustments, currency: r.currency }, 200);
    },
  );

  api.openapi(
    deleteRoute('/api/v1/parts/{id}', 'Delete a part use with a reason, as /part delete does'),
    async (c) => {
      const r = await deletePartUse(c.get('ctx'), { id: c.req.valid('param').id, reason: c.req.valid('query').reason });
      return c.json({ subject: `P${r.old.id}`, job: r.job.ref, deleted: true, reason: r.reason, old: partValues(r.old), new: null, adjustments: r.adjustments, currency: r.currency }, 200);
    },
  );
}
