/**
 * Billing over HTTP: time and parts from devices that were offline (explicit instants), invoice
 * previews, issuing, exports finance tools import, credit notes, disputes, billed vs promised and
 * usage. Money is integer minor units in JSON, as everywhere in this API; the `.json` and `.csv`
 * exports add decimal strings because that is what accounting imports read.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { billedVsPromised } from '../../billing/billed-vs-promised.js';
import { heldReasonText } from '../../billing/held-text.js';
import { creditNote } from '../../billing/credit-note.js';
import { raiseDispute } from '../../billing/dispute.js';
import { exportInvoice } from '../../billing/export-invoice.js';
import { ciiXml, invoiceDocument, ublXml } from '../../billing/e-invoice.js';
import { invoicePdf } from '../../billing/invoice-pdf.js';
import { shownNumber, type NumberedLine } from '../../billing/invoice-store.js';
import { issueInvoice } from '../../billing/issue-invoice.js';
import { logPart } from '../../billing/log-part.js';
import { logTime } from '../../billing/log-time.js';
import { previewInvoice, type InvoiceView } from '../../billing/preview-invoice.js';
import { contractUsage } from '../../billing/usage.js';
import { listDisputes, listInvoices, type DisputeView, type InvoiceSummary } from '../../billing/list-invoices.js';
import { DISPUTE_STATUSES } from '../../billing/settle-dispute.js';
import { checkRange, dateQuery, dayAfter, dayStart, idCursor, nextCursor, pageQuery } from './paging.js';
import type { HeldItem } from '../../rules/rating/index.js';
import { requireScope, type Api } from '../app.js';
import { ProblemSchema, scoped } from '../schemas.js';

const problem = (d: string) => ({ description: d, content: { 'application/problem+json': { schema: ProblemSchema } } });
const errors = {
  400: problem('Invalid input'),
  401: problem('No or bad token'),
  403: problem('Missing scope or role'),
  404: problem('Not found'),
  409: problem('Already done (an invoice for that month exists, a dispute is open)'),
  412: problem('Not allowed in the current state (out of scope without approval, outside access hours, period invoiced)'),
};

const instant = z.iso.datetime({ offset: true }).describe('ISO 8601 instant with offset, e.g. 2026-11-24T22:00:00-06:00');
const period = z.string().regex(/^\d{4}-\d{2}$/, 'must be a month like 2026-11');
const who = z.union([z.string().min(1), z.number().int()]).optional().describe('whose time: handle, name, e-mail or person id (dispatchers); default the token person');

const TimeEntrySchema = z
  .object({
    id: z.number().int(),
    job: z.string(),
    person: z.object({ id: z.number().int(), name: z.string() }),
    code: z.string(),
    kind: z.enum(['labour', 'travel']),
    start: z.string(),
    end: z.string(),
    minutes: z.number().int(),
    note: z.string().nullable(),
    approvalId: z.number().int().nullable(),
    duplicate: z.boolean().describe('true when this exact entry was already recorded (a retried sync)'),
    warnings: z.array(z.string()),
  })
  .openapi('TimeEntry');

const PartUseSchema = z
  .object({ id: z.number().int(), job: z.string(), sku: z.string(), name: z.string(), qty: z.number().int(), at: z.string(), listPrice: z.number().int(), currency: z.string() })
  .openapi('PartUse');

const LineSchema = z
  .object({
    line: z.number().int(),
    kind: z.string(),
    date: z.string(),
    job: z.string().nullable(),
    site: z.string().nullable(),
    code: z.string().nullable(),
    description: z.string().describe("as the document says it, in the words of the contract's locale (\"Redevance mensuelle novembre 2026\" for fr-FR); an invoice issued before lines were worded so keeps its English"),
    quantity: z.number(),
    unit: z.string(),
    unitPrice: z.number().int(),
    amount: z.number().int(),
    covered: z.boolean(),
    nominal: z.number().int().nullable(),
    minutes: z.number().int().nullable(),
    rule: z.string().describe('what priced it, as the document says it: "after-hours ×1.5, ACME-HVAC v1, rates.HVAC-LAB" ("majoration hors heures ouvrées ×1,5, …" for a fr-FR contract); the version and the clause as the contract names them'),
    contractVersion: z.number().int(),
    sources: z.array(z.string()).describe('T12 time entry, P3 part use, A5 approval, C7 credit'),
  })
  .openapi('InvoiceLine');

const HeldSchema = z.object({ what: z.string(), job: z.string().nullable(), sources: z.array(z.string()), minutes: z.number().int(), reason: z.string() }).openapi('HeldItem');
const TotalsSchema = z.object({ billable: z.number().int(), credits: z.number().int(), total: z.number().int().describe('before tax'), nominalCovered: z.number().int() });

const InvoiceSchema = z
  .object({
    number: z.string().describe('issued: the legal number (F000042); a preview: the reference it will have'),
    reference: z.string().describe('ACME-HVAC-2026-11'),
    status: z.enum(['preview', 'issued']),
    contract: z.string(),
    customer: z.string(),
    currency: z.string(),
    period: z.object({ key: z.string(), from: z.string(), to: z.string() }),
    issuedAt: z.string().nullable(),
    issuedBy: z.string().nullable(),
    lines: z.array(LineSchema),
    totals: TotalsSchema,
    held: z.array(HeldSchema).describe('logged work the rules could not bill or cover without a person'),
    creditNotes: z.array(z.object({ number: z.string(), total: z.number().int(), issuedAt: z.string() })),
  })
  .openapi('Invoice');

function lineJson(l: NumberedLine) {
  return {
    line: l.lineNo,
    kind: l.kind,
    date: l.date,
    job: l.jobId || null,
    site: l.siteId ?? null,
    code: l.code ?? l.sku ?? null,
    description: l.description,
    quantity: l.quantity,
    unit: l.unit,
    unitPrice: l.unitPrice,
    amount: l.amount,
    covered: l.covered,
    nominal: l.nominal ?? null,
    minutes: l.minutes ?? null,
    rule: l.rule,
    contractVersion: l.version,
    sources: l.sources,
  };
}

/** A held item; its reason in English, as the API writes every sentence. */
const heldJson = (h: HeldItem) => ({ what: h.what, job: h.jobId ?? null, sources: h.sources, minutes: h.minutes, reason: heldReasonText(h.reason) });

