/** Small helpers the approval tests share: a job to ask about, and a refusal matcher. */
import { expect } from 'vitest';
import { AppError } from '../../src/errors.js';
import { createJob } from '../../src/jobs/create-job.js';
import type { TestKit } from '../support/app.js';

export async function expectError(p: Promise<unknown>, code: string, text: RegExp): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  expect((err as AppError).message).toMatch(text);
  return err as AppError;
}

/** A P3 job reported by Dana; ACME-HVAC at PAR-HQ unless told otherwise. */
export async function aJob(kit: TestKit, opts: { contract?: string; site?: string; summary?: string } = {}): Promise<string> {
  const dana = await kit.as('dana');
  const { ref } = await createJob(dana, { contract: opts.contract ?? 'ACME-HVAC', site: opts.site ?? 'PAR-HQ', priority: 'P3', summary: opts.summary ?? 'Air handler noisy' });
  return ref;
}
