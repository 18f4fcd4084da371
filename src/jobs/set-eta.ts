/**
 * When the technician is expected on site: `{{job.eta}}` in customer messages (the departure
 * notice above all) and a line on the job card. Set by a dispatcher or manager, or by the
 * technician assigned to the job; read in the site's zone; always in the future.
 */
import { DateTime } from 'luxon';
import { eq } from 'drizzle-orm';
import { jobEvents, jobs } from '../../db/schema.js';
import { audit } from '../audit.js';
import { hasRole, requireRole } from '../auth.js';
import type { Ctx, Person } from '../context.js';
import { forbidden, invalid, preconditionFailed } from '../errors.js';
import { readDuration } from '../i18n/duration-reading.js';
import { wallClockInstant } from '../rules/wall-clock.js';
import { inTransaction } from '../verb.js';
import { afterJobChange } from './hooks.js';
import { findJob, type JobRow } from './job-store.js';
import { jobZone } from './site-zone.js';
import { isDone } from './status-rules.js';
import { readerInstant } from '../i18n/format.js';
import { statusWord } from './status-rules.js';
import { t } from '../i18n/t.js';

/** Further ahead than this is a typo more often than a plan. */
export const MAX_ETA_DAYS = 14;

/** The ways to write an ETA, in the reader's language. */
export function etaForms(): string {
  return t('errors-jobs.eta-forms');
}

/**
 * "14:30" (the nearest 14:30 to now: at 23:50, "00:15" is tomorrow's), "+45m" / "+1h30m" (from
 * now), or an ISO date and time read in the site's zone unless it carries an offset. Undefined
 * when the text is none of these; a past instant is returned as such (the caller refuses it).
 */
export function parseEta(text: string, zone: string, now: Date): Date | undefined {
  const t = text.trim();
  if (t.startsWith('+')) {
    const d = readDuration(t.slice(1));
    if (d && 'problem' in d) throw invalid(d.problem);
    return d === undefined ? undefined : new Date(now.getTime() + d.minutes * 60_000);
  }
  const hm = /^(\d{1,2})[:h](\d{2})$/.exec(t);
  if (hm) {
    return wallClockInstant(Number(hm[1]), Number(hm[2]), zone, now, 'nearest');
  }
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}/.test(t)) return undefined;
  const iso = DateTime.fromISO(t.replace(' ', 'T'), { zone });
  return iso.isValid ? iso.toJSDate() : undefined;
}

function show(d: Date, zone: string): string {
  return readerInstant(d, zone);
}

/** Refuse what cannot be an arrival time; `text` is what was typed, for the message. */
export function checkEta(text: string, zone: string, now: Date): Date {
  const eta = parseEta(text, zone, now);
  if (!eta) throw invalid(t('errors-jobs.not-an-eta', { typed: text.slice(0, 40), forms: etaForms() }));
  if (eta.getTime() <= now.getTime()) {
    throw invalid(t('errors-jobs.eta-passed', { eta: show(eta, zone), now: show(now, zone), forms: etaForms() }));
  }
  if (eta.getTime() > now.getTime() + MAX_ETA_DAYS * 86_400_000) {
    throw invalid(t('errors-jobs.eta-far', { eta: show(eta, zone), days: String(MAX_ETA_DAYS) }));
  }
  return eta;
}

/** Dispatchers and managers set any job's ETA; a technician only on the job assigned to them. */
export function requireEtaSetter(ctx: Ctx, job: JobRow): Person {
  const me = requireRole(ctx, ['technician', 'dispatcher', 'manager'], 'set-eta');
  if (!hasRole(me, ['dispatcher', 'manager']) && job.assigneeId !== me.id) {
    throw forbidden(t('errors-jobs.eta-not-yours', { ref: job.ref }));
  }
  return me;
}

/**
 * Store the ETA on a locked job row and record it (job event, audit); call inside a transaction.
 * `null` clears it.
 */
export async function storeEta(ctx: Ctx, me: Person, job: JobRow, eta: Date | null): Promise<JobRow> {
  const now = ctx.clock.now();
  await ctx.db.update(jobs).set({ eta, updatedAt: now }).where(eq(jobs.id, job.id));
  await ctx.db.insert(jobEvents).values({
    jobId: job.id,
    at: now,
    kind: 'eta',
    fromValue: job.eta?.toISOString() ?? null,
    toValue: eta?.toISOString() ?? null,
    actorId: me.id,
    actorLabel: ctx.actor.label,
  });
  await audit(ctx, 'job.eta', { kind: 'job', id: job.ref }, { from: job.eta?.toISOString() ?? null, to: eta?.toISOString() ?? null });
  return { ...job, eta, updatedAt: now };
}

export async function setEta(ctx: Ctx, input: { job: string; eta: string }): Promise<{ job: JobRow; eta: Date | null; zone: string }> {
  return inTransaction(ctx, async (tx) => {
    const job = await findJob(tx.db, input.job, { forUpdate: true });
    const me = requireEtaSetter(tx, job);
    if (isDone(job.status)) throw preconditionFailed(t('errors-jobs.eta-done', { ref: job.ref, status: statusWord(job.status) }));
    const zone = await jobZone(tx.db, job);
    const clear = /^(clear|none|-)$/i.test(input.eta.trim());
    const eta = clear ? null : checkEta(input.eta, zone, tx.clock.now());
    const updated = await storeEta(tx, me, job, eta);
    // Drafts already written with the old ETA (departure, delay) are rewritten if nobody edited them.
    await afterJobChange(tx, updated, 'eta', { from: job.eta?.toISOString() ?? null, to: eta?.toISOString() ?? null });
    return { job: updated, eta, zone };
  });
}