function invoiceJson(v: InvoiceView) {
  return {
    number: v.number,
    reference: v.reference ?? v.number,
    status: v.status,
    contract: v.contractId,
    customer: v.customer,
    currency: v.currency,
    period: v.period,
    issuedAt: v.issuedAt?.toISOString() ?? null,
    issuedBy: v.issuedBy ?? null,
    lines: v.lines.map(lineJson),
    totals: v.totals,
    held: v.held.map(heldJson),
    creditNotes: v.creditNotes.map((n) => ({ number: n.number, total: n.total, issuedAt: n.issuedAt.toISOString() })),
  };
}

const InvoiceSummarySchema = z
  .object({
    number: z.string().describe('the legal number (F000042, credit notes AV000007); the reference for documents issued before numbering'),
    reference: z.string().describe('ACME-HVAC-2026-10, credit notes ACME-HVAC-2026-10-CN1'),
    kind: z.enum(['invoice', 'credit_note']),
    contract: z.string(),
    customer: z.string(),
    currency: z.string(),
    period: z.object({ key: z.string(), from: z.string(), to: z.string() }),
    total: z.number().int().describe('before tax, minor units; negative for a credit note'),
    issuedAt: z.string(),
    issuedBy: z.string().nullable(),
    corrects: z.string().nullable().describe('credit notes: the invoice they correct'),
    creditNotes: z.array(z.string()).describe('invoices: the credit notes that correct them'),
    openDisputes: z.number().int(),
    links: z.object({ json: z.string(), csv: z.string() }),
  })
  .openapi('InvoiceSummary', {
    example: {
      number: 'F000001',
      reference: 'ACME-HVAC-2026-10',
      kind: 'invoice',
      contract: 'ACME-HVAC',
      customer: 'Acme Facilities SAS',
      currency: 'EUR',
      period: { key: '2026-10', from: '2026-10-01', to: '2026-10-31' },
      total: 193000,
      issuedAt: '2026-11-02T09:00:00.000Z',
      issuedBy: 'books (API)',
      corrects: null,
      creditNotes: ['AV000001'],
      openDisputes: 1,
      links: { json: '/api/v1/invoices/F000001.json', csv: '/api/v1/invoices/F000001.csv' },
    },
  });

