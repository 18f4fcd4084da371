/** `/check J-1001 [code]`: the job's checklists in the contracted scope, with every step's state. */
import { requirePerson } from '../auth.js';
import type { Ctx } from '../context.js';
import { invalid } from '../errors.js';
import { loadJob } from '../jobs/job-store.js';
import { checklistLinkFor } from '../web/links.js';
import { attachmentsOf, checklistOf, loadChecklists, rateOf, type AttachmentRow, type JobChecklists } from './checklist.js';
import { t } from '../i18n/index.js';

export interface ChecklistView extends JobChecklists {
  attachments: AttachmentRow[];
  /** the code asked for, when one was */
  asked?: string;
  /** the offline checklist page, for the assigned technician (docs/field.md) */
  phoneLink?: string;
}

export async function showChecklist(ctx: Ctx, input: { job: string | number; code?: string }): Promise<ChecklistView> {
  if (ctx.actor.via !== 'api') requirePerson(ctx);
  const job = await loadJob(ctx.db, input.job);
  const code = input.code?.trim();
  const v = await loadChecklists(ctx.db, job, code || undefined);
  if (code) {
    const c = v.contract;
    if (!rateOf(c, code) && !checklistOf(c, code)) {
      throw invalid(t('errors-proof.no-task-code', { contract: c.id, code }), [t('errors-proof.codes-with-checklist', { codes: Object.keys(c.checklists).join(', ') || t('errors-proof.none') })]);
    }
    if (!checklistOf(c, code)) throw invalid(t('errors-proof.no-checklist-for-code', { contract: c.id, code: rateOf(c, code)!.code }), [t('errors-proof.codes-with-checklist', { codes: Object.keys(c.checklists).join(', ') || t('errors-proof.none') })]);
  }
  const lists = code ? v.lists.filter((l) => l.code.toUpperCase() === code.toUpperCase()) : v.lists;
  const outOfScope = code ? v.outOfScope.filter((o) => o.code.toUpperCase() === code.toUpperCase()) : v.outOfScope;
  const phoneLink = checklistLinkFor(ctx, job);
  return { ...v, lists, outOfScope, attachments: await attachmentsOf(ctx.db, job.id), asked: code, ...(phoneLink ? { phoneLink } : {}) };
}
