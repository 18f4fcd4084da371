/**
 * The renewal pack as a card: the headline evidence, the SLA chart over the term, the biggest
 * saves, and where the PDF is. The PDF carries the same facts in full.
 */
import { ratioText } from '../../src/kpi/kpi-text.js';
import { readerDate, readerDuration, readerMoney, readerNumber, readerPercent } from '../../src/i18n/format.js';
import { slaWindowWord } from '../../src/i18n/job-status-word.js';
import { alertActWord } from '../../src/i18n/alert-act-words.js';
import { packFacts } from '../../src/renewals/present.js';
import type { RenewalPack } from '../../src/renewals/renewal-pack.js';
import { currentLang } from '../../src/i18n/current.js';
import { t } from '../../src/i18n/t.js';
import { card, type Block, type Card, type Field } from '../card.js';

export interface RenewalCardOptions {
  chartPath?: string;
  /** where the PDF was written (terminal) */
  pdfPath?: string;
  /** where the PDF can be fetched (API, when PUBLIC_URL is set) */
  pdfUrl?: string;
}

export function renewalCard(p: RenewalPack, opts: RenewalCardOptions = {}): Card {
  const money = (m: number) => readerMoney(m, p.contract.currency);
  const empty = t('cards-renewal.empty');
  const fields: Field[] = [
    ...packFacts(p).map(([label, value]) => ({ label, value })),
    { label: t('cards-renewal.response-met'), value: ratioText(p.sla.response, empty) },
    { label: t('cards-renewal.restore-met'), value: ratioText(p.sla.restore, empty) },
    {
      label: t('cards-renewal.value'),
      value:
        'error' in p.value
          ? t('cards-renewal.value-missing')
          : p.value.ratio.value === null
            ? t('cards-renewal.value-text', { covered: money(p.value.nominalCovered), fees: money(p.value.feeBilled) })
            : t('cards-renewal.value-ratio', { covered: money(p.value.nominalCovered), fees: money(p.value.feeBilled), ratio: readerNumber(p.value.ratio.value, 2) }),
    },
    { label: t('cards-renewal.credits'), value: t('cards-renewal.credits-value', { sla: money(p.credits.sla), slaCount: p.credits.slaCount, goodwill: money(p.credits.goodwill), goodwillCount: p.credits.goodwillCount }) },
    {
      label: t('cards-renewal.disputes'),
      value: p.disputes.lines
        ? t('cards-renewal.disputes-value', { disputed: p.disputes.disputed, lines: p.disputes.lines, percent: readerPercent(p.disputes.disputed / p.disputes.lines), open: p.disputes.open, accepted: p.disputes.accepted, credited: money(p.disputes.credited), rejected: p.disputes.rejected })
        : t('cards-renewal.no-invoice'),
    },
  ];
  for (const b of p.prepaid) fields.push({ label: t('cards-renewal.prepaid', { codes: b.codes.join(', ') }), value: t('cards-renewal.prepaid-value', { used: readerDuration(b.usedMinutes), hours: b.hours }) });
  const blocks: Block[] = [{ type: 'fields', fields }];
  if (opts.chartPath) blocks.push({ type: 'image', alt: t('cards-renewal.chart', { from: readerDate(p.span.from), to: readerDate(p.span.to) }), path: opts.chartPath });
  blocks.push({ type: 'text', text: [{ bold: t('cards-renewal.saves') }] });
  blocks.push(
    p.highlights.length
      ? {
          type: 'list',
          items: p.highlights.map((h) => [
            { bold: h.ref },
            h.actedBy
              ? t('cards-renewal.save-by', { priority: h.priority, window: slaWindowWord(h.window), level: h.level, action: alertActWord(h.action, 'saved', currentLang()), by: h.actedBy, margin: readerDuration(h.marginMinutes) })
              : t('cards-renewal.save', { priority: h.priority, window: slaWindowWord(h.window), level: h.level, action: alertActWord(h.action, 'saved', currentLang()), margin: readerDuration(h.marginMinutes) }),
            h.avoided ? t('cards-renewal.avoided', { money: money(h.avoided) }) : '',
          ]),
        }
      : { type: 'text', text: t('cards-renewal.no-saves') },
  );
  if (opts.pdfUrl) blocks.push({ type: 'text', text: [{ link: opts.pdfUrl, text: t('cards-renewal.pdf') }] });
  const context = [t('cards-renewal.evidence', { contract: p.contract.id, version: p.contract.version, from: readerDate(p.span.from), to: readerDate(p.span.to) })];
  if (opts.pdfPath) context.push(t('cards-renewal.pdf-saved', { path: opts.pdfPath }));
  return card('renewal', t('cards-renewal.title', { contract: p.contract.id, customer: p.contract.customer }), {
    subtitle: t('cards-renewal.subtitle', { end: readerDate(p.contract.term.end), deadline: readerDate(p.noticeDeadline) }),
    tone: p.daysToEnd <= p.contract.term.noticeDays ? 'warning' : 'info',
    blocks,
    context,
    visibility: 'channel',
    zone: p.zone,
  });
}
