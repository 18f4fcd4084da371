import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import { auditLog, jobs } from '../../db/schema.js';
import { amendContract } from '../../src/contracts/amend-contract.js';
import { termsOf, versionAt } from '../../src/contracts/version-at.js';
import { createJob } from '../../src/jobs/create-job.js';
import { viewJob } from '../../src/jobs/view-job.js';
import { testKit, type TestKit } from '../support/app.js';

let kit: TestKit;
beforeAll(async () => {
  kit = await testKit();
});
afterAll(async () => kit?.close());
beforeEach(async () => {
  await kit.reset();
});

const BRIGHTDESK = readFileSync(new URL('../../examples/contracts/brightdesk-it.yaml', import.meta.url), 'utf8');

/** BRIGHTDESK-IT v2, effective 2026-12-20: P2 response cut from 4h to 1h. */
async function amendP2ResponseTo1h() {
  kit.clock.set('2026-12-07T15:00:00Z');
  const text = BRIGHTDESK.replace('P2: { response: 4h,', 'P2: { response: 1h,');
  expect(text).not.toBe(BRIGHTDESK);
  await amendContract(await kit.as('ada'), { id: 'BRIGHTDESK-IT', terms: { text }, effectiveFrom: '2026-12-20', reason: 'faster P2 response from the 20th' });
}

describe('the contract version that governs a job', () => {
  it('an amendment effective in the future does not change the SLA of a job reported before it', async () => {
    await amendP2ResponseTo1h();
    // Tue 2026-12-08 10:00 New York = 15:00 UTC; 4h of office time (09-17) is due 14:00 New York.
    kit.clock.set('2026-12-08T15:00:00Z');
    const dana = await kit.as('dana');
    const { ref } = await createJob(dana, { contract: 'BRIGHTDESK-IT', site: 'BD-NYC', priority: 'P2', summary: 'Printer queue stuck' });
    const v = await viewJob(dana, ref);
    expect(v.state.windows.response.dueAt?.toISOString()).toBe('2026-12-08T19:00:00.000Z');
    const [row] = await kit.db.db.select().from(jobs).where(eq(jobs.ref, ref));
    expect(row!.contractVersion).toBe(1);
  });

  it('a job reported once the amendment is in force uses it', async () => {
    await amendP2ResponseTo1h();
    // Mon 2026-12-21 10:00 New York = 15:00 UTC; 1h response is due 11:00 New York.
    kit.clock.set('2026-12-21T15:00:00Z');
    const dana = await kit.as('dana');
    const { ref } = await createJob(dana, { contract: 'BRIGHTDESK-IT', site: 'BD-NYC', priority: 'P2', summary: 'Printer queue stuck' });
    const v = await viewJob(dana, ref);
    expect(v.state.windows.response.dueAt?.toISOString()).toBe('2026-12-21T16:00:00.000Z');
    const [row] = await kit.db.db.select().from(jobs).where(eq(jobs.ref, ref));
    expect(row!.contractVersion).toBe(2);
  });

  it('an amendment reaching back moves the jobs reported since its effective date, recomputing their SLA', async () => {
    // Tue 2026-12-08 10:00 New York: two P2 jobs under v1 (4h response, due 14:00 New York), one reported the day before.
    kit.clock.set('2026-12-07T15:00:00Z');
    const dana = await kit.as('dana');
    const before = await createJob(dana, { contract: 'BRIGHTDESK-IT', site: 'BD-NYC', priority: 'P2', summary: 'Monday job' });
    kit.clock.set('2026-12-08T15:00:00Z');
    const since = await createJob(dana, { contract: 'BRIGHTDESK-IT', site: 'BD-NYC', priority: 'P2', summary: 'Printer queue stuck' });
    expect((await viewJob(dana, since.ref)).state.windows.response.dueAt?.toISOString()).toBe('2026-12-08T19:00:00.000Z');

    // At 12:00 New York an amendment effective from the 8th cuts the P2 response to 1h.
    kit.clock.set('2026-12-08T17:00:00Z');
    const text = BRIGHTDESK.replace('P2: { response: 4h,', 'P2: { response: 1h,');
    const r = await amendContract(await kit.as('ada'), { id: 'BRIGHTDESK-IT', terms: { text }, effectiveFrom: '2026-12-08', reason: 'faster P2 response, signed late' });
    expect(r.jobs).toEqual({ moved: 1, recomputed: 1 });

    const rows = await kit.db.db.select().from(jobs).where(eq(jobs.contractId, 'BRIGHTDESK-IT'));
    expect(Object.fromEntries(rows.map((j) => [j.ref, j.contractVersion]))).toMatchObject({ [before.ref]: 1, [since.ref]: 2 });
    // Due 11:00 New York, an hour ago: the list and the job say breached.
    const v = await viewJob(dana, since.ref);
    expect(v.state.windows.response.dueAt?.toISOString()).toBe('2026-12-08T16:00:00.000Z');
    expect(v.state.windows.response.breached).toBe(true);
    expect(rows.find((j) => j.ref === since.ref)!.responseBreached).toBe(true);
    const [trail] = await kit.db.db.select().from(auditLog).where(eq(auditLog.action, 'contract.jobs-reversioned'));
    expect(trail!.data).toMatchObject({ effectiveFrom: '2026-12-08', jobs: [{ job: since.ref, from: 1, to: 2 }], recomputed: [since.ref] });
  });

  it('reads the effective date in the site zone: 22:00 in New York on the 19th is still before the 20th', async () => {
    await amendP2ResponseTo1h();
    const terms = await termsOf(kit.db.db, 'BRIGHTDESK-IT');
    // 2026-12-20 03:00 UTC is already the 20th in UTC but 22:00 on the 19th in New York.
    expect(versionAt(terms, new Date('2026-12-20T03:00:00Z'), 'BD-NYC').version).toBe(1);
    expect(versionAt(terms, new Date('2026-12-20T05:00:00Z'), 'BD-NYC').version).toBe(2);
    expect(versionAt(terms, '2026-12-19').version).toBe(1);
    expect(versionAt(terms, '2026-12-20').version).toBe(2);
    // Before the first version's effective date, the first governs.
    expect(versionAt(terms, '2020-01-01').version).toBe(1);
  });

  it('a job recorded afterwards for a time before the amendment keeps the old SLA', async () => {
    await amendP2ResponseTo1h();
    kit.clock.set('2026-12-21T15:00:00Z');
    const dana = await kit.as('dana');
    const { ref } = await createJob(dana, { contract: 'BRIGHTDESK-IT', site: 'BD-NYC', priority: 'P2', summary: 'Logged late', at: new Date('2026-12-18T15:00:00Z') });
    const [row] = await kit.db.db.select().from(jobs).where(eq(jobs.ref, ref));
    expect(row!.contractVersion).toBe(1);
    const v = await viewJob(dana, ref);
    expect(v.state.windows.response.dueAt?.toISOString()).toBe('2026-12-18T19:00:00.000Z');
  });
});
