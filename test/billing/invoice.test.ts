/** Issuing, correcting, exporting and disputing invoices; billed vs promised; usage and the prepaid warning. */
import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { credits, disputes, invoiceLines, invoices, outbox } from '../../db/schema.js';
import { billedVsPromised } from '../../src/billing/billed-vs-promised.js';
import { creditNote } from '../../src/billing/credit-note.js';
import { decimal, neutralise } from '../../src/billing/csv.js';
import { exportInvoice } from '../../src/billing/export-invoice.js';
import { issueInvoice } from '../../src/billing/issue-invoice.js';
import { logTime } from '../../src/billing/log-time.js';
import { previewInvoice } from '../../src/billing/preview-invoice.js';
import { startTimer } from '../../src/billing/start-timer.js';
import { contractUsage } from '../../src/billing/usage.js';
import { decide } from '../../src/approvals/decide.js';
import { requestRateOverride } from '../../src/approvals/request-rate-override.js';
import { renderSlack } from '../../cards/slack.js';
import { renderText } from '../../cards/text.js';
import { testKit, type TestKit } from '../support/app.js';
import { approved, expectError, goodwill, issuedBefore, job, refused, say, text } from './helpers.js';
import { noticeWords } from '../support/notices.js';

let kit: TestKit;
beforeAll(async () => {
  kit = await testKit();
});
afterAll(async () => kit?.close());
beforeEach(async () => {
  await kit.reset();
  kit.clock.set('2026-11-24T15:00:00Z');
});

const d = (iso: string) => new Date(iso);

/** An ACME October: 2 h of corrective labour on Tue 6 Oct (170.00 + travel 45.00) and a belt. */
async function acmeOctober(): Promise<string> {
  kit.clock.set('2026-10-06T15:00:00Z');
  const ref = await job(await kit.as('dana'), 'ACME-HVAC', 'PAR-HQ', 'P3', '2026-10-06T07:00:00Z');
  const tom = await kit.as('tom');
  await say(kit, tom, `/log ${ref} 09:00-11:00 HVAC-LAB`);
  await say(kit, tom, `/part ${ref} BELT-A42`);
  kit.clock.set('2026-11-02T09:00:00Z');
  return ref;
}

