/**
 * An invoice's lines in the customer's language: issued lines are frozen in the words of the
 * contract's locale (ACME-HVAC is fr-FR), its PDF reads them so, an English contract's lines are the
 * engine's English byte for byte, a fr-CA contract's read French, a line stored in English by an
 * invoice issued before keeps its words, and a credit note's line reads French.
 */
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { credits, invoiceLines } from '../../db/schema.js';
import { creditNote } from '../../src/billing/credit-note.js';
import { ciiXml, invoiceDocument, ublXml } from '../../src/billing/e-invoice.js';
import { invoicePdf } from '../../src/billing/invoice-pdf.js';
import { issueInvoice } from '../../src/billing/issue-invoice.js';
import { parsePeriod } from '../../src/billing/period.js';
import { previewInvoice } from '../../src/billing/preview-invoice.js';
import { contractTerms, ratePeriod } from '../../src/billing/rating-input.js';
import { createContract } from '../../src/contracts/create-contract.js';
import { schedulerActor, withActor } from '../../src/context.js';
import { pilotText } from '../support/pilots.js';
import { testKit, type TestKit } from '../support/app.js';
import { job, jobIdOf, say } from './helpers.js';

// The PDF's fonts and the e-invoice library load on first use: seconds on a busy machine.
const SLOW = 120_000;

let kit: TestKit;
beforeAll(async () => {
  kit = await testKit();
});
afterAll(async () => kit?.close());
beforeEach(async () => {
  await kit.reset();
});

async function pdfText(pdf: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const fonts = fileURLToPath(new URL('../../node_modules/pdfjs-dist/standard_fonts/', import.meta.url));
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), standardFontDataUrl: fonts, useSystemFonts: false, isEvalSupported: false }).promise;
  const out: string[] = [];
  for (let p = 1; p <= doc.numPages; p++) out.push(...(await (await doc.getPage(p)).getTextContent()).items.map((it) => ('str' in it ? it.str : '')));
  return out.join(' ').replace(/[\u00a0\u202f]/g, ' ');
}

/**
 * October 2026 on `contract` (ACME-HVAC's terms): 2 h of labour in office hours and 1 h after them
 * on one visit to PAR-HQ, a drive belt, and an SLA credit for the job's restore breach.
 */
async function october(contract: string): Promise<string> {
  kit.clock.set('2026-10-06T19:30:00Z');
  const ref = await job(await kit.as('dana'), contract, 'PAR-HQ', 'P1', '2026-10-06T07:00:00Z');
  const tom = await kit.as('tom');
  await say(kit, tom, `/log ${ref} 09:00-11:00 HVAC-LAB`);
  await say(kit, tom, `/log ${ref} 19:00-20:00 HVAC-LAB`);
  await say(kit, tom, `/part ${ref} BELT-A42`);
  await kit.db.db.insert(credits).values({
    contractId: contract,
    jobId: await jobIdOf(kit, ref),
    kind: 'sla',
    amount: 9000,
    period: '2026-10',
    rule: `sla.credits[0]: restore breach, P1: 5% of fee, ${contract} v1`,
    reason: `restore breach on ${ref} (P1)`,
    priority: 'P1',
    key: 'test:restore',
    at: new Date('2026-10-06T13:00:00Z'),
  });
  kit.clock.set('2026-11-02T09:00:00Z');
  return ref;
}

const said = (lines: { description: string; rule: string }[]) => lines.map((l) => `${l.description} | ${l.rule}`);
/** The engine's own English phrases (names and clauses from the contract left out). */
const ENGINE_ENGLISH = /Monthly fee|days in term|standard rate|monthly fee|after-hours|travel per|price list|SLA credit|breach on|correction of|Correction of|credit note/;

