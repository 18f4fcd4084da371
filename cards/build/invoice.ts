/** Invoice cards: a preview or issued invoice with each line's rule, credit notes, disputes, billed vs promised. */
import type { BilledVsPromised } from '../../src/billing/billed-vs-promised.js';
import type { NumberedLine } from '../../src/billing/invoice-store.js';
import type { InvoiceView } from '../../src/billing/preview-invoice.js';
import type { HeldItem } from '../../src/rules/rating/index.js';
import { formatDuration, formatMoney } from '../../src/rules/units.js';
import type { InvoiceSummary } from '../../src/billing/list-invoices.js';
import { t } from '../../src/i18n/index.js';
import { card, type Block, type Card, type Field, type Rich } from '../card.js';

function qty(l: NumberedLine): string {
  if (l.minutes !== undefined) return formatDuration(l.minutes);
  const q = Number.isInteger(l.quantity) ? String(l.quantity) : l.quantity.toFixed(2);
  return `${q} ${l.unit}`;
}

function item(l: NumberedLine): string {
  const what = l.code ?? l.sku;
  return what && !l.description.startsWith(what) ? `${what} ${l.description}` : l.description;
}

export function lineRows(lines: NumberedLine[], currency: string): Rich[][] {
  return lines.map((l) => [String(l.lineNo), l.date, l.jobId ?? '', item(l), qty(l), formatMoney(l.unitPrice), l.covered ? `covered (${formatMoney(l.nominal ?? 0, currency)})` : formatMoney(l.amount), l.rule]);
}

const LINE_COLUMNS = ['#', 'Date', 'Job', 'Item', 'Qty', 'Unit price', 'Amount', 'Rule'];
const LINE_ALIGN: ('left' | 'right')[] = ['right', 'left', 'left', 'left', 'right', 'right', 'right', 'left'];

export function heldItems(held: HeldItem[]): string[] {
  return held.map((h) => `${h.jobId ?? ''} ${h.what}${h.minutes ? ` ${formatDuration(h.minutes)}` : ''} (${h.sources.join(', ')}): ${h.reason}`.trim());
}

export function invoiceCard(v: InvoiceView, opts: { moreUrl?: string } = {}): Card {
  const money = (m: number) => formatMoney(m, v.currency);
  const blocks: Block[] = [
    {
      type: 'fields',
      fields: [
        { label: 'Customer', value: `${v.customer} (${v.contractId})` },
        ...(v.reference && v.reference !== v.number ? [{ label: t('billing.invoice.reference'), value: v.reference }] : []),
        ...(v.corrects ? [{ label: t('billing.invoice.corrects'), value: v.corrects }] : []),
        { label: 'Period', value: `${v.period.from} to ${v.period.to}` },
        { label: 'Status', value: v.status === 'issued' ? ['issued ', ...(v.issuedAt ? [{ time: v.issuedAt, style: 'date' as const }] : []), v.issuedBy ? ` by ${v.issuedBy}` : ''] : 'preview (not issued)' },
        { label: 'Billable', value: money(v.totals.billable) },
        { label: 'Credits', value: money(v.totals.credits) },
        { label: 'Total before tax', value: [{ bold: money(v.totals.total) }] },
        { label: 'Covered work (value)', value: money(v.totals.nominalCovered) },
      ],
    },
    v.lines.length ? { type: 'table', columns: LINE_COLUMNS, align: LINE_ALIGN, rows: lineRows(v.lines, v.currency) } : { type: 'text', text: 'No lines: nothing billable or covered in this period.' },
  ];
  if (v.held.length) {
    blocks.push({ type: 'text', text: [{ bold: 'Not billed, needs someone' }] }, { type: 'list', items: heldItems(v.held) });
  }
  if (v.creditNotes.length) {
    blocks.push({ type: 'text', text: [{ bold: 'Credit notes: ' }, v.creditNotes.map((n) => `${n.number} (${money(n.total)})`).join(', ')] });
  }
  const context: Rich[] = [`Money in ${v.currency}, before tax. Each line names the rule and contract version that priced it.`];
  if (v.status === 'preview') context.push(`Finance issues it once the month is over: /invoice issue ${v.contractId} ${v.period.key}`);
  else context.push(`Correct a line: /invoice credit-note ${v.number} <line> <why>. Customer disputes: /dispute ${v.number} <line> <why>.`);
  return card('invoice', `Invoice ${v.number}${v.status === 'preview' ? ' (preview)' : ''}`, {
    tone: v.held.length ? 'warning' : v.status === 'issued' ? 'good' : 'info',
    zone: v.zone,
    blocks,
    context,
    ...(opts.moreUrl ? { moreUrl: opts.moreUrl } : {}),
  });
}