describe('issuing', () => {
  it('finance issues a month that is over, once: lines frozen, numbered, credits carried', async () => {
    const ref = await acmeOctober();
    const credit = await goodwill(kit, 'ACME-HVAC', 2000, '2026-10-20T10:00:00Z', 'Late arrival on J-1001');
    await refused(kit, await kit.as('dana'), '/invoice issue ACME-HVAC 2026-10', /Only finance can issue invoices/);
    const fiona = await kit.as('fiona');
    await refused(kit, fiona, '/invoice issue ACME-HVAC 2026-11', /2026-11 is not over yet/);
    const card = await say(kit, fiona, '/invoice issue acme-hvac 2026-10');
    expect(card.title).toBe('Issued F000001 (ACME-HVAC-2026-10)');
    // fee 1,800.00 + 2 h × 85.00 + travel 45.00 + belt 22.00 - goodwill 20.00 = 2,017.00
    expect(text(card)).toMatch(/Total before tax: EUR 2,017.00/);
    const [inv] = await kit.db.db.select().from(invoices);
    expect(inv).toMatchObject({ number: 'ACME-HVAC-2026-10', kind: 'invoice', total: 201700, periodFrom: '2026-10-01', periodTo: '2026-10-31' });
    const lines = await kit.db.db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, inv!.id)).orderBy(invoiceLines.lineNo);
    expect(lines.map((l) => [l.lineNo, l.amount, l.jobId !== null])).toEqual([
      [1, 180000, false],
      [2, 17000, true],
      [3, 4500, true],
      [4, 2200, true],
      [5, -2000, false],
    ]);
    const [c] = await kit.db.db.select().from(credits).where(eq(credits.id, credit));
    expect(c!.invoiceId).toBe(inv!.id);
    await refused(kit, fiona, '/invoice issue ACME-HVAC 2026-10', /already invoiced: ACME-HVAC-2026-10, issued 2026-11-02 by Fiona Finance/);
    // Two at once: one invoice, the other told so.
    const both = await Promise.allSettled([issueInvoice(fiona, { contract: 'BRIGHTDESK-IT', period: '2026-10' }), issueInvoice(fiona, { contract: 'BRIGHTDESK-IT', period: '2026-10' })]);
    expect(both.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((await kit.db.db.select().from(invoices)).filter((i) => i.contractId === 'BRIGHTDESK-IT')).toHaveLength(1);
    // The preview of an issued month is the frozen invoice.
    const v = await previewInvoice(fiona, { contract: 'ACME-HVAC', period: '2026-10' });
    expect(v.status).toBe('issued');
    expect(v.lines[1]!.jobId).toBe(ref);
  });

  it('a timer started in the month and still running blocks the issue', async () => {
    const ref = await acmeOctober();
    kit.clock.set('2026-10-31T20:00:00Z');
    await startTimer(await kit.as('tom'), { job: ref });
    kit.clock.set('2026-11-02T09:00:00Z');
    await expectError(issueInvoice(await kit.as('fiona'), { contract: 'ACME-HVAC', period: '2026-10' }), 'precondition_failed', /still running/);
    expect(await kit.db.db.select().from(invoices)).toHaveLength(0);
  });

  it('a credit recorded after its month was invoiced reaches the next invoice', async () => {
    await acmeOctober();
    const fiona = await kit.as('fiona');
    await issueInvoice(fiona, { contract: 'ACME-HVAC', period: '2026-10' });
    await goodwill(kit, 'ACME-HVAC', 1500, '2026-10-28T10:00:00Z', 'Agreed after the October invoice');
    kit.clock.set('2026-12-01T09:00:00Z');
    const nov = await previewInvoice(fiona, { contract: 'ACME-HVAC', period: '2026-11' });
    const credit = nov.lines.find((l) => l.kind === 'credit')!;
    expect([credit.date, credit.amount, credit.description]).toEqual(['2026-11-01', -1500, 'Agreed after the October invoice']);
  });

  it('work the library lacks is billed at its approved quote, in the month it was approved', async () => {
    const ref = await acmeOctober();
    const a = await approved(kit, { kind: 'outOfScope', contract: 'ACME-HVAC', jobRef: ref, request: { description: 'Replace damaged roof grille' }, amount: 24000, at: '2026-10-07T09:00:00Z' });
    const v = await previewInvoice(await kit.as('fiona'), { contract: 'ACME-HVAC', period: '2026-10' });
    const extra = v.lines.find((l) => l.kind === 'extra')!;
    expect(extra).toMatchObject({ description: 'Replace damaged roof grille', amount: 24000, jobId: ref, sources: [`A${a}`] });
    expect(extra.rule).toBe(`devis hors périmètre approuvé (A${a}), ACME-HVAC v1, approvals.outOfScope`);
  });
});

