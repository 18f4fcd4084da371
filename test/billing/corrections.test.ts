/** Correcting recorded work: who may, with a reason, audited; work on an issued invoice is adjusted on the next one. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, invoiceLines, invoices, partUses, timeEntries, workAdjustments } from '../../db/schema.js';
import { createToken } from '../../src/api/tokens.js';
import { deleteTimeEntry, editTimeEntry } from '../../src/billing/correct-time.js';
import { issueInvoice } from '../../src/billing/issue-invoice.js';
import { logPart } from '../../src/billing/log-part.js';
import { logTime } from '../../src/billing/log-time.js';
import { previewInvoice } from '../../src/billing/preview-invoice.js';
import { brief } from '../rules/rating/helpers.js';
import { testKit, type TestKit } from '../support/app.js';
import { issuedBefore, job, refused, say, text } from './helpers.js';

let kit: TestKit;
beforeAll(async () => {
  kit = await testKit();
});
afterAll(async () => kit?.close());
beforeEach(async () => {
  await kit.reset();
  kit.clock.set('2026-10-06T15:00:00Z'); // Tue 17:00 in Paris
});

const d = (iso: string) => new Date(iso);
const entries = () => kit.db.db.select().from(timeEntries).orderBy(timeEntries.id);
const trail = (action: string) => kit.db.db.select().from(auditLog).where(eq(auditLog.action, action));

/** ACME-HVAC J-1001 at PAR-HQ with tom's 09:00-11:00 (Paris) of HVAC-LAB and 2 belts; returns the entry and part ids. */
async function octoberWork(): Promise<{ ref: string; entry: number; part: number }> {
  const ref = await job(await kit.as('dana'), 'ACME-HVAC', 'PAR-HQ', 'P3', '2026-10-06T06:00:00Z');
  const tom = await kit.as('tom');
  const t = await logTime(tom, { job: ref, start: d('2026-10-06T07:00:00Z'), end: d('2026-10-06T09:00:00Z'), code: 'HVAC-LAB' });
  const p = await logPart(tom, { job: ref, sku: 'BELT-A42', qty: 2, at: d('2026-10-06T08:30:00Z') });
  return { ref, entry: t.entry.id, part: p.use.id };
}

describe('before the work is invoiced', () => {
  it('the technician edits and deletes their own entry with a reason, audited with the old and new values', async () => {
    const { ref, entry } = await octoberWork();
    const tom = await kit.as('tom');
    expect(text(await say(kit, tom, '/log today'))).toContain(`T${entry}`);

    await refused(kit, tom, `/log edit T${entry} 09:00-10:00`, /a reason is required/);
    const c = await say(kit, tom, `/log edit T${entry} 09:00-10:00 "left at ten, not eleven"`);
    expect(c.title).toBe(`T${entry} on ${ref} corrected`);
    expect(text(c)).toMatch(/Was .*\(2h\), now .*\(1h\)/);
    const [e] = await entries();
    expect(e!.endAt!.toISOString()).toBe('2026-10-06T08:00:00.000Z');
    const [edit] = await trail('time.corrected');
    expect(edit!.data).toMatchObject({ entry, reason: 'left at ten, not eleven', old: { end: '2026-10-06T09:00:00.000Z', minutes: 120 }, new: { end: '2026-10-06T08:00:00.000Z', minutes: 60 }, adjustments: [] });

    // A new duration keeps the start; a new code is checked like a logged one.
    await say(kit, tom, `/log edit T${entry} 1h30m HVAC-CALL "it was the call-out"`);
    expect((await entries())[0]).toMatchObject({ code: 'HVAC-CALL' });
    expect((await entries())[0]!.endAt!.toISOString()).toBe('2026-10-06T08:30:00.000Z');

    const del = await say(kit, tom, `/log delete T${entry} "logged on the wrong job"`);
    expect(del.title).toBe(`T${entry} on ${ref} deleted`);
    // The entry stays, marked deleted with who and why.
    expect(await entries()).toMatchObject([{ id: entry, deleteReason: 'logged on the wrong job', deletedBy: tom.actor.person!.id }]);
    const [gone] = await trail('time.deleted');
    expect(gone!.data).toMatchObject({ entry, reason: 'logged on the wrong job', old: { code: 'HVAC-CALL', start: '2026-10-06T07:00:00.000Z', minutes: 90 } });
  });

  it("another technician cannot touch tom's entry; a bad change writes nothing", async () => {
    const { entry, part } = await octoberWork();
    await refused(kit, await kit.as('tess'), `/log delete T${entry} "mine"`, /Only the technician who recorded T\d+/);
    await refused(kit, await kit.as('tom'), `/log edit T${entry} 06:00-07:00 "earlier"`, /was reported .* work cannot start before that/);
    await refused(kit, await kit.as('tom'), `/log edit T${entry} 09:00-10:00`, /a reason is required/);
    await refused(kit, await kit.as('tom'), `/log edit T999 09:00-10:00 "x"`, /no time entry T999/);
    await refused(kit, await kit.as('tom'), `/part edit P${part} 0 "none"`, /not a whole number of at least 1/);
    expect((await entries())[0]!.endAt!.toISOString()).toBe('2026-10-06T09:00:00.000Z');
    expect(await trail('time.corrected')).toHaveLength(0);
    const p = await say(kit, await kit.as('tom'), `/part edit P${part} 3 "three belts"`);
    expect(text(p)).toMatch(/Was 2 × BELT-A42, now 3 × BELT-A42/);
    expect((await kit.db.db.select().from(partUses))[0]!.qty).toBe(3);
  });
});

