/**
 * The renewal pack of NORTHWIND-TEL (term 1 Apr 2026 to 31 Mar 2027, 90 days notice, GBP 4,200 a
 * month) on Monday 23 Nov 2026, from hand-made rows whose answers are worked out in the comments;
 * as a card, a PDF whose text a reader extracts, on demand and on schedule.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Card } from '../../cards/card.js';
import { renderSlack } from '../../cards/slack.js';
import { renderTeams } from '../../cards/teams.js';
import { renderText } from '../../cards/text.js';
import { alertActs, alerts, outbox, people, scheduledRuns, teamChannels } from '../../db/schema.js';
import { renewalOutputs } from '../../src/renewals/outputs.js';
import { renewalPdf } from '../../src/renewals/pdf.js';
import { renewalPack } from '../../src/renewals/renewal-pack.js';
import { renewalTick, runRenewals } from '../../src/renewals/schedule.js';
import { blockKitProblems } from '../slack/block-kit.js';
import { adaptiveCardProblems } from '../teams/adaptive-cards.js';
import { testKit, type TestKit } from '../support/app.js';
import { insertCredit, insertDispute, insertInvoice, insertJob, insertTime } from './fixtures.js';
import { eq } from 'drizzle-orm';
import { openPdf } from '../support/pdf.js';

const NW = 'NORTHWIND-TEL';
let kit: TestKit;

async function pdfText(pdf: Buffer): Promise<string> {
  const doc = await openPdf(pdf);
  const out: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    out.push(content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : '') : '')).join(''));
  }
  return out.join('\n');
}

beforeAll(async () => {
  kit = await testKit({ now: '2026-11-23T10:00:00Z' });
  const db = kit.db.db;
  const [lee] = await db.select().from(people).where(eq(people.email, 'lee@demo.example'));
  /** A warned alert and the one act taken on it. */
  const actedAlert = async (a: typeof alerts.$inferInsert, act: string, personId: number, at: string) => {
    const [row] = await db.insert(alerts).values(a).returning({ id: alerts.id });
    await db.insert(alertActs).values({ alertId: row!.id, act, personId, at: new Date(at) });
  };
  // SLA over the term: June, one job closed with a response breach; September, two met.
  const june = await insertJob(db, { contract: NW, site: 'MAN-AGG', priority: 'P2', reportedAt: '2026-06-10T08:00:00Z', responseDueAt: '2026-06-10T09:00:00Z', responseBreached: true, closedAt: '2026-06-10T16:00:00Z' });
  await insertJob(db, { contract: NW, site: 'MAN-AGG', priority: 'P3', reportedAt: '2026-09-01T08:00:00Z', closedAt: '2026-09-02T08:00:00Z' });
  await insertJob(db, { contract: NW, site: 'LDS-EDGE', priority: 'P3', reportedAt: '2026-09-03T08:00:00Z', closedAt: '2026-09-03T12:00:00Z' });
  // 2 h of NET-ENG on Wednesday 10 June, 10:00-12:00 London (office hours, silver site): drawn
  // from the 60 h prepaid bank at the base price, GBP 110.00 an hour: GBP 220.00 of covered work.
  await insertTime(db, june.id, 'NET-ENG', '2026-06-10T09:00:00Z', '2026-06-10T11:00:00Z');
  // Credits: one SLA credit GBP 42.00, one goodwill GBP 100.00, one cut to nothing by the cap.
  await insertCredit(db, NW, 'sla', 4200, '2026-06-10T09:00:00Z', june.id);
  await insertCredit(db, NW, 'goodwill', 10000, '2026-07-01T09:00:00Z');
  await db.insert((await import('../../db/schema.js')).credits).values({ contractId: NW, kind: 'sla', amount: 0, period: '2026-06', rule: 'cap', reason: 'cap', capped: true, key: 'capped-1', at: new Date('2026-06-20T09:00:00Z') });
  // June's invoice: 3 lines of GBP 10.00, line 2 disputed and still open.
  const inv = await insertInvoice(db, NW, '2026-07-03T10:00:00Z', { from: '2026-06-01', to: '2026-06-30' }, [null, june.id, june.id]);
  await insertDispute(db, inv, 2, '2026-07-10T10:00:00Z');
  // Saves. S1: P1 at the gold core site, restore warned at 70%, escalated by Lee an hour before
  // the due time, restored in time: avoided 10% of the fee, GBP 420.00.
  const s1 = await insertJob(db, { contract: NW, site: 'LDN-CORE', priority: 'P1', reportedAt: '2026-08-01T10:00:00Z', restoreDueAt: '2026-08-01T12:00:00Z', closedAt: '2026-08-01T11:45:00Z' });
  await actedAlert({ jobId: s1.id, window: 'restore', level: '70%', dueAt: new Date('2026-08-01T11:24:00Z') }, 'escalate', lee!.id, '2026-08-01T11:00:00Z');
  // S2: P2 at the silver site, response reassigned 30 minutes before due: avoided 1%, GBP 42.00.
  const s2 = await insertJob(db, { contract: NW, site: 'MAN-AGG', priority: 'P2', reportedAt: '2026-09-01T08:00:00Z', responseDueAt: '2026-09-01T10:00:00Z', closedAt: '2026-09-01T15:00:00Z' });
  await actedAlert({ jobId: s2.id, window: 'response', level: '70%', dueAt: new Date('2026-09-01T09:24:00Z') }, 'reassign', lee!.id, '2026-09-01T09:30:00Z');
  // Not saves: acknowledged only; acted on but breached anyway.
  const s3 = await insertJob(db, { contract: NW, site: 'LDN-CORE', priority: 'P1', reportedAt: '2026-10-01T10:00:00Z', restoreDueAt: '2026-10-01T12:00:00Z', restoreBreached: true, closedAt: '2026-10-01T14:00:00Z' });
  await actedAlert({ jobId: s3.id, window: 'restore', level: '70%', dueAt: new Date('2026-10-01T11:24:00Z') }, 'escalate', lee!.id, '2026-10-01T11:30:00Z');
  await actedAlert({ jobId: s2.id, window: 'restore', level: '70%', dueAt: new Date('2026-09-01T12:00:00Z') }, 'acknowledge', lee!.id, '2026-09-01T12:10:00Z');
});
afterAll(async () => kit?.close());

