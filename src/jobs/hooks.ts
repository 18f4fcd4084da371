/**
 * Things other features do when a job changes, inside the same transaction (customer message
 * drafts, webhooks). Features register here so the job verbs stay small.
 */
import type { Ctx } from '../context.js';
import type { JobRow } from './job-store.js';

export type JobChange = 'created' | 'status' | 'assigned' | 'priority' | 'closed' | 'eta';
type Hook = (ctx: Ctx, job: JobRow, change: JobChange, detail?: Record<string, unknown>) => Promise<void>;

const hooks: Hook[] = [];

export function onJobChange(h: Hook): void {
  hooks.push(h);
}

export async function afterJobChange(ctx: Ctx, job: JobRow, change: JobChange, detail?: Record<string, unknown>): Promise<void> {
  for (const h of hooks) await h(ctx, job, change, detail);
}

type Guard = (ctx: Ctx, job: JobRow, to: string) => Promise<void>;
const guards: Guard[] = [];

/** Checks before a status change (required checklist steps before resolve/close); throw to refuse. */
export function guardStatusChange(g: Guard): void {
  guards.push(g);
}

export async function checkStatusChange(ctx: Ctx, job: JobRow, to: string): Promise<void> {
  for (const g of guards) await g(ctx, job, to);
}