describe('after the work is invoiced', () => {
  it('the issued invoice never changes; a dispatcher correction becomes an adjustment line on the next invoice', async () => {
    const { ref, entry, part } = await octoberWork();
    kit.clock.set('2026-11-02T09:00:00Z');
    const fiona = await kit.as('fiona');
    const oct = await issueInvoice(fiona, { contract: 'ACME-HVAC', period: '2026-10' });
    const frozen = async () => (await kit.db.db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, oct.invoice.id))).map((l) => l.amount);
    const before = await frozen();

    // The technician's own entry is on an issued invoice now: only a dispatcher or finance corrects it.
    await refused(kit, await kit.as('tom'), `/log edit T${entry} 09:00-10:00 "left at ten"`, /is on issued invoice ACME-HVAC-2026-10; a dispatcher or finance corrects it/);
    // 2h -> 1h of HVAC-LAB at 85.00: October billed 85.00 too much.
    const c = await say(kit, await kit.as('dana'), `/log edit T${entry} 09:00-10:00 "customer signed off one hour"`);
    expect(text(c)).toContain('ACME-HVAC-2026-10 stays as issued; the next invoice refunds EUR 85.00 as an adjustment.');
    // Two belts at 22.00 were not fitted after all: 44.00 back.
    await say(kit, fiona, `/part delete P${part} "belts returned unused"`);
    expect(await frozen()).toEqual(before);

    const nov = await previewInvoice(fiona, { contract: 'ACME-HVAC', period: '2026-11' });
    expect(nov.lines.filter((l) => l.kind === 'adjustment').map(brief)).toEqual([
      `2026-11-02 adjustment ${ref} ADJUSTMENT 1each @-8500 = -8500 | correction du temps saisi T${entry} sur ACME-HVAC-2026-10, ACME-HVAC v1, corrections`,
      `2026-11-02 adjustment ${ref} ADJUSTMENT 1each @-4400 = -4400 | correction de la pièce posée P${part} sur ACME-HVAC-2026-10, ACME-HVAC v1, corrections`,
    ]);
    // ACME-HVAC's locale is fr-FR: the adjustment line is written in French.
    expect(nov.lines.find((l) => l.kind === 'adjustment')!.description).toBe(`Saisie de temps T${entry} sur ${ref} corrigée après ACME-HVAC-2026-10 (remboursement de 85,00\u00a0€)\u00a0: customer signed off one hour`);

    // The November invoice carries them once; December's does not carry them again.
    kit.clock.set('2026-12-01T09:00:00Z');
    const issued = await issueInvoice(fiona, { contract: 'ACME-HVAC', period: '2026-11' });
    expect((await kit.db.db.select().from(workAdjustments)).map((a) => a.invoiceId)).toEqual([issued.invoice.id, issued.invoice.id]);
    kit.clock.set('2027-01-02T09:00:00Z');
    const dec = await previewInvoice(fiona, { contract: 'ACME-HVAC', period: '2026-12' });
    expect(dec.lines.filter((l) => l.kind === 'adjustment')).toEqual([]);
  });
});