const invoiceSummaryJson = (i: InvoiceSummary): z.infer<typeof InvoiceSummarySchema> => ({
  number: i.number,
  reference: i.reference,
  kind: i.kind,
  contract: i.contract,
  customer: i.customer,
  currency: i.currency,
  period: i.period,
  total: i.total,
  issuedAt: i.issuedAt.toISOString(),
  issuedBy: i.issuedBy,
  corrects: i.corrects,
  creditNotes: i.creditNotes,
  openDisputes: i.openDisputes,
  links: { json: `/api/v1/invoices/${encodeURIComponent(i.number)}.json`, csv: `/api/v1/invoices/${encodeURIComponent(i.number)}.csv` },
});

const DisputeRecord = z
  .object({
    id: z.number().int(),
    invoice: z.string(),
    contract: z.string(),
    line: z.number().int(),
    description: z.string().describe("the disputed line's description"),
    amount: z.number().int().describe("the disputed line's amount, minor units"),
    currency: z.string(),
    reason: z.string(),
    status: z.enum(DISPUTE_STATUSES),
    raisedBy: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    createdAt: z.string(),
    resolvedAt: z.string().nullable().describe('when it was accepted or rejected'),
    acceptedAmount: z.number().int().nullable().describe('accepted: the amount credited, minor units'),
    creditNote: z.string().nullable().describe('accepted: the credit note issued for it'),
    resolution: z.string().nullable().describe('rejected: the reason given to the customer'),
  })
  .openapi('DisputeRecord', {
    example: { id: 1, invoice: 'ACME-HVAC-2026-10', contract: 'ACME-HVAC', line: 2, description: 'HVAC-LAB labour, J-1001', amount: 8500, currency: 'EUR', reason: 'was 45 minutes', status: 'accepted', raisedBy: { id: 9, name: 'field-sync (API)' }, createdAt: '2026-11-03T10:00:00.000Z', resolvedAt: '2026-11-05T09:00:00.000Z', acceptedAmount: 2125, creditNote: 'AV000001', resolution: null },
  });

const disputeJson = (d: DisputeView): z.infer<typeof DisputeRecord> => ({ ...d, status: d.status as z.infer<typeof DisputeRecord>['status'], createdAt: d.createdAt.toISOString(), resolvedAt: d.resolvedAt?.toISOString() ?? null });

const jsonBody = <T extends z.ZodTypeAny>(schema: T) => ({ body: { required: true, content: { 'application/json': { schema } } } });
const ContractUsageSchema = z
  .object({
    contractId: z.string(),
    currency: z.string(),
    today: z.string().describe('the local date the usage is counted to, in the contract zone'),
    zone: z.string(),
    month: z.string().describe('2026-11'),
    banks: z.array(
      z.object({
        index: z.number().int().describe('position in entitlements.prepaidHours'),
        hours: z.number(),
        codes: z.array(z.string()),
        from: z.string(),
        until: z.string(),
        active: z.boolean().describe('today falls between from and until'),
        usedMinutes: z.number(),
        leftMinutes: z.number(),
      }),
    ),
    sites: z.array(
      z.object({
        siteId: z.string(),
        name: z.string(),
        caps: z.object({ visits: z.number().int(), per: z.enum(['month', 'quarter', 'year']) }).optional().describe('covered visits per period, when the contract caps them'),
        used: z.number().int(),
        left: z.number().int().optional(),
      }),
    ),
    credits: z.object({
      count: z.number().int(),
      sla: z.number().int().describe('SLA credits this month, minor units'),
      goodwill: z.number().int().describe('goodwill credits this month, minor units'),
      cap: z.number().int().optional().describe('monthly SLA credit cap, minor units (only with a monthly cap)'),
      capLeft: z.number().int().optional(),
      invoiced: z.number().int(),
    }),
  })
  .openapi('ContractUsage', {
    example: {
      contractId: 'ACME-HVAC',
      currency: 'EUR',
      today: '2026-11-24',
      zone: 'Europe/Paris',
      month: '2026-11',
      banks: [{ index: 0, hours: 40, codes: ['HVAC-LAB'], from: '2026-01-01', until: '2026-12-31', active: true, usedMinutes: 630, leftMinutes: 1770 }],
      sites: [{ siteId: 'PAR-HQ', name: 'Paris HQ', caps: { visits: 1, per: 'month' }, used: 1, left: 0 }],
      credits: { count: 1, sla: 9000, goodwill: 0, cap: 18000, capLeft: 9000, invoiced: 0 },
    },
  });

