/**
 * The invoice e-mail end to end against a real SMTP server (smtp-server on 127.0.0.1): /invoice
 * issue drafts it from the contract's `invoice` template to the billing address, finance presses
 * Send, the delivery task e-mails it, and the e-mail received carries the Factur-X PDF whose
 * embedded factur-x.xml has the invoice's legal number.
 */
import { fileURLToPath } from 'node:url';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageCard } from '../../cards/build/message.js';
import { plain } from '../../cards/card.js';
import { customerMessages, invoices } from '../../db/schema.js';
import { deliverMessages } from '../../src/messages/deliver-messages.js';
import { discardMessage } from '../../src/messages/discard-message.js';
import { loadMessageView } from '../../src/messages/load-message.js';
import { createMailer, type Mailer } from '../../src/messages/mailer.js';
import { sendMessage } from '../../src/messages/send-message.js';
import { tempDir } from '../proof/helpers.js';
import { startSmtp, type TestSmtp } from '../proof/smtp.js';
import { testKit, type TestKit } from '../support/app.js';
import { expectError, job, say } from './helpers.js';

// The e-invoice library compiles its JSON schema on first use; documents take seconds on a busy machine.
const SLOW = 120_000;

let kit: TestKit;
let smtp: TestSmtp;
let mailer: Mailer;

beforeAll(async () => {
  smtp = await startSmtp();
  kit = await testKit({ now: '2026-10-06T15:00:00Z', env: { ATTACHMENTS_DIR: tempDir('invoice-mail'), SMTP_URL: smtp.url, MAIL_FROM: 'Contract Ops billing <billing@contract-ops.test>' } });
  mailer = createMailer(kit.config);
});
afterAll(async () => {
  mailer?.close();
  await smtp?.close();
  await kit?.close();
});

async function embeddedFiles(pdf: Buffer): Promise<Record<string, string>> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const fonts = fileURLToPath(new URL('../../node_modules/pdfjs-dist/standard_fonts/', import.meta.url));
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), standardFontDataUrl: fonts, useSystemFonts: false, isEvalSupported: false }).promise;
  const files = ((await doc.getAttachments()) ?? {}) as Record<string, { filename: string; content: Uint8Array }>;
  return Object.fromEntries(Object.values(files).map((f) => [f.filename, Buffer.from(f.content).toString('utf8')]));
}