describe('prepaid hours on an issued invoice', () => {
  // NORTHWIND-TEL: a 60 h bank of NET-ENG at 110.00 an hour; 55 h were used by October's invoice.
  // November draws 4 h on a weekday in office hours (all covered), and is invoiced with 59 h used.
  async function novemberInvoiced(): Promise<{ entry: number; nov: number }> {
    await issuedBefore(kit, 'NORTHWIND-TEL', { key: '2026-10', from: '2026-10-01', to: '2026-10-31' }, { prepaidMinutesUsed: [55 * 60], siteVisitsUsed: {} });
    kit.clock.set('2026-11-10T16:00:00Z');
    const ref = await job(await kit.as('dana'), 'NORTHWIND-TEL', 'MAN-AGG', 'P3', '2026-11-10T09:00:00Z');
    const t = await logTime(await kit.as('tom'), { job: ref, start: d('2026-11-10T10:00:00Z'), end: d('2026-11-10T14:00:00Z'), code: 'NET-ENG' });
    kit.clock.set('2026-12-01T09:00:00Z');
    const nov = await issueInvoice(await kit.as('fiona'), { contract: 'NORTHWIND-TEL', period: '2026-11' });
    const [row] = await kit.db.db.select().from(invoices).where(eq(invoices.id, nov.invoice.id));
    expect(row!.usage).toEqual({ prepaidMinutesUsed: [59 * 60], siteVisitsUsed: {} });
    return { entry: t.entry.id, nov: nov.invoice.id };
  }

  /** December: 6 h of NET-ENG on Tuesday the 8th, 09:00-15:00 London; its labour lines. */
  async function december(): Promise<string[]> {
    kit.clock.set('2026-12-08T16:00:00Z');
    const ref = await job(await kit.as('dana'), 'NORTHWIND-TEL', 'MAN-AGG', 'P3', '2026-12-08T08:30:00Z');
    await logTime(await kit.as('tom'), { job: ref, start: d('2026-12-08T09:00:00Z'), end: d('2026-12-08T15:00:00Z'), code: 'NET-ENG' });
    const v = await previewInvoice(await kit.as('fiona'), { contract: 'NORTHWIND-TEL', period: '2026-12' });
    return v.lines.filter((l) => l.kind === 'labour' || l.kind === 'adjustment').map((l) => brief(l).replace(ref, 'J'));
  }

  const BANK = 'prepaid hours bank 1 (60h 2026-04-01..2027-03-31), NORTHWIND-TEL v1, entitlements.prepaidHours[0]';

  it('as recorded: December finds 1 h left in the bank and bills 5 h at 110.00', async () => {
    await novemberInvoiced();
    expect(await december()).toEqual([
      `2026-12-08 labour J NET-ENG 60m @11000 = covered 11000 | ${BANK}`,
      '2026-12-08 labour J NET-ENG 300m @11000 = 55000 | standard rate, NORTHWIND-TEL v1, rates.NET-ENG',
    ]);
  });

  it('a deleted entry gives its 4 h back: December draws 5 h from the bank and bills 1 h, with no money line for November', async () => {
    const { entry, nov } = await novemberInvoiced();
    const frozen = await kit.db.db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, nov));
    await deleteTimeEntry(await kit.as('dana'), { id: entry, reason: 'logged against the wrong customer' });
    // November billed nothing for those hours (covered), so nothing is refunded; the bank moves.
    const [adj] = await kit.db.db.select().from(workAdjustments);
    expect({ amount: adj!.amount, usage: adj!.usage }).toEqual({ amount: 0, usage: { prepaidMinutesUsed: [-240], siteVisitsUsed: {} } });
    expect(await kit.db.db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, nov))).toEqual(frozen);
    // 55 h used before December: 5 h covered, the sixth billed at 110.00.
    expect(await december()).toEqual([
      `2026-12-08 labour J NET-ENG 300m @11000 = covered 55000 | ${BANK}`,
      '2026-12-08 labour J NET-ENG 60m @11000 = 11000 | standard rate, NORTHWIND-TEL v1, rates.NET-ENG',
    ]);
  });

  it('an entry cut from 4 h to 1 h gives 3 h back: December draws 4 h and bills 2 h', async () => {
    const { entry } = await novemberInvoiced();
    await editTimeEntry(await kit.as('dana'), { id: entry, end: d('2026-11-10T11:00:00Z'), reason: 'three hours were travel, logged twice' });
    // 56 h used before December: 4 h covered, 2 h billed at 110.00.
    expect(await december()).toEqual([
      `2026-12-08 labour J NET-ENG 240m @11000 = covered 44000 | ${BANK}`,
      '2026-12-08 labour J NET-ENG 120m @11000 = 22000 | standard rate, NORTHWIND-TEL v1, rates.NET-ENG',
    ]);
  });
});

