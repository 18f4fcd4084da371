/**
 * The job card lists the proof on the job (issue #8 §2): photos, signature images and PDFs with the
 * step they confirm, who sent them, when and how big; typed signatures with signer, role and time;
 * only the latest five files and "+N more" past them. Within Slack's and Teams' limits.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Card } from '../../cards/card.js';
import { renderSlack } from '../../cards/slack.js';
import { renderTeams } from '../../cards/teams.js';
import { blockKitProblems } from '../slack/block-kit.js';
import { testKit, type TestKit } from '../support/app.js';
import { adaptiveCardProblems } from '../teams/adaptive-cards.js';
import { cardText, picture, tempDir } from './helpers.js';

let kit: TestKit;
beforeAll(async () => {
  kit = await testKit({ now: '2026-11-24T14:00:00Z', env: { ATTACHMENTS_DIR: tempDir('jobcard') } });
});
afterAll(async () => kit?.close());
beforeEach(async () => {
  await kit.reset();
  kit.clock.set('2026-11-24T14:00:00Z'); // 09:00 in Toronto (St Luke's zone)
});

const pdf = Buffer.from('%PDF-1.4\n%EOF\n');

async function show(ref: string): Promise<Card> {
  const [c] = await kit.app.dispatch(await kit.as('dana'), `/job show ${ref}`);
  return c!;
}

describe('attachments on the job card', () => {
  it('a job with no files says nothing about attachments', async () => {
    const [c] = await kit.app.dispatch(await kit.as('dana'), '/job new STLUKE-BIOMED SLR-ICU P2 Infusion pump alarm');
    expect(cardText(c!)).not.toMatch(/Attachments/);
  });

  it('lists photos, PDFs and signatures with step, who, when and size; a typed signature with signer, role and time', async () => {
    await kit.app.dispatch(await kit.as('dana'), '/job new STLUKE-BIOMED SLR-ICU P2 Infusion pump alarm');
    const tom = await kit.as('tom');
    const photo = await picture('png');
    await kit.app.dispatch(tom, '/attach J-1001', [{ name: 'pump-front.png', contentType: 'image/png', data: photo }]);
    kit.clock.set('2026-11-24T14:10:00Z');
    await kit.app.dispatch(tom, '/attach J-1001', [{ name: 'service-sheet.pdf', contentType: 'application/pdf', data: pdf }]);
    kit.clock.set('2026-11-24T14:20:00Z');
    for (const step of ['1', '2', '3 0.2 mA']) await kit.app.dispatch(tom, `/check J-1001 ${step}`);
    await kit.app.dispatch(tom, '/sign J-1001 4 Jane Roe, charge nurse');

    const text = cardText(await show('J-1001'));
    expect(text).toMatch(/Attachments \(2\)/);
    // newest first, in the site's zone (Toronto, EST)
    const lines = text.split('\n').filter((l) => /pump-front|service-sheet|Signed by/.test(l));
    expect(lines).toEqual([
      expect.stringMatching(/service-sheet\.pdf \(pdf\), Tom Technician, .*09:10.*, 14 B$/),
      expect.stringMatching(/pump-front\.png \(photo\), Tom Technician, .*09:00.*, \d+ B$/),
      expect.stringMatching(/Signed by Jane Roe \(charge nurse\), .*09:20.*, BIOMED-SVC step 4$/),
    ]);
  });

  it('a photo or signature image names the checklist step it confirms', async () => {
    await kit.app.dispatch(await kit.as('dana'), '/job new PETRA-OG PIPE-KP112 P2 Valve passing');
    const tom = await kit.as('tom');
    for (const step of ['1', '2 12 %LEL']) await kit.app.dispatch(tom, `/check J-1001 VALVE-SVC ${step}`);
    const out = await kit.app.dispatch(tom, '/attach J-1001 VALVE-SVC 3', [{ name: 'loto.jpg', contentType: 'image/jpeg', data: await picture('jpeg') }]);
    expect(out[0]!.kind).not.toBe('error');
    expect(cardText(await show('J-1001'))).toMatch(/loto\.jpg \(photo, VALVE-SVC step 3\), Tom Technician, /);
  });

  it('keeps it short: the latest five and "+N more"', async () => {
    await kit.app.dispatch(await kit.as('dana'), '/job new STLUKE-BIOMED SLR-ICU P2 Infusion pump alarm');
    const tom = await kit.as('tom');
    for (let i = 1; i <= 8; i++) {
      kit.clock.set(`2026-11-24T14:0${i}:00Z`);
      await kit.app.dispatch(tom, '/attach J-1001', [{ name: `photo-${i}.png`, contentType: 'image/png', data: await picture('png', 40 + i) }]);
    }
    const c = await show('J-1001');
    const text = cardText(c);
    expect(text).toMatch(/Attachments \(8\)/);
    expect([...text.matchAll(/photo-(\d)\.png/g)].map((m) => m[1])).toEqual(['8', '7', '6', '5', '4']);
    expect(text).toMatch(/\+3 more; the closing report lists them all \(\/close J-1001 --preview\)/);
    // the same card within Slack's and Teams' limits, the files listed in both
    const slack = renderSlack(c);
    expect(blockKitProblems(slack.blocks)).toEqual([]);
    expect(JSON.stringify(slack.blocks)).toMatch(/photo-8\.png.*\+3 more/);
    const teams = renderTeams(c);
    expect(adaptiveCardProblems(teams)).toEqual([]);
    expect(JSON.stringify(teams)).toMatch(/photo-8\.png.*\+3 more/);
  });
});
