/**
 * The weekly KPI digest card: the week's KPIs with their change from the week before, the cuts by
 * contract and priority, the jobs that hurt the SLA most, and the 8-week chart. Empty weeks read
 * "no jobs this week", never 0% or NaN.
 */
import type { KpiReport } from '../../src/kpi/weekly-kpis.js';
import { EMPTY, formatChange, formatCredits, formatHours, formatPercent, formatRatio, type Change, type Ratio, type SlaCut } from '../../src/rules/kpi.js';
import { formatDuration, formatMoney } from '../../src/rules/units.js';
import { card, type Block, type Card, type Field, type Rich } from '../card.js';

function withChange(text: string, c: Change | undefined): string {
  const ch = c ? formatChange(c) : '';
  if (!ch) return text;
  const verdict = c!.good === true ? ' (better)' : c!.good === false ? ' (worse)' : '';
  return `${text}   ${ch}${verdict}`;
}

const short = (r: Ratio) => (r.value === null ? '–' : formatPercent(r.value));

function cutRows(cuts: SlaCut[]): Rich[][] {
  return cuts.map((c) => [c.key, String(c.closed), short(c.response), short(c.restore)]);
}

export interface DigestCardOptions {
  /** the chart PNG the bot wrote */
  chartPath?: string;
  moreUrl?: string;
}

export function digestCard(r: KpiReport, opts: DigestCardOptions = {}): Card {
  const cur = r.current;
  const ch = new Map(r.changes.map((c) => [c.key, c]));
  const who = r.scope.teamName ?? r.scope.team ?? 'all teams';
  const sla = cur.sla;
  const fields: Field[] = [
    { label: 'Response SLA met', value: withChange(formatRatio(sla.response, EMPTY.jobs), ch.get('sla.response')) },
    { label: 'Restore SLA met', value: withChange(formatRatio(sla.restore, EMPTY.jobs), ch.get('sla.restore')) },
    { label: 'Jobs', value: withChange(`${sla.closed} closed, ${cur.opened} reported`, ch.get('jobs.closed')) },
    {
      label: 'Dispute rate',
      value: withChange(
        cur.disputes.rate.value === null ? EMPTY.lines : `${formatPercent(cur.disputes.rate.value)} (${cur.disputes.rate.numerator} of ${cur.disputes.rate.denominator} invoice lines)`,
        ch.get('disputes.rate'),
      ) +
        (cur.disputes.raised ? `; ${cur.disputes.raised} raised this week` : '') +
        (cur.disputes.accepted || cur.disputes.rejected ? `; settled: ${cur.disputes.accepted} accepted, ${cur.disputes.rejected} rejected` : ''),
    },
    {
      label: 'Unbilled time',
      value: withChange(cur.unbilled.loggedMinutes === 0 ? EMPTY.time : `${formatDuration(cur.unbilled.unbilledMinutes)} of ${formatDuration(cur.unbilled.loggedMinutes)} logged`, ch.get('unbilled.hours')),
    },
    {
      label: 'Invoice lead time',
      value: withChange(
        cur.leadTime.jobs === 0 ? EMPTY.lead : `median ${formatHours(cur.leadTime.medianHours, '')}, p90 ${formatHours(cur.leadTime.p90Hours, '')} (${cur.leadTime.jobs} jobs)`,
        ch.get('leadTime.median'),
      ),
    },
    { label: 'Credits issued', value: `SLA ${formatCredits(cur.credits, 'sla')}; goodwill ${formatCredits(cur.credits, 'goodwill')}` },
    {
      label: 'Renewal readiness',
      value: withChange(
        cur.renewals.rate.value === null
          ? EMPTY.renewals
          : `${cur.renewals.rate.numerator} of ${cur.renewals.rate.denominator} contracts ending within 30 days have a renewal pack`,
        ch.get('renewals.ready'),
      ),
    },
  ];
  const blocks: Block[] = [{ type: 'fields', fields }];
  if (sla.closed > 0) {
    blocks.push({ type: 'table', columns: ['Contract', 'Closed', 'Response', 'Restore'], align: ['left', 'right', 'right', 'right'], rows: cutRows(sla.byContract) });
    blocks.push({ type: 'table', columns: ['Priority', 'Closed', 'Response', 'Restore'], align: ['left', 'right', 'right', 'right'], rows: cutRows(sla.byPriority) });
  }
  if (cur.worst.length) {
    blocks.push({ type: 'text', text: [{ bold: 'Hurt the SLA most' }] });
    blocks.push({
      type: 'list',
      items: cur.worst.map((w) => [
        { bold: w.ref },
        ` ${w.contractId} ${w.siteId} ${w.priority}: ${w.windows.join(' and ')} ${formatDuration(w.lateMinutes)} late${w.open ? ' and still open' : ''}`,
        w.credit ? `, credit ${formatMoney(w.credit.amount, w.credit.currency)}` : '',
        `: ${w.summary}`,
      ]),
    });
  }
  const unbilled = cur.unbilled.byContract.flatMap((c) => c.reasons.slice(0, 2).map((x) => `${c.contractId}: ${formatDuration(x.minutes)}, ${x.reason}`));
  if (unbilled.length) {
    blocks.push({ type: 'text', text: [{ bold: 'Unbilled time' }] });
    blocks.push({ type: 'list', items: unbilled.slice(0, 5) });
  }
  if (opts.chartPath) blocks.push({ type: 'image', alt: `SLA met per week, 8 weeks to ${cur.week.label}: response and restore hit rate, jobs closed`, path: opts.chartPath });
  return card('digest', `Weekly KPIs: ${who}, ${cur.week.label}`, {
    subtitle: `${cur.week.from} to ${cur.week.to} (${r.scope.zone})${r.partial ? ', so far: the week is not over' : ''}; change from ${r.previous.week.label}`,
    tone: sla.response.value !== null && sla.response.value < 0.9 ? 'warning' : 'info',
    blocks,
    visibility: 'channel',
    zone: r.scope.zone,
    context: ['Definitions: docs/kpi.md. SLA met = jobs closed this week whose window was not breached.'],
    ...(opts.moreUrl ? { moreUrl: opts.moreUrl } : {}),
  });
}