export function creditNoteCard(v: { number: string; corrects: string; line: NumberedLine; corrected: NumberedLine; amount: number; currency: string; leftAfter: number }): Card {
  const money = (m: number) => formatMoney(m, v.currency);
  return card('invoice', `Credit note ${v.number}`, {
    tone: 'good',
    blocks: [
      {
        type: 'fields',
        fields: [
          { label: 'Corrects', value: `${v.corrects} line ${v.corrected.lineNo}: ${item(v.corrected)} (${money(v.corrected.amount)})` },
          { label: 'Credited', value: [{ bold: money(-v.amount) }] },
          { label: 'Left on that line', value: money(v.leftAfter) },
        ],
      },
      { type: 'text', text: v.line.description },
    ],
    context: ['The issued invoice is unchanged; this credit note is a document of its own.'],
  });
}

export function disputeCard(v: { invoice: string; line: NumberedLine; id: number; reason: string; currency: string }): Card {
  return card('invoice', `Dispute recorded on ${v.invoice} line ${v.line.lineNo}`, {
    tone: 'warning',
    blocks: [
      { type: 'fields', fields: [{ label: 'Line', value: `${item(v.line)} (${formatMoney(v.line.amount, v.currency)})` }, { label: 'Rule', value: v.line.rule }, { label: 'Why', value: v.reason }] },
    ],
    context: [`Dispute #${v.id}. Finance settles it with a credit note if the customer is right.`],
  });
}

/** `/dispute list`: disputes with their line and, once settled, the outcome. */
export function disputeListCard(v: { status?: string; items: { id: number; invoice: string; line: number; description: string; amount: number; currency: string; reason: string; status: string; outcome?: string }[] }): Card {
  return card('invoice', `${v.items.length} ${v.status ?? ''} dispute${v.items.length === 1 ? '' : 's'}`.replace(/\s+/g, ' '), {
    blocks: [
      v.items.length
        ? {
            type: 'table',
            columns: ['#', 'Invoice', 'Line', 'Amount', 'Why', 'Status'],
            align: ['left', 'left', 'left', 'right', 'left', 'left'],
            rows: v.items.map((d) => [String(d.id), d.invoice, `${d.line} ${d.description}`, formatMoney(d.amount, d.currency), d.reason, d.outcome ? `${d.status}: ${d.outcome}` : d.status]),
          }
        : { type: 'text', text: 'No disputes.' },
    ],
    context: ['Settle one: /dispute accept <id> [amount] (a credit note), or /dispute reject <id> "<reason>" (drafted to the customer).'],
  });
}

/** A dispute settled: accepted with its credit note, or rejected with the reason the customer is sent. */
export function disputeSettledCard(v: { id: number; invoice: string; line: number; status: 'accepted' | 'rejected'; amount?: number; creditNote?: string; reason?: string; message?: number; currency: string }): Card {
  const fields: Field[] =
    v.status === 'accepted'
      ? [{ label: 'Credited', value: formatMoney(v.amount ?? 0, v.currency) }, { label: 'Credit note', value: v.creditNote ?? '' }]
      : [{ label: 'Reason', value: v.reason ?? '' }, { label: 'Customer', value: v.message ? `message #${v.message} drafted for the dispatch channel to send` : 'the line has no job: tell the customer directly' }];
  return card('invoice', `Dispute #${v.id} on ${v.invoice} line ${v.line} ${v.status}`, { tone: v.status === 'accepted' ? 'good' : 'info', blocks: [{ type: 'fields', fields }] });
}

