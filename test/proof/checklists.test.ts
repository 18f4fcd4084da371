/**
 * Checklists beyond the St Luke walk-through: steps outside the contracted scope stay off the list
 * until an out-of-scope request is approved; Petra's safety steps in order with a photo, a reading
 * and offline times through the API; uploads refused by type and size with a clear problem; files
 * that survive a restart; every card of the feature within Slack's and Teams' limits.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decodeAction } from '../../cards/action-ids.js';
import { checklistCard } from '../../cards/build/checklist.js';
import { messageCard } from '../../cards/build/message.js';
import { reportCard } from '../../cards/build/report.js';
import type { Card } from '../../cards/card.js';
import { renderSlack } from '../../cards/slack.js';
import { renderTeams } from '../../cards/teams.js';
import { approvals } from '../../db/schema.js';
import { createApp } from '../../src/app.js';
import { createToken } from '../../src/api/tokens.js';
import { createContract } from '../../src/contracts/create-contract.js';
import { schedulerActor, withActor } from '../../src/context.js';
import { changeStatus } from '../../src/jobs/change-status.js';
import { createJob } from '../../src/jobs/create-job.js';
import { silentLogger } from '../../src/log.js';
import { loadMessageView } from '../../src/messages/load-message.js';
import { closingReport, redactReport } from '../../src/proof/closing-report.js';
import { showChecklist } from '../../src/proof/show-checklist.js';
import { tickStep } from '../../src/proof/tick-step.js';
import { EXAMPLES_DIR } from '../../src/seed/demo.js';
import { blockKitProblems } from '../slack/block-kit.js';
import { testKit, type TestKit } from '../support/app.js';
import { adaptiveCardProblems } from '../teams/adaptive-cards.js';
import { api, cardText, expectError, picture, tempDir } from './helpers.js';

let kit: TestKit;
let token: string;

function mrkdwnOf(x: unknown): string[] {
  if (Array.isArray(x)) return x.flatMap(mrkdwnOf);
  if (!x || typeof x !== 'object') return [];
  const o = x as Record<string, unknown>;
  return [...(o.type === 'mrkdwn' && typeof o.text === 'string' ? [o.text] : []), ...Object.values(o).flatMap(mrkdwnOf)];
}

beforeAll(async () => {
  kit = await testKit({ now: '2026-11-24T14:00:00Z', env: { ATTACHMENTS_DIR: tempDir('chk'), MAX_ATTACHMENT_MB: '1' } });
});
afterAll(async () => kit?.close());
beforeEach(async () => {
  await kit.reset();
  kit.clock.set('2026-11-24T14:00:00Z');
  token = await createToken(kit.db.db, 'field-app', ['read', 'write']);
});

/** St Luke with a checklist on its out-of-scope loaner code. */
async function loanerContract(): Promise<void> {
  const text = readFileSync(`${EXAMPLES_DIR}stluke-health.yaml`, 'utf8')
    .replace('id: STLUKE-BIOMED', 'id: STLUKE-LOAN')
    .replace('checklists:\n', 'checklists:\n  LOANER:\n    - { step: Loaner device inspected and logged, required: true, safety: true }\n');
  await createContract(withActor(kit.app.ctx, schedulerActor), { terms: { text }, reason: 'test: a checklist on an out-of-scope code' });
}

