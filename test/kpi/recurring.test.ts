/**
 * Preventive visits from the pilots' `recurring` rules, 14 days ahead of Monday 23 Nov 2026:
 * Acme's HVAC-PM on the 5th at both sites (5 Dec), St Luke's PM-INFUSION on the first Tuesday
 * (1 Dec); Petra's quarterly INSTR-CAL (10 Feb, May, Aug, Nov) has none in the horizon.
 */
import { and, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobs, outbox, teams } from '../../db/schema.js';
import { changeStatus } from '../../src/jobs/change-status.js';
import { capPeriod, occurrences } from '../../src/recurring/occurrences.js';
import { generateVisits, runRecurring } from '../../src/recurring/generate-visits.js';
import { scheduledTasks } from '../../src/scheduler/tasks.js';
import { testKit, type TestKit } from '../support/app.js';
import { insertJob, insertTime } from './fixtures.js';
import { noticeWords } from '../support/notices.js';

describe('occurrences', () => {
  const acme = { start: '2026-01-01', end: '2026-12-31' };
  it('reads RRULEs on local dates from the start of the term', () => {
    expect(occurrences('FREQ=MONTHLY;BYMONTHDAY=5', acme, '2026-11-23', '2026-12-07')).toEqual(['2026-12-05']);
    // Quarterly from the term start (1 Feb), not from the day asked.
    expect(occurrences('FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=10', { start: '2026-02-01', end: '2027-01-31' }, '2026-01-01', '2027-12-31')).toEqual(['2026-02-10', '2026-05-10', '2026-08-10', '2026-11-10']);
    expect(occurrences('FREQ=MONTHLY;BYDAY=1TU', { start: '2026-01-15', end: '2027-01-14' }, '2026-11-23', '2026-12-07')).toEqual(['2026-12-01']);
    // Nothing outside the term, both ends inclusive.
    expect(occurrences('FREQ=MONTHLY;BYMONTHDAY=5', acme, '2026-12-20', '2027-03-01')).toEqual([]);
    expect(occurrences('FREQ=DAILY', acme, '2026-12-31', '2027-01-02')).toEqual(['2026-12-31']);
  });

  it('names cap periods', () => {
    expect(capPeriod('2026-12-05', 'year')).toEqual({ key: '2026', from: '2026-01-01', to: '2026-12-31' });
    expect(capPeriod('2026-11-05', 'quarter')).toEqual({ key: '2026-Q4', from: '2026-10-01', to: '2026-12-31' });
    expect(capPeriod('2026-02-05', 'month')).toEqual({ key: '2026-02', from: '2026-02-01', to: '2026-02-28' });
  });
});