describe('the invoice e-mail', { timeout: SLOW }, () => {
  it('is drafted at issue to the billing address, sent by finance, and carries the Factur-X PDF', async () => {
    const ref = await job(await kit.as('dana'), 'ACME-HVAC', 'PAR-HQ', 'P3', '2026-10-06T07:00:00Z');
    await say(kit, await kit.as('tom'), `/log ${ref} 09:00-11:00 HVAC-LAB`);
    kit.clock.set('2026-11-02T09:00:00Z');
    const fiona = await kit.as('fiona');
    const issued = await say(kit, fiona, '/invoice issue ACME-HVAC 2026-10');
    const context = (issued.context ?? []).map(plain).join('\n');
    const id = Number(/E-mail to invoices@acme\.example drafted with the PDF attached \(message #(\d+)\)/.exec(context)?.[1]);
    expect(id).toBeGreaterThan(0);

    // A draft from the contract's French template, posted with Send like any customer message.
    const draft = await loadMessageView(kit.db.db, id, kit.clock.now());
    expect(draft.row).toMatchObject({ kind: 'invoice', status: 'draft', recipients: ['invoices@acme.example'], jobId: null });
    expect(draft.about).toBe('F000001');
    // 1,800.00 fee + 2 h × 85.00 + 45.00 travel = 2,015.00; 20 % VAT 403.00; 2,418.00 due.
    expect(draft.text).toBe(
      'Bonjour, veuillez trouver ci-joint la facture F000001 (bon de commande PO-ACME-2026-118) pour la période du 1er octobre 2026 au 31 octobre 2026 :\n' +
        // French money as Intl writes it: a narrow no-break space between thousands, a no-break space before €.
        '2\u202f015,00\u00a0€ HT, TVA 403,00\u00a0€, 2\u202f418,00\u00a0€ TTC, à régler au plus tard le 2 décembre 2026. Le PDF est une facture électronique Factur-X.',
    );
    const card = messageCard(draft, kit.app.ctx.services.actionSecret);
    expect(card.title).toBe('Draft to Acme Facilities SAS: invoice e-mail for F000001');
    expect(card.actions?.map((a) => a.label)).toEqual(['Send', 'Discard', 'Edit']);

    // Nothing leaves before Send; a dispatcher cannot send an invoice, finance can.
    expect(await deliverMessages(kit.app.ctx, mailer)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    await expectError(sendMessage(await kit.as('dana'), { message: id }), 'forbidden', /Only finance or manager can send customer messages/);
    await sendMessage(fiona, { message: id });
    expect(await deliverMessages(kit.app.ctx, mailer)).toEqual({ sent: 1, retrying: 0, failed: 0 });

    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.to).toEqual(['invoices@acme.example']);
    expect(mail.subject).toBe('F000001\u00a0: facture (Acme Facilities SAS)');
    expect(mail.text).toContain('la facture F000001');
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([['F000001.pdf', 'application/pdf']]);
    const xml = (await embeddedFiles(mail.attachments[0]!.data))['factur-x.xml'];
    expect(xml, 'factur-x.xml embedded').toBeDefined();
    expect(xml).toMatch(/<rsm:ExchangedDocument>\s*<ram:ID>F000001<\/ram:ID>/);
    const [row] = await kit.db.db.select().from(customerMessages).where(eq(customerMessages.id, id));
    expect(row).toMatchObject({ status: 'sent', sentBy: expect.any(Number) });
    expect((await loadMessageView(kit.db.db, id, kit.clock.now())).sentBy).toBe('Fiona Finance');
  });

  it('a credit note is e-mailed the same way, in the contract\'s language, with its Factur-X PDF naming the invoice it corrects', async () => {
    kit.clock.set('2026-11-05T10:00:00Z');
    const fiona = await kit.as('fiona');
    const issued = await say(kit, fiona, '/invoice credit-note F000001 1 Fee waived for the outage --amount 100.00');
    const context = (issued.context ?? []).map(plain).join('\n');
    const id = Number(/E-mail to invoices@acme\.example drafted with the PDF attached \(message #(\d+)\)/.exec(context)?.[1]);
    expect(id).toBeGreaterThan(0);

    const draft = await loadMessageView(kit.db.db, id, kit.clock.now());
    expect(draft.row).toMatchObject({ kind: 'credit_note', status: 'draft', recipients: ['invoices@acme.example'] });
    expect(draft.about).toBe('AV000001');
    // ACME's own `credit_note` template, in French: 100.00 credited, 20 % VAT 20.00.
    expect(draft.text).toBe(
      'Bonjour, veuillez trouver ci-joint l’avoir AV000001 rectifiant la facture F000001 du 2 novembre 2026 :\n' +
        '100,00\u00a0€ HT, TVA 20,00\u00a0€, 120,00\u00a0€ TTC en votre faveur (Fee waived for the outage). Le PDF est une facture électronique Factur-X.',
    );
    expect(messageCard(draft, kit.app.ctx.services.actionSecret).title).toBe('Draft to Acme Facilities SAS: credit note e-mail for AV000001');

    await sendMessage(fiona, { message: id });
    expect(await deliverMessages(kit.app.ctx, mailer)).toEqual({ sent: 1, retrying: 0, failed: 0 });
    const mail = smtp.received.at(-1)!;
    expect(mail.to).toEqual(['invoices@acme.example']);
    expect(mail.subject).toBe('AV000001\u00a0: avoir (Acme Facilities SAS)');
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([['AV000001.pdf', 'application/pdf']]);
    const xml = (await embeddedFiles(mail.attachments[0]!.data))['factur-x.xml'];
    expect(xml).toMatch(/<rsm:ExchangedDocument>\s*<ram:ID>AV000001<\/ram:ID>\s*<ram:TypeCode>381</);
    expect(xml).toMatch(/<ram:InvoiceReferencedDocument>\s*<ram:IssuerAssignedID>F000001<\/ram:IssuerAssignedID>/); // BT-25
  });

  it('a discarded invoice e-mail says the invoice stays issued', async () => {
    const [inv] = await kit.db.db.select().from(invoices).where(eq(invoices.legalNumber, 'F000001'));
    const [row] = await kit.db.db.insert(customerMessages).values({ invoiceId: inv!.id, kind: 'invoice', body: 'x', recipients: ['invoices@acme.example'], status: 'draft' }).returning();
    const fiona = await kit.as('fiona');
    await discardMessage(fiona, { message: row!.id });
    await expectError(sendMessage(fiona, { message: row!.id }), 'conflict', /^This invoice e-mail was discarded by Fiona Finance \(shell\); the invoice stays issued and its PDF is at \/invoice show F000001\.$/);
  });

  it('a discarded credit note e-mail says the credit note stays issued', async () => {
    const fiona = await kit.as('fiona');
    await say(kit, fiona, '/invoice credit-note F000001 1 Fee waived for the outage --amount 10.00');
    const [row] = await kit.db.db.select().from(customerMessages).where(eq(customerMessages.kind, 'credit_note')).orderBy(desc(customerMessages.id)).limit(1);
    await discardMessage(fiona, { message: row!.id });
    await expectError(sendMessage(fiona, { message: row!.id }), 'conflict', /^This credit note e-mail was discarded by Fiona Finance \(shell\); the credit note stays issued and its PDF is at \/invoice show AV00000\d\.$/);
  });
});