describe('scope', () => {
  it('steps of an out-of-scope code are not on the list until an out-of-scope request is approved', async () => {
    await loanerContract();
    const dana = await kit.as('dana');
    const { ref, job } = await createJob(dana, { contract: 'STLUKE-LOAN', site: 'SLR-ICU', priority: 'P2', summary: 'Pump swap' });
    const list = await showChecklist(dana, { job: ref });
    expect(list.lists.map((l) => l.code)).toEqual(['BIOMED-SVC']);
    expect(cardText(await kit.app.dispatch(dana, `/check ${ref}`))).not.toMatch(/Loaner device inspected/);

    const [asked] = await kit.app.dispatch(dana, `/check ${ref} loaner`);
    expect(cardText(asked!)).toMatch(/LOANER \(Loaner device \(per day\)\) is outside STLUKE-LOAN's scope: its steps come on this list once an out-of-scope request for J-\d+ is approved/);
    expect(cardText(asked!)).not.toMatch(/Loaner device inspected/);
    const ask = asked!.actions!.find((a) => a.label.startsWith('Ask approval'))!;
    expect(ask.label).toBe('Ask approval: 1 day of LOANER');
    expect(decodeAction(ask.id, kit.app.ctx.services.actionSecret)).toEqual({ t: 'oos', job: job.id, code: 'LOANER', minutes: 60 });
    await expectError(tickStep(await kit.as('tom'), { job: ref, code: 'LOANER', step: 1 }), 'precondition_failed', /LOANER is outside STLUKE-LOAN's scope/);

    const max = (await kit.as('max')).actor.person!;
    const tom = (await kit.as('tom')).actor.person!;
    await kit.db.db.insert(approvals).values({ kind: 'outOfScope', contractId: 'STLUKE-LOAN', jobId: job.id, request: { code: 'LOANER', quantity: 1 }, amount: 5500, currency: 'CAD', reason: 'pump out for repair', requesterId: tom.id, deciderRoles: ['manager'], status: 'approved', deciderId: max.id, decidedAt: kit.clock.now() });
    const after = await showChecklist(dana, { job: ref });
    expect(after.lists.map((l) => l.code)).toEqual(['BIOMED-SVC', 'LOANER']);
    // Approved work is contracted work now: its required steps block resolving too.
    const err = await expectError(changeStatus(dana, { job: ref, to: 'resolved' }), 'precondition_failed', /5 required checklist steps/);
    expect(err.details).toContain('LOANER step 1: Loaner device inspected and logged (safety)');
  });

  it('a contract without required steps does not block; a job whose codes have no checklist says so', async () => {
    const dana = await kit.as('dana');
    const { ref } = await createJob(dana, { contract: 'ACME-HVAC', site: 'PAR-HQ', priority: 'P3', summary: 'Noisy fan' });
    expect(cardText(await kit.app.dispatch(dana, `/check ${ref}`))).toMatch(/has no checklist: ACME-HVAC has checklists for HVAC-PM, none of them among this job's task codes \(HVAC-LAB\)/);
    await changeStatus(dana, { job: ref, to: 'resolved' });
    expect(cardText(await kit.app.dispatch(dana, `/check ${ref} NOPE`))).toMatch(/ACME-HVAC has no task code NOPE/);
  });
});

describe('Petra: safety steps in order, offline, through the API', () => {
  it('shows safety steps first; the sign-off waits for the safety steps before it, not for the optional work step', async () => {
    const dana = await kit.as('dana');
    const { ref } = await createJob(dana, { contract: 'PETRA-OG', site: 'PIPE-KP112', priority: 'P2', summary: 'Valve passing' });
    const v = await showChecklist(dana, { job: ref });
    expect(v.lists[0]!.steps.map((s) => s.number)).toEqual([1, 2, 3, 5, 4]);
    expect(v.lists[0]!.steps.find((s) => s.number === 5)!.waitsFor).toEqual([1, 2, 3]);
    expect(v.lists[0]!.steps.find((s) => s.number === 4)!.waitsFor).toEqual([1, 2, 3]);
  });

  it('confirms steps with offline times, a reading and a photo upload; refuses the future, a missing reading, wrong files', async () => {
    const dana = await kit.as('dana');
    const { ref } = await createJob(dana, { contract: 'PETRA-OG', site: 'PIPE-KP112', priority: 'P2', summary: 'Valve passing' });
    kit.clock.set('2026-11-24T18:00:00Z');
    const http = api(kit, token);
    const base = `/api/v1/jobs/${ref}/checklist/valve-svc`;
    const first = await http.post(`${base}/1`, { at: '2026-11-24T16:05:00Z' });
    expect(first.status).toBe(200);
    const body = (await first.json()) as { lists: { steps: { number: number; done: boolean; at: string | null }[] }[] };
    expect(body.lists[0]!.steps[0]).toMatchObject({ number: 1, done: true, at: '2026-11-24T16:05:00.000Z' });
    const future = await http.post(`${base}/2`, { reading: '0 %LEL', at: '2026-11-24T19:00:00Z' });
    expect(future.status).toBe(400);
    expect(((await future.json()) as { detail: string }).detail).toMatch(/in the future/);
    const noReading = await http.post(`${base}/2`, {});
    expect(((await noReading.json()) as { detail: string }).detail).toMatch(/needs a reading: a value with its unit/);
    expect((await http.post(`${base}/2`, { reading: '0 %LEL', at: '2026-11-24T16:10:00Z' })).status).toBe(200);
    const skip = await http.post(`${base}/5`, { signature: { name: 'Luis Ortega', role: 'site supervisor' } });
    expect(skip.status).toBe(412);
    expect(((await skip.json()) as { detail: string }).detail).toMatch(/Confirm step 3 of VALVE-SVC first/);

    const photo = await picture('jpeg', 800, 600);
    const wrong = await http.upload(`/api/v1/jobs/${ref}/attachments`, [{ name: 'loto.jpg', type: 'image/jpeg', data: Buffer.from('%!PS-Adobe-3.0 not a picture') }], { code: 'VALVE-SVC', step: '3' });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { detail: string }).detail).toMatch(/loto\.jpg \(sent as image\/jpeg\) is not an image or a PDF/);
    const big = await http.upload(`/api/v1/jobs/${ref}/attachments`, [{ name: 'huge.jpg', type: 'image/jpeg', data: Buffer.concat([photo, Buffer.alloc(1024 * 1024)]) }], { code: 'VALVE-SVC', step: '3' });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { detail: string }).detail).toMatch(/huge\.jpg is 1\.\d+ MB; the limit is 1 MB per file/);
    const pdf = await http.upload(`/api/v1/jobs/${ref}/attachments`, [{ name: 'permit.pdf', type: 'application/pdf', data: Buffer.from('%PDF-1.4\n%EOF\n') }], { code: 'VALVE-SVC', step: '3' });
    expect(((await pdf.json()) as { detail: string }).detail).toMatch(/permit\.pdf is a PDF; VALVE-SVC step 3 \(Lockout \/ tagout applied\) needs a photo/);
    const ok = await http.upload(`/api/v1/jobs/${ref}/attachments`, [{ name: 'loto.jpg', type: 'image/jpeg', data: photo }], { code: 'VALVE-SVC', step: '3' });
    expect(ok.status).toBe(201);
    const [att] = ((await ok.json()) as { attachments: { id: number; sha256: string; url: string; kind: string }[] }).attachments;
    expect(att!.kind).toBe('photo');
    const list = (await (await http.get(`/api/v1/jobs/${ref}/checklist`)).json()) as { lists: { steps: { number: number; proofData: unknown }[] }[]; missing: string[] };
    expect(list.lists[0]!.steps.find((s) => s.number === 3)!.proofData).toEqual({ kind: 'photo', attachmentId: att!.id });
    expect(list.missing).toEqual(['VALVE-SVC step 5: Remove LOTO and hand back permit']);

    // The file outlives the process: a new app on the same database and folder serves the same bytes.
    const restarted = createApp(kit.config, kit.db, kit.clock, silentLogger, ['shell']);
    const res = await restarted.api.request(att!.url, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await res.arrayBuffer()).equals(photo)).toBe(true);
    // A plain document upload, not tied to a step.
    const doc = await http.upload(`/api/v1/jobs/${ref}/attachments`, [{ name: 'permit.pdf', type: 'application/pdf', data: Buffer.from('%PDF-1.4\n%EOF\n') }]);
    expect(((await doc.json()) as { attachments: { kind: string }[] }).attachments[0]!.kind).toBe('document');
  });
});

