/**
 * The renewal pack of a contract: what the term delivered, as evidence for the renewal talk.
 * SLA performance month by month, credits used, value delivered (covered work at nominal value
 * against the fee), prepaid hours used, disputes, and the biggest saves (breach-risk alerts acted
 * on before the breach). Covers the term from its start to today (or its end, if it has ended).
 *
 * Value and prepaid hours come from the rating engine over the term so far (the same engine that
 * prices invoices), so they include work not invoiced yet. Producing a pack marks the term's pack
 * as ready (scheduled_runs `renewal-ready:<contract>:<end>`), which the KPI digest counts.
 */
import { sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { scheduledRuns } from '../../db/schema.js';
import { audit } from '../audit.js';
import { requireRole } from '../auth.js';
import { contractTerms, ratePeriod } from '../billing/rating-input.js';
import type { Ctx } from '../context.js';
import { getVersion } from '../contracts/store.js';
import { rowsOf } from '../../db/rows.js';
import type { Contract, Priority } from '../rules/contract-types.js';
import {
  monthsOf,
  rankSaves,
  renewalPackDate,
  seriesPoints,
  slaRates,
  valueDelivered,
  type Ratio,
  type Save,
  type SlaCut,
  type SlaGroup,
  type WeekPoint,
} from '../rules/kpi.js';
import { creditOwed } from '../rules/sla-credits.js';
import { contractZone } from '../rules/rating/context.js';
import { inTransaction } from '../verb.js';
import { findContract } from '../contracts/store.js';
import { renewalReadyKey } from './keys.js';

export interface RenewalPack {
  contract: {
    id: string;
    customer: string;
    currency: string;
    /** the customer's locale (`fr-FR`): the PDF's language and formats */
    locale: string;
    team: string;
    version: number;
    term: Contract['term'];
    /** monthly fee, minor units */
    fee: number;
  };
  zone: string;
  /** local date the pack covers up to */
  asOf: string;
  at: Date;
  span: { from: string; to: string };
  /** when the pack is due (30 days before the end or at the notice deadline, the earlier) */
  packDate: string;
  noticeDeadline: string;
  daysToEnd: number;
  sla: { closed: number; response: Ratio; restore: Ratio; byPriority: SlaCut[]; months: WeekPoint[] };
  credits: { sla: number; slaCount: number; goodwill: number; goodwillCount: number; capped: number };
  /** the value over the term, or why it could not be computed: a code and the technical detail, worded where it is shown */
  value: { nominalCovered: number; feeBilled: number; billable: number; ratio: Ratio; loggedMinutes: number; unbilledMinutes: number } | { error: 'rating-failed'; detail: string };
  prepaid: { hours: number; codes: string[]; from: string; until: string; usedMinutes: number }[];
  disputes: { lines: number; disputed: number; open: number; amount: number; accepted: number; rejected: number; credited: number };
  highlights: (Save & { marginMinutes: number })[];
}

/** Who may see a pack: it carries fees and credits. */
export function mayReadRenewal(ctx: Ctx): void {
  if (ctx.actor.via === 'scheduler') return;
  requireRole(ctx, ['manager', 'finance'], 'see-renewal-packs');
}

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;
const num = (v: unknown) => Number(v ?? 0);

export async function renewalPack(ctx: Ctx, input: { contract: string }): Promise<RenewalPack> {
  mayReadRenewal(ctx);
  const row = await findContract(ctx.db, input.contract);
  const v = await getVersion(ctx.db, row.id);
  const c = v.contract;
  const zone = contractZone(c);
  const now = ctx.clock.now();
  const today = DateTime.fromJSDate(now, { zone }).toISODate()!;
  const to = today < c.term.end ? today : c.term.end;
  const span = { from: c.term.start, to: to < c.term.start ? c.term.start : to };
  const start = DateTime.fromISO(span.from, { zone }).startOf('day').toJSDate();
  const end = DateTime.fromISO(span.to, { zone }).plus({ days: 1 }).startOf('day').toJSDate();
  const months = monthsOf(span.from, span.to);
  const monthStarts = months.map((m) => DateTime.fromISO(`${m}-01`, { zone }).toJSDate().toISOString());
  const id = row.id;

  const [slaRows, creditRows, disputeRows, saveRows] = await Promise.all([
    rowsOf(
      ctx.db,
      sql`select width_bucket(j.closed_at, ${`{${monthStarts.join(',')}}`}::timestamptz[]) as b, j.priority,
            count(*)::int as closed,
            count(*) filter (where not j.response_breached)::int as response_met,
            count(*) filter (where not j.restore_breached)::int as restore_met
          from jobs j
          where j.closed_at >= ${ts(start)} and j.closed_at < ${ts(end)} and j.contract_id = ${id}
          group by 1, 2`,
    ),
    rowsOf(
      ctx.db,
      sql`select kind, sum(amount)::float8 as amount, count(*) filter (where amount > 0)::int as n, count(*) filter (where capped)::int as capped
          from credits where contract_id = ${id} and at >= ${ts(start)} and at < ${ts(end)} group by 1`,
    ),
    rowsOf(
      ctx.db,
      sql`select count(*)::int as lines,
            count(*) filter (where exists (select 1 from disputes d where d.invoice_id = il.invoice_id and d.line_no = il.line_no))::int as disputed,
            coalesce(sum(il.amount) filter (where exists (select 1 from disputes d where d.invoice_id = il.invoice_id and d.line_no = il.line_no)), 0)::float8 as amount,
            (select count(*) from disputes d join invoices i2 on i2.id = d.invoice_id
              where i2.contract_id = ${id} and i2.period_from >= ${span.from} and i2.period_from <= ${span.to} and d.status = 'open')::int as open,
            (select count(*) from disputes d join invoices i2 on i2.id = d.invoice_id
              where i2.contract_id = ${id} and i2.period_from >= ${span.from} and i2.period_from <= ${span.to} and d.status = 'accepted')::int as accepted,
            (select count(*) from disputes d join invoices i2 on i2.id = d.invoice_id
              where i2.contract_id = ${id} and i2.period_from >= ${span.from} and i2.period_from <= ${span.to} and d.status = 'rejected')::int as rejected,
            (select coalesce(sum(d.accepted_amount), 0) from disputes d join invoices i2 on i2.id = d.invoice_id
              where i2.contract_id = ${id} and i2.period_from >= ${span.from} and i2.period_from <= ${span.to} and d.status = 'accepted')::float8 as credited
          from invoices i join invoice_lines il on il.invoice_id = i.id
          where i.contract_id = ${id} and i.kind = 'invoice' and i.period_from >= ${span.from} and i.period_from <= ${span.to}`,
    ),
    rowsOf(
      ctx.db,
      // One save per warned alert: its first fallback taken in the period, before the due time.
      sql`select distinct on (a.id) j.ref, j.priority, j.site_id, a.window, a.level, x.act as action, x.at as acted_at, p.name as acted_by,
            case when a.window = 'response' then j.response_due_at else j.restore_due_at end as due_at
          from alerts a
          join jobs j on j.id = a.job_id
          join alert_acts x on x.alert_id = a.id and x.act <> 'acknowledge'
          left join people p on p.id = x.person_id
          where j.contract_id = ${id} and a.level <> 'breach'
            and x.at >= ${ts(start)} and x.at < ${ts(end)}
            and ((a.window = 'response' and not j.response_breached) or (a.window = 'restore' and not j.restore_breached))
            and x.at < case when a.window = 'response' then j.response_due_at else j.restore_due_at end
          order by a.id, x.at, x.id`,
    ),
  ]);

  const byMonth = new Map<string, SlaGroup[]>();
  const all: SlaGroup[] = [];
  for (const r of slaRows) {
    const g: SlaGroup = { contractId: id, team: c.team, priority: String(r.priority), closed: num(r.closed), responseMet: num(r.response_met), restoreMet: num(r.restore_met) };
    all.push(g);
    const m = months[num(r.b) - 1];
    if (m) byMonth.set(m, [...(byMonth.get(m) ?? []), g]);
  }
  const term = slaRates(all);

  const credits = { sla: 0, slaCount: 0, goodwill: 0, goodwillCount: 0, capped: 0 };
  for (const r of creditRows) {
    if (r.kind === 'goodwill') {
      credits.goodwill += num(r.amount);
      credits.goodwillCount += num(r.n);
    } else {
      credits.sla += num(r.amount);
      credits.slaCount += num(r.n);
    }
    credits.capped += num(r.capped);
  }

  const sites = new Map(c.sites.map((s) => [s.id, s]));
  const saves: Save[] = saveRows.map((r) => {
    const owed = creditOwed(c, { window: r.window === 'response' ? 'response' : 'restore', priority: String(r.priority) as Priority, tier: sites.get(String(r.site_id))?.tier, alreadyThisPeriod: 0 });
    return {
      ref: String(r.ref),
      priority: String(r.priority),
      window: r.window === 'response' ? 'response' : 'restore',
      level: String(r.level),
      action: String(r.action),
      actedBy: r.acted_by ? String(r.acted_by) : null,
      actedAt: new Date(r.acted_at as string),
      dueAt: new Date(r.due_at as string),
      avoided: owed ? owed.uncapped : null,
    };
  });

  let value: RenewalPack['value'];
  let prepaid: RenewalPack['prepaid'] = c.entitlements.prepaidHours.map((b) => ({ hours: b.hours, codes: b.codes, from: b.from, until: b.until, usedMinutes: 0 }));
  try {
    const rated = await ratePeriod(ctx.db, await contractTerms(ctx.db, id), span);
    const r = rated.result;
    const feeBilled = r.lines.filter((l) => l.kind === 'fee').reduce((a, l) => a + l.amount, 0);
    value = { nominalCovered: r.totals.nominalCovered, feeBilled, billable: r.totals.billable, ratio: valueDelivered(r.totals.nominalCovered, feeBilled), loggedMinutes: r.minutes.logged, unbilledMinutes: r.minutes.unbilled };
    prepaid = prepaid.map((b, i) => ({ ...b, usedMinutes: r.usage.prepaidMinutesUsed[i] ?? 0 }));
  } catch (err) {
    // The rest of the pack is still evidence; say plainly which part could not be computed.
    ctx.log.error({ err, contract: id }, 'renewal pack: rating the term failed');
    value = { error: 'rating-failed', detail: (err as Error).message };
  }

  const d = disputeRows[0] ?? {};
  const pack: RenewalPack = {
    contract: { id, customer: c.customer.name, currency: c.currency, locale: c.locale, team: c.team, version: v.version, term: c.term, fee: c.fee.amount },
    zone,
    asOf: span.to,
    at: now,
    span,
    packDate: renewalPackDate(c.term),
    noticeDeadline: DateTime.fromISO(c.term.end, { zone: 'UTC' }).minus({ days: c.term.noticeDays }).toISODate()!,
    daysToEnd: Math.round(DateTime.fromISO(c.term.end, { zone: 'UTC' }).diff(DateTime.fromISO(today, { zone: 'UTC' }), 'days').days),
    sla: { closed: term.closed, response: term.response, restore: term.restore, byPriority: term.byPriority, months: seriesPoints(months, byMonth) },
    credits,
    value,
    prepaid,
    disputes: { lines: num(d.lines), disputed: num(d.disputed), open: num(d.open), amount: num(d.amount), accepted: num(d.accepted), rejected: num(d.rejected), credited: num(d.credited) },
    highlights: rankSaves(saves),
  };

  await inTransaction(ctx, async (tx) => {
    await tx.db.insert(scheduledRuns).values({ key: renewalReadyKey(id, c.term.end), at: now }).onConflictDoNothing();
    await audit(tx, 'renewal.pack', { kind: 'contract', id }, { end: c.term.end, asOf: pack.asOf });
  });
  return pack;
}