describe('rate overrides', () => {
  it('an override finance approved prices the job\'s lines at that code on the preview, the chat card and the issued invoice', async () => {
    const ref = await acmeOctober();
    const other = await job(await kit.as('dana'), 'ACME-HVAC', 'PAR-HQ', 'P3', '2026-10-06T07:00:00Z');
    kit.clock.set('2026-10-06T15:00:00Z');
    await say(kit, await kit.as('tess'), `/log ${other} 12:00-13:00 HVAC-LAB`);
    kit.clock.set('2026-11-02T09:00:00Z');
    const fiona = await kit.as('fiona');
    const r = await requestRateOverride(await kit.as('max'), { job: ref, code: 'hvac-lab', price: 7000, reason: 'agreed after the dispute' });
    // Asked but not decided: nothing changes yet.
    const before = await previewInvoice(fiona, { contract: 'ACME-HVAC', period: '2026-10' });
    expect(before.lines.find((l) => l.jobId === ref && l.code === 'HVAC-LAB')).toMatchObject({ unitPrice: 8500, amount: 17000, rule: 'tarif standard, ACME-HVAC v1, rates.HVAC-LAB' });
    await decide(fiona, { approval: r.row.id, approve: true });
    const v = await previewInvoice(fiona, { contract: 'ACME-HVAC', period: '2026-10' });
    // 09:00-11:00 Paris is inside office hours: 2 h × 70.00 = 140.00; the other job keeps 85.00.
    const rule = `tarif dérogatoire A${r.row.id} approuvé, ACME-HVAC v1, rates.HVAC-LAB`;
    expect(v.lines.find((l) => l.jobId === ref && l.code === 'HVAC-LAB')).toMatchObject({ unitPrice: 7000, amount: 14000, rule });
    expect(v.lines.find((l) => l.jobId === other && l.code === 'HVAC-LAB')).toMatchObject({ unitPrice: 8500, amount: 8500, rule: 'tarif standard, ACME-HVAC v1, rates.HVAC-LAB' });
    // fee 1,800.00 + 140.00 + 85.00 + two travel lines 90.00 + belt 22.00 = 2,137.00
    expect(v.totals.total).toBe(213700);
    const card = await say(kit, fiona, '/invoice ACME-HVAC 2026-10');
    expect(text(card)).toContain(rule);
    expect(renderText(card)).toContain(rule);
    expect(renderText(card)).toMatch(/70\.00/);
    // Slack's table cuts long rule texts short; the override is named first, so it stays in view.
    expect(JSON.stringify(renderSlack(card))).toMatch(new RegExp(`70\\.00 +140\\.00  tarif dérogatoire A${r.row.id} approuvé`));
    await say(kit, fiona, '/invoice issue ACME-HVAC 2026-10');
    const [inv] = await kit.db.db.select().from(invoices);
    const lines = await kit.db.db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, inv!.id));
    expect(lines.map((l) => l.line).find((l) => (l as { rule: string }).rule === rule)).toMatchObject({ amount: 14000, unitPrice: 7000, jobId: ref });
  });

  it('a rejected override changes nothing', async () => {
    const ref = await acmeOctober();
    const fiona = await kit.as('fiona');
    const r = await requestRateOverride(await kit.as('max'), { job: ref, code: 'HVAC-LAB', price: 7000, reason: 'asked by the customer' });
    await decide(fiona, { approval: r.row.id, approve: false, reason: 'the contract price stands' });
    const v = await previewInvoice(fiona, { contract: 'ACME-HVAC', period: '2026-10' });
    expect(v.lines.find((l) => l.code === 'HVAC-LAB')).toMatchObject({ unitPrice: 8500, amount: 17000, rule: 'tarif standard, ACME-HVAC v1, rates.HVAC-LAB' });
  });
});

