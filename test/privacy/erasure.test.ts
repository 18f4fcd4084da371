/**
 * Erasing a person who has left: name, e-mail and chat links go, the work stays. An issued invoice
 * and the month's preview are the same before and after, to the minor unit.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, invoices, people, timeEntries } from '../../db/schema.js';
import { createToken } from '../../src/api/tokens.js';
import { issueInvoice } from '../../src/billing/issue-invoice.js';
import { logTime } from '../../src/billing/log-time.js';
import { previewInvoice } from '../../src/billing/preview-invoice.js';
import { assignJob } from '../../src/jobs/assign-job.js';
import { createJob } from '../../src/jobs/create-job.js';
import { erasePerson } from '../../src/people/erase-person.js';
import { renderText } from '../../cards/text.js';
import { testKit, type TestKit } from '../support/app.js';

let kit: TestKit;
let tomId: number;
beforeAll(async () => {
  kit = await testKit({ now: '2026-11-24T09:00:00Z' });
  const dana = await kit.as('dana');
  const tom = await kit.as('tom');
  tomId = tom.actor.person!.id;
  const { ref } = await createJob(dana, { contract: 'ACME-HVAC', site: 'PAR-HQ', priority: 'P3', summary: 'Filter change' });
  await assignJob(dana, { job: ref, technician: 'tom' });
  kit.clock.set('2026-11-24T12:00:00Z');
  await logTime(tom, { job: ref, code: 'HVAC-LAB', start: new Date('2026-11-24T09:30:00Z'), end: new Date('2026-11-24T11:00:00Z'), note: 'filters' });
  kit.clock.set('2026-12-02T09:00:00Z');
});
afterAll(async () => kit?.close());

describe('erasing a person', () => {
  it('keeps invoices and work records equal, pseudonymises the person, and is audited', async () => {
    const fiona = await kit.as('fiona');
    const issued = await issueInvoice(fiona, { contract: 'ACME-HVAC', period: '2026-11' });
    expect(issued).toBeDefined();
    const before = { invoices: await kit.db.db.select().from(invoices), time: await kit.db.db.select().from(timeEntries).where(eq(timeEntries.personId, tomId)) };
    const previewBefore = await previewInvoice(fiona, { contract: 'ACME-HVAC', period: '2026-11' });

    const ada = await kit.as('ada');
    await expect(erasePerson(await kit.as('dana'), { person: 'tom', reason: 'left' })).rejects.toThrow(/Only admin/);
    await expect(erasePerson(ada, { person: 'tom', reason: ' ' })).rejects.toThrow(/Say why/);
    const erased = await erasePerson(ada, { person: 'tom', reason: 'left in October, asked for erasure' });
    expect(erased.pseudonym).toBe(`Former technician #${tomId}`);

    const [p] = await kit.db.db.select().from(people).where(eq(people.id, tomId));
    expect(p).toMatchObject({ name: `Former technician #${tomId}`, slackUserId: null, teamsUserId: null, shellHandle: null, active: false });
    expect(p!.email).not.toMatch(/tom/i);
    expect(await kit.db.db.select().from(invoices)).toEqual(before.invoices);
    expect(await kit.db.db.select().from(timeEntries).where(eq(timeEntries.personId, tomId))).toEqual(before.time);
    const previewAfter = await previewInvoice(fiona, { contract: 'ACME-HVAC', period: '2026-11' });
    expect(JSON.stringify(previewAfter).replaceAll(`Former technician #${tomId}`, 'Tom Technician')).toEqual(JSON.stringify(previewBefore));
    const [row] = await kit.db.db.select().from(auditLog).where(eq(auditLog.action, 'person.erased'));
    expect(row).toMatchObject({ subjectId: String(tomId), data: { reason: 'left in October, asked for erasure', pseudonym: `Former technician #${tomId}` } });
    await expect(erasePerson(ada, { person: tomId, reason: 'again' })).rejects.toThrow(/already erased/);
  });

  it('erases through chat for admins only (/people erase), leaving invoices and their preview equal', async () => {
    const dana = await kit.as('dana');
    const tess = await kit.as('tess');
    const tessId = tess.actor.person!.id;
    const { ref } = await createJob(dana, { contract: 'ACME-HVAC', site: 'PAR-HQ', priority: 'P3', summary: 'Belt check' });
    await assignJob(dana, { job: ref, technician: 'tess' });
    kit.clock.set('2026-12-02T12:00:00Z');
    await logTime(tess, { job: ref, code: 'HVAC-LAB', start: new Date('2026-12-02T09:30:00Z'), end: new Date('2026-12-02T11:00:00Z'), note: 'belt' });
    const fiona = await kit.as('fiona');
    const before = { invoices: await kit.db.db.select().from(invoices), preview: await previewInvoice(fiona, { contract: 'ACME-HVAC', period: '2026-12' }) };
    expect(before.preview.lines.length).toBeGreaterThan(0);

    const say = async (who: string, line: string) => (await kit.app.dispatch(await kit.as(who), line)).map((c) => renderText(c, { zone: 'UTC' })).join('\n');
    expect(await say('dana', '/people erase tess "left in November"')).toMatch(/Only admin can erase a person; you are dispatcher/);
    expect(await say('ada', '/people erase tess')).toMatch(/Say why tess is erased, in quotes/);
    const [stillThere] = await kit.db.db.select().from(people).where(eq(people.id, tessId));
    expect(stillThere!.name).not.toMatch(/^Former/);

    expect(await say('ada', '/people erase tess "left in November, asked for erasure"')).toContain(`tess is now "Former technician #${tessId}"`);
    const [p] = await kit.db.db.select().from(people).where(eq(people.id, tessId));
    expect(p).toMatchObject({ name: `Former technician #${tessId}`, slackUserId: null, teamsUserId: null, shellHandle: null, active: false });
    expect(await kit.db.db.select().from(invoices)).toEqual(before.invoices);
    const after = await previewInvoice(fiona, { contract: 'ACME-HVAC', period: '2026-12' });
    expect(JSON.stringify(after).replaceAll(`Former technician #${tessId}`, stillThere!.name)).toEqual(JSON.stringify(before.preview));
    const rows = await kit.db.db.select().from(auditLog).where(eq(auditLog.action, 'person.erased'));
    expect(rows.find((r) => r.subjectId === String(tessId))).toMatchObject({ data: { reason: 'left in November, asked for erasure' } });
  });

  it('exports a person through the API to the person or an admin, and erases through it', async () => {
    const admin = await createToken(kit.db.db, 'hr', ['read', 'admin']);
    const lee = await kit.as('lee');
    const own = await createToken(kit.db.db, 'lee-own', ['read'], lee.actor.person!.id);
    const call = (path: string, token: string, body?: unknown) =>
      kit.app.api.request(path, body ? { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) } : { headers: { authorization: `Bearer ${token}` } });
    const mine = await call(`/api/v1/people/${lee.actor.person!.id}/export`, own);
    expect(mine.status).toBe(200);
    expect(((await mine.json()) as { person: { email: string } }).person.email).toBe(lee.actor.person!.email);
    expect((await call(`/api/v1/people/${tomId}/export`, own)).status).toBe(403);
    expect((await call(`/api/v1/people/${tomId}/export`, admin)).status).toBe(200);
    expect((await call(`/api/v1/people/${lee.actor.person!.id}/erase`, own, { reason: 'left' })).status).toBe(403);
    const done = await call(`/api/v1/people/${lee.actor.person!.id}/erase`, admin, { reason: 'left' });
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ pseudonym: `Former dispatcher #${lee.actor.person!.id}` });
  });
});
