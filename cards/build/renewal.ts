/**
 * The renewal pack as a card: the headline evidence, the SLA chart over the term, the biggest
 * saves, and where the PDF is. The PDF carries the same facts in full.
 */
import { formatPercent, formatRatio } from '../../src/rules/kpi.js';
import { formatDuration, formatMoney } from '../../src/rules/units.js';
import { packFacts, savedWords } from '../../src/renewals/present.js';
import type { RenewalPack } from '../../src/renewals/renewal-pack.js';
import { card, type Block, type Card, type Field } from '../card.js';

export interface RenewalCardOptions {
  chartPath?: string;
  /** where the PDF was written (terminal) */
  pdfPath?: string;
  /** where the PDF can be fetched (API, when PUBLIC_URL is set) */
  pdfUrl?: string;
}

export function renewalCard(p: RenewalPack, opts: RenewalCardOptions = {}): Card {
  const money = (m: number) => formatMoney(m, p.contract.currency);
  const empty = 'no jobs closed in the term yet';
  const fields: Field[] = [
    ...packFacts(p).map(([label, value]) => ({ label, value })),
    { label: 'Response SLA met', value: formatRatio(p.sla.response, empty) },
    { label: 'Restore SLA met', value: formatRatio(p.sla.restore, empty) },
    {
      label: 'Value delivered',
      value:
        'error' in p.value
          ? 'not available (see the logs)'
          : `${money(p.value.nominalCovered)} of covered work for ${money(p.value.feeBilled)} of fees${p.value.ratio.value === null ? '' : ` (${p.value.ratio.value.toFixed(2)}x)`}`,
    },
    { label: 'Credits used', value: `SLA ${money(p.credits.sla)} (${p.credits.slaCount}), goodwill ${money(p.credits.goodwill)} (${p.credits.goodwillCount})` },
    {
      label: 'Disputes',
      value: p.disputes.lines ? `${p.disputes.disputed} of ${p.disputes.lines} invoice lines (${formatPercent(p.disputes.disputed / p.disputes.lines)}), ${p.disputes.open} open, ${p.disputes.accepted} accepted (${money(p.disputes.credited)} credited), ${p.disputes.rejected} rejected` : 'no invoice issued in the term yet',
    },
  ];
  for (const b of p.prepaid) fields.push({ label: `Prepaid ${b.codes.join(', ')}`, value: `${formatDuration(b.usedMinutes)} used of ${b.hours}h` });
  const blocks: Block[] = [{ type: 'fields', fields }];
  if (opts.chartPath) blocks.push({ type: 'image', alt: `SLA met per month, ${p.span.from} to ${p.span.to}`, path: opts.chartPath });
  blocks.push({ type: 'text', text: [{ bold: 'Biggest saves' }] });
  blocks.push(
    p.highlights.length
      ? {
          type: 'list',
          items: p.highlights.map((h) => [
            { bold: h.ref },
            ` ${h.priority} ${h.window} at ${h.level}: ${savedWords(h.action)}${h.actedBy ? ` by ${h.actedBy}` : ''}, ${formatDuration(h.marginMinutes)} before due`,
            h.avoided ? `; avoided ${money(h.avoided)}` : '',
          ]),
        }
      : { type: 'text', text: 'No breach-risk alert was acted on before a breach in this term.' },
  );
  if (opts.pdfUrl) blocks.push({ type: 'text', text: [{ link: opts.pdfUrl, text: 'The full pack as PDF' }] });
  const context = [`${p.contract.id} v${p.contract.version}, evidence ${p.span.from} to ${p.span.to}. Definitions: docs/kpi.md.`];
  if (opts.pdfPath) context.push(`PDF saved to ${opts.pdfPath}`);
  return card('renewal', `Renewal pack: ${p.contract.id}, ${p.contract.customer}`, {
    subtitle: `Term ends ${p.contract.term.end}; notice deadline ${p.noticeDeadline}`,
    tone: p.daysToEnd <= p.contract.term.noticeDays ? 'warning' : 'info',
    blocks,
    context,
    visibility: 'channel',
    zone: p.zone,
  });
}