describe('credit notes', () => {
  it('correct one line, wholly or in part, never beyond its amount; the invoice is unchanged', async () => {
    await acmeOctober();
    const fiona = await kit.as('fiona');
    await issueInvoice(fiona, { contract: 'ACME-HVAC', period: '2026-10' });
    await refused(kit, await kit.as('dana'), '/invoice credit-note ACME-HVAC-2026-10 2 billed twice', /Only finance/);
    await refused(kit, fiona, '/invoice credit-note ACME-HVAC-2026-10 2', /needs a reason/);
    const cn1 = await say(kit, fiona, '/invoice credit-note ACME-HVAC-2026-10 2 --amount 42.50 half an hour was waiting for access');
    expect(cn1.title).toBe('Credit note AV000001');
    expect(text(cn1)).toMatch(/Corrects: F000001 line 2/);
    expect(text(cn1)).toMatch(/Credited: EUR -42.50/);
    await refused(kit, fiona, '/invoice credit-note ACME-HVAC-2026-10 2 --amount 200 too much', /Only EUR 127.50 of line 2 is left/);
    const r = await creditNote(fiona, { invoice: 'acme-hvac-2026-10', line: 2, reason: 'the rest, goodwill' });
    expect([r.creditNote.number, r.amount, r.leftAfter]).toEqual(['ACME-HVAC-2026-10-CN2', 12750, 0]);
    await expectError(creditNote(fiona, { invoice: 'ACME-HVAC-2026-10', line: 2, reason: 'again' }), 'precondition_failed', /already fully credited/);
    await expectError(creditNote(fiona, { invoice: 'ACME-HVAC-2026-10', line: 9, reason: 'x' }), 'not_found', /has no line 9/);
    const [inv] = await kit.db.db.select().from(invoices).where(eq(invoices.number, 'ACME-HVAC-2026-10'));
    expect(inv!.total).toBe(201700 + 2000); // no goodwill this time: 2,037.00, untouched
    const notes = await kit.db.db.select().from(invoices).where(eq(invoices.correctsId, inv!.id)).orderBy(invoices.id);
    expect(notes.map((n) => [n.number, n.kind, n.total])).toEqual([
      ['ACME-HVAC-2026-10-CN1', 'credit_note', -4250],
      ['ACME-HVAC-2026-10-CN2', 'credit_note', -12750],
    ]);
    const shown = await say(kit, fiona, '/invoice show ACME-HVAC-2026-10');
    expect(shown.title).toBe('Invoice F000001');
    expect(text(shown)).toMatch(/Reference: ACME-HVAC-2026-10\n/);
    expect(text(shown)).toMatch(/Credit notes: AV000001 \(EUR -42.50\), AV000002 \(EUR -127.50\)/);
    // A credit note shows its own legal number and the invoice it corrects, by either number.
    const note = await say(kit, fiona, '/invoice show ACME-HVAC-2026-10-CN1');
    expect(note.title).toBe('Credit note AV000001');
    expect(text(note)).toMatch(/Reference: ACME-HVAC-2026-10-CN1\nCorrects: F000001\n/);
    expect((await say(kit, fiona, '/invoice show av000002')).title).toBe('Credit note AV000002');
    // The list: newest first, legal number, reference, what each corrects or is corrected by.
    const list = await say(kit, fiona, '/invoice list ACME-HVAC');
    expect(list.title).toBe('3 issued documents');
    const table = list.blocks.find((b) => b.type === 'table');
    expect(table?.type === 'table' && table.rows.map((r) => [r[0], r[1], r[2], r[5], r[7]])).toEqual([
      ['AV000002', 'ACME-HVAC-2026-10-CN2', 'credit note', 'EUR -127.50', 'F000001'],
      ['AV000001', 'ACME-HVAC-2026-10-CN1', 'credit note', 'EUR -42.50', 'F000001'],
      ['F000001', 'ACME-HVAC-2026-10', 'invoice', 'EUR 2,037.00', 'AV000001, AV000002'],
    ]);
    expect((await say(kit, fiona, '/invoice list 2026-09')).title).toBe('No issued invoices');
    await refused(kit, fiona, '/invoice list ACME-HVAC 2026-13x', /is not a month/);
  });
});

