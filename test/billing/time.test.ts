/** Recording time and parts: what is accepted, what is refused (and then nothing is written). */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decodeAction } from '../../cards/action-ids.js';
import { approvals, auditLog, partUses, timeEntries } from '../../db/schema.js';
import { logPart } from '../../src/billing/log-part.js';
import { logTime } from '../../src/billing/log-time.js';
import { startTimer } from '../../src/billing/start-timer.js';
import { stopTimer } from '../../src/billing/stop-timer.js';
import { assignJob } from '../../src/jobs/assign-job.js';
import { changeStatus } from '../../src/jobs/change-status.js';
import { testKit, type TestKit } from '../support/app.js';
import { approved, expectError, issuedBefore, job, refused, say, text } from './helpers.js';

let kit: TestKit;
beforeAll(async () => {
  kit = await testKit();
});
afterAll(async () => kit?.close());
beforeEach(async () => {
  await kit.reset();
  kit.clock.set('2026-11-24T15:00:00Z'); // Tue 16:00 in Paris
});

const d = (iso: string) => new Date(iso);
const entries = () => kit.db.db.select().from(timeEntries).orderBy(timeEntries.id);
const audits = async () => (await kit.db.db.select().from(auditLog)).length;

async function acmeJob(taskCode?: string): Promise<string> {
  return job(await kit.as('dana'), 'ACME-HVAC', 'PAR-HQ', 'P3', '2026-11-23T07:00:00Z', taskCode);
}