/** NORTHWIND-TEL with 55 h of its 60 h bank used by October, and November issued with 4 h of NET-ENG (at 59 h). */
async function northwindNovemberIssued() {
  await issuedBefore(kit, 'NORTHWIND-TEL', { key: '2026-10', from: '2026-10-01', to: '2026-10-31' }, { prepaidMinutesUsed: [55 * 60], siteVisitsUsed: {} });
  kit.clock.set('2026-11-10T16:00:00Z');
  const novJob = await job(await kit.as('dana'), 'NORTHWIND-TEL', 'MAN-AGG', 'P3', '2026-11-10T09:00:00Z');
  const t = await logTime(await kit.as('tom'), { job: novJob, start: d('2026-11-10T10:00:00Z'), end: d('2026-11-10T14:00:00Z'), code: 'NET-ENG' });
  kit.clock.set('2026-12-01T09:00:00Z');
  const fiona = await kit.as('fiona');
  await issueInvoice(fiona, { contract: 'NORTHWIND-TEL', period: '2026-11' });
  return { novJob, t, fiona };
}

describe('a correction of a period that later issued periods started from', () => {
  const adjustments = async () =>
    (await kit.db.db.select().from(workAdjustments).innerJoin(invoices, eq(invoices.id, workAdjustments.correctsInvoiceId)).orderBy(workAdjustments.id)).map((r) => ({
      corrects: r.invoices.number,
      amount: r.work_adjustments.amount,
      usage: r.work_adjustments.usage,
    }));

  it('re-rates every issued period after it: December, issued with 1 h covered, now had 5 h covered and refunds 4 h', async () => {
    // NORTHWIND-TEL, 60 h bank of NET-ENG at 110.00: 55 h used by October; November draws 4 h
    // (issued at 59 h); December logs 6 h: 1 h covered, 5 h billed (550.00), issued at 60 h.
    const { novJob, t, fiona } = await northwindNovemberIssued();
    kit.clock.set('2026-12-08T16:00:00Z');
    const decJob = await job(await kit.as('dana'), 'NORTHWIND-TEL', 'MAN-AGG', 'P3', '2026-12-08T08:30:00Z');
    await logTime(await kit.as('tom'), { job: decJob, start: d('2026-12-08T09:00:00Z'), end: d('2026-12-08T15:00:00Z'), code: 'NET-ENG' });
    kit.clock.set('2027-01-04T09:00:00Z');
    const dec = await issueInvoice(fiona, { contract: 'NORTHWIND-TEL', period: '2026-12' });
    const decLines = await kit.db.db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, dec.invoice.id));
    expect(decLines.filter((l) => (l.line as { code?: string }).code === 'NET-ENG').map((l) => l.amount)).toEqual([0, 55000]);
    const [decRow] = await kit.db.db.select().from(invoices).where(eq(invoices.id, dec.invoice.id));
    expect(decRow!.usage).toEqual({ prepaidMinutesUsed: [60 * 60], siteVisitsUsed: {} });

    // The 4 h of November were logged against the wrong customer.
    const del = await deleteTimeEntry(await kit.as('dana'), { id: t.entry.id, reason: 'logged against the wrong customer' });
    // November: covered hours, no money, 4 h back to the bank. December: 55 h used before it, so
    // 5 h covered and 1 h billed (110.00) instead of 550.00: 440.00 back. The bank ends December at
    // 60 h as before.
    expect(await adjustments()).toEqual([
      { corrects: 'NORTHWIND-TEL-2026-11', amount: 0, usage: { prepaidMinutesUsed: [-240], siteVisitsUsed: {} } },
      { corrects: 'NORTHWIND-TEL-2026-12', amount: -44000, usage: null },
    ]);
    expect(del.adjustments.map((a) => [a.invoice, a.amount])).toEqual([['NORTHWIND-TEL-2026-12', -44000]]);
    expect(await kit.db.db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, dec.invoice.id))).toEqual(decLines);

    // January carries the one money line, saying which invoice it corrects, and starts from an empty bank.
    kit.clock.set('2027-01-05T16:00:00Z');
    const janJob = await job(await kit.as('dana'), 'NORTHWIND-TEL', 'MAN-AGG', 'P3', '2027-01-05T08:30:00Z');
    await logTime(await kit.as('tom'), { job: janJob, start: d('2027-01-05T09:00:00Z'), end: d('2027-01-05T10:00:00Z'), code: 'NET-ENG' });
    const jan = await previewInvoice(fiona, { contract: 'NORTHWIND-TEL', period: '2027-01' });
    expect(jan.lines.filter((l) => l.kind === 'labour' || l.kind === 'adjustment').map((l) => brief(l).replace(novJob, 'J-NOV').replace(janJob, 'J-JAN'))).toEqual([
      `2027-01-04 adjustment J-NOV ADJUSTMENT 1each @-44000 = -44000 | correction of time entry T${t.entry.id} on NORTHWIND-TEL-2026-12, NORTHWIND-TEL v1, corrections`,
      '2027-01-05 labour J-JAN NET-ENG 60m @11000 = 11000 | standard rate, NORTHWIND-TEL v1, rates.NET-ENG',
    ]);
    expect(jan.lines.find((l) => l.kind === 'adjustment')!.description).toBe(
      `Time entry T${t.entry.id} on ${novJob} corrected after NORTHWIND-TEL-2026-11; NORTHWIND-TEL-2026-12 re-rated from the corrected prepaid hours and visits (refund GBP 440.00): logged against the wrong customer`,
    );
  });
});

