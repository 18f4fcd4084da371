/** Disputes settle: accepted in full or in part with a linked credit note, or rejected with the reason drafted to the customer. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, customerMessages, disputes, invoiceLines, invoices } from '../../db/schema.js';
import { createToken } from '../../src/api/tokens.js';
import { issueInvoice } from '../../src/billing/issue-invoice.js';
import { logTime } from '../../src/billing/log-time.js';
import { amendContract } from '../../src/contracts/amend-contract.js';
import { weeklyKpis } from '../../src/kpi/weekly-kpis.js';
import { renewalPack } from '../../src/renewals/renewal-pack.js';
import { pilotText } from '../support/pilots.js';
import { testKit, type TestKit } from '../support/app.js';
import { job, refused, say, text } from './helpers.js';

let kit: TestKit;
beforeAll(async () => {
  kit = await testKit();
});
afterAll(async () => kit?.close());
beforeEach(async () => {
  await kit.reset();
  kit.clock.set('2026-10-06T15:00:00Z');
});

/** ACME-HVAC October issued: fee, 2h HVAC-LAB (170.00) and travel (45.00) on one job; returns the line numbers. */
async function issuedOctober() {
  const ref = await job(await kit.as('dana'), 'ACME-HVAC', 'PAR-HQ', 'P3', '2026-10-06T06:00:00Z');
  await logTime(await kit.as('tom'), { job: ref, start: new Date('2026-10-06T07:00:00Z'), end: new Date('2026-10-06T09:00:00Z'), code: 'HVAC-LAB' });
  kit.clock.set('2026-11-02T09:00:00Z');
  const inv = await issueInvoice(await kit.as('fiona'), { contract: 'ACME-HVAC', period: '2026-10' });
  const labour = inv.lines.find((l) => l.kind === 'labour')!.lineNo;
  const travel = inv.lines.find((l) => l.kind === 'travel')!.lineNo;
  return { ref, labour, travel };
}

