/**
 * The approval rules, through the verbs, on whichever database the run uses (PGlite by default,
 * the real server with DATABASE_URL): who may decide, escalation beyond the limit, auto-approval,
 * once-only decisions under double clicks and concurrency, expiry and reminders, and the effects.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { approvals, auditLog, credits, customerMessages, jobs, outbox, people } from '../../db/schema.js';
import { decide } from '../../src/approvals/decide.js';
import { expireAndRemind } from '../../src/approvals/expire-and-remind.js';
import { listRequests, myRequests } from '../../src/approvals/list-requests.js';
import { auditTrail } from '../../src/approvals/audit-trail.js';
import { requestGoodwillCredit } from '../../src/approvals/request-goodwill-credit.js';
import { requestOutOfScope } from '../../src/approvals/request-out-of-scope.js';
import { requestPermit } from '../../src/approvals/request-permit.js';
import { requestRateOverride } from '../../src/approvals/request-rate-override.js';
import { AppError } from '../../src/errors.js';
import { inLanguage } from '../../src/i18n/current.js';
import { setRoles } from '../../src/people/set-role.js';
import { addPerson } from '../../src/people/add-person.js';
import { bindChannel } from '../../src/teams/bind-channel.js';
import { testKit, type TestKit } from '../support/app.js';
import { aJob, expectError } from './helpers.js';
import { noticeWords } from '../support/notices.js';

let kit: TestKit;
beforeAll(async () => {
  kit = await testKit();
});
afterAll(async () => kit?.close());
beforeEach(async () => {
  await kit.reset();
  // Mon 23 Nov 2026 10:00 Paris: inside ACME's office hours, no seasonal uplift in November.
  kit.clock.set('2026-11-23T09:00:00Z');
});

async function auditActions(id: number): Promise<string[]> {
  const rows = await kit.db.db.select().from(auditLog).where(and(eq(auditLog.subjectKind, 'approval'), eq(auditLog.subjectId, String(id)))).orderBy(auditLog.id);
  return rows.map((r) => r.action);
}

describe('asking', () => {
  it('quotes an out-of-scope library code at the price the invoice would show and posts it to the approvals channel', async () => {
    const ref = await aJob(kit);
    const r = await requestOutOfScope(await kit.as('tom'), { job: ref, code: 'duct-clean', quantity: 2, reason: 'ducts clogged' });
    // DUCT-CLEAN 95.00/h, 2h in office hours: 190.00, above autoApproveUnder 150.00
    expect(r.row.amount).toBe(19000);
    expect(r.row.status).toBe('pending');
    expect(r.row.deciderRoles).toEqual(['manager']);
    expect(r.view.rule).toBe('approvals.outOfScope: approvers manager, autoApproveUnder 150.00');
    expect(r.view.parsed.kind === 'outOfScope' && r.view.parsed.request.code).toBe('DUCT-CLEAN');
    expect(r.row.expiresAt?.toISOString()).toBe('2026-11-26T09:00:00.000Z'); // 72h by default
    const posts = await kit.db.db.select().from(outbox).where(eq(outbox.subjectKind, 'approval'));
    expect(posts.map((p) => [p.op, p.platform, (p.target as { purpose?: string }).purpose])).toEqual([['post', 'shell', 'approvals']]);
    expect(await auditActions(r.row.id)).toEqual(['approval.requested']);
  });

  it('prices after-hours work with the modifier in force', async () => {
    const ref = await aJob(kit);
    // Mon 19:00 Paris is outside the office calendar: afterHours ×1.5 -> 2h × 95.00 × 1.5
    const r = await requestOutOfScope(await kit.as('tom'), { job: ref, code: 'DUCT-CLEAN', quantity: 2, at: new Date('2026-11-23T18:00:00Z'), reason: 'only possible after close' });
    expect(r.row.amount).toBe(28500);
    expect(r.view.parsed.kind === 'outOfScope' && r.view.parsed.request.lines[0]?.rule).toMatch(/after-hours/);
  });

  it('approves a quote under autoApproveUnder at once, and says so', async () => {
    const ref = await aJob(kit);
    const r = await requestOutOfScope(await kit.as('tom'), { job: ref, code: 'DUCT-CLEAN', minutes: 60 });
    expect(r.autoApproved).toBe(true);
    expect(r.row.status).toBe('approved');
    expect(r.row.decisionReason).toMatch(/under approvals.outOfScope.autoApproveUnder 150.00/);
    expect(await auditActions(r.row.id)).toEqual(['approval.requested', 'approval.approved', 'approval.quote_drafted']);
    await expectError(decide(await kit.as('max'), { approval: r.row.id, approve: false, reason: 'no' }), 'conflict', /already approved automatically/);
  });

  it('refuses codes in scope, unknown codes without a price, and closed jobs, writing nothing', async () => {
    const ref = await aJob(kit);
    const tom = await kit.as('tom');
    await expectError(requestOutOfScope(tom, { job: ref, code: 'HVAC-LAB', quantity: 1 }), 'invalid', /in the scope of ACME-HVAC/);
    await expectError(requestOutOfScope(tom, { job: ref, code: 'ROOF-FIX', quantity: 1 }), 'not_found', /not in ACME-HVAC's rate library/);
    await expectError(requestOutOfScope(tom, { job: ref, description: 'Paint the plant room', price: 0 }), 'invalid', /price above zero/);
    await expectError(requestOutOfScope(tom, { job: ref, code: 'DUCT-CLEAN' }), 'invalid', /Give a quantity in hours\./);
    await expectError(inLanguage('fr', () => requestOutOfScope(tom, { job: ref, code: 'DUCT-CLEAN' })), 'invalid', /Donnez une quantité \(heure\)\./);
    await expectError(requestOutOfScope(await kit.as('fiona'), { job: ref, code: 'DUCT-CLEAN', quantity: 2 }), 'forbidden', /Only technician or dispatcher or manager can ask for out-of-scope work; you are finance/);
    expect(await kit.db.db.select().from(approvals)).toHaveLength(0);
  });

  it('a second request for the same code on the same job waits for the first', async () => {
    const ref = await aJob(kit);
    const tom = await kit.as('tom');
    const first = await requestOutOfScope(tom, { job: ref, code: 'DUCT-CLEAN', quantity: 3 });
    await expectError(requestOutOfScope(tom, { job: ref, code: 'DUCT-CLEAN', quantity: 3 }), 'conflict', new RegExp(`#${first.row.id}`));
  });

  it('values a goodwill duration at the labour rate', async () => {
    const ref = await aJob(kit);
    const r = await requestGoodwillCredit(await kit.as('dana'), { target: ref, minutes: 90, reason: 'second visit was our fault' });
    expect(r.row.amount).toBe(12750); // 1.5h × HVAC-LAB 85.00
    expect(r.row.kind).toBe('goodwill');
    await expectError(requestGoodwillCredit(await kit.as('dana'), { target: ref, amount: 5000, reason: ' ' }), 'invalid', /Say why/);
  });
});

describe('deciding', () => {
  it('nobody decides their own request', async () => {
    const ref = await aJob(kit);
    const lee = await kit.as('lee'); // dispatcher and manager
    const r = await requestOutOfScope(lee, { job: ref, code: 'DUCT-CLEAN', quantity: 2, reason: 'customer asked' });
    await expectError(decide(lee, { approval: r.row.id, approve: true }), 'forbidden', /Nobody decides their own request/);
    const [row] = await kit.db.db.select().from(approvals);
    expect(row!.status).toBe('pending');
  });

  it('only the contract approvers decide', async () => {
    const ref = await aJob(kit);
    const r = await requestOutOfScope(await kit.as('tom'), { job: ref, code: 'DUCT-CLEAN', quantity: 2 });
    await expectError(decide(await kit.as('dana'), { approval: r.row.id, approve: true }), 'forbidden', /only a manager can decide request #\d+; you are dispatcher/);
    await expectError(decide(await kit.as('fiona'), { approval: r.row.id, approve: true }), 'forbidden', /only a manager can decide/);
    await expectError(decide(await kit.as('tess'), { approval: r.row.id, approve: true }), 'forbidden', /only a manager can decide/);
    const v = await decide(await kit.as('max'), { approval: r.row.id, approve: true });
    expect(v.row.status).toBe('approved');
    expect(v.decider?.name).toBe('Max Manager');
  });

  it('beyond the limit the above roles must decide, and the credit reaches the credits table', async () => {
    const ref = await aJob(kit);
    const r = await requestGoodwillCredit(await kit.as('dana'), { target: ref, amount: 40000, reason: 'outage during their launch' });
    expect(r.row.deciderRoles).toEqual(['finance']); // ACME goodwill: manager, limit 300.00, above finance
    expect(r.view.escalated).toBe(true);
    await expectError(decide(await kit.as('max'), { approval: r.row.id, approve: true }), 'forbidden', /400.00 is beyond approvals.goodwill.limit 300.00, so only finance/);
    await decide(await kit.as('fiona'), { approval: r.row.id, approve: true, reason: 'agreed with the account manager' });
    const cr = await kit.db.db.select().from(credits);
    expect(cr).toHaveLength(1);
    expect(cr[0]).toMatchObject({ kind: 'goodwill', amount: 40000, approvalId: r.row.id, contractId: 'ACME-HVAC', period: '2026-11' });
    // At the limit, not beyond it: managers decide.
    const small = await requestGoodwillCredit(await kit.as('dana'), { target: 'acme-hvac', amount: 30000, reason: 'goodwill' });
    expect(small.row.deciderRoles).toEqual(['manager']);
    expect(small.row.jobId).toBeNull();
  });

  it('a double click changes nothing the second time and names who decided', async () => {
    const ref = await aJob(kit);
    const r = await requestOutOfScope(await kit.as('tom'), { job: ref, code: 'DUCT-CLEAN', quantity: 2 });
    const max = await kit.as('max');
    await decide(max, { approval: r.row.id, approve: true });
    kit.clock.advance(1);
    await expectError(decide(max, { approval: r.row.id, approve: true }), 'conflict', /already approved by Max Manager at Mon 23 Nov 09:00 UTC/);
    await expectError(decide(await kit.as('lee'), { approval: r.row.id, approve: false, reason: 'too dear' }), 'conflict', /already approved by Max Manager/);
    expect((await auditActions(r.row.id)).filter((a) => a === 'approval.approved')).toHaveLength(1);
    const direct = await kit.db.db.select().from(outbox).where(and(eq(outbox.op, 'direct'), eq(outbox.subjectKind, 'notice')));
    expect(direct).toHaveLength(1);
    expect((await noticeWords(kit.app.ctx, direct[0]!)).title).toBe(`Your request #${r.row.id} was approved`);
    expect(await kit.db.db.select().from(customerMessages).where(eq(customerMessages.kind, 'quote'))).toHaveLength(1);
  });

  it('two managers deciding at the same moment leave exactly one decision', async () => {
    const ref = await aJob(kit);
    const [max, lee] = [await kit.as('max'), await kit.as('lee')];
    // Several rounds: on a real server the two transactions truly overlap; the loser must wait for
    // the winner's row lock, then find the row decided.
    for (let round = 0; round < 4; round++) {
      const r = await requestGoodwillCredit(await kit.as('tom'), { target: ref, amount: 20000 + round, reason: 'late twice' });
      const results = await Promise.allSettled([decide(max, { approval: r.row.id, approve: true }), decide(lee, { approval: r.row.id, approve: false, reason: 'not our fault' })]);
      const lost = results.filter((x): x is PromiseRejectedResult => x.status === 'rejected');
      expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]!.reason).toBeInstanceOf(AppError);
      expect((lost[0]!.reason as AppError).code).toBe('conflict');
      expect((lost[0]!.reason as AppError).message).toMatch(/already (approved by Max Manager|rejected by Lee Lead)/);
      const [row] = await kit.db.db.select().from(approvals).where(eq(approvals.id, r.row.id));
      const decisions = (await auditActions(r.row.id)).filter((a) => a === 'approval.approved' || a === 'approval.rejected');
      expect(decisions).toEqual([`approval.${row!.status}`]);
      expect(await kit.db.db.select().from(credits).where(eq(credits.approvalId, r.row.id))).toHaveLength(row!.status === 'approved' ? 1 : 0);
    }
  });

  it('a rejection needs a reason and leaves nothing but the record', async () => {
    const ref = await aJob(kit);
    const r = await requestGoodwillCredit(await kit.as('tom'), { target: ref, amount: 5000, reason: 'sorry' });
    const max = await kit.as('max');
    await expectError(decide(max, { approval: r.row.id, approve: false }), 'invalid', /Say why you reject it/);
    const v = await decide(max, { approval: r.row.id, approve: false, reason: 'the delay was the customer’s' });
    expect(v.row).toMatchObject({ status: 'rejected', decisionReason: 'the delay was the customer’s' });
    expect(await kit.db.db.select().from(credits)).toHaveLength(0);
  });

  it('approved free-text work drafts a customer quote and is an invoice extra', async () => {
    const ref = await aJob(kit);
    const r = await requestOutOfScope(await kit.as('tom'), { job: ref, description: 'Replace damper actuator', price: 24000, reason: 'seized' });
    expect(r.view.parsed.kind === 'outOfScope' && r.view.parsed.request.code).toBeUndefined();
    const v = await decide(await kit.as('max'), { approval: r.row.id, approve: true });
    const [msg] = await kit.db.db.select().from(customerMessages).where(eq(customerMessages.kind, 'quote'));
    expect(msg).toMatchObject({ kind: 'quote', status: 'draft', recipients: ['claire.martin@acme.example', 'hugo.bernard@acme.example'] });
    // ACME-HVAC is fr-FR: the customer's quote is written in French, its money as France writes it.
    expect(msg!.body).toContain('Bonjour Claire Martin');
    expect(msg!.body).toContain('ne font pas partie du contrat ACME-HVAC');
    expect(msg!.body).toContain('Replace damper actuator');
    expect(msg!.body).toContain('Prix\u00a0: 240,00\u00a0€ HT');
    expect(msg!.body).not.toMatch(/Hello|Price|EUR/);
    expect(v.quoteDraftId).toBe(msg!.id);
  });

  it('a quoted library code reads in the contract’s language on the quote: French for ACME-HVAC, English for NORTHWIND-TEL', async () => {
    const fr = await requestOutOfScope(await kit.as('tom'), { job: await aJob(kit), code: 'DUCT-CLEAN', minutes: 150, reason: 'ducts clogged' });
    expect(fr.view.parsed.kind === 'outOfScope' && fr.view.parsed.request.description).toMatch(/^Duct cleaning \(add-on\) \(DUCT-CLEAN\), 2[\u00a0\u202f]h\u00a030$/);
    const uk = await requestOutOfScope(await kit.as('tom'), { job: await aJob(kit, { contract: 'NORTHWIND-TEL', site: 'LDN-CORE' }), code: 'SURVEY', quantity: 2, reason: 'upgrade planned' });
    expect(uk.view.parsed.kind === 'outOfScope' && uk.view.parsed.request.description).toBe('Site survey for upgrade (SURVEY), 2 visits');
    await decide(await kit.as('max'), { approval: uk.row.id, approve: true });
    const [msg] = await kit.db.db.select().from(customerMessages).where(and(eq(customerMessages.kind, 'quote'), eq(customerMessages.jobId, uk.row.jobId!)));
    expect(msg!.body).toMatch(/^Hello .+,\n\nFor J-\d+ at .+, the following work is outside the scope of agreement NORTHWIND-TEL:\n\nSite survey for upgrade \(SURVEY\), 2 visits\n/);
    expect(msg!.body).toContain('Price: GBP 900.00 (excluding tax)');
  });
});

describe('expiry and reminders', () => {
  it('reminds the approvers after the remind time, once', async () => {
    const ref = await aJob(kit);
    const r = await requestOutOfScope(await kit.as('tom'), { job: ref, code: 'DUCT-CLEAN', quantity: 2 });
    kit.clock.advance(239);
    expect((await expireAndRemind(kit.app.ctx))?.reminded).toBe(0);
    kit.clock.advance(1);
    expect((await expireAndRemind(kit.app.ctx))?.reminded).toBe(2); // Lee and Max hold the manager role
    expect((await expireAndRemind(kit.app.ctx))?.reminded).toBe(0);
    const dms = await kit.db.db.select({ target: outbox.target }).from(outbox).where(and(eq(outbox.op, 'direct'), eq(outbox.subjectKind, 'approval')));
    const names = await kit.db.db.select({ id: people.id, name: people.name }).from(people);
    expect(dms.map((d) => names.find((n) => n.id === (d.target as { personId: number }).personId)?.name).sort()).toEqual(['Lee Lead', 'Max Manager']);
    expect(await auditActions(r.row.id)).toContain('approval.reminded');
  });

  it('an expired request cannot be approved, before and after the expiry tick', async () => {
    const ref = await aJob(kit);
    const r = await requestOutOfScope(await kit.as('tom'), { job: ref, code: 'DUCT-CLEAN', quantity: 2 });
    kit.clock.advance(72 * 60);
    const max = await kit.as('max');
    await expectError(decide(max, { approval: r.row.id, approve: true }), 'conflict', /expired at .* it can no longer be approved/);
    expect((await expireAndRemind(kit.app.ctx))?.expired).toBe(1);
    await expectError(decide(max, { approval: r.row.id, approve: true }), 'conflict', /expired at Thu 26 Nov 09:00 UTC without a decision/);
    const [row] = await kit.db.db.select().from(approvals);
    expect(row).toMatchObject({ status: 'expired', deciderId: null });
    expect(await auditActions(r.row.id)).toEqual(['approval.requested', 'approval.expired']);
    const notice = await kit.db.db.select().from(outbox).where(and(eq(outbox.op, 'direct'), eq(outbox.subjectKind, 'notice')));
    expect((await noticeWords(kit.app.ctx, notice[0]!)).title).toMatch(/expired/);
  });
});

describe('permits and rate overrides', () => {
  it('a permit outside the refinery access hours is estimated at the outside-access rate and written on the job', async () => {
    kit.clock.set('2026-11-23T14:00:00Z'); // Mon 08:00 Chicago
    const ref = await aJob(kit, { contract: 'PETRA-OG', site: 'PTX-REF', summary: 'Valve passing' });
    const tom = await kit.as('tom');
    // Tue 01:00-05:00 Chicago is inside refinery-access
    await expectError(requestPermit(tom, { job: ref, from: new Date('2026-11-24T07:00:00Z'), to: new Date('2026-11-24T11:00:00Z') }), 'invalid', /inside PTX-REF's access hours/);
    // Tue 08:00-12:00 Chicago: 4h outside access; VALVE-SVC 145.00 × outside-access 2.0
    const r = await requestPermit(tom, { job: ref, from: new Date('2026-11-24T14:00:00Z'), to: new Date('2026-11-24T18:00:00Z'), reason: 'shutdown window' });
    expect(r.row.amount).toBe(116000);
    expect(r.view.rule).toMatch(/approvals.permit: approvers manager \(default: PETRA-OG names no permit rule\)/);
    await decide(await kit.as('max'), { approval: r.row.id, approve: true });
    const [job] = await kit.db.db.select().from(jobs).where(eq(jobs.ref, ref));
    expect(job!.permit).toMatch(new RegExp(`^#${r.row.id} Tue 24 Nov 2026 08:00`));
  });

  it('rate overrides are asked by finance or managers and decided by finance', async () => {
    const ref = await aJob(kit);
    await expectError(requestRateOverride(await kit.as('tom'), { job: ref, code: 'HVAC-LAB', price: 7000, reason: 'x' }), 'forbidden', /Only finance or manager/);
    const r = await requestRateOverride(await kit.as('max'), { job: ref, code: 'hvac-lab', price: 7000, reason: 'negotiated after the dispute' });
    expect(r.row).toMatchObject({ amount: 1500, deciderRoles: ['finance'] });
    await expectError(decide(await kit.as('lee'), { approval: r.row.id, approve: true }), 'forbidden', /only finance/);
    expect((await decide(await kit.as('fiona'), { approval: r.row.id, approve: true })).row.status).toBe('approved');
  });
});

describe('lists and audit', () => {
  it('/requests shows mine and the ones I may decide; the audit trail shows request and decision', async () => {
    const ref = await aJob(kit);
    const tom = await kit.as('tom');
    const a = await requestOutOfScope(tom, { job: ref, code: 'DUCT-CLEAN', quantity: 2 });
    const b = await requestGoodwillCredit(tom, { target: ref, amount: 50000, reason: 'big outage' });
    const mine = await myRequests(tom);
    expect(mine.mine.map((v) => v.row.id)).toEqual([a.row.id, b.row.id]);
    expect(mine.toDecide).toHaveLength(0);
    expect((await myRequests(await kit.as('max'))).toDecide.map((v) => v.row.id)).toEqual([a.row.id]);
    expect((await myRequests(await kit.as('fiona'))).toDecide.map((v) => v.row.id)).toEqual([b.row.id]);
    expect((await listRequests(tom, { status: 'all' })).length).toBe(2);
    await decide(await kit.as('max'), { approval: a.row.id, approve: true });
    const trail = await auditTrail(await kit.as('dana'), { target: ref });
    // Other features write their own rows about the job (message drafts...); these are ours, in order.
    expect(trail.entries[0]!.action).toBe('job.created');
    expect(trail.entries.map((e) => e.action).filter((a) => a.startsWith('approval.'))).toEqual(['approval.requested', 'approval.requested', 'approval.approved', 'approval.quote_drafted']);
    const byContract = await auditTrail(await kit.as('fiona'), { target: 'acme-hvac' });
    expect(byContract.entries.map((e) => e.action)).toContain('approval.approved');
    await expectError(auditTrail(tom, { target: ref }), 'forbidden', /read the audit log/);
  });
});

describe('people, roles and teams', () => {
  it('admins grant and remove roles; the last admin stays', async () => {
    const ada = await kit.as('ada');
    const r = await setRoles(ada, { person: '@tess', add: ['manager'] });
    expect(r.person.roles).toEqual(['technician', 'manager']);
    expect((await setRoles(ada, { person: 'tess@demo.example', remove: ['manager'] })).person.roles).toEqual(['technician']);
    await expectError(setRoles(await kit.as('max'), { person: 'tess', add: ['manager'] }), 'forbidden', /Only admin can manage roles/);
    await expectError(setRoles(ada, { person: 'ada', remove: ['admin'] }), 'precondition_failed', /last admin/);
    await expectError(setRoles(ada, { person: 'tess', add: ['boss'] }), 'invalid', /not a role/);
    const p = await addPerson(ada, { name: 'Nina New', email: 'Nina@Demo.example', roles: ['technician'] });
    await expectError(addPerson(ada, { name: 'Nina again', email: 'nina@demo.example' }), 'conflict', new RegExp(`person #${p.id}`));
    const audit = await kit.db.db.select().from(auditLog).where(eq(auditLog.subjectKind, 'person')).orderBy(auditLog.id);
    expect(audit.map((a) => a.action)).toEqual(['person.roles', 'person.roles', 'person.added']);
  });

  it('/team bind needs a channel and binds it for that platform', async () => {
    const max = await kit.as('max');
    await expectError(bindChannel(max, { purpose: 'approvals', team: 'hvac-paris' }), 'precondition_failed', /in the channel/);
    const inSlack = { ...max, origin: { platform: 'slack' as const, target: { channel: 'C123' }, label: '#approvals' } };
    await bindChannel(inSlack, { purpose: 'approvals', team: 'hvac-paris' });
    await bindChannel({ ...inSlack, origin: { ...inSlack.origin, target: { channel: 'C999' } } }, { purpose: 'approvals', team: 'hvac-paris' });
    const ref = await aJob(kit);
    await requestOutOfScope(await kit.as('tom'), { job: ref, code: 'DUCT-CLEAN', quantity: 2 });
    const posts = await kit.db.db.select().from(outbox).where(eq(outbox.subjectKind, 'approval'));
    expect(posts.map((p) => [p.platform, p.target]).sort()).toEqual([
      ['shell', { team: 'hvac-paris', purpose: 'approvals' }],
      ['slack', { channel: 'C999' }],
    ]);
    await expectError(bindChannel({ ...(await kit.as('tom')), origin: inSlack.origin }, { purpose: 'approvals' }), 'forbidden', /Only manager/);
  });
});
