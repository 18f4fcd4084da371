/** Which status changes make sense. Pure; the verb turns a refusal into a clear message. */
import { t } from '../i18n/t.js';
import type { JobStatus } from '../rules/contract-types.js';

const WORKING: JobStatus[] = ['assigned', 'en_route', 'on_site', 'waiting_customer', 'waiting_parts', 'waiting_permit'];

const NEXT: Record<JobStatus, JobStatus[]> = {
  open: [...WORKING, 'resolved', 'cancelled'],
  reopened: [...WORKING, 'resolved', 'cancelled'],
  assigned: ['open', ...WORKING.filter((s) => s !== 'assigned'), 'resolved', 'cancelled'],
  en_route: ['assigned', 'on_site', 'waiting_customer', 'waiting_parts', 'waiting_permit', 'resolved', 'cancelled'],
  on_site: ['en_route', 'waiting_customer', 'waiting_parts', 'waiting_permit', 'resolved'],
  waiting_customer: ['assigned', 'en_route', 'on_site', 'waiting_parts', 'waiting_permit', 'resolved', 'cancelled'],
  waiting_parts: ['assigned', 'en_route', 'on_site', 'waiting_customer', 'waiting_permit', 'resolved', 'cancelled'],
  waiting_permit: ['assigned', 'en_route', 'on_site', 'waiting_customer', 'waiting_parts', 'resolved', 'cancelled'],
  resolved: ['closed', 'reopened'],
  closed: ['reopened'],
  cancelled: [],
};

export function allowedNext(from: JobStatus): JobStatus[] {
  return NEXT[from];
}

/** null when allowed, else the reason in words. */
export function transitionProblem(from: JobStatus, to: JobStatus): string | null {
  if (from === to) return t('errors-jobs.transition-same', { state: stateWord(to) });
  if (NEXT[from].includes(to)) return null;
  if (from === 'cancelled') return t('errors-jobs.transition-cancelled');
  if (to === 'closed') return t('errors-jobs.transition-close', { state: stateWord(from) });
  if (to === 'reopened') return t('errors-jobs.transition-reopen', { state: stateWord(from) });
  if (from === 'resolved' || from === 'closed') return t('errors-jobs.transition-done', { state: stateWord(from) });
  return t('errors-jobs.transition-no', { from: stateWord(from), to: stateWord(to), next: NEXT[from].map(stateWord).join(', ') });
}

/** A status as a sentence says it, in the reader's language ("en route", "en attente de pièces"). */
export function stateWord(s: JobStatus): string {
  return t('errors-jobs.state', { status: s, label: label(s) });
}

/** A status as its code is written ("en_route") in English, in words in other languages. */
export function statusWord(s: string): string {
  return t('errors-jobs.status', { status: s });
}

export function label(s: JobStatus): string {
  return s.replace('_', ' ');
}

export const OPEN_STATUSES: JobStatus[] = ['open', 'reopened', ...WORKING];
export const DONE_STATUSES: JobStatus[] = ['resolved', 'closed', 'cancelled'];

/** Resolved, closed or cancelled: nothing more is done on the job until it is reopened. */
export function isDone(status: string): boolean {
  return (DONE_STATUSES as string[]).includes(status);
}