describe('invoice lines in the contract’s language', { timeout: SLOW }, () => {
  it('a fr-FR invoice is issued with French lines: fee, after-hours labour, travel, part and SLA credit, stored and printed so', async () => {
    const ref = await october('ACME-HVAC');
    const fiona = await kit.as('fiona');
    const issued = await issueInvoice(fiona, { contract: 'ACME-HVAC', period: '2026-10' });
    const stored = (await kit.db.db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, issued.invoice.id)).orderBy(invoiceLines.lineNo)).map((r) => r.line as { description: string; rule: string });
    expect(said(stored)).toEqual([
      'Redevance mensuelle octobre 2026 | redevance mensuelle, ACME-HVAC v1, fee',
      'Corrective labour | tarif standard, ACME-HVAC v1, rates.HVAC-LAB',
      'Corrective labour | majoration hors heures ouvrées ×1,5, ACME-HVAC v1, rates.HVAC-LAB',
      'Travel (flat, per visit) | déplacement par visite (rates.TRAVEL), ACME-HVAC v1, modifiers.travel',
      'Drive belt A42 | tarif des pièces, ACME-HVAC v1, parts.BELT-A42',
      `délai de rétablissement dépassé sur ${ref} (P1) | crédit SLA, ACME-HVAC v1, sla.credits[0]: restore breach, P1: 5% of fee`,
    ]);
    const doc = await invoiceDocument(fiona, 'F000001');
    // The XML names each line and notes its job and rule as the PDF does.
    for (const xml of [await ublXml(doc), await ciiXml(doc)]) {
      expect(xml).toContain('Redevance mensuelle octobre 2026');
      expect(xml).toContain(`Demande ${ref}\u00a0: majoration hors heures ouvrées ×1,5, ACME-HVAC v1, rates.HVAC-LAB`);
      expect(xml).not.toMatch(ENGINE_ENGLISH);
    }
    const text = await pdfText(await invoicePdf(doc));
    for (const s of [
      'Redevance mensuelle octobre 2026',
      'Tarifé selon : redevance mensuelle, ACME-HVAC v1, fee',
      'Tarifé selon : majoration hors heures ouvrées ×1,5, ACME-HVAC v1, rates.HVAC-LAB',
      'Tarifé selon : déplacement par visite (rates.TRAVEL)',
      'Tarifé selon : tarif des pièces, ACME-HVAC v1, parts.BELT-A42',
      `délai de rétablissement dépassé sur ${ref} (P1)`,
      'Tarifé selon : crédit SLA, ACME-HVAC v1',
    ]) {
      expect(text).toContain(s);
    }
    expect(text).not.toMatch(ENGINE_ENGLISH);
    // The month shown before it is issued reads the same.
    expect(said((await previewInvoice(fiona, { contract: 'ACME-HVAC', period: '2026-10' })).lines)).toEqual(said(stored));
  });

  it('a French credit note’s line is French, naming the line it corrects in French', async () => {
    await october('ACME-HVAC');
    const fiona = await kit.as('fiona');
    await issueInvoice(fiona, { contract: 'ACME-HVAC', period: '2026-10' });
    const cn = await creditNote(fiona, { invoice: 'F000001', line: 3, reason: 'heure non due' });
    expect(cn.line.description).toBe('Correction de F000001 ligne 3 (Corrective labour)\u00a0: heure non due');
    expect(cn.line.rule).toBe('avoir, corrige F000001 ligne 3 (majoration hors heures ouvrées ×1,5, ACME-HVAC v1, rates.HVAC-LAB)');
    const text = await pdfText(await invoicePdf(await invoiceDocument(fiona, cn.creditNote.legalNumber!)));
    expect(text).toContain('Correction de F000001 ligne 3 (Corrective labour) : heure non due');
    expect(text).not.toMatch(ENGINE_ENGLISH);
  });

  it('an English contract’s issued lines are the engine’s English, byte for byte', async () => {
    kit.clock.set('2026-10-06T19:30:00Z');
    const ref = await job(await kit.as('dana'), 'NORTHWIND-TEL', 'LDN-CORE', 'P2', '2026-10-06T07:00:00Z');
    await say(kit, await kit.as('tom'), `/log ${ref} 09:00-11:30 NET-ENG`);
    kit.clock.set('2026-11-02T09:00:00Z');
    const engine = await ratePeriod(kit.db.db, await contractTerms(kit.db.db, 'NORTHWIND-TEL'), parsePeriod('2026-10'));
    const issued = await issueInvoice(await kit.as('fiona'), { contract: 'NORTHWIND-TEL', period: '2026-10' });
    const stored = (await kit.db.db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, issued.invoice.id)).orderBy(invoiceLines.lineNo)).map((r) => r.line as { description: string; rule: string });
    expect(said(stored)).toEqual(said(engine.result.lines));
    expect(said(stored)).toContain('Monthly fee October 2026 | monthly fee, NORTHWIND-TEL v1, fee');
  });

  it('a fr-CA contract’s lines read in Canadian French, money as Quebec writes it', async () => {
    const text = pilotText('ACME-HVAC').replace('id: ACME-HVAC', 'id: ACME-QC').replace('locale: fr-FR', 'locale: fr-CA').replace('currency: EUR', 'currency: CAD');
    await createContract(withActor(kit.app.ctx, schedulerActor), { terms: { text }, reason: 'test: a Quebec copy' });
    const ref = await october('ACME-QC');
    // The credit was capped: its reason names the amount the rule gave (fr-FR would write "120,00 $CA").
    await kit.db.db.update(credits).set({ reason: `restore breach on ${ref} (P1); capped by creditCap (rule gives 12000)` }).where(eq(credits.contractId, 'ACME-QC'));
    const issued = await issueInvoice(await kit.as('fiona'), { contract: 'ACME-QC', period: '2026-10' });
    expect(said(issued.lines)).toEqual([
      'Redevance mensuelle octobre 2026 | redevance mensuelle, ACME-QC v1, fee',
      'Corrective labour | tarif standard, ACME-QC v1, rates.HVAC-LAB',
      'Corrective labour | majoration hors heures ouvrées ×1,5, ACME-QC v1, rates.HVAC-LAB',
      'Travel (flat, per visit) | déplacement par visite (rates.TRAVEL), ACME-QC v1, modifiers.travel',
      'Drive belt A42 | tarif des pièces, ACME-QC v1, parts.BELT-A42',
      `délai de rétablissement dépassé sur ${ref} (P1)\u202f; plafonné par creditCap (la règle donne 120,00\u00a0$) | crédit SLA, ACME-QC v1, sla.credits[0]: restore breach, P1: 5% of fee`,
    ]);
  });

  it('an invoice issued before, whose lines were stored in English, still shows them in English', async () => {
    await october('ACME-HVAC');
    const fiona = await kit.as('fiona');
    const issued = await issueInvoice(fiona, { contract: 'ACME-HVAC', period: '2026-10' });
    // As an invoice issued before lines were worded in the contract's language stored them.
    const rows = await kit.db.db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, issued.invoice.id));
    const fee = rows.find((r) => (r.line as { kind: string }).kind === 'fee')!;
    await kit.db.db
      .update(invoiceLines)
      .set({ line: { ...(fee.line as object), description: 'Monthly fee October 2026', rule: 'monthly fee, ACME-HVAC v1, fee' } })
      .where(eq(invoiceLines.id, fee.id));
    const view = await previewInvoice(fiona, { contract: 'ACME-HVAC', period: '2026-10' });
    expect(view.status).toBe('issued');
    expect(said(view.lines)[0]).toBe('Monthly fee October 2026 | monthly fee, ACME-HVAC v1, fee');
    const text = await pdfText(await invoicePdf(await invoiceDocument(fiona, 'F000001')));
    expect(text).toContain('Monthly fee October 2026');
    expect(text).toContain('Tarifé selon : monthly fee, ACME-HVAC v1, fee');
  });
});
