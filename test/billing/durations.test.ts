/** Durations typed in chat: impossible ones are refused with the reason and write nothing. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { approvals, timeEntries } from '../../db/schema.js';
import { testKit, type TestKit } from '../support/app.js';
import { job, refused, say } from './helpers.js';

let kit: TestKit;
beforeAll(async () => {
  kit = await testKit();
});
afterAll(async () => kit?.close());
beforeEach(async () => {
  await kit.reset();
  kit.clock.set('2026-11-24T15:00:00Z'); // Tue 16:00 in Paris
});

const entries = () => kit.db.db.select().from(timeEntries).orderBy(timeEntries.id);
const acmeJob = async () => job(await kit.as('dana'), 'ACME-HVAC', 'PAR-HQ', 'P3', '2026-11-23T07:00:00Z');

describe('durations in chat', () => {
  it('/log and /credit refuse 1h75m, 90m15m, -1h and 0m, saying why, and record nothing', async () => {
    const ref = await acmeJob();
    const tom = await kit.as('tom');
    await refused(kit, tom, `/log ${ref} 1h75m HVAC-LAB`, /"1h75m" cannot be: 75m is a whole hour or more; did you mean 2h15m\?/);
    await refused(kit, tom, `/log ${ref} 90m15m`, /gives the minutes twice/);
    await refused(kit, tom, `/log ${ref} -1h`, /negative/);
    await refused(kit, tom, `/log ${ref} 0m`, /no time at all/);
    const dana = await kit.as('dana');
    await refused(kit, dana, `/credit ${ref} 1h75m second visit was our fault`, /"1h75m" cannot be/);
    await refused(kit, dana, `/credit ${ref} 0m nothing`, /no time at all/);
    expect(await entries()).toHaveLength(0);
    expect(await kit.db.db.select().from(approvals)).toHaveLength(0);
  });

  it('reads 1h30 and "1 h 30" as 90 minutes', async () => {
    const ref = await acmeJob();
    const tom = await kit.as('tom');
    const a = await say(kit, tom, `/log ${ref} 1h30 HVAC-LAB belt`);
    expect(a.title).toBe(`Logged 1h30m HVAC-LAB on ${ref}`);
    kit.clock.set('2026-11-24T17:00:00Z');
    const b = await say(kit, tom, `/log ${ref} 1 h 30 HVAC-LAB filters`);
    expect(b.title).toBe(`Logged 1h30m HVAC-LAB on ${ref}`);
    expect((await entries()).map((e) => [(e.endAt!.getTime() - e.startAt.getTime()) / 60_000, e.note])).toEqual([
      [90, 'belt'],
      [90, 'filters'],
    ]);
    const dana = await kit.as('dana');
    await say(kit, dana, `/credit ${ref} 1 h 30 second visit was our fault`);
    const [req] = await kit.db.db.select().from(approvals);
    expect(JSON.stringify(req!.request)).toMatch(/"minutes":90/);
  });
});
