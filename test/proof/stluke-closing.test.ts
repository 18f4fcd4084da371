/**
 * A St Luke biomedical job from report to closing report: safety steps one by one and in order, a
 * reading, a typed clinical sign-off, a photo; resolving is refused while required steps are open;
 * /close posts the report; the PDF (text extracted with pdf.js) carries the covered/billable split
 * from the rating engine and no patient identifiers, while the stored job keeps them.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAction } from '../../cards/action-ids.js';
import { customerMessages, jobs, outbox } from '../../db/schema.js';
import { createToken } from '../../src/api/tokens.js';
import { logPart } from '../../src/billing/log-part.js';
import { logTime } from '../../src/billing/log-time.js';
import { assignJob } from '../../src/jobs/assign-job.js';
import { changeStatus } from '../../src/jobs/change-status.js';
import { createJob } from '../../src/jobs/create-job.js';
import { testKit, type TestKit } from '../support/app.js';
import { api, cardText, expectError, pdfText, picture, tempDir } from './helpers.js';

let kit: TestKit;
let ref: string;
const SUMMARY = 'Infusion pump alarm in bed 4, Patient: John Smith MRN 12345678';

beforeAll(async () => {
  kit = await testKit({ now: '2026-11-24T14:00:00Z', env: { ATTACHMENTS_DIR: tempDir('att'), MAX_ATTACHMENT_MB: '1' } });
  const dana = await kit.as('dana');
  ref = (await createJob(dana, { contract: 'stluke-biomed', site: 'SLR-ICU', priority: 'P2', summary: SUMMARY })).ref;
  await assignJob(dana, { job: ref, technician: 'tom' });
  const tom = await kit.as('tom');
  kit.clock.set('2026-11-24T14:20:00Z');
  await changeStatus(tom, { job: ref, to: 'en_route' });
  kit.clock.set('2026-11-24T14:50:00Z');
  await changeStatus(tom, { job: ref, to: 'on_site' });
  kit.clock.set('2026-11-24T16:30:00Z');
  await logTime(tom, { job: ref, code: 'BIOMED-SVC', start: new Date('2026-11-24T14:50:00Z'), end: new Date('2026-11-24T16:20:00Z'), note: 'replaced battery, tested' });
  await logPart(tom, { job: ref, sku: 'BATT-LI-7', qty: 1 });
});
afterAll(async () => kit?.close());

describe('St Luke job: proof of service to closing report', () => {
  it('lists the contract checklist with safety steps first and only the next step tappable', async () => {
    const tom = await kit.as('tom');
    const [c] = await kit.app.dispatch(tom, `/check ${ref}`);
    expect(c!.kind).toBe('checklist');
    const text = cardText(c!);
    expect(text).toMatch(/BIOMED-SVC: Biomedical engineer labour/);
    const order = ['Device removed from patient use', 'Infection-control wipe-down', 'Electrical safety test passed', 'Clinical sign-off by charge nurse'].map((s) => text.indexOf(s));
    expect(order.every((i, k) => i > 0 && (k === 0 || i > order[k - 1]!))).toBe(true);
    expect(text).toMatch(/\[ \] 4\. Clinical sign-off by charge nurse \(required, signature\): after steps 1, 2, 3/);
    // One button: the first safety step; the others wait.
    expect(c!.actions?.map((a) => a.label)).toEqual(['Confirm 1. Device removed from patient use and tag…']);
  });

  it('refuses to resolve while required steps are missing, listing them', async () => {
    const tom = await kit.as('tom');
    const err = await expectError(changeStatus(tom, { job: ref, to: 'resolved' }), 'precondition_failed', /cannot be resolved yet: 4 required checklist steps are not confirmed/);
    expect(err.details).toEqual(expect.arrayContaining(['BIOMED-SVC step 1: Device removed from patient use and tagged (safety)', 'BIOMED-SVC step 3: Electrical safety test passed (safety), needs a reading', 'BIOMED-SVC step 4: Clinical sign-off by charge nurse, needs a signature']));
    const [card] = await kit.app.dispatch(await kit.as('dana'), `/close ${ref}`);
    expect(card!.kind).toBe('error');
    expect(cardText(card!)).toMatch(/step 2: Infection-control wipe-down before and after/);
    const [row] = await kit.db.db.select().from(jobs).where(eq(jobs.ref, ref));
    expect(row!.status).toBe('on_site');
  });

  it('takes safety steps one by one, in order; a second tap is told who did it', async () => {
    const tom = await kit.as('tom');
    const [early] = await kit.app.dispatch(tom, `/sign ${ref} 4 Jane Roe, charge nurse`);
    expect(cardText(early!)).toMatch(/Confirm steps 1, 2, 3 of BIOMED-SVC first/);

    const [c] = await kit.app.dispatch(tom, `/check ${ref}`);
    const first = c!.actions![0]!;
    expect(decodeAction(first.id, kit.app.ctx.services.actionSecret)).toMatchObject({ t: 'tick', code: 'BIOMED-SVC', step: 0 });
    const [after] = await kit.app.act(tom, first.id);
    expect(cardText(after!)).toMatch(/BIOMED-SVC step 1 confirmed by Tom Technician/);
    const [again] = await kit.app.act(await kit.as('tess'), first.id);
    expect(cardText(again!)).toMatch(/Already confirmed: BIOMED-SVC step 1 by Tom Technician at 11:30 EST/);

    const [two] = await kit.app.dispatch(tom, `/check ${ref} 2`);
    expect(cardText(two!)).toMatch(/\[x\] 2\. Infection-control/);
  });

  it('asks for a reading with its unit and a signature with name and role', async () => {
    const tom = await kit.as('tom');
    expect(cardText(await kit.app.dispatch(tom, `/check ${ref} 3`))).toMatch(/needs a reading: a value with its unit/);
    expect(cardText(await kit.app.dispatch(tom, `/check ${ref} 3 0.4`))).toMatch(/needs a reading/);
    const [ok] = await kit.app.dispatch(tom, `/check ${ref} 3 0.4 mA`);
    expect(cardText(ok!)).toMatch(/BIOMED-SVC step 3 confirmed: 0\.4 mA/);
    expect(cardText(ok!)).toMatch(/reading 0\.4 mA/);
    // The sign-off button asks for the signer in its prompt.
    const sign = ok!.actions!.find((a) => a.label.startsWith('Sign'))!;
    expect(sign.reason).toEqual({ label: "Signer's name, role (e.g. Jane Roe, charge nurse)", required: true });
    expect(cardText(await kit.app.act(tom, sign.id, { reason: 'Jane Roe' }))).toMatch(/needs a signature: the signer's name and role/);
    const [signed] = await kit.app.act(tom, sign.id, { reason: 'Jane Roe, charge nurse' });
    expect(cardText(signed!)).toMatch(/signed by Jane Roe \(charge nurse\)/);
    expect(cardText(signed!)).toMatch(/All required steps are done/);
  });

  it('stores a photo with its checksum; refuses a wrong type or an oversized file with a clear message', async () => {
    const tom = await kit.as('tom');
    const png = await picture('png', 640, 480);
    const [ok] = await kit.app.dispatch(tom, `/attach ${ref}`, [{ name: 'pump-front.png', contentType: 'image/png', data: png }]);
    expect(cardText(ok!)).toMatch(/pump-front\.png: photo, image\/png/);
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00'), Buffer.alloc(200)]);
    const [bad] = await kit.app.dispatch(tom, `/attach ${ref}`, [{ name: 'photo.jpg', contentType: 'image/jpeg', data: exe }]);
    expect(bad!.kind).toBe('error');
    expect(cardText(bad!)).toMatch(/photo\.jpg \(sent as image\/jpeg\) is not an image or a PDF: only JPEG, PNG, GIF, WebP photos and PDF documents are kept as proof; nothing was saved/);
    const huge = Buffer.concat([png.subarray(0, 8), Buffer.alloc(1.5 * 1024 * 1024)]);
    const [big] = await kit.app.dispatch(tom, `/attach ${ref}`, [{ name: 'big.png', contentType: 'image/png', data: huge }]);
    expect(cardText(big!)).toMatch(/big\.png is 1\.5 MB; the limit is 1 MB per file/);
    const [c] = await kit.app.dispatch(tom, `/check ${ref}`);
    expect(cardText(c!)).toMatch(/Files\n {2}- pump-front\.png \(photo, \d+ KB\)/);
    expect(cardText(c!)).not.toMatch(/big\.png|photo\.jpg/);
  });

  it('/close resolves and closes, posts the report, and drafts the closing message', async () => {
    const dana = await kit.as('dana');
    kit.clock.set('2026-11-24T16:40:00Z');
    const [report] = await kit.app.dispatch(dana, `/close ${ref}`);
    expect(report!.kind).toBe('report');
    const text = cardText(report!);
    expect(text).toMatch(/Covered under the agreement: CAD 202\.50/);
    expect(text).toMatch(/Billable: CAD 210\.00/);
    expect(text).toMatch(/Restore: met in 2h40m of business time against 12h/);
    expect(text).toMatch(/\[MRN redacted\]/);
    expect(text).not.toMatch(/12345678|John Smith/);
    const [row] = await kit.db.db.select().from(jobs).where(eq(jobs.ref, ref));
    expect(row!.status).toBe('closed');
    // The stored original is never redacted.
    expect(row!.summary).toBe(SUMMARY);
    const msgs = await kit.db.db.select().from(customerMessages).where(eq(customerMessages.jobId, row!.id));
    expect(msgs.map((m) => m.kind)).toEqual(['confirmation', 'departure', 'closing']);
    expect(msgs.every((m) => m.status === 'draft' && m.recipients[0] === 'biomed@stluke.example')).toBe(true);
    expect(msgs[2]!.body).toMatch(/Safety checks: 3 of 3 confirmed: Device removed from patient use and tagged \(11:30\); Infection-control wipe-down before and after \(11:30\); Electrical safety test passed \(11:30, 0\.4 mA\)\. Clinical sign-off: Jane Roe, charge nurse, Tue 24 Nov 2026 11:30 EST\./);
    expect(msgs[2]!.body).toMatch(/Covered under agreement: CAD 202\.50\. Billable: CAD 210\.00\./);
    const posts = await kit.db.db.select().from(outbox).where(eq(outbox.subjectKind, 'message'));
    expect(posts).toHaveLength(3);
  });

  it('serves the PDF with extractable text: the split, the clauses, the proof, and no MRN', async () => {
    const token = await createToken(kit.db.db, 'reports', ['read']);
    const res = await api(kit, token).get(`/api/v1/jobs/${ref}/report.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf);
    expect(text).toMatch(/Closing report J-\d+/);
    expect(text).toMatch(/Covered under the agreement: CAD 202\.50/);
    expect(text).toMatch(/Billable: CAD 210\.00/);
    expect(text).toMatch(/entitlements\.prepaidHours\[0\]/);
    expect(text).toMatch(/rates|parts/);
    expect(text).toMatch(/Electrical safety test passed/);
    expect(text).toMatch(/0\.4 mA/);
    expect(text).toMatch(/Jane Roe, charge nurse, signed/);
    expect(text).toMatch(/pump-front\.png/);
    expect(text).toMatch(/\[MRN redacted\]/);
    expect(text).toMatch(/patient: \[redacted\]/);
    expect(text).not.toMatch(/12345678/);
    expect(text).not.toMatch(/John Smith/);
    // The photo is embedded, not linked.
    expect(pdf.includes(Buffer.from('/Subtype /Image'))).toBe(true);
  });

  it('serves a standalone HTML report with the picture embedded and the same redactions', async () => {
    const token = await createToken(kit.db.db, 'reports-html', ['read']);
    const res = await api(kit, token).get(`/api/v1/jobs/${ref}/report.html`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toMatch(/<img alt="pump-front\.png" width="640" height="480" src="data:image\/jpeg;base64,/);
    expect(html).toMatch(/Covered under the agreement: CAD 202\.50/);
    expect(html).not.toMatch(/12345678|John Smith/);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3)/);
  });
});
