/**
 * The checks every way of recording time shares (a duration, a span, a timer, the API): whose time
 * it is, which code it goes to, and whether the work may be recorded at all. Each throws a clear
 * refusal; the verbs call them inside their transaction, before writing anything.
 */
import { and, eq, gt, gte, isNull, lt, lte, ne, or, type SQL } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { DbOrTx } from '../../db/client.js';
import { invoices, people, timeEntries } from '../../db/schema.js';
import { closest } from '../rules/closest.js';
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
import { approvedOutOfScope, approvedPermits, permitCovers, requestCode } from './approved.js';
import { OutOfScopeRefusal } from './refusals.js';

/** Longest entry accepted: a longer one is a forgotten timer, and overtime looks back one day. */
export const MAX_ENTRY_MINUTES = 24 * 60;
/** Phones' clocks run a little ahead. */
const GRACE_MS = 60_000;

export type EntryKind = 'labour' | 'travel';

export function siteOf(c: Contract, job: JobRow): Site {
  const s = c.sites.find((x) => x.id.toLowerCase() === job.siteId.toLowerCase());
  if (!s) throw preconditionFailed(`${job.ref} is at site ${job.siteId}, which ${c.id} no longer lists; ask a manager.`);
  return s;
}

export function jobSiteZone(c: Contract, job: JobRow): string {
  const s = c.sites.find((x) => x.id.toLowerCase() === job.siteId.toLowerCase());
  return s ? siteZone(c, s.calendar) : 'UTC';
}

function show(at: Date, zone: string, fmt = 'ccc d LLL HH:mm'): string {
  return DateTime.fromJSDate(at, { zone }).toFormat(fmt);
}

/**
 * Whose time this is. A technician records their own; a dispatcher may record anyone's (by default
 * the job's assignee). Everyone else is refused.
 */
export async function workerFor(ctx: Ctx, job: JobRow, technician?: string | number): Promise<Person> {
  const me = ctx.actor.person;
  if (!me || !hasRole(me, ['technician', 'dispatcher'])) {
    throw forbidden(`Only the technician who did the work, or a dispatcher, can record time and parts; you are ${me?.roles.join(', ') || 'without a role'}.`);
  }
  const dispatcher = hasRole(me, ['dispatcher']);
  if (technician !== undefined && technician !== '') {
    const who = await resolveTechnician(ctx, technician);
    if (who.id !== me.id && !dispatcher) throw forbidden(`Only a dispatcher can record time for ${who.name}; record your own.`);
    return who;
  }
  if (me.roles.includes('technician')) return me;
  if (job.assigneeId) return resolveTechnician(ctx, job.assigneeId);
  throw invalid(`${job.ref} has nobody assigned: say whose time it is (--for tom).`);
}

export function workableJob(job: JobRow): void {
  if (job.status === 'cancelled') throw preconditionFailed(`${job.ref} is cancelled; time and parts go on a job that is not cancelled.`);
}

/** Not in the future, not before the job was reported, at least a minute, at most a day. */
export function checkSpan(ctx: Ctx, job: JobRow, start: Date, end: Date | null, zone: string): void {
  if (Number.isNaN(start.getTime()) || (end && Number.isNaN(end.getTime()))) throw invalid('That is not a valid date and time.');
  const now = ctx.clock.now();
  const last = end ?? start;
  if (last.getTime() > now.getTime() + GRACE_MS) {
    throw invalid(`${show(last, zone)} is in the future (now is ${show(now, zone)} site time); time is recorded once worked.`);
  }
  if (start < job.reportedAt) {
    throw invalid(`${job.ref} was reported ${show(job.reportedAt, zone)} site time; work cannot start before that (${show(start, zone)}).`);
  }
  if (end) {
    const minutes = (end.getTime() - start.getTime()) / 60_000;
    if (minutes < 1) throw invalid('The entry ends before it starts or lasts less than a minute.');
    if (minutes > MAX_ENTRY_MINUTES) throw invalid(`An entry of ${formatDuration(minutes)} is longer than a day: split it by day (a forgotten timer?).`);
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
      throw invalid(`Travel on ${c.id} is billed by its travel rule (${travel.code} per ${travel.per}); log it without a code: /log ${job.ref} travel 45m.`);
    }
    return { code: travel.code, rate: matchId(c.rates, (r) => r.code, travel.code), approvalId: null };
  }
  const want = typed ?? (kind === 'labour' ? (job.taskCode ?? undefined) : undefined) ?? defaultLabourRate(c)?.code;
  if (!want) throw invalid(`${c.id} has no hourly labour code to default to: say which code.`, [`Codes: ${c.rates.map((r) => r.code).join(', ')}`]);
  const rate = matchId(c.rates, (r) => r.code, want);
  if (!rate) {
    const ok = await approvedOutOfScope(db, job.id, want);
    if (ok) return { code: requestCode(ok)!, approvalId: ok.id };
    const near = closest(want, c.rates.map((r) => r.code));
    // Work the library lacks is approved as a priced quote (no code), which the invoice bills as
    // an extra line; so there is no code to request here, only the quote to ask for.
    throw notFound(`${c.id} v${v.version} has no task code ${want}; nothing was logged.`, [
      near.length ? `Closest codes: ${near.join(', ')}` : `Codes: ${c.rates.map((r) => r.code).join(', ')}`,
      `Work the contract does not list needs an approved quote first: /oos ${job.ref} "what" <price> <why>`,
    ]);
  }
  if (rate.unit === 'km') {
    throw invalid(`${rate.code} is billed per km from the site's distance, not as time. Log the travel time: /log ${job.ref} travel 45m.`);
  }
  if (rate.outOfScope) {
    const ok = await approvedOutOfScope(db, job.id, rate.code);
    if (!ok) {
      throw new OutOfScopeRefusal(
        'precondition_failed',
        `${rate.code} (${rate.name}) is out of scope on ${c.id}: it needs an approved out-of-scope request for ${job.ref} before time is logged to it. Nothing was logged.`,
        [`Ask for approval with the button, or ask a manager: /oos ${job.ref} ${rate.code} ${formatDuration(Math.max(minutes, 1))} <why>`],
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
    `${site.id} allows work only inside its access hours (${site.access}); ${spans} (site time) is outside them and needs an approved permit for ${job.ref} first. Nothing was logged.`,
    [...(hours.length ? [`Access hours: ${hours.join('; ')}`] : []), 'Ask a manager for a permit covering the work, then log it again.'],
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
  const what = hit.endAt ? `${show(hit.startAt, zone)}–${show(hit.endAt, zone, 'HH:mm')}` : `a timer running since ${show(hit.startAt, zone)}`;
  throw preconditionFailed(`${person.name} already has time logged then: ${what} (${hit.code}). Entries of one person cannot overlap; nothing was logged.`, [
    hit.endAt ? 'Log the part that is not covered yet, or ask a dispatcher to correct the earlier entry.' : 'Stop the timer first: /log stop',
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
    throw preconditionFailed(`${localDate} is already invoiced (${inv.number}); nothing more can be recorded in that period. Finance corrects an issued invoice with a credit note.`);
  }
}

