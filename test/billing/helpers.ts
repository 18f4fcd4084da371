/** Builders for billing tests: jobs through the job verbs, chat through the router, history as rows. */
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { plain, type Card } from '../../cards/card.js';
import { approvals, credits, invoices, jobs, people } from '../../db/schema.js';
import type { Usage } from '../../src/billing/rating-input.js';
import type { Ctx } from '../../src/context.js';
import { AppError } from '../../src/errors.js';
import { changeStatus } from '../../src/jobs/change-status.js';
import { createJob } from '../../src/jobs/create-job.js';
import type { TestKit } from '../support/app.js';

/** Every text of a card, flattened, for `toMatch`. */
export function text(c: Card): string {
  const out: string[] = [c.title];
  for (const b of c.blocks) {
    if (b.type === 'text') out.push(plain(b.text));
    if (b.type === 'list') out.push(...b.items.map(plain));
    if (b.type === 'fields') out.push(...b.fields.map((f) => `${f.label}: ${plain(f.value)}`));
    if (b.type === 'table') out.push(...b.rows.map((r) => r.map(plain).join(' | ')));
  }
  return out.join('\n');
}

/** Run a chat command and insist it worked (an error card fails the test with its text). */
export async function say(kit: TestKit, ctx: Ctx, line: string): Promise<Card> {
  const [c] = await kit.app.dispatch(ctx, line);
  if (!c || c.kind === 'error') throw new Error(`${line} -> ${c ? text(c) : 'no card'}`);
  return c;
}

/** Run a chat command that must be refused; returns the error card. */
export async function refused(kit: TestKit, ctx: Ctx, line: string, pattern: RegExp): Promise<Card> {
  const [c] = await kit.app.dispatch(ctx, line);
  expect(c?.kind, `${line} should be refused`).toBe('error');
  expect(text(c!)).toMatch(pattern);
  return c!;
}

export async function expectError(p: Promise<unknown>, code: string, pattern: RegExp): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  expect((err as AppError).message).toMatch(pattern);
  return err as AppError;
}

export async function job(ctx: Ctx, contract: string, site: string, priority: string, at: string, taskCode?: string): Promise<string> {
  return (await createJob(ctx, { contract, site, priority, summary: `work at ${site}`, at: new Date(at), taskCode })).ref;
}

/** Move a job through statuses at given instants (dispatcher). */
export async function statuses(ctx: Ctx, ref: string, steps: [string, string][]): Promise<void> {
  for (const [to, at] of steps) await changeStatus(ctx, { job: ref, to, at: new Date(at) });
}

export async function personId(kit: TestKit, handle: string): Promise<number> {
  const [p] = await kit.db.db.select({ id: people.id }).from(people).where(eq(people.shellHandle, handle));
  return p!.id;
}

export async function addTechnician(kit: TestKit, handle: string, name: string): Promise<void> {
  await kit.db.db.insert(people).values({ name, email: `${handle}@demo.example`, roles: ['technician'], shellHandle: handle });
}

/** An approval as the approvals feature leaves it once decided (billing only reads these rows). */
export async function approved(kit: TestKit, a: { kind: 'outOfScope' | 'permit'; contract: string; jobRef: string; request: Record<string, unknown>; amount?: number; reason?: string; at: string }): Promise<number> {
  const jobId = await jobIdOf(kit, a.jobRef);
  const [row] = await kit.db.db
    .insert(approvals)
    .values({
      kind: a.kind,
      contractId: a.contract,
      jobId,
      request: a.request,
      amount: a.amount ?? 0,
      currency: 'XXX',
      reason: a.reason ?? 'needed on site',
      requesterId: await personId(kit, 'tom'),
      deciderRoles: ['manager'],
      status: 'approved',
      deciderId: await personId(kit, 'max'),
      decidedAt: new Date(a.at),
    })
    .returning({ id: approvals.id });
  return row!.id;
}

export async function jobIdOf(kit: TestKit, ref: string): Promise<number> {
  const [j] = await kit.db.db.select({ id: jobs.id }).from(jobs).where(eq(jobs.ref, ref));
  return j!.id;
}

/** An invoice issued before the test's story began: its frozen usage is where the month starts. */
export async function issuedBefore(kit: TestKit, contract: string, period: { key: string; from: string; to: string }, usage: Usage): Promise<void> {
  await kit.db.db.insert(invoices).values({ number: `${contract}-${period.key}`, contractId: contract, periodFrom: period.from, periodTo: period.to, currency: 'XXX', kind: 'invoice', total: 0, usage, issuedAt: new Date(`${period.to}T23:59:00Z`) });
}

/** A goodwill credit as an approved goodwill request writes it. */
export async function goodwill(kit: TestKit, contract: string, amount: number, at: string, reason: string): Promise<number> {
  const [c] = await kit.db.db
    .insert(credits)
    .values({ contractId: contract, kind: 'goodwill', amount, period: at.slice(0, 7), rule: 'approvals.goodwill', reason, at: new Date(at) })
    .returning({ id: credits.id });
  return c!.id;
}