describe('a correction made before the next invoice is issued', () => {
  it('is counted once: December, issued after it, froze the corrected bank, and January starts from it', async () => {
    // NORTHWIND-TEL: 55 h used by October, November issued at 59 h; its 4 h are deleted in December.
    const { t, fiona } = await northwindNovemberIssued();
    await deleteTimeEntry(await kit.as('dana'), { id: t.entry.id, reason: 'logged against the wrong customer' });
    // December draws 5 h (55 h before it) and bills 1 h; issued at 60 h used.
    kit.clock.set('2026-12-08T16:00:00Z');
    const decJob = await job(await kit.as('dana'), 'NORTHWIND-TEL', 'MAN-AGG', 'P3', '2026-12-08T08:30:00Z');
    await logTime(await kit.as('tom'), { job: decJob, start: d('2026-12-08T09:00:00Z'), end: d('2026-12-08T15:00:00Z'), code: 'NET-ENG' });
    kit.clock.set('2027-01-04T09:00:00Z');
    const dec = await issueInvoice(fiona, { contract: 'NORTHWIND-TEL', period: '2026-12' });
    const [decRow] = await kit.db.db.select().from(invoices).where(eq(invoices.id, dec.invoice.id));
    expect(decRow!.usage).toEqual({ prepaidMinutesUsed: [60 * 60], siteVisitsUsed: {} });
    // The bank is empty: January's hour is billed, not drawn from 4 h that November's correction
    // already gave to December.
    kit.clock.set('2027-01-05T16:00:00Z');
    const janJob = await job(await kit.as('dana'), 'NORTHWIND-TEL', 'MAN-AGG', 'P3', '2027-01-05T08:30:00Z');
    await logTime(await kit.as('tom'), { job: janJob, start: d('2027-01-05T09:00:00Z'), end: d('2027-01-05T10:00:00Z'), code: 'NET-ENG' });
    const jan = await previewInvoice(fiona, { contract: 'NORTHWIND-TEL', period: '2027-01' });
    expect(jan.lines.filter((l) => l.kind === 'labour').map((l) => brief(l).replace(janJob, 'J'))).toEqual([
      '2027-01-05 labour J NET-ENG 60m @11000 = 11000 | standard rate, NORTHWIND-TEL v1, rates.NET-ENG',
    ]);
  });
});

