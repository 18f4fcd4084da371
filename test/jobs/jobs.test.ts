import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { alerts, auditLog, credits, jobEvents, jobs, outbox } from '../../db/schema.js';
import { createJob } from '../../src/jobs/create-job.js';
import { changeStatus } from '../../src/jobs/change-status.js';
import { changePriority } from '../../src/jobs/change-priority.js';
import { assignJob } from '../../src/jobs/assign-job.js';
import { runMonitor } from '../../src/jobs/monitor.js';
import { actOnAlert } from '../../src/alerts/act-on-alert.js';
import { viewJob } from '../../src/jobs/view-job.js';
import { AppError } from '../../src/errors.js';
import { testKit, type TestKit } from '../support/app.js';

let kit: TestKit;
beforeAll(async () => {
  kit = await testKit();
});
afterAll(async () => kit?.close());
beforeEach(async () => {
  await kit.reset();
});

async function expectError(p: Promise<unknown>, code: string, text: RegExp) {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  expect((err as AppError).message).toMatch(text);
}

describe('jobs', () => {
  it('a P2 reported Monday 17:00 Paris on the office calendar is due Tuesday 11:00 for response', async () => {
    // Mon 2026-11-23 17:00 Paris = 16:00 UTC; ACME P2 response 4h on office (Mon-Thu 08-18).
    kit.clock.set('2026-11-23T16:00:00Z');
    const dana = await kit.as('dana');
    const { ref } = await createJob(dana, { contract: 'acme-hvac', site: 'par-hq', priority: 'p2', summary: 'Chiller tripping' });
    expect(ref).toMatch(/^J-\d+$/);
    const v = await viewJob(dana, ref);
    expect(v.state.windows.response.dueAt?.toISOString()).toBe('2026-11-24T10:00:00.000Z');
    const [row] = await kit.db.db.select().from(jobs).where(eq(jobs.ref, ref));
    // the 75% warning is the next check: 3h of office time = Tue 10:00 Paris = 09:00 UTC
    expect(row!.nextCheckAt?.toISOString()).toBe('2026-11-24T09:00:00.000Z');
    expect(row!.responseDueAt?.toISOString()).toBe('2026-11-24T10:00:00.000Z');
    const audit = await kit.db.db.select().from(auditLog).where(eq(auditLog.subjectId, ref));
    expect(audit.map((a) => a.action)).toContain('job.created');
  });

  it('refuses unknown sites, priorities without an SLA and empty summaries, writing nothing', async () => {
    const dana = await kit.as('dana');
    await expectError(createJob(dana, { contract: 'ACME-HVAC', site: 'NOPE', priority: 'P2', summary: 'x' }), 'not_found', /no site NOPE/);
    await expectError(createJob(dana, { contract: 'BRIGHTDESK-IT', site: 'BD-NYC', priority: 'P4', summary: 'x' }), 'invalid', /no SLA for P4/);
    await expectError(createJob(dana, { contract: 'ACME-HVAC', site: 'PAR-HQ', priority: 'P2', summary: '  ' }), 'invalid', /summary/);
    await expectError(createJob(dana, { contract: 'ACME', site: 'PAR-HQ', priority: 'P2', summary: 'x' }), 'not_found', /No contract ACME/);
    expect(await kit.db.db.select().from(jobs)).toHaveLength(0);
  });

  it('finance cannot create jobs', async () => {
    await expectError(createJob(await kit.as('fiona'), { contract: 'ACME-HVAC', site: 'PAR-HQ', priority: 'P2', summary: 'x' }), 'forbidden', /Only dispatcher/);
  });

  it('refuses transitions that make no sense and times in the future', async () => {
    kit.clock.set('2026-11-23T10:00:00Z');
    const dana = await kit.as('dana');
    const { ref } = await createJob(dana, { contract: 'ACME-HVAC', site: 'PAR-HQ', priority: 'P3', summary: 'Noisy fan' });
    await expectError(changeStatus(dana, { job: ref, to: 'closed' }), 'precondition_failed', /Only a resolved job can be closed/);
    await expectError(changeStatus(dana, { job: ref, to: 'flying' }), 'invalid', /not a job status/);
    await expectError(changeStatus(dana, { job: ref, to: 'en_route', at: new Date('2026-11-23T12:00:00Z') }), 'invalid', /in the future/);
    await changeStatus(dana, { job: ref, to: 'resolved' });
    await expectError(changeStatus(dana, { job: ref, to: 'en_route' }), 'precondition_failed', /reopen it first/);
    await expectError(changeStatus(dana, { job: ref, to: 'reopened' }), 'invalid', /Say why/);
  });

  it('records offline work with its real time, and response stops at en route', async () => {
    kit.clock.set('2026-11-23T09:00:00Z'); // Mon 10:00 Paris
    const dana = await kit.as('dana');
    const { ref } = await createJob(dana, { contract: 'ACME-HVAC', site: 'PAR-HQ', priority: 'P2', summary: 'Leak' });
    await assignJob(dana, { job: ref, technician: 'tom' });
    kit.clock.set('2026-11-23T13:00:00Z');
    const tom = await kit.as('tom');
    await changeStatus(tom, { job: ref, to: 'en_route', at: new Date('2026-11-23T10:30:00Z') });
    const v = await viewJob(tom, ref);
    expect(v.state.windows.response.outcome).toBe('met');
    expect(v.state.windows.response.stoppedAt?.toISOString()).toBe('2026-11-23T10:30:00.000Z');
    const events = await kit.db.db.select().from(jobEvents).where(eq(jobEvents.jobId, v.job.id));
    expect(events.map((e) => e.kind)).toEqual(['created', 'assign', 'status', 'status']);
  });

  it('a priority change needs a reason and moves the due times from the report time', async () => {
    kit.clock.set('2026-11-23T09:00:00Z'); // Mon 10:00 Paris
    const dana = await kit.as('dana');
    const { ref } = await createJob(dana, { contract: 'ACME-HVAC', site: 'PAR-HQ', priority: 'P3', summary: 'Leak' });
    await expectError(changePriority(dana, { job: ref, priority: 'P1', reason: '' }), 'invalid', /needs a reason/);
    kit.clock.set('2026-11-23T09:20:00Z');
    await changePriority(dana, { job: ref, priority: 'P1', reason: 'server room flooding' });
    const v = await viewJob(dana, ref);
    // P1: response 1h on the 24x7 clock, from the report at 09:00 UTC
    expect(v.state.windows.response.dueAt?.toISOString()).toBe('2026-11-23T10:00:00.000Z');
  });
});

