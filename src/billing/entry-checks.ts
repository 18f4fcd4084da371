/**
 * The checks every way of recording time shares (a duration, a span, a timer, the API): whose time
 * it is, which code it goes to, and whether the work may be recorded at all. Each throws a clear
 * refusal; the verbs call them inside their transaction, before writing anything.
 */
import { and, eq, gt, gte, isNull, lt, lte, ne, or, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { invoices, people, timeEntries } from '../../db/schema.js';
import { hasRole } from '../auth.js';
import type { Ctx, Person } from '../context.js';
import { matchId, type ContractVersion } from '../contracts/store.js';
import { siteZone } from '../contracts/save-terms.js';
import { forbidden, invalid, notFound, preconditionFailed } from '../errors.js';
import { resolveTechnician } from '../jobs/assign-job.js';
import type { JobRow } from '../jobs/job-store.js';
import { compileCalendar } from '../rules/calendar.js';
import type { Contract, Rate, Site } from '../rules/contract-types.js';
import { formatDuration } from '../rules/units.js';
import { closestHint } from './closest-hint.js';
import { approvedOutOfScope, approvedPermits, permitCovers, requestCode } from './approved.js';
import { OutOfScopeRefusal } from './refusals.js';
import { t } from '../i18n/index.js';
import { readerClock, readerDate, readerDuration } from '../i18n/format.js';

/** Longest entry accepted: a longer one is a forgotten timer, and overtime looks back one day. */
export const MAX_ENTRY_MINUTES = 24 * 60;
/** Phones' clocks run a little ahead. */
const GRACE_MS = 60_000;

export type EntryKind = 'labour' | 'travel';

export function siteOf(c: Contract, job: JobRow): Site {
  const s = c.sites.find((x) => x.id.toLowerCase() === job.siteId.toLowerCase());
  if (!s) throw preconditionFailed(t('errors-billing.site-gone', { ref: job.ref, site: job.siteId, contract: c.id }));
  return s;
}

export function jobSiteZone(c: Contract, job: JobRow): string {
  const s = c.sites.find((x) => x.id.toLowerCase() === job.siteId.toLowerCase());
  return s ? siteZone(c, s.calendar) : 'UTC';
}

function show(at: Date, zone: string, fmt = 'ccc d LLL HH:mm'): string {
  return readerClock(at, zone, fmt);
}

/**
 * Whose time this is. A technician records their own; a dispatcher may record anyone's (by default
 * the job's assignee). Everyone else is refused.
 */
export async function workerFor(ctx: Ctx, job: JobRow, technician?: string | number): Promise<Person> {
  const me = ctx.actor.person;
  if (!me || !hasRole(me, ['technician', 'dispatcher'])) {
    throw forbidden(t('errors-billing.record-who', { roles: me?.roles.join(', ') || 'none' }));
  }
  const dispatcher = hasRole(me, ['dispatcher']);
  if (technician !== undefined && technician !== '') {
    const who = await resolveTechnician(ctx, technician);
    if (who.id !== me.id && !dispatcher) throw forbidden(t('errors-billing.record-other', { name: who.name }));
    return who;
  }
  if (me.roles.includes('technician')) return me;
  if (job.assigneeId) return resolveTechnician(ctx, job.assigneeId);
  throw invalid(t('errors-billing.nobody-assigned', { ref: job.ref }));
}

export function workableJob(job: JobRow): void {
  if (job.status === 'cancelled') throw preconditionFailed(t('errors-billing.job-cancelled', { ref: job.ref }));
}

/** Not in the future, not before the job was reported, at least a minute, at most a day. */
export function checkSpan(ctx: Ctx, job: JobRow, start: Date, end: Date | null, zone: string): void {
  if (Number.isNaN(start.getTime()) || (end && Number.isNaN(end.getTime()))) throw invalid(t('errors-billing.time-invalid'));
  const now = ctx.clock.now();
  const last = end ?? start;
  if (last.getTime() > now.getTime() + GRACE_MS) {
    throw invalid(t('errors-billing.time-future', { at: show(last, zone), now: show(now, zone) }));
  }
  if (start < job.reportedAt) {
    throw invalid(t('errors-billing.before-report', { ref: job.ref, reported: show(job.reportedAt, zone), start: show(start, zone) }));
  }
  if (end) {
    const minutes = (end.getTime() - start.getTime()) / 60_000;
    if (minutes < 1) throw invalid(t('errors-billing.too-short'));
    if (minutes > MAX_ENTRY_MINUTES) throw invalid(t('errors-billing.too-long', { duration: readerDuration(minutes) }));
  }
}

/** The first hourly code the contract bills (not covered, not out of scope). */
export function defaultLabourRate(c: Contract): Rate | undefined {
  return c.rates.find((r) => r.unit === 'hour' && !r.covered && !r.outOfScope);
}

export interface ResolvedCode {
  code: string;
  rate?: Rate;
  approvalId: number | null;
}

/**
 * The code time goes to. Omitted: travel goes to the contract's travel rule when it has one; labour
 * goes to the job's task code, else the contract's first billable hourly code. A code the contract
 * does not know, or one marked out of scope, needs an approved out-of-scope request for this job
 * and code; without one the refusal carries what chat needs for a "request approval" button.
 */
export async function resolveCode(
  db: DbOrTx,
  job: JobRow,
  v: ContractVersion,
  typed: string | undefined,
  kind: EntryKind,
  minutes: number,
  span?: { start: Date; end: Date },
): Promise<ResolvedCode> {
  const c = v.contract;
  const travel = c.modifiers.travel;
  if (kind === 'travel' && travel) {
    if (typed && typed.toLowerCase() !== travel.code.toLowerCase()) {
      throw invalid(t('errors-billing.travel-rule', { contract: c.id, code: travel.code, per: travel.per, ref: job.ref }));
    }
    return { code: travel.code, rate: matchId(c.rates, (r) => r.code, travel.code), approvalId: null };
  }
  const want = typed ?? (kind === 'labour' ? (job.taskCode ?? undefined) : undefined) ?? defaultLabourRate(c)?.code;
  if (!want) throw invalid(t('errors-billing.no-default-code', { contract: c.id }), [t('errors-billing.codes', { codes: c.rates.map((r) => r.code).join(', ') })]);
  const rate = matchId(c.rates, (r) => r.code, want);
  if (!rate) {
    const ok = await approvedOutOfScope(db, job.id, want);
    if (ok) return { code: requestCode(ok)!, approvalId: ok.id };
    // Work the library lacks is approved as a priced quote (no code), which the invoice bills as
    // an extra line; so there is no code to request here, only the quote to ask for.
    throw notFound(t('errors-billing.no-task-code', { contract: c.id, version: String(v.version), code: want }), [
      closestHint('code', want, c.rates.map((r) => r.code)),
      t('errors-billing.needs-quote', { ref: job.ref }),
    ]);
  }
  if (rate.unit === 'km') {
    throw invalid(t('errors-billing.per-km', { code: rate.code, ref: job.ref }));
  }
  if (rate.outOfScope) {
    const ok = await approvedOutOfScope(db, job.id, rate.code);
    if (!ok) {
      throw new OutOfScopeRefusal(
        'precondition_failed',
        t('errors-billing.out-of-scope', { code: rate.code, name: rate.name, contract: c.id, ref: job.ref }),
        [t('errors-billing.ask-approval', { ref: job.ref, code: rate.code, duration: formatDuration(Math.max(minutes, 1)) })],
        { id: job.id, ref: job.ref },
        rate.code,
        minutes,
        span,
      );
    }
    return { code: rate.code, rate, approvalId: ok.id };
  }
  return { code: rate.code, rate, approvalId: null };
}

/**
 * Work outside a site's `access` calendar needs an approved permit covering it, unless the
 * contract's outsideAccess modifier says no approval is needed (it is then only priced higher).
 * Without an outsideAccess modifier the rating engine holds such work, so it is refused here too.
 * A running timer is checked at its start; its end is checked when it stops.
 */
export async function checkAccess(db: DbOrTx, job: JobRow, v: ContractVersion, start: Date, end: Date | null): Promise<void> {
  const c = v.contract;
  const site = siteOf(c, job);
  if (!site.access) return;
  if (!(c.modifiers.outsideAccess?.requiresApproval ?? true)) return;
  const spec = c.calendars[site.access] ?? '24x7';
  const cal = compileCalendar(spec);
  const until = end ?? new Date(start.getTime() + 60_000);
  const open = cal.openSpans(start, until);
  const outside: { start: Date; end: Date }[] = [];
  let cursor = start.getTime();
  for (const s of open) {
    if (s.start.getTime() > cursor) outside.push({ start: new Date(cursor), end: s.start });
    cursor = Math.max(cursor, s.end.getTime());
  }
  if (cursor < until.getTime()) outside.push({ start: new Date(cursor), end: until });
  if (!outside.length) return;
  const permits = (await approvedPermits(db, job.id)).get(job.id) ?? [];
  if (permits.some((p) => permitCovers(p, start, until))) return;
  const zone = spec === '24x7' ? jobSiteZone(c, job) : spec.timezone;
  const spans = outside.map((o) => `${show(o.start, zone)}–${show(o.end, zone, 'HH:mm')}`).join(', ');
  const hours = spec === '24x7' ? [] : Object.entries(spec.weekly).map(([d, r]) => `${d} ${r!.join(', ')}`);
  throw preconditionFailed(
    t('errors-billing.outside-access', { site: site.id, access: site.access, spans, ref: job.ref }),
    [...(hours.length ? [t('errors-billing.access-hours', { hours: hours.join(t('common.list-sep')) })] : []), t('errors-billing.ask-permit')],
  );
}

/** One person cannot be in two places: no overlapping entries, a running timer included. */
export async function checkOverlap(db: DbOrTx, person: Person, start: Date, end: Date | null, zone: string, exceptId?: number): Promise<void> {
  const conds: SQL[] = [eq(timeEntries.personId, person.id), isNull(timeEntries.deletedAt), or(isNull(timeEntries.endAt), gt(timeEntries.endAt, start))!];
  if (end) conds.push(lt(timeEntries.startAt, end));
  if (exceptId !== undefined) conds.push(ne(timeEntries.id, exceptId));
  const [hit] = await db
    .select({ id: timeEntries.id, startAt: timeEntries.startAt, endAt: timeEntries.endAt, code: timeEntries.code })
    .from(timeEntries)
    .where(and(...conds))
    .orderBy(timeEntries.startAt)
    .limit(1);
  if (!hit) return;
  const what = hit.endAt ? `${show(hit.startAt, zone)}–${show(hit.endAt, zone, 'HH:mm')}` : t('errors-billing.timer-since', { at: show(hit.startAt, zone) });
  throw preconditionFailed(t('errors-billing.overlap', { name: person.name, what, code: hit.code }), [
    hit.endAt ? t('errors-billing.overlap-fix') : t('errors-billing.overlap-stop'),
  ]);
}

/** Serialise one person's time recording, so two devices syncing at once cannot both pass the overlap check. */
export async function lockPerson(db: DbOrTx, personId: number): Promise<void> {
  await db.select({ id: people.id }).from(people).where(eq(people.id, personId)).for('update');
}

/** A period that is invoiced is frozen: its corrections are credit notes, not new time or parts. */
export async function checkNotInvoiced(db: DbOrTx, contractId: string, localDate: string): Promise<void> {
  const [inv] = await db
    .select({ number: invoices.number })
    .from(invoices)
    .where(and(eq(invoices.contractId, contractId), eq(invoices.kind, 'invoice'), lte(invoices.periodFrom, localDate), gte(invoices.periodTo, localDate)))
    .limit(1);
  if (inv) {
    throw preconditionFailed(t('errors-billing.period-invoiced', { date: readerDate(localDate), number: inv.number }));
  }
}

