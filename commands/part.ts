import { DateTime } from 'luxon';
import { z } from 'zod';
import { partLoggedCard } from '../cards/build/time.js';
import { workCorrectionCard } from '../cards/build/work-correction.js';
import type { Card } from '../cards/card.js';
import { deletePartUse, editPartUse } from '../src/billing/correct-part.js';
import { parseRecordId } from '../src/billing/corrections.js';
import { logPart } from '../src/billing/log-part.js';
import type { Ctx } from '../src/context.js';
import { invalid } from '../src/errors.js';
import { parseAt } from '../src/jobs/event-time.js';
import { findJob } from '../src/jobs/job-store.js';
import { jobZone } from '../src/jobs/site-zone.js';
import type { Command } from './command.js';
import { UsageError, usageLines } from './command.js';
import { t } from '../src/i18n/index.js';
import { takeFor } from './log.js';

const refSchema = z.string({ error: 'which job? e.g. J-1001' }).regex(/^j?-?\d+$/i, 'job numbers look like J-1001');

/** Pull `--at <when>` (or `--at=<when>`) out of the words. */
function takeAtWord(words: string[]): { words: string[]; text?: string } {
  const i = words.findIndex((w) => w === '--at' || w.startsWith('--at='));
  if (i < 0) return { words };
  const w = words[i]!;
  const text = w.includes('=') ? w.slice(5) : words[i + 1];
  if (!text) throw new UsageError(t('errors-commands.at-date-time'));
  const rest = [...words];
  rest.splice(i, w.includes('=') ? 1 : 2);
  return { words: rest, text };
}

/**
 * When a part was fitted, on the site clock, as /job's --at reads times. A date alone means that
 * day: its last minute, or now when it is today, so the part is priced on that local date.
 */
function partTime(text: string, zone: string, now: Date): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const day = DateTime.fromISO(text, { zone });
    if (!day.isValid) throw invalid(t('errors-commands.not-a-date', { typed: text }));
    const last = day.endOf('day').startOf('minute').toJSDate();
    return last < now ? last : now;
  }
  const at = parseAt(text, zone, now);
  if (!at) throw invalid(t('errors-commands.not-a-date-or-time', { typed: text }));
  return at;
}

/** `/part edit P3 <qty> [sku] "<reason>"` and `/part delete P3 "<reason>"`: the words after the changes are the reason. */
async function correctPart(ctx: Ctx, verb: 'edit' | 'delete', words: string[]): Promise<Card> {
  const id = words[0] === undefined ? undefined : parseRecordId(words[0], 'P');
  if (id === undefined) throw new UsageError(t('errors-commands.part-use'));
  if (verb === 'delete') {
    const r = await deletePartUse(ctx, { id, reason: words.slice(1).join(' ') });
    return workCorrectionCard({ subject: `P${id}`, ref: r.job.ref, deleted: true, changes: [t('replies-correction.part-removed', { qty: String(r.old.qty), sku: r.old.sku })], reason: r.reason, adjustments: r.adjustments, currency: r.currency, zone: r.zone });
  }
  const [qtyText, ...rest] = words.slice(1);
  if (!qtyText || !/^\d+$/.test(qtyText)) throw new UsageError(t('errors-commands.part-edit-qty', { typed: qtyText ?? '', id: String(id) }));
  const sku = rest.length > 1 ? rest[0] : undefined;
  const r = await editPartUse(ctx, { id, qty: Number(qtyText), sku, reason: (sku ? rest.slice(1) : rest).join(' ') });
  return workCorrectionCard({ subject: `P${id}`, ref: r.job.ref, deleted: false, changes: [t('replies-correction.part-changed', { oldQty: String(r.old.qty), oldSku: r.old.sku, qty: String(r.use.qty), sku: r.use.sku })], reason: r.reason, adjustments: r.adjustments, currency: r.currency, zone: r.zone });
}

export const partCommand: Command = {
  name: 'part',
  get summary() {
    return t('commands.part.summary');
  },
  get usage() {
    return usageLines('commands.part.usage');
  },
  get example() {
    return t('commands.part.example');
  },
  async run(ctx, args) {
    const verb = args.words[0]?.toLowerCase();
    if (verb === 'edit' || verb === 'delete') return correctPart(ctx, verb, args.words.slice(1));
    const taken = takeFor(args.words);
    const { technician } = taken;
    const [ref0] = taken.words;
    if (!ref0) throw new UsageError(t('errors-commands.part-which'));
    const atWord = takeAtWord(taken.words);
    const at = atWord.text === undefined ? undefined : partTime(atWord.text, await jobZone(ctx.db, await findJob(ctx.db, refSchema.parse(ref0))), ctx.clock.now());
    const [ref, sku, qtyText, ...extra] = atWord.words;
    if (!ref || !sku) throw new UsageError(t('errors-commands.part-which'));
    if (extra.length) throw new UsageError(t('errors-commands.after-quantity', { words: extra.join(' ') }));
    let qty: number | undefined;
    if (qtyText !== undefined) {
      if (!/^\d+$/.test(qtyText)) throw new UsageError(t('errors-commands.part-qty', { typed: qtyText }));
      qty = Number(qtyText);
    }
    const r = await logPart(ctx, { job: refSchema.parse(ref), sku, qty, technician, at });
    return partLoggedCard({ ref: r.job.ref, person: r.person.name, sku: r.part.sku, name: r.part.name, qty: r.use.qty, price: r.part.price, currency: r.currency, version: r.version });
  },
};
