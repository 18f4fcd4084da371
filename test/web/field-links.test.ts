/**
 * Where field links are handed out, and the customer's answer to a quote through the verb: the
 * assigned technician's /check carries the phone link (nobody else's does), a quote e-mail carries
 * its link only when the server has a public address, and a customer answers a quote once.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { customerMessages } from '../../db/schema.js';
import { customerDecide } from '../../src/approvals/customer-decide.js';
import { decide } from '../../src/approvals/decide.js';
import { requestOutOfScope } from '../../src/approvals/request-out-of-scope.js';
import { assignJob } from '../../src/jobs/assign-job.js';
import { cardText } from '../proof/helpers.js';
import { aJob, expectError } from '../approvals/helpers.js';
import { testKit, type TestKit } from '../support/app.js';

let kit: TestKit;
beforeAll(async () => {
  kit = await testKit();
});
afterAll(async () => kit?.close());
beforeEach(async () => {
  await kit.reset();
  kit.clock.set('2026-11-23T09:00:00Z');
  kit.app.ctx.services.publicUrl = 'https://ops.example.com';
});

describe('field links', () => {
  it('/check and the job card give the assigned technician the phone link, and nobody else', async () => {
    const ref = await aJob(kit);
    await assignJob(await kit.as('dana'), { job: ref, technician: 'tom' });
    const mine = cardText(await kit.app.dispatch(await kit.as('tom'), `/check ${ref}`));
    expect(mine).toMatch(/Open this checklist on your phone \(https:\/\/ops\.example\.com\/f\/check\/f1\.[\w-]+\.[\w-]+\)/);
    expect(cardText(await kit.app.dispatch(await kit.as('tess'), `/check ${ref}`))).not.toMatch(/on your phone/);
    expect(cardText(await kit.app.dispatch(await kit.as('dana'), `/check ${ref}`))).not.toMatch(/on your phone/);
    // The job card too, for the assignee only.
    expect(cardText(await kit.app.dispatch(await kit.as('tom'), `/job show ${ref}`))).toMatch(/On your phone.*Open the checklist \(works offline\) \(https:\/\/ops\.example\.com\/f\/check\//);
    expect(cardText(await kit.app.dispatch(await kit.as('dana'), `/job show ${ref}`))).not.toMatch(/On your phone/);
  });

  it('a quote e-mail has no link when the server has no public address', async () => {
    kit.app.ctx.services.publicUrl = undefined;
    const ref = await aJob(kit);
    const r = await requestOutOfScope(await kit.as('tom'), { job: ref, code: 'DUCT-CLEAN', quantity: 3 });
    await decide(await kit.as('max'), { approval: r.row.id, approve: true });
    const [mail] = await kit.db.db.select().from(customerMessages).where(eq(customerMessages.kind, 'quote'));
    expect(mail!.body).toMatch(/Please reply to confirm that we should go ahead; it will appear on your invoice as approved extra work\.$/);
  });

  it('a customer answers an approved quote once; declining needs a reason; a pending request is not offered', async () => {
    const ref = await aJob(kit);
    const r = await requestOutOfScope(await kit.as('tom'), { job: ref, code: 'DUCT-CLEAN', quantity: 3 });
    const jobId = r.row.jobId!;
    const web = kit.app.ctx;
    await expectError(customerDecide(web, { approval: r.row.id, jobId, accept: true, name: 'Claire Martin' }), 'precondition_failed', /no longer offered/);
    await decide(await kit.as('max'), { approval: r.row.id, approve: true });
    await expectError(customerDecide(web, { approval: r.row.id, jobId: jobId + 1, accept: true, name: 'Claire Martin' }), 'precondition_failed', /not available/);
    await expectError(customerDecide(web, { approval: r.row.id, jobId, accept: false, name: 'Claire Martin' }), 'invalid', /Say why you decline/);
    await expectError(customerDecide(web, { approval: r.row.id, jobId, accept: true, name: '  ' }), 'invalid', /Type your name/);
    const d = await customerDecide(web, { approval: r.row.id, jobId, accept: false, name: 'Claire Martin', reason: 'too expensive this quarter' });
    expect(d.decision).toMatchObject({ decision: 'declined', name: 'Claire Martin', reason: 'too expensive this quarter' });
    expect(d.view.customer?.decision).toBe('declined');
    await expectError(customerDecide(web, { approval: r.row.id, jobId, accept: true, name: 'Hugo Bernard' }), 'conflict', /already declined by Claire Martin/);
  });
});
