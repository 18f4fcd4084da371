/**
 * Which time entries a period rates, at its edges: the entries the engine gets and the jobs whose
 * parts and rows come with them are the same choice. An October of ACME-HVAC (Paris) rates entries
 * starting from the evening before its first day (the overtime look-back) up to, not including,
 * midnight after its last; unfinished and deleted entries never.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { jobs, partUses, timeEntries } from '../../db/schema.js';
import { contractTerms, loadPeriod } from '../../src/billing/rating-input.js';
import { testKit, type TestKit } from '../support/app.js';
import { job, personId } from './helpers.js';

let kit: TestKit;
beforeAll(async () => {
  kit = await testKit();
});
afterAll(async () => kit?.close());
beforeEach(async () => {
  await kit.reset();
  kit.clock.set('2026-11-02T09:00:00Z');
});

const d = (iso: string) => new Date(iso);
// 1 October 00:00 in Paris is 30 September 22:00Z; the look-back starts a day before.
const LOOK_BACK = '2026-09-29T22:00:00Z';
// 1 November 00:00 in Paris (winter time) is 31 October 23:00Z.
const END = '2026-10-31T23:00:00Z';

it("a period's entries and the jobs they bring (with last month's parts) are chosen alike at the edges", async () => {
  const dana = await kit.as('dana');
  const tom = await personId(kit, 'tom');
  /** A job with one entry of an hour starting at `start`, and a belt fitted in August. */
  const withEntry = async (start: string, more: Partial<typeof timeEntries.$inferInsert> = {}) => {
    const ref = await job(dana, 'ACME-HVAC', 'PAR-HQ', 'P3', '2026-08-03T08:00:00Z');
    const [row] = await kit.db.db.select({ id: jobs.id }).from(jobs).where(eq(jobs.ref, ref));
    const end = new Date(d(start).getTime() + 3_600_000);
    await kit.db.db.insert(timeEntries).values({ jobId: row!.id, personId: tom, code: 'HVAC-LAB', kind: 'labour', startAt: d(start), endAt: end, ...more });
    await kit.db.db.insert(partUses).values({ jobId: row!.id, personId: tom, sku: 'BELT-A42', qty: 1, at: d('2026-08-14T09:00:00Z') });
    return ref;
  };
  const atLookBack = await withEntry(LOOK_BACK);
  await withEntry('2026-09-29T21:59:00Z');
  const lastMinute = await withEntry('2026-10-31T22:59:00Z');
  await withEntry(END);
  await withEntry('2026-10-14T08:00:00Z', { endAt: null });
  await withEntry('2026-10-15T08:00:00Z', { deletedAt: d('2026-10-16T08:00:00Z'), deletedBy: tom, deleteReason: 'wrong job' });

  const { input } = await loadPeriod(kit.db.db, await contractTerms(kit.db.db, 'ACME-HVAC'), { from: '2026-10-01', to: '2026-10-31' }, { prepaidMinutesUsed: [], siteVisitsUsed: {} });
  const rated = [atLookBack, lastMinute].sort();
  expect(input.timeEntries).toHaveLength(2);
  expect([...new Set(input.timeEntries.map((e) => e.jobId))].sort()).toEqual(rated);
  expect([...new Set(input.parts.map((p) => p.jobId))].sort()).toEqual(rated);
  expect(input.jobs.map((j) => j.id).sort()).toEqual(rated);
});
