/** Which status changes make sense. Pure; the verb turns a refusal into a clear message. */
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
  if (from === to) return `The job is already ${label(to)}.`;
  if (NEXT[from].includes(to)) return null;
  if (from === 'cancelled') return 'The job is cancelled; a cancelled job cannot change. Create a new job instead.';
  if (to === 'closed') return `Only a resolved job can be closed; this one is ${label(from)}. Resolve it first.`;
  if (to === 'reopened') return `Only a resolved or closed job can be reopened; this one is ${label(from)}.`;
  if (from === 'resolved' || from === 'closed') return `The job is ${label(from)}; reopen it first.`;
  return `A job that is ${label(from)} cannot go to ${label(to)}. Next steps: ${NEXT[from].map(label).join(', ')}.`;
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
