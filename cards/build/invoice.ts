/** Invoice cards: a preview or issued invoice with each line's rule, credit notes, disputes, billed vs promised. */
import { heldReasonText } from '../../src/billing/held-text.js';
import type { BilledVsPromised } from '../../src/billing/billed-vs-promised.js';
import type { NumberedLine } from '../../src/billing/invoice-store.js';
import type { InvoiceView } from '../../src/billing/preview-invoice.js';
import type { HeldItem } from '../../src/rules/rating/index.js';
import type { InvoiceSummary } from '../../src/billing/list-invoices.js';
import { readerDuration as duration, readerMoney as formatMoney, t } from '../../src/i18n/index.js';
import { readerDate, readerNumber, readerShortDate } from '../../src/i18n/format.js';
import { quantityWord, unitWord } from '../../src/i18n/unit-word.js';
import { card, type Block, type Card, type Field, type Rich } from '../card.js';

function qty(l: NumberedLine): string {
  if (l.minutes !== undefined) return duration(l.minutes);
  const digits = Number.isInteger(l.quantity) ? 0 : 2;
  return quantityWord(readerNumber(l.quantity, digits), l.quantity, l.unit);
}

function item(l: NumberedLine): string {
  const what = l.code ?? l.sku;
  return what && !l.description.startsWith(what) ? `${what} ${l.description}` : l.description;
}

export function lineRows(lines: NumberedLine[], currency: string): Rich[][] {
  return lines.map((l) => [String(l.lineNo), readerShortDate(l.date), l.jobId ?? '', item(l), qty(l), formatMoney(l.unitPrice), l.covered ? t('cards-invoice.covered', { amount: formatMoney(l.nominal ?? 0, currency) }) : formatMoney(l.amount), l.rule]);
}

const LINE_COLUMNS = ['line', 'date', 'job', 'item', 'qty', 'unit-price', 'amount', 'rule'] as const;
const LINE_ALIGN: ('left' | 'right')[] = ['right', 'left', 'left', 'left', 'right', 'right', 'right', 'left'];

export function heldItems(held: HeldItem[]): string[] {
  return held.map((h) => t('cards-invoice.held-line', { job: h.jobId ?? '', what: t('cards-invoice.held-what', { what: h.what }), duration: h.minutes ? ` ${duration(h.minutes)}` : '', sources: h.sources.join(', '), reason: heldReasonText(h.reason) }).trim());
}

export function invoiceCard(v: InvoiceView, opts: { moreUrl?: string } = {}): Card {
  const money = (m: number) => formatMoney(m, v.currency);
  const blocks: Block[] = [
    {
      type: 'fields',
      fields: [
        { label: t('cards-invoice.customer'), value: `${v.customer} (${v.contractId})` },
        ...(v.reference && v.reference !== v.number ? [{ label: t('billing.invoice.reference'), value: v.reference }] : []),
        ...(v.corrects ? [{ label: t('billing.invoice.corrects'), value: v.corrects }] : []),
        { label: t('cards-invoice.period'), value: t('cards-invoice.period-value', { from: readerDate(v.period.from), to: readerDate(v.period.to) }) },
        {
          label: t('cards-invoice.status'),
          value: v.status === 'issued' ? [t('cards-invoice.issued'), ...(v.issuedAt ? [{ time: v.issuedAt, style: 'date' as const }] : []), v.issuedBy ? t('cards-invoice.issued-by', { name: v.issuedBy }) : ''] : t('cards-invoice.preview-status'),
        },
        { label: t('cards-invoice.billable'), value: money(v.totals.billable) },
        { label: t('cards-invoice.credits'), value: money(v.totals.credits) },
        { label: t('cards-invoice.total'), value: [{ bold: money(v.totals.total) }] },
        { label: t('cards-invoice.covered-value'), value: money(v.totals.nominalCovered) },
      ],
    },
    v.lines.length ? { type: 'table', columns: LINE_COLUMNS.map((c) => t(`cards-invoice.col.${c}`)), align: LINE_ALIGN, rows: lineRows(v.lines, v.currency) } : { type: 'text', text: t('cards-invoice.no-lines') },
  ];
  if (v.held.length) {
    blocks.push({ type: 'text', text: [{ bold: t('cards-invoice.held') }] }, { type: 'list', items: heldItems(v.held) });
  }
  if (v.creditNotes.length) {
    blocks.push({ type: 'text', text: [{ bold: t('cards-invoice.credit-notes') }, v.creditNotes.map((n) => `${n.number} (${money(n.total)})`).join(', ')] });
  }
  const context: Rich[] = [t('cards-invoice.money-note', { currency: v.currency })];
  if (v.status === 'preview') context.push(t('cards-invoice.issue-hint', { contract: v.contractId, period: v.period.key }));
  else context.push(t('cards-invoice.correct-hint', { number: v.number }));
  return card('invoice', t('cards-invoice.title', { number: v.number, preview: v.status === 'preview' ? 'yes' : 'no' }), {
    tone: v.held.length ? 'warning' : v.status === 'issued' ? 'good' : 'info',
    zone: v.zone,
    blocks,
    context,
    ...(opts.moreUrl ? { moreUrl: opts.moreUrl } : {}),
  });
}

