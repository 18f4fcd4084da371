/**
 * What other features do when a job changes, inside the same transaction (customer message
 * drafts, webhooks), and the checks they add before a status change. Features contribute them
 * through their Feature object (src/feature.ts); createApp puts the combined lists on
 * `ctx.services.jobHooks`, so the job verbs stay small and two apps never share them.
 */
import type { Ctx } from '../context.js';
import type { JobRow } from './job-store.js';

export type JobChange = 'created' | 'status' | 'assigned' | 'priority' | 'closed' | 'eta';
export type JobHook = (ctx: Ctx, job: JobRow, change: JobChange, detail?: Record<string, unknown>) => Promise<void>;
/** A check before a status change (required checklist steps before resolve/close); throws to refuse. */
export type StatusGuard = (ctx: Ctx, job: JobRow, to: string) => Promise<void>;

export interface JobHooks {
  after: readonly JobHook[];
  guards: readonly StatusGuard[];
}

export async function afterJobChange(ctx: Ctx, job: JobRow, change: JobChange, detail?: Record<string, unknown>): Promise<void> {
  for (const h of ctx.services.jobHooks.after) await h(ctx, job, change, detail);
}

export async function checkStatusChange(ctx: Ctx, job: JobRow, to: string): Promise<void> {
  for (const g of ctx.services.jobHooks.guards) await g(ctx, job, to);
}