describe('breach-risk alerts', () => {
  it('warns at 75%, then breaches, once each, with a credit and fallbacks in contract order', async () => {
    kit.clock.set('2026-11-23T09:00:00Z');
    const dana = await kit.as('dana');
    const { ref } = await createJob(dana, { contract: 'ACME-HVAC', site: 'PAR-HQ', priority: 'P1', summary: 'Data room too hot' });
    expect((await runMonitor(kit.app.ctx))?.alerts).toBe(0);
    kit.clock.set('2026-11-23T09:45:00Z'); // 75% of P1's 1h response
    const r1 = await runMonitor(kit.app.ctx);
    expect(r1?.alerts).toBe(1);
    expect((await runMonitor(kit.app.ctx))?.alerts).toBe(0); // nothing twice
    kit.clock.set('2026-11-23T10:00:01Z');
    const r2 = await runMonitor(kit.app.ctx);
    expect(r2?.alerts).toBe(1);
    const rows = await kit.db.db.select().from(alerts);
    expect(rows.map((a) => `${a.window}:${a.level}`).sort()).toEqual(['response:75%', 'response:breach']);
    // ACME: response breach P1 → 2% of the 1,800.00 fee
    const cr = await kit.db.db.select().from(credits);
    expect(cr).toHaveLength(1);
    expect(cr[0]!.amount).toBe(3600);
    expect(cr[0]!.rule).toMatch(/sla.credits\[1\]/);
    // each alert is posted once to the dispatch channel (terminal here)
    const posts = await kit.db.db.select().from(outbox).where(eq(outbox.subjectKind, 'alert'));
    expect(posts).toHaveLength(2);
    const card = (await kit.app.dispatch(dana, `/job show ${ref}`))[0]!;
    expect(card.tone).toBe('danger');
  });

  it('each fallback is recorded once; a second tap of the same one is told who already took it', async () => {
    kit.clock.set('2026-11-23T09:00:00Z');
    const dana = await kit.as('dana');
    const { ref } = await createJob(dana, { contract: 'ACME-HVAC', site: 'PAR-HQ', priority: 'P1', summary: 'Hot' });
    kit.clock.set('2026-11-23T09:46:00Z');
    await runMonitor(kit.app.ctx);
    const [alert] = await kit.db.db.select().from(alerts);
    const tess = (await kit.as('tess')).actor.person!;
    const r = await actOnAlert(dana, { alertId: alert!.id, act: 'reassign', technicianId: tess.id });
    expect(r.detail).toBe('to Tess Technician');
    const v = await viewJob(dana, ref);
    expect(v.assignee).toBe('Tess Technician');
    const lee = await kit.as('lee');
    // Another fallback is independent of the first; the same one again is refused with who and when.
    expect((await actOnAlert(lee, { alertId: alert!.id, act: 'escalate' })).detail).toBe('to Lee Lead');
    await expectError(actOnAlert(lee, { alertId: alert!.id, act: 'reassign', technicianId: tess.id }), 'conflict', /Already handled: Reassigned by Dana Dispatcher at \w{3} \d+ \w{3} \d\d:\d\d \w+: to Tess Technician\./);
    await expectError(actOnAlert(await kit.as('tom'), { alertId: alert!.id, act: 'acknowledge' }), 'forbidden', /Only dispatcher or manager/);
  });

  it('a job that is resolved before the warning gets no alert', async () => {
    kit.clock.set('2026-11-23T09:00:00Z');
    const dana = await kit.as('dana');
    const { ref } = await createJob(dana, { contract: 'ACME-HVAC', site: 'PAR-HQ', priority: 'P1', summary: 'Hot' });
    kit.clock.set('2026-11-23T09:30:00Z');
    await changeStatus(dana, { job: ref, to: 'resolved' });
    kit.clock.set('2026-11-23T15:00:00Z');
    await runMonitor(kit.app.ctx);
    expect(await kit.db.db.select().from(alerts)).toHaveLength(0);
    const [row] = await kit.db.db.select().from(jobs);
    expect(row!.nextCheckAt).toBeNull();
  });
});

describe('work recorded after the fact', () => {
  it('a job resolved late with its real time still gets its breach alert and credit', async () => {
    kit.clock.set('2026-11-23T09:00:00Z');
    const dana = await kit.as('dana');
    const { ref } = await createJob(dana, { contract: 'ACME-HVAC', site: 'PAR-HQ', priority: 'P1', summary: 'Offline site' });
    // Nobody ran the monitor; the technician syncs at 15:00 a resolve done at 14:00 (restore due 13:00).
    kit.clock.set('2026-11-23T15:00:00Z');
    await changeStatus(dana, { job: ref, to: 'resolved', at: new Date('2026-11-23T14:00:00Z') });
    await runMonitor(kit.app.ctx);
    const rows = await kit.db.db.select().from(alerts);
    expect(rows.map((a) => `${a.window}:${a.level}`).sort()).toEqual(['response:breach', 'restore:breach']);
    const cr = await kit.db.db.select().from(credits);
    // ACME: restore breach P1 → 5% of 1,800.00 = 90.00; response breach P1 → 2% = 36.00
    expect(cr.map((c) => c.amount).sort((a, b) => a - b)).toEqual([3600, 9000]);
  });
});