export function billedVsPromisedCard(v: BilledVsPromised): Card {
  const money = (m: number) => formatMoney(m, v.currency);
  const m = v.delivered.minutes;
  const blocks: Block[] = [
    { type: 'text', text: [{ bold: 'Promised' }] },
    {
      type: 'list',
      items: [
        `Fee this period: ${money(v.promised.fee)}`,
        ...v.promised.covered.map((c) => `Covered: ${c.code} ${c.name} (per ${c.unit}${c.includesMinutes !== undefined ? `, includes ${formatDuration(c.includesMinutes)}` : ''})`),
        ...v.promised.prepaid.map((b) => `Prepaid bank ${b.index + 1}: ${b.hours}h of ${b.codes.join(', ')} (${b.from} to ${b.until})`),
        ...v.promised.caps.map((c) => `${c.siteId}: ${c.visits} covered visits per ${c.per}`),
        ...v.promised.warranty.map((w) => `Warranty: ${w.parts.join(', ')} until ${w.until}${w.labour ? ', labour included' : ''}`),
      ],
    },
    { type: 'text', text: [{ bold: 'Delivered' }] },
    {
      type: 'fields',
      fields: [
        { label: 'Time logged', value: formatDuration(m.logged) },
        { label: 'Billed', value: formatDuration(m.billed) },
        { label: 'Covered', value: formatDuration(m.covered) },
        { label: 'Added by rounding and minimums', value: formatDuration(m.added) },
        { label: 'Jobs', value: String(v.delivered.jobs) },
        { label: 'Value of covered work', value: money(v.delivered.coveredValue) },
      ],
    },
  ];
  if (v.promised.prepaid.length || v.promised.caps.length) {
    blocks.push({
      type: 'list',
      items: [
        ...v.promised.prepaid.map((b) => `Prepaid bank ${b.index + 1}: ${formatDuration(b.usedThisPeriod)} used this period, ${formatDuration(b.leftMinutes)} left`),
        ...v.promised.caps.map((c) => `${c.siteId}: ${c.usedAfter - c.usedBefore} covered visits this period, ${c.usedAfter} of ${c.visits} this ${c.per}${c.usedAfter > c.visits ? ' (cap exceeded)' : ''}`),
      ],
    });
  }
  blocks.push(
    { type: 'text', text: [{ bold: 'Billed' }] },
    {
      type: 'table',
      columns: ['What', 'Amount'],
      align: ['left', 'right'],
      rows: [...Object.entries(v.billed.byKind).map(([k, a]) => [k, money(a)]), [[{ bold: 'Total before tax' }], [{ bold: money(v.billed.total) }]]],
    },
  );
  if (v.billed.invoice) blocks.push({ type: 'text', text: `Issued as ${v.billed.invoice.number} (${money(v.billed.invoice.total)}), credit notes ${money(v.billed.invoice.creditNotes)}.` });
  blocks.push({ type: 'text', text: [{ bold: `Unbilled: ${formatDuration(v.unbilled.minutes)}` }, v.unbilled.minutes ? ' logged but neither billed nor covered' : ' (every logged minute is billed or covered)'] });
  if (v.unbilled.items.length) blocks.push({ type: 'list', items: heldItems(v.unbilled.items) });
  return card('invoice', `${v.contractId} ${v.period.key}: billed vs promised`, { tone: v.unbilled.minutes ? 'warning' : 'info', zone: v.zone, blocks, context: [`${v.contractId} v${v.version}; money in ${v.currency}, before tax.`] });
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
  return card('invoice', t('billing.list.title', { n: rows.length }), { blocks, context: [t('billing.list.context', { limit, show: '/invoice show <number>', list: '/invoice list <contract> [YYYY-MM]' })] });
}