describe('a correction of a covered visit before a later issued period', () => {
  it('gives the visit back: November, issued with its PM visit beyond the cap, now had it covered', async () => {
    // ACME-HVAC, PAR-HQ: 14 covered visits a year, 13 used by September's invoice. October's PM
    // visit is the 14th (covered, its TRAVEL 45.00 billed); November's the 15th, beyond the cap:
    // its hour billed at the overrun rate HVAC-LAB 85.00, plus TRAVEL 45.00. Both issued.
    await issuedBefore(kit, 'ACME-HVAC', { key: '2026-09', from: '2026-09-01', to: '2026-09-30' }, { prepaidMinutesUsed: [], siteVisitsUsed: { 'PAR-HQ': 13, 'LYO-DC': 0 } });
    const pm = async (day: string) => {
      kit.clock.set(`${day}T16:00:00Z`);
      const ref = await job(await kit.as('dana'), 'ACME-HVAC', 'PAR-HQ', 'P4', `${day}T06:00:00Z`, 'HVAC-PM');
      const t = await logTime(await kit.as('tom'), { job: ref, start: d(`${day}T07:00:00Z`), end: d(`${day}T08:00:00Z`) });
      return { ref, entry: t.entry.id };
    };
    const visitLines = (lines: Parameters<typeof brief>[0][], ref: string) =>
      lines.filter((l) => l.code === 'HVAC-PM' || l.code === 'HVAC-LAB' || l.code === 'TRAVEL' || l.kind === 'adjustment').map((l) => brief(l).replace(ref, 'J'));
    const fiona = await kit.as('fiona');
    const oct = await pm('2026-10-05');
    kit.clock.set('2026-11-02T09:00:00Z');
    await issueInvoice(fiona, { contract: 'ACME-HVAC', period: '2026-10' });
    const nov = await pm('2026-11-05');
    kit.clock.set('2026-12-01T09:00:00Z');
    const novInvoice = await issueInvoice(fiona, { contract: 'ACME-HVAC', period: '2026-11' });
    expect(visitLines(novInvoice.lines, nov.ref)).toEqual([
      '2026-11-05 visit J HVAC-PM 1visit @0 = 0 | plafond dépassé\u00a0: PAR-HQ visite couverte n°\u00a015 sur 14 par an, ACME-HVAC v1, rates.HVAC-PM',
      '2026-11-05 labour J HVAC-LAB 60m @8500 = 8500 | plafond dépassé\u00a0: PAR-HQ visite couverte n°\u00a015 sur 14 par an, main-d’œuvre HVAC-PM au tarif HVAC-LAB, ACME-HVAC v1, rates.HVAC-LAB',
      '2026-11-05 travel J TRAVEL 1visit @4500 = 4500 | déplacement par visite (rates.TRAVEL), ACME-HVAC v1, modifiers.travel',
    ]);

    // October's visit did not happen: its entry is deleted.
    kit.clock.set('2026-12-02T09:00:00Z');
    await deleteTimeEntry(await kit.as('dana'), { id: oct.entry, reason: 'visit cancelled, logged by mistake' });
    // October: no visit, so no TRAVEL (45.00 back), 13 visits used. November: its visit is now the
    // 14th, covered: its 85.00 of overrun back; 14 used by its end instead of 15.
    const made = await kit.db.db.select().from(workAdjustments).innerJoin(invoices, eq(invoices.id, workAdjustments.correctsInvoiceId)).orderBy(workAdjustments.id);
    expect(made.map((r) => [r.invoices.number, r.work_adjustments.amount, r.work_adjustments.usage])).toEqual([
      ['ACME-HVAC-2026-10', -4500, { prepaidMinutesUsed: [], siteVisitsUsed: { 'PAR-HQ': -1 } }],
      ['ACME-HVAC-2026-11', -8500, { prepaidMinutesUsed: [], siteVisitsUsed: { 'PAR-HQ': -1 } }],
    ]);
    // December's PM visit is the 15th again: beyond the cap, as if October's had never been logged.
    const decVisit = await pm('2026-12-07');
    const dec = await previewInvoice(fiona, { contract: 'ACME-HVAC', period: '2026-12' });
    expect(visitLines(dec.lines, decVisit.ref).map((l) => l.replace(oct.ref, 'J-OCT').replace(nov.ref, 'J-NOV'))).toEqual([
      '2026-12-02 adjustment J-OCT ADJUSTMENT 1each @-4500 = -4500 | correction du temps saisi T' + oct.entry + ' sur ACME-HVAC-2026-10, ACME-HVAC v1, corrections',
      '2026-12-02 adjustment J-OCT ADJUSTMENT 1each @-8500 = -8500 | correction du temps saisi T' + oct.entry + ' sur ACME-HVAC-2026-11, ACME-HVAC v1, corrections',
      '2026-12-07 visit J HVAC-PM 1visit @0 = 0 | plafond dépassé\u00a0: PAR-HQ visite couverte n°\u00a015 sur 14 par an, ACME-HVAC v1, rates.HVAC-PM',
      '2026-12-07 labour J HVAC-LAB 60m @8500 = 8500 | plafond dépassé\u00a0: PAR-HQ visite couverte n°\u00a015 sur 14 par an, main-d’œuvre HVAC-PM au tarif HVAC-LAB, ACME-HVAC v1, rates.HVAC-LAB',
      '2026-12-07 travel J TRAVEL 1visit @4500 = 4500 | déplacement par visite (rates.TRAVEL), ACME-HVAC v1, modifiers.travel',
    ]);
  });
});

