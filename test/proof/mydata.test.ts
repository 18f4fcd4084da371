/**
 * /mydata: a person sees what the bot stores about them (time entries, approvals, steps, files; no
 * locations) and flags an error on their own record; a dispatcher of the job's team receives it,
 * marks it fixed, and the person is told. Nobody can flag someone else's record.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvals, correctionRequests, outbox } from '../../db/schema.js';
import { logTime } from '../../src/billing/log-time.js';
import { createJob } from '../../src/jobs/create-job.js';
import { tickStep } from '../../src/proof/tick-step.js';
import { testKit, type TestKit } from '../support/app.js';
import { cardText, tempDir } from './helpers.js';

let kit: TestKit;
let ref: string;
let entryId: number;

beforeAll(async () => {
  kit = await testKit({ now: '2026-11-24T14:00:00Z', env: { ATTACHMENTS_DIR: tempDir('my') } });
  const dana = await kit.as('dana');
  const created = await createJob(dana, { contract: 'STLUKE-BIOMED', site: 'SLR-ICU', priority: 'P2', summary: 'Pump alarm' });
  ref = created.ref;
  kit.clock.set('2026-11-24T18:00:00Z');
  const tom = await kit.as('tom');
  const r = await logTime(tom, { job: ref, code: 'BIOMED-SVC', start: new Date('2026-11-24T15:00:00Z'), end: new Date('2026-11-24T16:30:00Z'), note: 'battery swap' });
  entryId = r.entry.id;
  await tickStep(tom, { job: ref, step: 1 });
  await kit.db.db.insert(approvals).values({ kind: 'outOfScope', contractId: 'STLUKE-BIOMED', jobId: created.job.id, request: { code: 'LOANER' }, amount: 5500, currency: 'CAD', reason: 'loaner for ward 3', requesterId: tom.actor.person!.id, deciderRoles: ['manager'], status: 'pending' });
});
afterAll(async () => kit?.close());

describe('/mydata', () => {
  it('shows a person their own time entries, approvals, steps and files, and says no location is stored', async () => {
    const text = cardText(await kit.app.dispatch(await kit.as('tom'), '/mydata'));
    expect(text).toMatch(/What contract-ops stores about Tom Technician/);
    expect(text).toMatch(new RegExp(`T${entryId}\\s+${ref}\\s+BIOMED-SVC\\s+Tue 24 Nov 15:00 UTC\\s+1h30m\\s+battery swap`));
    expect(text).toMatch(/Locations\s+none: the bot does not track where people are/);
    expect(text).toMatch(/A\d+\s+outOfScope\s+J-\d+\s+requested\s+pending/);
    expect(text).toMatch(new RegExp(`K\\d+ ${ref} BIOMED-SVC step 1 at`));
    // Someone else's data is not there.
    const tess = cardText(await kit.app.dispatch(await kit.as('tess'), '/mydata'));
    expect(tess).not.toMatch(/battery swap|BIOMED-SVC/);
    expect(tess).toMatch(/Time entries \(0\)\nNone\./);
  });

  it('flags an error on one\'s own record for the dispatchers of the job\'s team, who fix it; the person is told', async () => {
    const [refused] = await kit.app.dispatch(await kit.as('tess'), `/mydata flag T${entryId} not mine`);
    expect(cardText(refused!)).toMatch(/time entry T\d+ is not yours; you can flag only your own records/);
    const [sent] = await kit.app.dispatch(await kit.as('tom'), `/mydata flag T${entryId} ended at 11:00, not 11:30`);
    expect(cardText(sent!)).toMatch(/Your flag #1 went to the dispatchers of biomed-east/);
    const [dup] = await kit.app.dispatch(await kit.as('tom'), `/mydata flag T${entryId} still wrong`);
    expect(cardText(dup!)).toMatch(/You already flagged time entry T\d+ \(#1\)/);
    const [row] = await kit.db.db.select().from(correctionRequests);
    expect(row).toMatchObject({ subjectKind: 'time_entry', subjectId: `T${entryId}`, teamId: 'biomed-east', status: 'open', note: 'ended at 11:00, not 11:30' });
    const posts = await kit.db.db.select().from(outbox).where(eq(outbox.subjectKind, 'correction'));
    expect(posts).toHaveLength(1);

    const listed = cardText(await kit.app.dispatch(await kit.as('dana'), '/mydata flags'));
    expect(listed).toMatch(/Correction asked: #1 from Tom Technician/);
    expect(listed).toMatch(/What is wrong\s+ended at 11:00, not 11:30/);
    expect(cardText(await kit.app.dispatch(await kit.as('tom'), '/mydata flags'))).toMatch(/Only dispatcher or manager can see correction requests/);

    const [fixed] = await kit.app.dispatch(await kit.as('dana'), '/mydata fixed 1 end time set to 11:00');
    expect(cardText(fixed!)).toMatch(/Corrected: #1 from Tom Technician/);
    expect(cardText(fixed!)).toMatch(/fixed by Dana Dispatcher .*: end time set to 11:00/);
    const [again] = await kit.app.dispatch(await kit.as('lee'), '/mydata fixed 1');
    expect(cardText(again!)).toMatch(/already fixed by Dana Dispatcher/);
    const dm = (await kit.db.db.select().from(outbox).where(eq(outbox.op, 'direct'))).find((o) => o.subjectKind === 'correction-outcome');
    expect(dm?.target).toEqual({ personId: (await kit.as('tom')).actor.person!.id });
    // The message is built at delivery, in tom's language.
    const told = await kit.app.features.loaders['correction-outcome']!(kit.app.ctx, dm!.subjectId, dm!.payload as Record<string, unknown>, 'shell');
    expect(told!.title).toBe('Corrected: your flag #1');
    expect(cardText([told!])).toMatch(/Dana Dispatcher corrected T\d+, which you flagged: "ended at 11:00, not 11:30"\.\s+Reason: end time set to 11:00/);
    expect(cardText(await kit.app.dispatch(await kit.as('tom'), '/mydata'))).toMatch(/#1 T\d+: ended at 11:00, not 11:30 \(fixed: end time set to 11:00\)/);
  });

  it('a free-text flag needs no record reference', async () => {
    const [sent] = await kit.app.dispatch(await kit.as('tom'), '/mydata flag my e-mail address is misspelt');
    expect(cardText(sent!)).toMatch(/Your flag #2 went to the dispatchers/);
    const rows = await kit.db.db.select().from(correctionRequests).where(eq(correctionRequests.id, 2));
    expect(rows[0]).toMatchObject({ subjectKind: 'other', subjectId: null, note: 'my e-mail address is misspelt' });
  });
});
