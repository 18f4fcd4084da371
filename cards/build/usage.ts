/** `/contract usage`: what is left of the prepaid banks and site caps, and the credits of the month. */
import type { ContractUsage } from '../../src/billing/usage.js';
import { readerDate, readerDuration, readerMoney, readerPercent, readerShortDate } from '../../src/i18n/format.js';
import { t } from '../../src/i18n/t.js';
import { unitWord } from '../../src/i18n/unit-word.js';
import { card, type Block, type Card } from '../card.js';

export function usageCard(u: ContractUsage): Card {
  const money = (m: number) => readerMoney(m, u.currency);
  const blocks: Block[] = [];
  const low = u.banks.some((b) => b.active && b.hours > 0 && b.leftMinutes <= b.hours * 60 * 0.2);
  if (u.banks.length) {
    blocks.push({
      type: 'table',
      columns: [t('cards-usage.col.bank'), t('cards-usage.col.codes'), t('cards-usage.col.valid'), t('cards-usage.col.used'), t('cards-usage.col.left')],
      align: ['left', 'left', 'left', 'right', 'right'],
      rows: u.banks.map((b) => [
        t('cards-usage.bank', { n: b.index + 1, hours: b.hours }),
        b.codes.join(', '),
        t(b.active ? 'cards-usage.valid' : 'cards-usage.valid-inactive', { from: readerShortDate(b.from), until: readerShortDate(b.until) }),
        readerDuration(b.usedMinutes),
        t('cards-usage.left', { left: readerDuration(b.leftMinutes), percent: readerPercent(b.hours > 0 ? Math.round((b.leftMinutes / (b.hours * 60)) * 100) / 100 : 0) }),
      ]),
    });
  } else blocks.push({ type: 'text', text: t('cards-usage.no-banks') });
  blocks.push({
    type: 'table',
    columns: [t('cards-usage.col.site'), t('cards-usage.col.visits'), t('cards-usage.col.left')],
    align: ['left', 'right', 'right'],
    rows: u.sites.map((s) => [t('common.pair', { a: s.siteId, b: s.name }), s.caps ? t('cards-usage.visits', { used: s.used, visits: s.caps.visits, per: unitWord(s.caps.per) }) : String(s.used), s.caps ? (s.used > s.caps.visits ? t('cards-usage.over', { left: s.left, over: s.used - s.caps.visits }) : String(s.left)) : t('cards-usage.no-cap')]),
  });
  blocks.push({
    type: 'fields',
    fields: [
      { label: t('cards-usage.sla-credits', { month: u.month }), value: money(u.credits.sla) },
      { label: t('cards-usage.goodwill'), value: money(u.credits.goodwill) },
      ...(u.credits.cap !== undefined ? [{ label: t('cards-usage.cap-left'), value: t('cards-usage.of', { left: money(u.credits.capLeft ?? 0), cap: money(u.credits.cap) }) }] : []),
      { label: t('cards-usage.invoiced'), value: money(u.credits.invoiced) },
    ],
  });
  return card('usage', t('cards-usage.title', { contract: u.contractId, date: readerDate(u.today) }), {
    tone: low ? 'warning' : 'info',
    zone: u.zone,
    blocks,
    context: [t('cards-usage.note')],
  });
}