describe('cards', () => {
  it('checklist, report and message cards render within Slack and Teams limits, hostile text included', async () => {
    const hostile = '<b>x</b> & <@U0123ABC> <!channel> *star* `tick` Patient: John Smith MRN 1234567';
    const dana = await kit.as('dana');
    const tom = await kit.as('tom');
    const { ref } = await createJob(dana, { contract: 'STLUKE-BIOMED', site: 'SLR-ICU', priority: 'P1', summary: hostile });
    await tickStep(tom, { job: ref, step: 1 });
    await tickStep(tom, { job: ref, step: 2 });
    await tickStep(tom, { job: ref, step: 3, reading: '0.3 mA' });
    await tickStep(tom, { job: ref, step: 4, signature: `${hostile}, nurse` });
    const cards: Card[] = [
      checklistCard(await showChecklist(tom, { job: ref }), 'secret'),
      reportCard(await closingReport(tom, { job: ref }).then((r) => redactReport(r.contract, r.report))),
      messageCard(await loadMessageView(kit.db.db, 1, kit.clock.now()), 'secret'),
    ];
    for (const c of cards) {
      const m = renderSlack(c);
      expect(blockKitProblems(m.blocks)).toEqual([]);
      // Slack turns <@U…> into a mention only in mrkdwn; there it must arrive escaped.
      expect(JSON.stringify(mrkdwnOf(m.blocks))).not.toContain('<@U0123ABC>');
      expect(adaptiveCardProblems(renderTeams(c))).toEqual([]);
    }
    expect(cardText(cards[1]!)).not.toMatch(/John Smith|1234567/);
  });
});