describe('recurring visits', () => {
  let kit: TestKit;
  beforeAll(async () => {
    kit = await testKit({ now: '2026-11-23T08:00:00Z' });
  });
  afterAll(async () => kit?.close());

  const planned = () => kit.db.db.select().from(jobs).where(isNotNull(jobs.recurrenceKey)).orderBy(jobs.recurrenceKey);

  it('plans each visit once as a job with its SLA, reported on its local day', async () => {
    const r = await generateVisits(kit.app.ctx, 14);
    expect(r.created.map((c) => c.key).sort()).toEqual(['ACME-HVAC:LYO-DC:HVAC-PM:2026-12-05', 'ACME-HVAC:PAR-HQ:HVAC-PM:2026-12-05', 'STLUKE-BIOMED:SLR-ICU:PM-INFUSION:2026-12-01']);
    const rows = await planned();
    const par = rows.find((j) => j.siteId === 'PAR-HQ')!;
    expect(par).toMatchObject({ contractId: 'ACME-HVAC', priority: 'P4', status: 'open', taskCode: 'HVAC-PM' });
    // Midnight of 5 Dec in Paris; the P4 clocks run on office hours from Monday 7 Dec 08:00
    // (5 Dec is a Saturday): response 40 h of office time is due Friday 11 Dec 08:00 Paris.
    expect(par.reportedAt.toISOString()).toBe('2026-12-04T23:00:00.000Z');
    expect(par.responseDueAt).not.toBeNull();
    expect(par.responseDueAt!.getTime()).toBeGreaterThan(new Date('2026-12-07T07:00:00Z').getTime());
    expect(par.summary).toContain('planned for 2026-12-05');
    const icu = rows.find((j) => j.siteId === 'SLR-ICU')!;
    expect(icu.reportedAt.toISOString()).toBe('2026-12-01T05:00:00.000Z'); // midnight in Toronto
    // Again: nothing new.
    expect((await generateVisits(kit.app.ctx, 14)).created).toEqual([]);
    expect(await planned()).toHaveLength(3);
  });

  it('two processes ticking together still create each visit once, with the lock or without it', async () => {
    await kit.reset();
    const task = scheduledTasks(kit.app, kit.config).find((t) => t.name === 'recurring-visits')!;
    const unlocked = () => kit.app.ctx.root.transaction((tx) => generateVisits({ ...kit.app.ctx, db: tx }, 14));
    await Promise.all([runRecurring(kit.app.ctx, 14), task.run(kit.app.ctx), unlocked(), unlocked()]);
    expect((await planned()).map((j) => j.recurrenceKey)).toEqual(['ACME-HVAC:LYO-DC:HVAC-PM:2026-12-05', 'ACME-HVAC:PAR-HQ:HVAC-PM:2026-12-05', 'STLUKE-BIOMED:SLR-ICU:PM-INFUSION:2026-12-01']);
  });

  it('plans up to the horizon and stops at the end of the term', async () => {
    kit.clock.set('2026-12-25T08:00:00Z'); // to 8 Jan: Acme has ended; St Luke's first Tuesday is 5 Jan 2027
    const r = await generateVisits(kit.app.ctx, 14);
    expect(r.created.map((c) => c.key)).toEqual(['STLUKE-BIOMED:SLR-ICU:PM-INFUSION:2027-01-05']);
    kit.clock.set('2026-11-23T08:00:00Z');
  });

  it('does not recreate a cancelled visit: its key stays taken', async () => {
    const par = (await planned()).find((j) => j.siteId === 'PAR-HQ')!;
    await changeStatus(await kit.as('dana'), { job: par.ref, to: 'cancelled', reason: 'customer moved the visit to the 12th' });
    expect((await generateVisits(kit.app.ctx, 14)).created).toEqual([]);
    const again = await kit.db.db.select().from(jobs).where(and(eq(jobs.contractId, 'ACME-HVAC'), eq(jobs.siteId, 'PAR-HQ'), isNotNull(jobs.recurrenceKey)));
    expect(again.map((j) => j.status)).toEqual(['cancelled']);
  });

  it('does not recreate a moved visit either', async () => {
    const lyo = (await planned()).find((j) => j.siteId === 'LYO-DC')!;
    await kit.db.db.update(jobs).set({ reportedAt: new Date('2026-12-08T07:00:00Z') }).where(eq(jobs.id, lyo.id));
    expect((await generateVisits(kit.app.ctx, 14)).created).toEqual([]);
  });

  it('counts planned visits against the site cap and says when one goes beyond it', async () => {
    await kit.reset();
    // 14 covered call-outs at PAR-HQ this year use the cap (14 visits per year).
    for (let i = 0; i < 14; i++) {
      const j = await insertJob(kit.db.db, { reportedAt: `2026-0${1 + (i % 9)}-1${i % 10}T09:00:00Z`, closedAt: `2026-0${1 + (i % 9)}-1${i % 10}T15:00:00Z` });
      await insertTime(kit.db.db, j.id, 'HVAC-CALL', `2026-0${1 + (i % 9)}-1${i % 10}T10:00:00Z`, `2026-0${1 + (i % 9)}-1${i % 10}T11:00:00Z`);
    }
    // A cancelled one does not count.
    await insertJob(kit.db.db, { status: 'cancelled', reportedAt: '2026-10-01T09:00:00Z' });
    const r = await generateVisits(kit.app.ctx, 14);
    expect(r.overCap).toEqual(['ACME-HVAC:PAR-HQ:HVAC-PM:2026-12-05']);
    const par = (await planned()).find((j) => j.siteId === 'PAR-HQ')!;
    expect(par.summary).toContain('covered visit 15 of 14 per year at PAR-HQ: beyond the cap');
    const lyo = (await planned()).find((j) => j.siteId === 'LYO-DC')!;
    expect(lyo.summary).not.toContain('cap');
    const notice = (await kit.db.db.select().from(outbox)).filter((o) => o.key === 'recurring-cap:ACME-HVAC:PAR-HQ:HVAC-PM:2026-12-05');
    expect(notice.length).toBeGreaterThan(0);
    expect((await noticeWords(kit.app.ctx, notice[0]!)).text).toContain('overrun rate');
  });

  it('writes a French team\'s planned visit in French', async () => {
    await kit.reset();
    await kit.db.db.update(teams).set({ language: 'fr' }).where(eq(teams.id, 'hvac-paris'));
    await generateVisits(kit.app.ctx, 14);
    const par = (await planned()).find((j) => j.siteId === 'PAR-HQ')!;
    expect(par.summary).toMatch(/^.+ \(HVAC-PM\), prévue le 5 décembre 2026$/);
    const icu = (await planned()).find((j) => j.siteId === 'SLR-ICU')!;
    expect(icu.summary).toContain('planned for 2026-12-01');
  });
});