export function creditNoteCard(v: { number: string; corrects: string; line: NumberedLine; corrected: NumberedLine; amount: number; currency: string; leftAfter: number }): Card {
  const money = (m: number) => formatMoney(m, v.currency);
  return card('invoice', t('cards-invoice.credit-note-title', { number: v.number }), {
    tone: 'good',
    blocks: [
      {
        type: 'fields',
        fields: [
          { label: t('cards-invoice.corrects'), value: t('cards-invoice.corrects-value', { invoice: v.corrects, line: String(v.corrected.lineNo), item: item(v.corrected), amount: money(v.corrected.amount) }) },
          { label: t('cards-invoice.credited'), value: [{ bold: money(-v.amount) }] },
          { label: t('cards-invoice.left-on-line'), value: money(v.leftAfter) },
        ],
      },
      { type: 'text', text: v.line.description },
    ],
    context: [t('cards-invoice.credit-note-note')],
  });
}

export function disputeCard(v: { invoice: string; line: NumberedLine; id: number; reason: string; currency: string }): Card {
  return card('invoice', t('cards-invoice.dispute-title', { invoice: v.invoice, line: String(v.line.lineNo) }), {
    tone: 'warning',
    blocks: [
      { type: 'fields', fields: [{ label: t('cards-invoice.line'), value: `${item(v.line)} (${formatMoney(v.line.amount, v.currency)})` }, { label: t('cards-invoice.rule'), value: v.line.rule }, { label: t('cards-invoice.why'), value: v.reason }] },
    ],
    context: [t('cards-invoice.dispute-note', { id: String(v.id) })],
  });
}

/** `/dispute list`: disputes with their line and, once settled, the outcome. */
export function disputeListCard(v: { status?: string; items: { id: number; invoice: string; line: number; description: string; amount: number; currency: string; reason: string; status: string; outcome?: string }[] }): Card {
  return card('invoice', t('cards-invoice.disputes-title', { n: v.items.length, count: String(v.items.length), status: v.status ?? 'any' }), {
    blocks: [
      v.items.length
        ? {
            type: 'table',
            columns: [t('cards-invoice.col.line'), t('cards-invoice.col.invoice'), t('cards-invoice.line'), t('cards-invoice.col.amount'), t('cards-invoice.col.why'), t('cards-invoice.col.status')],
            align: ['left', 'left', 'left', 'right', 'left', 'left'],
            rows: v.items.map((d) => [String(d.id), d.invoice, `${d.line} ${d.description}`, formatMoney(d.amount, d.currency), d.reason, d.outcome ? t('cards-invoice.dispute-outcome', { status: t('cards-invoice.dispute-status', { status: d.status }), outcome: d.outcome }) : t('cards-invoice.dispute-status', { status: d.status })]),
          }
        : { type: 'text', text: t('cards-invoice.no-disputes') },
    ],
    context: [t('cards-invoice.settle-hint')],
  });
}

/** A dispute settled: accepted with its credit note, or rejected with the reason the customer is sent. */
export function disputeSettledCard(v: { id: number; invoice: string; line: number; status: 'accepted' | 'rejected'; amount?: number; creditNote?: string; reason?: string; message?: number; currency: string }): Card {
  const fields: Field[] =
    v.status === 'accepted'
      ? [{ label: t('cards-invoice.credited'), value: formatMoney(v.amount ?? 0, v.currency) }, { label: t('cards-invoice.credit-note'), value: v.creditNote ?? '' }]
      : [{ label: t('cards-invoice.reason'), value: v.reason ?? '' }, { label: t('cards-invoice.customer'), value: v.message ? t('cards-invoice.message-drafted', { id: String(v.message) }) : t('cards-invoice.no-job') }];
  return card('invoice', t('cards-invoice.settled-title', { id: String(v.id), invoice: v.invoice, line: String(v.line), status: v.status }), { tone: v.status === 'accepted' ? 'good' : 'info', blocks: [{ type: 'fields', fields }] });
}