describe('the API', () => {
  it('PATCH and DELETE a time entry or a part use with a reason; without one nothing changes', async () => {
    const { ref, entry, part } = await octoberWork();
    const token = await createToken(kit.db.db, 'field-sync', ['read', 'write']);
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await kit.app.api.request(path, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    expect((await call('PATCH', `/api/v1/time-entries/${entry}`, { end: '2026-10-06T10:00:00+02:00' })).status).toBe(400);
    expect((await call('DELETE', `/api/v1/parts/${part}`)).status).toBe(400);
    const patched = await call('PATCH', `/api/v1/time-entries/${entry}`, { end: '2026-10-06T10:00:00+02:00', note: 'one hour', reason: 'left at ten' });
    expect(patched).toMatchObject({ status: 200, body: { subject: `T${entry}`, job: ref, deleted: false, reason: 'left at ten', old: { minutes: 120, note: null }, new: { minutes: 60, note: 'one hour' }, adjustments: [] } });
    const partPatched = await call('PATCH', `/api/v1/parts/${part}`, { qty: 1, reason: 'one belt' });
    expect(partPatched.body).toMatchObject({ subject: `P${part}`, old: { qty: 2 }, new: { qty: 1 } });
    const deleted = await call('DELETE', `/api/v1/parts/${part}?reason=${encodeURIComponent('not fitted')}`);
    expect(deleted).toMatchObject({ status: 200, body: { deleted: true, new: null, old: { sku: 'BELT-A42', qty: 1 } } });
    expect(await kit.db.db.select().from(partUses)).toMatchObject([{ id: part, deleteReason: 'not fitted' }]);
    expect((await call('DELETE', `/api/v1/time-entries/9999?reason=x`)).status).toBe(404);
  });
});