const ok = <T extends z.ZodTypeAny>(description: string, schema: T) => ({ description, content: { 'application/json': { schema } } });

export function registerBillingRoutes(api: Api): void {
  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/jobs/{id}/time',
      security: scoped('write'),
      tags: ['billing'],
      summary: 'Record time worked on a job, with explicit start and end (offline sync); a retry of the same entry returns it',
      request: {
        params: z.object({ id: z.string() }),
        ...jsonBody(
          z
            .object({ start: instant, end: instant, code: z.string().max(40).optional(), kind: z.enum(['labour', 'travel']).default('labour'), note: z.string().max(500).optional(), technician: who })
            .openapi('TimeEntryInput'),
        ),
      },
      responses: { 200: ok('Already recorded (same person, job, code and instants)', TimeEntrySchema), 201: ok('Recorded', TimeEntrySchema), ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const b = c.req.valid('json');
      const r = await logTime(ctx, { job: c.req.valid('param').id, start: new Date(b.start), end: new Date(b.end), code: b.code, kind: b.kind, note: b.note, technician: b.technician });
      const body = {
        id: r.entry.id,
        job: r.job.ref,
        person: { id: r.person.id, name: r.person.name },
        code: r.entry.code,
        kind: r.entry.kind as 'labour' | 'travel',
        start: r.entry.startAt.toISOString(),
        end: r.entry.endAt!.toISOString(),
        minutes: r.minutes,
        note: r.entry.note,
        approvalId: r.entry.approvalId,
        duplicate: r.duplicate,
        warnings: r.warnings,
      };
      return r.duplicate ? c.json(body, 200) : c.json(body, 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/jobs/{id}/parts',
      security: scoped('write'),
      tags: ['billing'],
      summary: 'Record a part fitted on a job (a SKU of the contract price list)',
      request: {
        params: z.object({ id: z.string() }),
        ...jsonBody(z.object({ sku: z.string().min(1).max(60), qty: z.number().int().min(1).default(1), at: instant.optional(), technician: who }).openapi('PartUseInput')),
      },
      responses: { 201: ok('Recorded', PartUseSchema), ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const b = c.req.valid('json');
      const r = await logPart(ctx, { job: c.req.valid('param').id, sku: b.sku, qty: b.qty, at: b.at ? new Date(b.at) : undefined, technician: b.technician });
      return c.json({ id: r.use.id, job: r.job.ref, sku: r.part.sku, name: r.part.name, qty: r.use.qty, at: r.use.at.toISOString(), listPrice: r.part.price, currency: r.currency }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/invoices',
      security: scoped('read'),
      tags: ['billing'],
      summary: 'Issued invoices and credit notes, newest first, with cursor pagination',
      description: 'Issued documents never change; a correction is a credit note (kind credit_note, `corrects` names the invoice). The month being worked on is a preview: GET /contracts/{id}/invoice.',
      request: {
        query: z.object({
          contract: z.string().max(100).optional().describe('contract id; an unknown one is a 404 with the closest ids'),
          kind: z.enum(['invoice', 'credit_note']).optional(),
          period: period.optional().describe('the month billed'),
          disputed: z.enum(['true', 'false']).optional().describe('with (or without) an open dispute on a line'),
          credited: z.enum(['true', 'false']).optional().describe('corrected (or not) by a credit note'),
          ...dateQuery,
          ...pageQuery,
        }),
      },
      responses: { 200: ok('A page of issued invoices', z.object({ items: z.array(InvoiceSummarySchema), nextCursor: z.string().nullable() })), ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const q = c.req.valid('query');
      checkRange({ name: 'from', value: q.from }, { name: 'to', value: q.to });
      const rows = await listInvoices(ctx, {
        contract: q.contract,
        kind: q.kind,
        period: q.period,
        issuedFrom: q.from ? dayStart(q.from) : undefined,
        issuedTo: q.to ? dayAfter(q.to) : undefined,
        disputed: q.disputed === undefined ? undefined : q.disputed === 'true',
        credited: q.credited === undefined ? undefined : q.credited === 'true',
        before: idCursor(q.cursor),
        limit: q.limit,
      });
      return c.json({ items: rows.map(invoiceSummaryJson), nextCursor: nextCursor(rows, q.limit, (r) => r.id) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/contracts/{id}/invoice',
      security: scoped('read'),
      tags: ['billing'],
      summary: "A contract's invoice for a month: a preview rated now, or the issued one",
      request: { params: z.object({ id: z.string().max(100) }), query: z.object({ period: period.optional().describe('default the current month') }) },
      responses: { 200: ok('The invoice', InvoiceSchema), ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      return c.json(invoiceJson(await previewInvoice(ctx, { contract: c.req.valid('param').id, period: c.req.valid('query').period })), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/invoices',
      security: scoped('finance'),
      tags: ['billing'],
      summary: 'Issue the invoice of a month that is over (finance); a second issue for the same month is refused',
      request: jsonBody(z.object({ contract: z.string().min(1), period }).openapi('IssueInvoice')),
      responses: { 201: ok('Issued', InvoiceSchema), ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const b = c.req.valid('json');
      const r = await issueInvoice(ctx, b);
      const v = await previewInvoice(ctx, { contract: r.invoice.contractId, period: b.period });
      return c.json(invoiceJson({ ...v, held: r.held }), 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/invoices/{file}',
      security: scoped('read'),
      tags: ['billing'],
      summary: 'Export an issued invoice or credit note: ACME-HVAC-2026-11.csv or .json (read); F000042.pdf (Factur-X), .ubl.xml (UBL 2.1) or .cii.xml (CII), EN 16931 (finance)',
      request: { params: z.object({ file: z.string().describe('invoice reference, legal number (or id) with .csv, .json, .pdf, .ubl.xml or .cii.xml') }) },
      responses: {
        200: {
          description: 'CSV/JSON: one row per line: rule, job, site, date, quantity, unit price, amount, and the total before tax. PDF: the Factur-X document (PDF/A-3 with factur-x.xml). XML: the EN 16931 e-invoice.',
          content: {
            'text/csv': { schema: z.string() },
            'application/json': { schema: z.record(z.string(), z.unknown()) },
            'application/pdf': { schema: z.string().openapi({ format: 'binary' }) },
            'application/xml': { schema: z.string() },
          },
        },
        ...errors,
      },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const file = c.req.valid('param').file;
      const m = /^(.+?)(?:\.(csv|json|pdf|ubl\.xml|cii\.xml))?$/i.exec(file)!;
      const ext = (m[2] ?? 'json').toLowerCase();
      if (ext === 'pdf' || ext.endsWith('.xml')) {
        requireScope(ctx, 'finance');
        const doc = await invoiceDocument(ctx, m[1]!);
        if (ext === 'pdf') return c.body(Buffer.from(await invoicePdf(doc)), 200, { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="${doc.number}.pdf"` });
        const xml = ext === 'ubl.xml' ? await ublXml(doc) : await ciiXml(doc);
        return c.body(xml, 200, { 'content-type': 'application/xml; charset=utf-8', 'content-disposition': `attachment; filename="${doc.number}.${ext}"` });
      }
      const r = await exportInvoice(ctx, { invoice: m[1]! });
      if (ext === 'csv') {
        return c.body(r.csv, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${r.fileName}.csv"` });
      }
      return c.json(r.json as Record<string, unknown>, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/invoices/{number}/credit-notes',
      security: scoped('finance'),
      tags: ['billing'],
      summary: 'Correct one line of an issued invoice with a credit note (finance); issued lines are never edited',
      request: {
        params: z.object({ number: z.string() }),
        ...jsonBody(z.object({ line: z.number().int().min(1), reason: z.string().min(1).max(500), amount: z.number().int().positive().optional().describe('minor units; default the whole line') }).openapi('CreditNoteInput')),
      },
      responses: { 201: ok('The credit note', z.record(z.string(), z.unknown())), ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const b = c.req.valid('json');
      const r = await creditNote(ctx, { invoice: c.req.valid('param').number, line: b.line, reason: b.reason, amount: b.amount });
      return c.json((await exportInvoice(ctx, { invoice: r.creditNote.id })).json as Record<string, unknown>, 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/invoices/{number}/disputes',
      security: scoped('write'),
      tags: ['billing'],
      summary: 'Record a customer dispute on an invoice line',
      request: { params: z.object({ number: z.string() }), ...jsonBody(z.object({ line: z.number().int().min(1), reason: z.string().min(1).max(1000) }).openapi('DisputeInput')) },
      responses: { 201: ok('Recorded', z.object({ id: z.number().int(), invoice: z.string(), line: z.number().int(), reason: z.string(), status: z.string() }).openapi('Dispute')), ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const b = c.req.valid('json');
      const r = await raiseDispute(ctx, { invoice: c.req.valid('param').number, line: b.line, reason: b.reason });
      return c.json({ id: r.dispute.id, invoice: shownNumber(r.invoice), line: r.dispute.lineNo, reason: r.dispute.reason, status: r.dispute.status }, 201);
    },
  );

  const disputeQuery = {
    status: z.enum(DISPUTE_STATUSES).optional().describe('open, accepted or rejected'),
    ...dateQuery,
    ...pageQuery,
  };
  const disputePage = async (ctx: Parameters<typeof listDisputes>[0], q: { contract?: string; invoice?: string; status?: string; from?: string; to?: string; cursor?: string; limit: number }) => {
    checkRange({ name: 'from', value: q.from }, { name: 'to', value: q.to });
    const rows = await listDisputes(ctx, { contract: q.contract, invoice: q.invoice, status: q.status, from: q.from ? dayStart(q.from) : undefined, to: q.to ? dayAfter(q.to) : undefined, before: idCursor(q.cursor), limit: q.limit });
    return { items: rows.map(disputeJson), nextCursor: nextCursor(rows, q.limit, (d) => d.id) };
  };

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/disputes',
      security: scoped('read'),
      tags: ['billing'],
      summary: 'Disputes raised on invoice lines, newest first, with the disputed line',
      request: { query: z.object({ contract: z.string().max(100).optional().describe('contract id; an unknown one is a 404'), invoice: z.string().max(100).optional().describe('invoice number; an unknown one is a 404'), ...disputeQuery }) },
      responses: { 200: ok('A page of disputes', z.object({ items: z.array(DisputeRecord), nextCursor: z.string().nullable() })), ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      return c.json(await disputePage(ctx, c.req.valid('query')), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/invoices/{number}/disputes',
      security: scoped('read'),
      tags: ['billing'],
      summary: "An invoice's disputes, newest first",
      request: { params: z.object({ number: z.string().max(100).openapi({ example: 'ACME-HVAC-2026-10' }) }), query: z.object(disputeQuery) },
      responses: { 200: ok('A page of disputes', z.object({ items: z.array(DisputeRecord), nextCursor: z.string().nullable() })), ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      return c.json(await disputePage(ctx, { ...c.req.valid('query'), invoice: c.req.valid('param').number }), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/contracts/{id}/billed-vs-promised',
      security: scoped('read'),
      tags: ['billing'],
      summary: 'For a month: fee, covered work and entitlements promised, beside what was delivered, billed, and left unbilled',
      request: { params: z.object({ id: z.string() }), query: z.object({ period: period.optional() }) },
      responses: { 200: ok('Billed vs promised', z.record(z.string(), z.unknown()).openapi('BilledVsPromised')), ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const r = await billedVsPromised(ctx, { contract: c.req.valid('param').id, period: c.req.valid('query').period });
      const worded = { ...r, unbilled: { ...r.unbilled, items: r.unbilled.items.map((h) => ({ ...h, reason: heldReasonText(h.reason) })) } };
      return c.json(JSON.parse(JSON.stringify(worded)) as Record<string, unknown>, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/contracts/{id}/usage',
      security: scoped('read'),
      tags: ['billing'],
      summary: 'Prepaid hours left, covered visits left per site, credits owed this month',
      request: { params: z.object({ id: z.string() }) },
      responses: { 200: ok('Usage', ContractUsageSchema), ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      return c.json(await contractUsage(ctx, { contract: c.req.valid('param').id }), 200);
    },
  );
}