describe('/log', () => {
  it('logs a duration that has just ended, with a code and a note, through chat', async () => {
    const ref = await acmeJob();
    expect(ref).toBe('J-1001');
    const tom = await kit.as('tom');
    const [c] = await kit.app.dispatch(tom, '/log J-1001 1h30m HVAC-LAB belt');
    expect(c!.title).toBe('Logged 1h30m HVAC-LAB on J-1001');
    const [e] = await entries();
    expect(e).toMatchObject({ code: 'HVAC-LAB', kind: 'labour', note: 'belt', personId: tom.actor.person!.id });
    expect(e!.startAt.toISOString()).toBe('2026-11-24T13:30:00.000Z');
    expect(e!.endAt!.toISOString()).toBe('2026-11-24T15:00:00.000Z');
    const trail = await kit.db.db.select().from(auditLog).where(eq(auditLog.action, 'time.logged'));
    expect(trail).toHaveLength(1);
  });

  it('defaults the code to the job task code, else the first billable hourly code; a plain word is a note', async () => {
    const pm = await acmeJob('HVAC-PM');
    const call = await acmeJob();
    const tom = await kit.as('tom');
    await say(kit, tom, `/log ${pm} 08:00-09:00`);
    await say(kit, tom, `/log ${call} 09:00-09:30 belt replaced`);
    expect((await entries()).map((e) => [e.code, e.note])).toEqual([
      ['HVAC-PM', null],
      ['HVAC-LAB', 'belt replaced'],
    ]);
  });

  it('reads a span on the site clock; one that ends before it starts crossed midnight', async () => {
    kit.clock.set('2026-11-24T08:00:00Z'); // 09:00 in Paris
    const ref = await acmeJob();
    await say(kit, await kit.as('tom'), `/log ${ref} 22:00-02:00`);
    const [e] = await entries();
    // last night: Mon 23 22:00 CET -> Tue 24 02:00 CET
    expect([e!.startAt.toISOString(), e!.endAt!.toISOString()]).toEqual(['2026-11-23T21:00:00.000Z', '2026-11-24T01:00:00.000Z']);
  });

  it('logs travel to the contract travel rule, or as labour where the contract has none', async () => {
    const acme = await acmeJob();
    const nw = await job(await kit.as('dana'), 'NORTHWIND-TEL', 'MAN-AGG', 'P3', '2026-11-23T07:00:00Z');
    const tom = await kit.as('tom');
    expect((await say(kit, tom, `/log ${acme} travel 45m`)).title).toBe(`Logged 45m travel on ${acme}`);
    await kit.clock.advance(60);
    await say(kit, tom, `/log ${nw} travel 30m`);
    expect((await entries()).map((e) => [e.kind, e.code])).toEqual([
      ['travel', 'TRAVEL'],
      ['travel', 'NET-ENG'],
    ]);
  });

  it('refuses a code the contract does not know with the closest codes, and writes nothing', async () => {
    const ref = await acmeJob();
    const before = await audits();
    const c = await refused(kit, await kit.as('tom'), `/log ${ref} 1h HVAC-LAV`, /no task code HVAC-LAV/);
    expect(text(c)).toMatch(/Closest codes: HVAC-LAB/);
    expect(await entries()).toHaveLength(0);
    expect(await audits()).toBe(before);
  });

  it('with no code close to the one typed, lists every code of the contract', async () => {
    const ref = await acmeJob();
    const c = await refused(kit, await kit.as('tom'), `/log ${ref} 1h ZZZZ-ZZZZ`, /no task code ZZZZ-ZZZZ/);
    expect(text(c)).toMatch(/Codes: HVAC-PM, HVAC-LAB, HVAC-CALL, TRAVEL, DUCT-CLEAN/);
    expect(text(c)).not.toMatch(/Closest codes/);
  });

  it('refuses an out-of-scope code without an approved request, with a button that asks for one', async () => {
    const ref = await acmeJob();
    const tom = await kit.as('tom');
    const c = await refused(kit, tom, `/log ${ref} 2h DUCT-CLEAN`, /DUCT-CLEAN \(Duct cleaning \(add-on\)\) is out of scope/);
    expect(c.actions).toHaveLength(1);
    const action = decodeAction(c.actions![0]!.id, kit.app.ctx.services.actionSecret);
    // the entry's span (13:00-15:00 UTC, the two hours just ended) rides in the signed payload
    expect(action).toEqual({ t: 'oos', job: 1, code: 'DUCT-CLEAN', minutes: 120, start: Date.parse('2026-11-24T13:00:00Z') / 1000, end: Date.parse('2026-11-24T15:00:00Z') / 1000 });
    expect(await entries()).toHaveLength(0);
    // The button reaches the approvals feature, which files the request.
    await kit.app.act(tom, c.actions![0]!.id, { reason: 'ducts clogged' });
    const [req] = await kit.db.db.select().from(approvals);
    expect(req).toMatchObject({ kind: 'outOfScope', status: expect.stringMatching(/pending|approved/) });
    // An approval for another job does not count; one for this job and code does.
    await approved(kit, { kind: 'outOfScope', contract: 'ACME-HVAC', jobRef: ref, request: { code: 'duct-clean' }, at: '2026-11-24T12:00:00Z' });
    await say(kit, tom, `/log ${ref} 2h DUCT-CLEAN`);
    expect((await entries())[0]!.approvalId).not.toBeNull();
  });

  it("quotes the refused entry's button at the entry's own time: an after-hours entry gets the after-hours price", async () => {
    kit.clock.set('2026-11-23T20:00:00Z'); // Mon 21:00 in Paris, after the office closed
    const ref = await acmeJob();
    const tom = await kit.as('tom');
    const c = await refused(kit, tom, `/log ${ref} 2h DUCT-CLEAN`, /is out of scope/);
    // pressed the next morning, inside office hours: "now" would be priced at the base rate (190.00)
    kit.clock.set('2026-11-24T09:00:00Z');
    await kit.app.act(await kit.as('tom'), c.actions![0]!.id, { reason: 'ducts clogged' });
    const [req] = await kit.db.db.select().from(approvals);
    const request = req!.request as { at: string; minutes: number; lines: { rule: string }[] };
    expect(request.at).toBe('2026-11-23T18:00:00.000Z'); // 19:00-21:00 Paris
    expect(request.minutes).toBe(120);
    expect(request.lines.map((l) => l.rule).join(' ')).toMatch(/after-hours/);
    expect(req!.amount).toBe(28500); // 2h × 95.00 × 1.5
  });

  it('refuses work outside the site access hours without a permit, and accepts it with one', async () => {
    kit.clock.set('2026-11-20T18:00:00Z');
    const ref = await job(await kit.as('dana'), 'PETRA-OG', 'PTX-REF', 'P3', '2026-11-16T20:00:00-06:00');
    const tom = await kit.as('tom');
    // Tue 17 Nov 05:00-07:00 Chicago: 06:00-07:00 is outside 00:00-06:00.
    const c = await refused(kit, tom, `/log ${ref} 2026-11-17 05:00-07:00`, /Tue 17 Nov 06:00–07:00 \(site time\) is outside/);
    expect(text(c)).toMatch(/Access hours: mon 22:00-24:00/);
    await say(kit, tom, `/log ${ref} 2026-11-17 04:00-06:00`); // inside: fine
    await approved(kit, { kind: 'permit', contract: 'PETRA-OG', jobRef: ref, request: { from: '2026-11-18T06:00:00-06:00', to: '2026-11-18T08:00:00-06:00' }, at: '2026-11-17T12:00:00Z' });
    await refused(kit, tom, `/log ${ref} 2026-11-18 06:00-08:30`, /outside/); // the permit ends at 08:00
    await say(kit, tom, `/log ${ref} 2026-11-18 06:00-08:00`);
    expect(await entries()).toHaveLength(2);
  });

  it('refuses the future, work before the job was reported, overlaps, and entries longer than a day', async () => {
    const ref = await acmeJob();
    const tom = await kit.as('tom');
    await refused(kit, tom, `/log ${ref} 2026-11-24 17:00-18:00`, /in the future/);
    await refused(kit, tom, `/log ${ref} 2026-11-22 09:00-10:00`, /work cannot start before that/);
    await say(kit, tom, `/log ${ref} 09:00-11:00`);
    await refused(kit, tom, `/log ${ref} 10:30-12:00`, /Tom Technician already has time logged then: Tue 24 Nov 09:00–11:00/);
    await say(kit, await kit.as('tess'), `/log ${ref} 10:30-12:00`); // another person: fine
    await expectError(logTime(tom, { job: ref, start: d('2026-11-23T08:00:00Z'), end: d('2026-11-24T09:00:00Z') }), 'invalid', /longer than a day/);
    expect(await entries()).toHaveLength(2);
  });

  it('a retried sync of the same entry returns it instead of logging it twice', async () => {
    const ref = await acmeJob();
    const tom = await kit.as('tom');
    const input = { job: ref, start: d('2026-11-24T08:00:00Z'), end: d('2026-11-24T09:00:00Z'), code: 'hvac-lab' };
    const a = await logTime(tom, input);
    const b = await logTime(tom, input);
    expect(b.duplicate).toBe(true);
    expect(b.entry.id).toBe(a.entry.id);
    expect(await entries()).toHaveLength(1);
  });

  it('only the technician or a dispatcher records time', async () => {
    const ref = await acmeJob();
    await refused(kit, await kit.as('fiona'), `/log ${ref} 1h`, /Only the technician who did the work, or a dispatcher/);
    await refused(kit, await kit.as('tom'), `/log ${ref} 1h --for tess`, /Only a dispatcher can record time for Tess Technician/);
    const dana = await kit.as('dana');
    await refused(kit, dana, `/log ${ref} 1h`, /has nobody assigned: say whose time/);
    expect((await say(kit, dana, `/log ${ref} 1h --for tess`)).title).toMatch(/Logged 1h/);
    await assignJob(dana, { job: ref, technician: 'tom' });
    await say(kit, dana, `/log ${ref} 08:00-09:00`); // the assignee by default
    const rows = await entries();
    expect(rows.map((e) => e.personId)).toEqual([(await kit.as('tess')).actor.person!.id, (await kit.as('tom')).actor.person!.id]);
  });

  it('a cancelled job takes no time, and a job with time cannot be cancelled', async () => {
    const dana = await kit.as('dana');
    const a = await acmeJob();
    const b = await acmeJob();
    await changeStatus(dana, { job: a, to: 'cancelled', reason: 'duplicate' });
    await refused(kit, await kit.as('tom'), `/log ${a} 1h`, /is cancelled/);
    await say(kit, await kit.as('tom'), `/log ${b} 1h`);
    await expectError(changeStatus(dana, { job: b, to: 'cancelled', reason: 'oops' }), 'precondition_failed', /has time or parts recorded/);
  });

  it('a month that is invoiced takes no more time or parts', async () => {
    const ref = await acmeJob();
    await issuedBefore(kit, 'ACME-HVAC', { key: '2026-11', from: '2026-11-01', to: '2026-11-30' }, { prepaidMinutesUsed: [], siteVisitsUsed: {} });
    await refused(kit, await kit.as('tom'), `/log ${ref} 1h`, /already invoiced \(ACME-HVAC-2026-11\)/);
    await refused(kit, await kit.as('tom'), `/part ${ref} BELT-A42`, /already invoiced/);
  });
});

