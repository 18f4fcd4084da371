/**
 * The weekly KPI digest card: the week's KPIs with their change from the week before, the cuts by
 * contract and priority, the jobs that hurt the SLA most, and the 8-week chart. Empty weeks read
 * "no jobs this week", never 0% or NaN.
 */
import type { KpiReport } from '../../src/kpi/weekly-kpis.js';
import type { Change, Ratio, SlaCut } from '../../src/rules/kpi.js';
import { changeText, creditsText, emptyText, hoursText, ratioText, unbilledReasonText } from '../../src/kpi/kpi-text.js';
import { readerDate, readerDuration, readerMoney, readerPercent } from '../../src/i18n/format.js';
import { slaWindowWord } from '../../src/i18n/job-status-word.js';
import { t } from '../../src/i18n/t.js';
import { card, type Block, type Card, type Field, type Rich } from '../card.js';

function withChange(text: string, c: Change | undefined): string {
  const ch = c ? changeText(c) : '';
  if (!ch) return text;
  const verdict = c!.good === true ? t('cards-digest.better') : c!.good === false ? t('cards-digest.worse') : '';
  return `${text}   ${ch}${verdict}`;
}

const short = (r: Ratio) => (r.value === null ? '–' : readerPercent(r.value));

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
  const who = r.scope.teamName ?? r.scope.team ?? t('cards-digest.all-teams');
  const sla = cur.sla;
  const fields: Field[] = [
    { label: t('cards-digest.response-met'), value: withChange(ratioText(sla.response, emptyText('jobs')), ch.get('sla.response')) },
    { label: t('cards-digest.restore-met'), value: withChange(ratioText(sla.restore, emptyText('jobs')), ch.get('sla.restore')) },
    { label: t('cards-digest.jobs'), value: withChange(t('cards-digest.jobs-value', { closed: sla.closed, opened: cur.opened }), ch.get('jobs.closed')) },
    {
      label: t('cards-digest.dispute-rate'),
      value: withChange(
        cur.disputes.rate.value === null ? emptyText('lines') : t('cards-digest.dispute-value', { rate: readerPercent(cur.disputes.rate.value), n: cur.disputes.rate.numerator, d: cur.disputes.rate.denominator }),
        ch.get('disputes.rate'),
      ) +
        (cur.disputes.raised ? t('cards-digest.raised', { n: cur.disputes.raised }) : '') +
        (cur.disputes.accepted || cur.disputes.rejected ? t('cards-digest.settled', { accepted: cur.disputes.accepted, rejected: cur.disputes.rejected }) : ''),
    },
    {
      label: t('cards-digest.unbilled'),
      value: withChange(cur.unbilled.loggedMinutes === 0 ? emptyText('time') : t('cards-digest.unbilled-value', { unbilled: readerDuration(cur.unbilled.unbilledMinutes), logged: readerDuration(cur.unbilled.loggedMinutes) }), ch.get('unbilled.hours')),
    },
    {
      label: t('cards-digest.lead-time'),
      value: withChange(
        cur.leadTime.jobs === 0 ? emptyText('lead') : t('cards-digest.lead-value', { median: hoursText(cur.leadTime.medianHours, ''), p90: hoursText(cur.leadTime.p90Hours, ''), jobs: cur.leadTime.jobs }),
        ch.get('leadTime.median'),
      ),
    },
    { label: t('cards-digest.credits'), value: t('cards-digest.credits-value', { sla: creditsText(cur.credits, 'sla'), goodwill: creditsText(cur.credits, 'goodwill') }) },
    {
      label: t('cards-digest.renewal'),
      value: withChange(
        cur.renewals.rate.value === null
          ? emptyText('renewals')
          : t('cards-digest.renewal-value', { n: cur.renewals.rate.numerator, d: cur.renewals.rate.denominator }),
        ch.get('renewals.ready'),
      ),
    },
  ];
  const blocks: Block[] = [{ type: 'fields', fields }];
  if (sla.closed > 0) {
    blocks.push({ type: 'table', columns: [t('cards-digest.col.contract'), t('cards-digest.col.closed'), t('cards-digest.col.response'), t('cards-digest.col.restore')], align: ['left', 'right', 'right', 'right'], rows: cutRows(sla.byContract) });
    blocks.push({ type: 'table', columns: [t('cards-digest.col.priority'), t('cards-digest.col.closed'), t('cards-digest.col.response'), t('cards-digest.col.restore')], align: ['left', 'right', 'right', 'right'], rows: cutRows(sla.byPriority) });
  }
  if (cur.worst.length) {
    blocks.push({ type: 'text', text: [{ bold: t('cards-digest.hurt') }] });
    blocks.push({
      type: 'list',
      items: cur.worst.map((w) => [
        { bold: w.ref },
        t(w.open ? 'cards-digest.late-open' : 'cards-digest.late', { contract: w.contractId, site: w.siteId, priority: w.priority, windows: w.windows.map(slaWindowWord).join(t('cards-digest.and')), late: readerDuration(w.lateMinutes) }),
        w.credit ? t('cards-digest.credit', { money: readerMoney(w.credit.amount, w.credit.currency) }) : '',
        t('common.detail', { text: w.summary }),
      ]),
    });
  }
  const unbilled = cur.unbilled.byContract.flatMap((c) => c.reasons.slice(0, 2).map((x) => t('cards-digest.unbilled-reason', { contract: c.contractId, duration: readerDuration(x.minutes), reason: unbilledReasonText(x.reason) })));
  if (unbilled.length) {
    blocks.push({ type: 'text', text: [{ bold: t('cards-digest.unbilled') }] });
    blocks.push({ type: 'list', items: unbilled.slice(0, 5) });
  }
  if (opts.chartPath) blocks.push({ type: 'image', alt: t('cards-digest.chart', { week: cur.week.label }), path: opts.chartPath });
  return card('digest', t('cards-digest.title', { who, week: cur.week.label }), {
    subtitle: t(r.partial ? 'cards-digest.subtitle-partial' : 'cards-digest.subtitle', { from: readerDate(cur.week.from), to: readerDate(cur.week.to), zone: r.scope.zone, previous: r.previous.week.label }),
    tone: sla.response.value !== null && sla.response.value < 0.9 ? 'warning' : 'info',
    blocks,
    visibility: 'channel',
    zone: r.scope.zone,
    context: [t('cards-digest.definitions')],
    ...(opts.moreUrl ? { moreUrl: opts.moreUrl } : {}),
  });
}
