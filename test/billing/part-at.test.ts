/** /part --at: a part fitted earlier is recorded on its own date, read on the site clock. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { partUses } from '../../db/schema.js';
import { testKit, type TestKit } from '../support/app.js';
import { job, refused, say } from './helpers.js';

let kit: TestKit;
beforeAll(async () => {
  kit = await testKit();
});
afterAll(async () => kit?.close());
beforeEach(async () => {
  await kit.reset();
  kit.clock.set('2026-12-07T10:00:00Z'); // Mon 11:00 in Paris
});

describe('/part --at', () => {
  it('records the part on the date given (its last minute, site time), and a time as typed', async () => {
    const ref = await job(await kit.as('dana'), 'ACME-HVAC', 'PAR-HQ', 'P3', '2026-11-23T07:00:00Z');
    const tom = await kit.as('tom');
    const c = await say(kit, tom, `/part ${ref} FILTER-20X25 2 --at 2026-12-01`);
    expect(c.title).toMatch(/FILTER-20X25/);
    await say(kit, tom, `/part ${ref} FILTER-20X25 --at 2026-12-02T09:15`);
    const rows = await kit.db.db.select().from(partUses).orderBy(partUses.id);
    expect(rows.map((r) => [r.qty, r.at.toISOString()])).toEqual([
      [2, '2026-12-01T22:59:00.000Z'],
      [1, '2026-12-02T08:15:00.000Z'],
    ]);
  });

  it('refuses a date in the future, one before the job was reported, and a word that is no date', async () => {
    const ref = await job(await kit.as('dana'), 'ACME-HVAC', 'PAR-HQ', 'P3', '2026-11-23T07:00:00Z');
    const tom = await kit.as('tom');
    await refused(kit, tom, `/part ${ref} FILTER-20X25 --at 2026-12-09T10:00`, /in the future/);
    await refused(kit, tom, `/part ${ref} FILTER-20X25 --at 2026-11-20`, /work cannot start before that/);
    await refused(kit, tom, `/part ${ref} FILTER-20X25 --at yesterday`, /not a date or a time/);
    expect(await kit.db.db.select().from(partUses)).toHaveLength(0);
  });
});