describe('timers', () => {
  it('start, see it running, stop: one entry; a second timer and a stop without one are refused', async () => {
    const ref = await acmeJob();
    const tom = await kit.as('tom');
    expect((await say(kit, tom, `/log ${ref} start HVAC-LAB filters`)).title).toBe(`Timer started on ${ref} (HVAC-LAB)`);
    await refused(kit, tom, `/log ${ref} start`, /already has a timer running on J-1001/);
    kit.clock.advance(10);
    await refused(kit, tom, `/log ${ref} 30m`, /a timer running since/);
    kit.clock.advance(40);
    const today = await say(kit, tom, '/log today');
    expect(text(today)).toMatch(/Running: J-1001 HVAC-LAB since .* \(50m so far\)/);
    const stopped = await say(kit, tom, '/log stop');
    expect(stopped.title).toBe(`Logged 50m HVAC-LAB on ${ref}`);
    await refused(kit, tom, '/log stop', /has no timer running/);
    const [e] = await entries();
    expect(e!.note).toBe('filters');
    expect((await say(kit, tom, '/log today')).title).toBe('Tom Technician, 2026-11-24: 50m logged');
  });

  it('a forgotten timer stops at a given time, or is discarded', async () => {
    const ref = await acmeJob();
    const tom = await kit.as('tom');
    kit.clock.set('2026-11-24T07:00:00Z'); // 08:00 Paris
    await startTimer(tom, { job: ref });
    kit.clock.set('2026-11-24T15:00:00Z');
    expect((await say(kit, tom, '/log stop 12:15')).title).toBe(`Logged 4h15m HVAC-LAB on ${ref}`);
    await startTimer(tom, { job: ref });
    expect((await say(kit, tom, '/log cancel')).title).toBe(`Timer on ${ref} discarded`);
    expect(await entries()).toHaveLength(1);
  });

  it('a timer at a site closed for work is refused at its start and checked again at its stop', async () => {
    const dana = await kit.as('dana');
    kit.clock.set('2026-11-17T16:00:00Z'); // Tue 10:00 Chicago, outside the refinery windows
    const ref = await job(dana, 'PETRA-OG', 'PTX-REF', 'P3', '2026-11-16T20:00:00-06:00');
    const tom = await kit.as('tom');
    await refused(kit, tom, `/log ${ref} start`, /outside/);
    kit.clock.set('2026-11-17T11:00:00Z'); // 05:00: inside
    await startTimer(tom, { job: ref });
    kit.clock.set('2026-11-17T13:00:00Z'); // 07:00
    await expectError(stopTimer(tom), 'precondition_failed', /06:00–07:00 \(site time\) is outside/);
    expect((await say(kit, tom, '/log stop 05:55')).title).toBe(`Logged 55m VALVE-SVC on ${ref}`);
  });

  it('a dispatcher stops a technician timer; a technician cannot stop someone else', async () => {
    const ref = await acmeJob();
    await startTimer(await kit.as('tom'), { job: ref });
    kit.clock.advance(30);
    await refused(kit, await kit.as('tess'), '/log stop --for tom', /Only a dispatcher can stop Tom Technician/);
    expect((await say(kit, await kit.as('dana'), '/log stop --for tom')).title).toBe(`Logged 30m HVAC-LAB on ${ref}`);
  });
});

