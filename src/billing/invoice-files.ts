/**
 * An issued invoice's Factur-X PDF written under ATTACHMENTS_DIR/invoices, for chat surfaces that
 * show where the document is (the terminal prints the path; Slack and Teams get the API link).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Ctx } from '../context.js';
import { invoiceDocument, type InvoiceDocument } from './e-invoice.js';
import { invoicePdf } from './invoice-pdf.js';
import { stampWritten } from '../privacy/file-retention.js';

export interface SavedInvoicePdf {
  doc: InvoiceDocument;
  path: string;
  /** the API address of the same PDF when PUBLIC_URL is set */
  url?: string;
}

export async function saveInvoicePdf(ctx: Ctx, ref: string | number): Promise<SavedInvoicePdf> {
  const doc = await invoiceDocument(ctx, ref);
  const pdf = await invoicePdf(doc);
  const dir = join(ctx.services.attachmentsDir, 'invoices');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${doc.number.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf`);
  writeFileSync(path, pdf);
  stampWritten(ctx, path);
  const url = ctx.services.publicUrl ? `${ctx.services.publicUrl.replace(/\/$/, '')}/api/v1/invoices/${encodeURIComponent(doc.number)}.pdf` : undefined;
  return { doc, path, ...(url ? { url } : {}) };
}