describe('renewal pack', () => {
  it('gathers the evidence of the term so far', async () => {
    const p = await renewalPack(await kit.as('max'), { contract: 'northwind-tel' });
    expect(p.span).toEqual({ from: '2026-04-01', to: '2026-11-23' });
    // 31 Mar 2027 - 90 days = 31 Dec 2026: the notice deadline is before "30 days before the end".
    expect(p.noticeDeadline).toBe('2026-12-31');
    expect(p.packDate).toBe('2026-12-31');
    expect(p.daysToEnd).toBe(128);
    // SLA: June 1 (response breached), August 1 (S1), September 3 (S2 and two met), October 1
    // (S3, restore breached): 6 closed, 5 of 6 met each window.
    expect(p.sla.closed).toBe(6);
    expect(p.sla.response).toEqual({ numerator: 5, denominator: 6, value: 5 / 6 });
    expect(p.sla.restore).toEqual({ numerator: 5, denominator: 6, value: 5 / 6 });
    expect(p.sla.months.map((m) => [m.label, m.closed])).toEqual([
      ['2026-04', 0],
      ['2026-05', 0],
      ['2026-06', 1],
      ['2026-07', 0],
      ['2026-08', 1],
      ['2026-09', 3],
      ['2026-10', 1],
      ['2026-11', 0],
    ]);
    expect(p.sla.months[2]!.response).toBe(0);
    expect(p.sla.months[0]!.response).toBeNull();
    expect(p.credits).toEqual({ sla: 4200, slaCount: 1, goodwill: 10000, goodwillCount: 1, capped: 1 });
    expect(p.disputes).toEqual({ lines: 3, disputed: 1, open: 1, amount: 1000, accepted: 0, rejected: 0, credited: 0 });
    expect(p.highlights.map((h) => [h.ref, h.window, h.action, h.actedBy, h.marginMinutes, h.avoided])).toEqual([
      [expect.any(String), 'restore', 'escalate', 'Lee Lead', 60, 42000],
      [expect.any(String), 'response', 'reassign', 'Lee Lead', 30, 4200],
    ]);
    if ('error' in p.value) throw new Error(p.value.detail);
    expect(p.value.nominalCovered).toBe(22000);
    expect(p.value.loggedMinutes).toBe(120);
    expect(p.value.feeBilled).toBeGreaterThan(7 * 420000);
    expect(p.value.ratio.value).toBeCloseTo(22000 / p.value.feeBilled, 12);
    expect(p.prepaid).toEqual([{ hours: 60, codes: ['NET-ENG'], from: '2026-04-01', until: '2027-03-31', usedMinutes: 120 }]);
    // Producing it marks the term's pack as ready for the KPI digest.
    const keys = (await kit.db.db.select().from(scheduledRuns)).map((r) => r.key);
    expect(keys).toContain('renewal-ready:NORTHWIND-TEL:2027-03-31');
  });

  it('is a card within Slack and Teams limits and a PDF whose text can be read back', async () => {
    const p = await renewalPack(await kit.as('fiona'), { contract: NW });
    const out = await renewalOutputs(kit.app.ctx, p);
    const text = renderText(out.card);
    expect(out.card.kind).toBe('renewal');
    expect(text).toContain('Renewal pack: NORTHWIND-TEL, Northwind Broadband Ltd');
    expect(text).toContain('GBP 220.00 of covered work');
    expect(text).toContain('avoided GBP 420.00');
    expect(text).toContain(`PDF saved to ${out.pdfPath}`);
    expect(out.card.blocks.some((b) => b.type === 'image' && b.path === out.chartPath)).toBe(true);
    expect(blockKitProblems(renderSlack(out.card).blocks)).toEqual([]);
    expect(adaptiveCardProblems(renderTeams(out.card, { fileUrl: (f) => `https://bot.example.com/files/${encodeURIComponent(f)}` }))).toEqual([]);
    expect(out.pdf.subarray(0, 5).toString('ascii')).toBe('%PDF-');
    const pdf = await pdfText(out.pdf);
    for (const s of ['Renewal pack: NORTHWIND-TEL', 'Northwind Broadband Ltd', 'SLA performance over the term', 'Response met', '83.3% (5 of 6)', 'Value delivered', 'GBP 220.00', 'Prepaid hours', '2h used of 60h', 'Credits used', 'GBP 42.00 (1)', 'Disputes', '1 of 3', 'Highlights: the biggest saves', 'escalated by Lee Lead', 'avoided a GBP 420.00']) {
      expect(pdf).toContain(s);
    }
  });

  it('writes ACME-HVAC\'s PDF in its customer\'s French: words, dates and money in fr-FR', async () => {
    const p = await renewalPack(await kit.as('fiona'), { contract: 'ACME-HVAC' });
    // French writes no-break spaces in "1 800,00 €" and "60 jours"; read them as spaces.
    const pdf = (await pdfText((await renewalOutputs(kit.app.ctx, p)).pdf)).replace(/\u00a0/g, ' ');
    for (const s of [
      'Dossier de renouvellement : ACME-HVAC',
      'Éléments du 1er janvier 2026 au 23 novembre 2026.',
      'Préavis : 60 jours : décision au plus tard le 1er novembre 2026',
      'Redevance mensuelle : 1 800,00 €',
      'Respect des SLA sur la période',
      'Redevances facturées sur les mêmes mois : 19 800,00 €',
      'Produit par contract-ops le lundi 23 novembre 2026 à 11:00',
    ]) {
      expect(pdf).toContain(s);
    }
    expect(pdf).not.toMatch(/\b(Renewal|Term|Notice|Monthly|Value delivered|Credits|Disputes|Generated|EUR)\b/);
  });

  it('says in the pack\'s language that the value could not be computed, with the technical cause', async () => {
    const failed = { error: 'rating-failed', detail: 'calendar FR-2026 is missing' } as const;
    const fr = await renewalPack(await kit.as('fiona'), { contract: 'ACME-HVAC' });
    // Lines wrap: read the text as one line.
    const frText = (await pdfText(await renewalPdf({ ...fr, value: failed }))).replace(/\s+/g, ' ');
    expect(frText).toContain('Le calcul des prix de la période a échoué (calendar FR-2026 is missing) : la valeur apportée et les heures prépayées ne sont pas indiquées.');
    expect(frText).not.toContain('Rating the term failed');
    const en = await renewalPack(await kit.as('fiona'), { contract: NW });
    const enText = (await pdfText(await renewalPdf({ ...en, value: failed }))).replace(/\s+/g, ' ');
    expect(enText).toContain('Rating the term failed (calendar FR-2026 is missing); value delivered and prepaid hours are not shown.');
  });

  it('/renewal answers managers and finance, and refuses others', async () => {
    const [c] = await kit.app.dispatch(await kit.as('max'), '/renewal northwind-tel');
    expect(c!.kind).toBe('renewal');
    const [d] = await kit.app.dispatch(await kit.as('dana'), '/renewal NORTHWIND-TEL');
    expect(d!.kind).toBe('error');
    expect(renderText(d!)).toContain('Only manager or finance can see renewal packs');
    const [u] = await kit.app.dispatch(await kit.as('max'), '/renewal');
    expect(renderText(u!)).toContain('Which contract?');
    const [n] = await kit.app.dispatch(await kit.as('max'), '/renewal NORTHWND');
    expect(renderText(n!)).toContain('NORTHWIND-TEL');
  });

  it('is posted once to the team digest channel from its pack date until the end', async () => {
    await kit.db.db.insert(teamChannels).values({ teamId: 'telecom-uk', purpose: 'digest', platform: 'slack', target: { channel: 'C0UK' } });
    const rows = async () => (await kit.db.db.select().from(outbox)).filter((o) => o.subjectKind === 'renewal' && o.subjectId === NW);
    // 23 Nov: Acme's pack date (1 Nov) has passed, Northwind's (31 Dec) has not.
    const first = await runRenewals(kit.app.ctx);
    expect(first!.posted).not.toContain(NW);
    expect(first!.posted).toContain('ACME-HVAC');
    kit.clock.set('2026-12-31T09:00:00Z');
    const [a, b] = await Promise.all([runRenewals(kit.app.ctx), kit.app.ctx.root.transaction((tx) => renewalTick({ ...kit.app.ctx, db: tx }))]);
    expect([...(a?.posted ?? []), ...b.posted].filter((x) => x === NW)).toHaveLength(1);
    expect((await rows()).map((r) => r.platform).sort()).toEqual(['shell', 'slack']);
    expect((await runRenewals(kit.app.ctx))!.posted).toEqual([]);
    // Delivered as the pack's card, built at delivery (Acme's team has no Slack digest channel).
    const posts: Card[] = [];
    kit.app.notifier.addDeliverer({ platform: 'slack', post: async (_t, c) => (posts.push(c), { n: posts.length }), update: async () => {}, direct: async () => ({}) });
    await kit.app.notifier.deliverDue();
    expect(posts.filter((c) => c.kind === 'renewal').map((c) => c.title).sort()).toEqual(['Renewal pack: NORTHWIND-TEL, Northwind Broadband Ltd']);
    kit.clock.set('2026-11-23T10:00:00Z');
  });
});