describe('/dispute accept and reject', () => {
  it('accepts in part with a linked credit note, rejects with a reason drafted to the customer; settled stays settled', async () => {
    const { labour, travel } = await issuedOctober();
    const dana = await kit.as('dana');
    const fiona = await kit.as('fiona');
    await say(kit, dana, `/dispute ACME-HVAC-2026-10 ${labour} "technician left after one hour"`);
    await say(kit, dana, `/dispute ACME-HVAC-2026-10 ${travel} "no travel on a local call"`);
    const [d1, d2] = await kit.db.db.select().from(disputes).orderBy(disputes.id);

    await refused(kit, dana, `/dispute accept ${d1!.id} 85.00`, /Only finance/);
    const ok = await say(kit, fiona, `/dispute accept ${d1!.id} 85.00`);
    expect(ok.title).toBe(`Dispute #${d1!.id} on ACME-HVAC-2026-10 line ${labour} accepted`);
    const [cn] = await kit.db.db.select().from(invoices).where(eq(invoices.kind, 'credit_note'));
    expect(cn).toMatchObject({ total: -8500, number: 'ACME-HVAC-2026-10-CN1' });
    expect((await kit.db.db.select().from(disputes).where(eq(disputes.id, d1!.id)))[0]).toMatchObject({ status: 'accepted', acceptedAmount: 8500, creditNoteId: cn!.id });
    await refused(kit, fiona, `/dispute accept ${d1!.id}`, /already accepted/);

    await refused(kit, fiona, `/dispute reject ${d2!.id}`, /Say why the dispute is rejected/);
    const no = await say(kit, fiona, `/dispute reject ${d2!.id} "the contract bills travel per visit (modifiers.travel)"`);
    expect(text(no)).toMatch(/message #\d+ drafted/);
    const [msg] = await kit.db.db.select().from(customerMessages).where(eq(customerMessages.kind, 'dispute'));
    expect(msg).toMatchObject({ status: 'draft', recipients: ['claire.martin@acme.example', 'hugo.bernard@acme.example'] });
    // ACME-HVAC's customer reads French: the subject, the sentence and the amount; the reasons as typed.
    expect(msg!.subject).toMatch(/ligne \d+\u00a0: votre contestation$/);
    expect(msg!.body).toMatch(/^Au sujet de la facture \S+, ligne \d+ \(.+, 45,00\u00a0€\)\u00a0: vous l’avez contestée \(«\u202fno travel on a local call\u202f»\)\. /);
    expect(msg!.body).toContain('la ligne est maintenue\u00a0: the contract bills travel per visit (modifiers.travel)');
    const [cnLine] = await kit.db.db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, cn!.id));
    expect((cnLine!.line as { description: string }).description).toContain('contestation n° ' + d1!.id + ' acceptée en partie\u00a0: ');
    expect((await kit.db.db.select().from(auditLog).where(eq(auditLog.action, 'dispute.rejected'))).length).toBe(1);

    const listed = text(await say(kit, fiona, '/dispute list accepted'));
    expect(listed).toContain('accepted: AV');
    expect(listed).not.toContain('no travel on a local call');
    await refused(kit, fiona, '/dispute list closed', /not a dispute status/);

    const token = await createToken(kit.db.db, 'books', ['read', 'finance']);
    const res = await kit.app.api.request('/api/v1/disputes?status=rejected', { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as { items: { id: number; status: string; resolution: string | null }[] };
    expect(body.items).toEqual([expect.objectContaining({ id: d2!.id, status: 'rejected', resolution: 'the contract bills travel per visit (modifiers.travel)' })]);
    expect((await kit.app.api.request('/api/v1/disputes?status=closed', { headers: { authorization: `Bearer ${token}` } })).status).toBe(400);

    // The weekly KPIs and the renewal pack count the outcomes (both settled on Mon 2 Nov, week 45).
    const k = await weeklyKpis(await kit.as('max'), { team: 'hvac-paris', week: '2026-W45' });
    expect(k.current.disputes).toMatchObject({ raised: 2, accepted: 1, rejected: 1 });
    const pack = await renewalPack(fiona, { contract: 'ACME-HVAC' });
    expect(pack.disputes).toMatchObject({ disputed: 2, open: 0, accepted: 1, rejected: 1, credited: 8500 });
  });

  it('accepted and rejected disputes speak the same language: the contract’s documents’, its newest version’s', async () => {
    const { labour, travel } = await issuedOctober();
    // Signed now, in force from January: the customer's documents are in English from now on.
    const text = pilotText('ACME-HVAC').replace('locale: fr-FR', 'locale: en-GB');
    await amendContract(await kit.as('ada'), { id: 'ACME-HVAC', terms: { text }, effectiveFrom: '2027-01-01', reason: 'documents in English' });
    const dana = await kit.as('dana');
    const fiona = await kit.as('fiona');
    await say(kit, dana, `/dispute ACME-HVAC-2026-10 ${labour} "technician left after one hour"`);
    await say(kit, dana, `/dispute ACME-HVAC-2026-10 ${travel} "no travel on a local call"`);
    const [d1, d2] = await kit.db.db.select().from(disputes).orderBy(disputes.id);
    await say(kit, fiona, `/dispute accept ${d1!.id} 85.00`);
    await say(kit, fiona, `/dispute reject ${d2!.id} "the contract bills travel per visit"`);
    const [cn] = await kit.db.db.select().from(invoices).where(eq(invoices.kind, 'credit_note'));
    const [cnLine] = await kit.db.db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, cn!.id));
    expect((cnLine!.line as { description: string }).description).toContain(`dispute #${d1!.id} accepted in part: technician left after one hour`);
    const [msg] = await kit.db.db.select().from(customerMessages).where(eq(customerMessages.kind, 'dispute'));
    expect(msg!.subject).toMatch(/line \d+: your dispute$/);
    expect(msg!.body).toContain('the line stands: the contract bills travel per visit');
  });
});
