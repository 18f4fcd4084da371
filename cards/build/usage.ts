/** `/contract usage`: what is left of the prepaid banks and site caps, and the credits of the month. */
import type { ContractUsage } from '../../src/billing/usage.js';
import { formatDuration, formatMoney } from '../../src/rules/units.js';
import { card, type Block, type Card } from '../card.js';

export function usageCard(u: ContractUsage): Card {
  const money = (m: number) => formatMoney(m, u.currency);
  const blocks: Block[] = [];
  const low = u.banks.some((b) => b.active && b.hours > 0 && b.leftMinutes <= b.hours * 60 * 0.2);
  if (u.banks.length) {
    blocks.push({
      type: 'table',
      columns: ['Prepaid bank', 'Codes', 'Valid', 'Used', 'Left'],
      align: ['left', 'left', 'left', 'right', 'right'],
      rows: u.banks.map((b) => [
        `${b.index + 1}: ${b.hours}h`,
        b.codes.join(', '),
        `${b.from} to ${b.until}${b.active ? '' : ' (not active)'}`,
        formatDuration(b.usedMinutes),
        `${formatDuration(b.leftMinutes)} (${b.hours > 0 ? Math.round((b.leftMinutes / (b.hours * 60)) * 100) : 0}%)`,
      ]),
    });
  } else blocks.push({ type: 'text', text: 'No prepaid hours on this contract.' });
  blocks.push({
    type: 'table',
    columns: ['Site', 'Covered visits used', 'Left'],
    align: ['left', 'right', 'right'],
    rows: u.sites.map((s) => [`${s.siteId}: ${s.name}`, s.caps ? `${s.used} of ${s.caps.visits} per ${s.caps.per}` : String(s.used), s.caps ? `${s.left}${s.used > s.caps.visits ? ` (${s.used - s.caps.visits} over)` : ''}` : 'no cap']),
  });
  blocks.push({
    type: 'fields',
    fields: [
      { label: `SLA credits ${u.month}`, value: money(u.credits.sla) },
      { label: 'Goodwill credits', value: money(u.credits.goodwill) },
      ...(u.credits.cap !== undefined ? [{ label: 'Credit cap left', value: `${money(u.credits.capLeft ?? 0)} of ${money(u.credits.cap)}` }] : []),
      { label: 'Already invoiced', value: money(u.credits.invoiced) },
    ],
  });
  return card('usage', `${u.contractId} usage on ${u.today}`, {
    tone: low ? 'warning' : 'info',
    zone: u.zone,
    blocks,
    context: ['Counted from issued invoices plus work logged since; a bank warns the dispatch channel at 20% left.'],
  });
}