describe('/part', () => {
  it('records parts from the price list and refuses unknown SKUs with the closest ones', async () => {
    const ref = await acmeJob();
    const tom = await kit.as('tom');
    expect((await say(kit, tom, `/part ${ref} belt-a42 2`)).title).toBe(`2 × BELT-A42 on ${ref}`);
    const c = await refused(kit, tom, `/part ${ref} BELT-A24`, /BELT-A24 is not on the ACME-HVAC v1 price list/);
    expect(text(c)).toMatch(/Closest SKUs: BELT-A42/);
    // Nothing close: the whole price list.
    const far = await refused(kit, tom, `/part ${ref} ZZZZ-ZZZZ`, /ZZZZ-ZZZZ is not on the ACME-HVAC v1 price list/);
    expect(text(far)).toMatch(/SKUs: FILTER-20X25, BELT-A42, COMP-5T, R410A-KG/);
    expect(text(far)).not.toMatch(/Closest SKUs/);
    await refused(kit, tom, `/part ${ref} BELT-A42 0`, /Usage|quantity/i);
    await expectError(logPart(tom, { job: ref, sku: 'BELT-A42', qty: 2.5 }), 'invalid', /whole number/);
    await refused(kit, await kit.as('fiona'), `/part ${ref} BELT-A42`, /Only the technician/);
    const rows = await kit.db.db.select().from(partUses);
    expect(rows.map((p) => [p.sku, p.qty])).toEqual([['BELT-A42', 2]]);
  });
});