export function billedVsPromisedCard(v: BilledVsPromised): Card {
  const money = (m: number) => formatMoney(m, v.currency);
  const m = v.delivered.minutes;
  const blocks: Block[] = [
    { type: 'text', text: [{ bold: t('cards-invoice.promised') }] },
    {
      type: 'list',
      items: [
        t('cards-invoice.fee', { amount: money(v.promised.fee) }),
        ...v.promised.covered.map((c) => t('cards-invoice.covered-rate', { code: c.code, name: c.name, unit: unitWord(c.unit), includes: c.includesMinutes !== undefined ? duration(c.includesMinutes) : 'none' })),
        ...v.promised.prepaid.map((b) => t('cards-invoice.prepaid', { n: String(b.index + 1), hours: b.hours, codes: b.codes.join(', '), from: readerDate(b.from), until: readerDate(b.until) })),
        ...v.promised.caps.map((c) => t('cards-invoice.cap', { site: c.siteId, visits: c.visits, per: unitWord(c.per) })),
        ...v.promised.warranty.map((w) => t('cards-invoice.warranty', { parts: w.parts.join(', '), until: readerDate(w.until), labour: w.labour ? 'yes' : 'no' })),
      ],
    },
    { type: 'text', text: [{ bold: t('cards-invoice.delivered') }] },
    {
      type: 'fields',
      fields: [
        { label: t('cards-invoice.time-logged'), value: duration(m.logged) },
        { label: t('cards-invoice.billed'), value: duration(m.billed) },
        { label: t('cards-invoice.covered-label'), value: duration(m.covered) },
        { label: t('cards-invoice.added'), value: duration(m.added) },
        { label: t('cards-invoice.jobs'), value: String(v.delivered.jobs) },
        { label: t('cards-invoice.covered-work'), value: money(v.delivered.coveredValue) },
      ],
    },
  ];
  if (v.promised.prepaid.length || v.promised.caps.length) {
    blocks.push({
      type: 'list',
      items: [
        ...v.promised.prepaid.map((b) => t('cards-invoice.prepaid-used', { n: String(b.index + 1), used: duration(b.usedThisPeriod), left: duration(b.leftMinutes) })),
        ...v.promised.caps.map((c) => t('cards-invoice.cap-used', { site: c.siteId, used: c.usedAfter - c.usedBefore, after: String(c.usedAfter), visits: String(c.visits), per: c.per, exceeded: c.usedAfter > c.visits ? 'yes' : 'no' })),
      ],
    });
  }
  blocks.push(
    { type: 'text', text: [{ bold: t('cards-invoice.billed') }] },
    {
      type: 'table',
      columns: [t('cards-invoice.col.what'), t('cards-invoice.col.amount')],
      align: ['left', 'right'],
      rows: [...Object.entries(v.billed.byKind).map(([k, a]) => [t('cards-invoice.kind', { kind: k }), money(a)]), [[{ bold: t('cards-invoice.total') }], [{ bold: money(v.billed.total) }]]],
    },
  );
  if (v.billed.invoice) blocks.push({ type: 'text', text: t('cards-invoice.issued-as', { number: v.billed.invoice.number, total: money(v.billed.invoice.total), credits: money(v.billed.invoice.creditNotes) }) });
  blocks.push({ type: 'text', text: [{ bold: t('cards-invoice.unbilled', { duration: duration(v.unbilled.minutes) }) }, t(v.unbilled.minutes ? 'cards-invoice.unbilled-some' : 'cards-invoice.unbilled-none')] });
  if (v.unbilled.items.length) blocks.push({ type: 'list', items: heldItems(v.unbilled.items) });
  return card('invoice', t('cards-invoice.bvp-title', { contract: v.contractId, period: v.period.key }), { tone: v.unbilled.minutes ? 'warning' : 'info', zone: v.zone, blocks, context: [t('cards-invoice.bvp-note', { contract: v.contractId, version: String(v.version), currency: v.currency })] });
}

/** Issued invoices and credit notes, newest first, by legal number with the reference beside it. */
export function invoiceListCard(rows: InvoiceSummary[], limit: number): Card {
  const columns = [t('billing.list.number'), t('billing.list.reference'), t('billing.list.document'), t('billing.list.contract'), t('billing.list.period'), t('billing.list.total'), t('billing.list.issued'), t('billing.list.links')];
  const blocks: Block[] = rows.length
    ? [
        {
          type: 'table',
          columns,
          align: ['left', 'left', 'left', 'left', 'left', 'right', 'left', 'left'],
          rows: rows.map((r) => [r.number, r.reference, t('billing.list.kind', { kind: r.kind }), r.contract, r.period.key, formatMoney(r.total, r.currency), [{ time: r.issuedAt, style: 'date' as const }], r.corrects ?? r.creditNotes.join(', ')]),
        },
      ]
    : [];
  return card('invoice', t('billing.list.title', { n: rows.length }), { blocks, context: [t('billing.list.context', { limit })] });
}