describe('exports', () => {
  it('neutralises spreadsheet formulas in text cells and leaves numbers alone', () => {
    for (const bad of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx', '=HYPERLINK("http://evil.example","x")']) expect(neutralise(bad)).toBe(`'${bad}`);
    for (const fine of ['-36.00', '85.00', '12', 'belt replaced', 'ACME-HVAC', '']) expect(neutralise(fine)).toBe(fine);
    expect([decimal(123456), decimal(-3600), decimal(5), decimal(0)]).toEqual(['1234.56', '-36.00', '0.05', '0.00']);
  });

  it('CSV and JSON carry each line with its rule, job, site, date, quantity, unit price, amount and the total before tax', async () => {
    const ref = await acmeOctober();
    await goodwill(kit, 'ACME-HVAC', 2000, '2026-10-20T10:00:00Z', '=HYPERLINK("http://evil.example","refund")');
    const fiona = await kit.as('fiona');
    await issueInvoice(fiona, { contract: 'ACME-HVAC', period: '2026-10' });
    const x = await exportInvoice(fiona, { invoice: 'ACME-HVAC-2026-10' });
    const rows = parse(x.csv, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(5);
    expect(rows[1]).toMatchObject({
      invoice_number: 'F000001',
      reference: 'ACME-HVAC-2026-10',
      line: '2',
      date: '2026-10-06',
      job: ref,
      site: 'PAR-HQ',
      code: 'HVAC-LAB',
      quantity: '2',
      unit: 'hour',
      unit_price: '85.00',
      amount: '170.00',
      rule: 'tarif standard, ACME-HVAC v1, rates.HVAC-LAB',
      currency: 'EUR',
      total_ex_tax: '2017.00',
    });
    // The goodwill reason typed by a person starts with "=": it arrives as text, the amount as a number.
    expect(rows[4]!.description).toBe(`'=HYPERLINK("http://evil.example","refund")`);
    expect(rows[4]!.amount).toBe('-20.00');
    expect(x.fileName).toBe('F000001');
    expect(x.json).toMatchObject({ number: 'F000001', reference: 'ACME-HVAC-2026-10', totalExTax: '2017.00', totalExTaxMinor: 201700, currency: 'EUR' });
    expect(x.json.lines[1]).toMatchObject({ line: 2, job: ref, site: 'PAR-HQ', date: '2026-10-06', quantity: 2, unitPrice: '85.00', amount: '170.00', rule: 'tarif standard, ACME-HVAC v1, rates.HVAC-LAB' });
  });

  it('applies the contract redaction to exported text', async () => {
    kit.clock.set('2026-10-06T15:00:00Z');
    await job(await kit.as('dana'), 'STLUKE-BIOMED', 'SLR-IMG', 'P3', '2026-10-06T07:00:00Z');
    await goodwill(kit, 'STLUKE-BIOMED', 1000, '2026-10-06T12:00:00Z', 'Pump alarm for MRN 12345678 ignored');
    kit.clock.set('2026-11-02T09:00:00Z');
    await issueInvoice(await kit.as('fiona'), { contract: 'STLUKE-BIOMED', period: '2026-10' });
    const x = await exportInvoice(await kit.as('fiona'), { invoice: 'STLUKE-BIOMED-2026-10' });
    expect(x.csv).not.toMatch(/12345678/);
    expect(x.csv).toMatch(/\[MRN redacted\]/);
  });
});

describe('disputes', () => {
  it('records a dispute on a line once while it is open', async () => {
    await acmeOctober();
    await issueInvoice(await kit.as('fiona'), { contract: 'ACME-HVAC', period: '2026-10' });
    const dana = await kit.as('dana');
    const c = await say(kit, dana, '/dispute ACME-HVAC-2026-10 2 technician left at 10:30, not 11:00');
    expect(c.title).toBe('Dispute recorded on F000001 line 2');
    await refused(kit, dana, '/dispute ACME-HVAC-2026-10 2 again', /already disputed/);
    await refused(kit, dana, '/dispute ACME-HVAC-2026-10 7 what', /has no line 7/);
    await refused(kit, dana, '/dispute ACME-HVAC-2026-1 2 what', /No invoice ACME-HVAC-2026-1\b/);
    await refused(kit, await kit.as('tom'), '/dispute ACME-HVAC-2026-10 3 what', /Only dispatcher or manager or finance/);
    const rows = await kit.db.db.select().from(disputes);
    expect(rows.map((r) => [r.lineNo, r.reason, r.status])).toEqual([[2, 'technician left at 10:30, not 11:00', 'open']]);
  });
});

describe('billed vs promised', () => {
  it('shows fee, covered work and entitlements beside what was delivered, billed and left unbilled', async () => {
    kit.clock.set('2026-10-06T15:00:00Z');
    const dana = await kit.as('dana');
    const pm = await job(dana, 'ACME-HVAC', 'LYO-DC', 'P4', '2026-10-05T06:00:00Z', 'HVAC-PM');
    const call = await job(dana, 'ACME-HVAC', 'PAR-HQ', 'P3', '2026-10-05T06:00:00Z');
    const tom = await kit.as('tom');
    await logTime(tom, { job: pm, start: d('2026-10-05T07:00:00Z'), end: d('2026-10-05T09:30:00Z') }); // 2 h covered + 30 m overrun
    // Travel logged on a day without work on site: nothing to attach it to, so it is not billed.
    await logTime(tom, { job: call, start: d('2026-10-06T07:00:00Z'), end: d('2026-10-06T07:45:00Z'), kind: 'travel' });
    kit.clock.set('2026-11-02T09:00:00Z');
    const r = await billedVsPromised(await kit.as('fiona'), { contract: 'ACME-HVAC', period: '2026-10' });
    expect(r.promised.fee).toBe(180000);
    expect(r.promised.covered.map((c) => c.code)).toEqual(['HVAC-PM', 'HVAC-CALL']);
    expect(r.promised.caps).toEqual([
      { siteId: 'PAR-HQ', visits: 14, per: 'year', usedBefore: 0, usedAfter: 0 },
      { siteId: 'LYO-DC', visits: 14, per: 'year', usedBefore: 0, usedAfter: 1 },
    ]);
    expect(r.delivered.minutes).toEqual({ logged: 195, billed: 30, covered: 120, unbilled: 45, added: 0 });
    // overrun 30 m × 85.00 = 42.50, travel 45.00 (billed for a covered visit too), fee 1,800.00
    expect(r.billed).toMatchObject({ total: 188750, byKind: { fee: 180000, visit: 0, labour: 4250, travel: 4500 } });
    expect(r.unbilled.items).toEqual([expect.objectContaining({ what: 'time', jobId: call, minutes: 45, reason: { code: 'travel-without-labour' } })]);
    const card = await say(kit, await kit.as('lee'), '/invoice promised ACME-HVAC 2026-10');
    expect(text(card)).toMatch(/Unbilled: 45m logged but neither billed nor covered/);
    expect(text(card)).toMatch(/LYO-DC: 1 covered visit this period, 1 of 14 this year/);
  });
});

describe('usage and the prepaid warning', () => {
  it('shows hours left, visits left per site and credits owed; warns once when a bank reaches 20% left', async () => {
    // 94 of St Luke's 120 prepaid hours used by October's invoice: 26 h left (21.7%).
    await issuedBefore(kit, 'STLUKE-BIOMED', { key: '2026-10', from: '2026-10-01', to: '2026-10-31' }, { prepaidMinutesUsed: [94 * 60], siteVisitsUsed: {} });
    const ref = await job(await kit.as('dana'), 'STLUKE-BIOMED', 'SLR-IMG', 'P3', '2026-11-24T12:00:00Z');
    const tom = await kit.as('tom');
    const first = await say(kit, tom, `/log ${ref} 1h`);
    expect(text(first)).not.toMatch(/prepaid/); // 25 h left: 20.8%
    const second = await say(kit, tom, `/log ${ref} 2026-11-24 08:00-09:00`); // 24 h left: 20%
    expect(text(second)).toMatch(/⚠ STLUKE-BIOMED: prepaid bank 1 \(120h of BIOMED-SVC, 2026-01-15 to 2027-01-14\) has 24h left \(20%\)/);
    await say(kit, tom, `/log ${ref} 2026-11-24 07:00-07:30`);
    const notices = await kit.db.db.select().from(outbox).where(eq(outbox.subjectKind, 'notice'));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ key: 'prepaid:STLUKE-BIOMED:0:2026-01-15:120h:20%', subjectId: 'STLUKE-BIOMED:prepaid:0' });
    expect((await noticeWords(kit.app.ctx, notices[0]!)).title).toBe('Prepaid hours at 20% or less: STLUKE-BIOMED');
    const u = await contractUsage(await kit.as('dana'), { contract: 'stluke-biomed' });
    expect(u.banks[0]).toMatchObject({ usedMinutes: 94 * 60 + 150, leftMinutes: 26 * 60 - 150, active: true });
    const card = await say(kit, await kit.as('dana'), '/contract usage STLUKE-BIOMED');
    expect(card.tone).toBe('warning');
    expect(text(card)).toMatch(/23h30m \(20%\)/);
  });

  it('counts covered visits against site caps and this month credits against the cap', async () => {
    await issuedBefore(kit, 'ACME-HVAC', { key: '2026-10', from: '2026-10-01', to: '2026-10-31' }, { prepaidMinutesUsed: [], siteVisitsUsed: { 'PAR-HQ': 13, 'LYO-DC': 2 } });
    const pm = await job(await kit.as('dana'), 'ACME-HVAC', 'PAR-HQ', 'P4', '2026-11-05T06:00:00Z', 'HVAC-PM');
    await logTime(await kit.as('tom'), { job: pm, start: d('2026-11-05T07:00:00Z'), end: d('2026-11-05T08:00:00Z') });
    await goodwill(kit, 'ACME-HVAC', 3000, '2026-11-10T10:00:00Z', 'late');
    const u = await contractUsage(await kit.as('fiona'), { contract: 'ACME-HVAC' });
    expect(u.sites.map((s) => [s.siteId, s.used, s.left])).toEqual([
      ['PAR-HQ', 14, 0],
      ['LYO-DC', 2, 12],
    ]);
    expect(u.credits).toMatchObject({ count: 1, sla: 0, goodwill: 3000, cap: 27000, capLeft: 27000 });
    await refused(kit, await kit.as('tom'), '/contract usage ACME-HVAC', /Only dispatcher or manager or finance/);
  });
});
