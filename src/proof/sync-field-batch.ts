/**
 * What a technician's phone recorded offline, sent in one batch when the signal returns: checklist
 * ticks (with their reading, photo or nothing), time entries and the arrival on site or the end of
 * the work, each with the instant it really happened, so SLA clocks, rating and proof use those
 * times. Each item is applied alone, all or
 * nothing, in its own savepoint with an audit row keyed by the phone's id for it, so a batch sent
 * twice (a lost answer, a retry) applies nothing twice. Items that no longer apply (the job was
 * reassigned or closed, the step is not the one ticked) are refused with the reason, never dropped.
 */
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { auditLog } from '../../db/schema.js';
import { audit } from '../audit.js';
import { logTime } from '../billing/log-time.js';
import type { Ctx } from '../context.js';
import { AppError, invalid } from '../errors.js';
import { readerClock } from '../i18n/format.js';
import { tIn, type MessageKey, type MessageValues } from '../i18n/t.js';
import { inTransaction } from '../verb.js';
import { loadChecklists } from './checklist.js';
import type { IncomingFile } from './files.js';
import { loadJob } from '../jobs/job-store.js';
import { tickStep } from './tick-step.js';
import { changeStatus } from '../jobs/change-status.js';
import { t } from '../i18n/index.js';

export const MAX_BATCH_ITEMS = 200;
/** The status changes a technician's phone can record offline. */
export const FIELD_STATUSES = ['on_site', 'resolved'] as const;

const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s));
const itemId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'item ids are 8 to 64 letters, digits or dashes');

export const fieldItemSchema = z.discriminatedUnion('kind', [
  z.object({
    id: itemId,
    kind: z.literal('tick'),
    code: z.string().min(1).max(40),
    /** the step's number as the page showed it, and its text, so a changed step is noticed */
    step: z.number().int().min(1),
    stepText: z.string().max(300).optional(),
    at: instant,
    reading: z.string().max(40).optional(),
    /** the multipart field carrying the photo */
    photo: z.string().max(80).optional(),
  }),
  z.object({ id: itemId, kind: z.literal('time'), code: z.string().max(40).optional(), start: instant, end: instant, note: z.string().max(500).optional() }),
  /** arriving on site (stops the response clock) or finishing the work (stops the restore clock) */
  z.object({ id: itemId, kind: z.literal('status'), to: z.enum(FIELD_STATUSES), at: instant }),
]);
export const fieldBatchSchema = z.object({ items: z.array(fieldItemSchema).max(MAX_BATCH_ITEMS) });
export type FieldItem = z.infer<typeof fieldItemSchema>;

export type ItemResult =
  | { id: string; status: 'applied' | 'duplicate'; text: string }
  | { id: string; status: 'refused'; text: string; why: string };

const APPLIED = 'field.item_applied';

async function appliedBefore(ctx: Ctx, id: string): Promise<string | undefined> {
  const [row] = await ctx.db
    .select({ data: auditLog.data })
    .from(auditLog)
    .where(and(eq(auditLog.subjectKind, 'field_item'), eq(auditLog.subjectId, id), eq(auditLog.action, APPLIED)))
    .limit(1);
  return row ? ((row.data as { text?: string }).text ?? 'applied') : undefined;
}

/** An item as the technician did it ("PM-AHU step 3, done Mon 23 Nov 10:02"), in the reader's language and the job's zone. */
function describe(item: FieldItem, zone: string): string {
  const when = (at: Date, format = 'ccc d LLL HH:mm') => readerClock(at, zone, format);
  if (item.kind === 'status') return t(item.to === 'on_site' ? 'field-sync.arrived' : 'field-sync.resolved', { at: when(item.at) });
  if (item.kind === 'tick') return t('field-sync.tick', { code: item.code, step: item.step, hasText: item.stepText ? 'yes' : 'no', text: item.stepText ?? '', at: when(item.at) });
  return t('field-sync.time', { start: when(item.start), end: when(item.end, 'HH:mm'), hasCode: item.code ? 'yes' : 'no', code: item.code ?? '' });
}

/** What applying an item did, as a catalog message: worded for the reader, and in English for the audit trail. */
interface Done {
  key: MessageKey;
  values: MessageValues;
}

async function applyOne(ctx: Ctx, jobId: number, item: FieldItem, files: Map<string, IncomingFile>): Promise<Done> {
  if (item.kind === 'time') {
    const job = await loadJob(ctx.db, jobId);
    const r = await logTime(ctx, { job: job.ref, start: item.start, end: item.end, ...(item.code ? { code: item.code } : {}), ...(item.note ? { note: item.note } : {}) });
    return { key: 'field-sync.time-recorded', values: { minutes: r.minutes, code: r.entry.code } };
  }
  const job = await loadJob(ctx.db, jobId);
  if (item.kind === 'status') {
    const r = await changeStatus(ctx, { job: job.ref, to: item.to, at: item.at });
    return { key: 'field-sync.status-now', values: { ref: r.job.ref, status: r.to } };
  }
  if (item.stepText) {
    const cl = await loadChecklists(ctx.db, job, item.code);
    const list = cl.lists.find((l) => l.code.toUpperCase() === item.code.toUpperCase());
    const step = list?.steps.find((s) => s.number === item.step);
    if (list && step && step.step !== item.stepText) throw invalid(t('errors-proof.step-changed', { code: list.code, number: String(item.step), now: step.step, ticked: item.stepText }));
  }
  const file = item.photo ? files.get(item.photo) : undefined;
  if (item.photo && !file) throw invalid(t('errors-proof.photo-missing'));
  const r = await tickStep(ctx, { job: jobId, code: item.code, step: item.step, at: item.at, ...(item.reading ? { reading: item.reading } : {}), ...(file ? { file } : {}) });
  const reading = r.proof?.kind === 'reading' ? r.proof : undefined;
  return { key: 'field-sync.step-confirmed', values: { code: r.code, number: r.number, hasReading: reading ? 'yes' : 'no', value: reading?.value ?? '', unit: reading?.unit ?? '' } };
}

/**
 * Apply a batch for one job, in order (the phone sends them in the order they were done, so
 * safety steps arrive before the steps they gate). The actor is the technician of the link.
 */
export async function syncFieldBatch(ctx: Ctx, input: { job: number; items: FieldItem[]; files?: Map<string, IncomingFile> }): Promise<ItemResult[]> {
  const files = input.files ?? new Map<string, IncomingFile>();
  const job = await loadJob(ctx.db, input.job);
  const zone = (await loadChecklists(ctx.db, job)).zone;
  const results: ItemResult[] = [];
  for (const item of input.items) {
    const what = describe(item, zone);
    try {
      const r = await inTransaction(ctx, async (tx) => {
        const before = await appliedBefore(tx, item.id);
        if (before) return { id: item.id, status: 'duplicate' as const, text: t('field-sync.already', { what }) };
        const done = await applyOne(tx, input.job, item, files);
        await audit(tx, APPLIED, { kind: 'field_item', id: item.id }, { job: job.ref, kind: item.kind, text: tIn('en', done.key, done.values) });
        return { id: item.id, status: 'applied' as const, text: t('field-sync.result', { what, text: t(done.key, done.values) }) };
      });
      results.push(r);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      results.push({ id: item.id, status: 'refused', text: what, why: err.message });
    }
  }
  return results;
}
