/**
 * The SQL behind the weekly KPIs: grouped aggregates only, each an indexed range scan over one
 * span of weeks (migration 0004_kpi_indexes), so the cost follows the rows of the weeks asked for,
 * not the size of the tables. Every query groups by ISO week in the report's zone, so the week, the
 * week before (for the change) and the chart's 8 weeks come back in one pass each.
 *
 * Raw SQL through drizzle's `sql`, because both drivers (PGlite, postgres.js) run it the same way.
 * Instants go in as ISO text cast to timestamptz (postgres.js refuses Date objects in raw SQL).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { CreditRow, SlaGroup, TimeGroup, WorstJob } from '../rules/kpi.js';

export interface Span {
  start: Date;
  end: Date;
  zone: string;
}

type Row = Record<string, unknown>;

export async function rowsOf(db: DbOrTx, q: SQL): Promise<Row[]> {
  const r = (await db.execute(q)) as unknown;
  return (Array.isArray(r) ? r : (r as { rows: Row[] }).rows) as Row[];
}

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

function idList(ids: string[]): SQL {
  return sql`(${sql.join(
    ids.map((i) => sql`${i}`),
    sql`, `,
  )})`;
}

/** "2026-W47" of an instant column, in the report's zone. */
const weekOf = (col: SQL, zone: string) => sql`to_char(date_trunc('week', ${col} at time zone ${zone}), 'IYYY-"W"IW')`;

const num = (v: unknown) => Number(v ?? 0);

/** Jobs closed per week, contract and priority, with how many met each window. */
export async function slaGroups(db: DbOrTx, ids: string[], teamOf: Map<string, string>, s: Span): Promise<Map<string, SlaGroup[]>> {
  const rows = await rowsOf(
    db,
    sql`select ${weekOf(sql`j.closed_at`, s.zone)} as week, j.contract_id, j.priority,
          count(*)::int as closed,
          count(*) filter (where not j.response_breached)::int as response_met,
          count(*) filter (where not j.restore_breached)::int as restore_met
        from jobs j
        where j.closed_at >= ${ts(s.start)} and j.closed_at < ${ts(s.end)} and j.contract_id in ${idList(ids)}
        group by 1, 2, 3`,
  );
  const out = new Map<string, SlaGroup[]>();
  for (const r of rows) {
    const list = out.get(String(r.week)) ?? [];
    const contractId = String(r.contract_id);
    list.push({ contractId, team: teamOf.get(contractId) ?? '', priority: String(r.priority), closed: num(r.closed), responseMet: num(r.response_met), restoreMet: num(r.restore_met) });
    out.set(String(r.week), list);
  }
  return out;
}

/** Jobs reported per week. */
export async function openedPerWeek(db: DbOrTx, ids: string[], s: Span): Promise<Map<string, number>> {
  const rows = await rowsOf(
    db,
    sql`select ${weekOf(sql`j.reported_at`, s.zone)} as week, count(*)::int as n
        from jobs j
        where j.contract_id in ${idList(ids)} and j.reported_at >= ${ts(s.start)} and j.reported_at < ${ts(s.end)}
        group by 1`,
  );
  return new Map(rows.map((r) => [String(r.week), num(r.n)]));
}

/**
 * Finished time entries per week, contract, UTC day, code, kind and approval. Minutes are whole
 * minutes between the truncated start and end, as the rating engine counts them.
 */
export async function timeGroups(db: DbOrTx, ids: string[], s: Span): Promise<Map<string, TimeGroup[]>> {
  const rows = await rowsOf(
    db,
    sql`select ${weekOf(sql`te.start_at`, s.zone)} as week, j.contract_id,
          to_char(te.start_at at time zone 'UTC', 'YYYY-MM-DD') as day, te.code, te.kind,
          (te.approval_id is not null) as approved,
          sum(extract(epoch from date_trunc('minute', te.end_at) - date_trunc('minute', te.start_at)) / 60)::float8 as minutes
        from time_entries te
        join jobs j on j.id = te.job_id
        where te.start_at >= ${ts(s.start)} and te.start_at < ${ts(s.end)}
          and te.end_at is not null and te.end_at > te.start_at
          and j.contract_id in ${idList(ids)}
        group by 1, 2, 3, 4, 5, 6`,
  );
  const out = new Map<string, TimeGroup[]>();
  for (const r of rows) {
    const list = out.get(String(r.week)) ?? [];
    list.push({ contractId: String(r.contract_id), date: String(r.day), code: String(r.code), kind: r.kind === 'travel' ? 'travel' : 'labour', approved: r.approved === true || r.approved === 't', minutes: num(r.minutes) });
    out.set(String(r.week), list);
  }
  return out;
}

/** Lines on invoices issued per week, and how many of those lines carry a dispute. */
export async function disputeCounts(db: DbOrTx, ids: string[], s: Span): Promise<Map<string, { lines: number; disputed: number; raised: number }>> {
  const [lines, raised] = await Promise.all([
    rowsOf(
      db,
      sql`select ${weekOf(sql`i.issued_at`, s.zone)} as week, count(*)::int as lines,
            count(*) filter (where exists (select 1 from disputes d where d.invoice_id = il.invoice_id and d.line_no = il.line_no))::int as disputed
          from invoices i
          join invoice_lines il on il.invoice_id = i.id
          where i.kind = 'invoice' and i.issued_at >= ${ts(s.start)} and i.issued_at < ${ts(s.end)} and i.contract_id in ${idList(ids)}
          group by 1`,
    ),
    rowsOf(
      db,
      sql`select ${weekOf(sql`d.created_at`, s.zone)} as week, count(*)::int as n
          from disputes d
          join invoices i on i.id = d.invoice_id
          where d.created_at >= ${ts(s.start)} and d.created_at < ${ts(s.end)} and i.contract_id in ${idList(ids)}
          group by 1`,
    ),
  ]);
  const out = new Map<string, { lines: number; disputed: number; raised: number }>();
  for (const r of lines) out.set(String(r.week), { lines: num(r.lines), disputed: num(r.disputed), raised: 0 });
  for (const r of raised) {
    const w = out.get(String(r.week)) ?? { lines: 0, disputed: 0, raised: 0 };
    w.raised = num(r.n);
    out.set(String(r.week), w);
  }
  return out;
}

/**
 * Close-to-invoice hours of the jobs whose first invoice issued after their close falls in each
 * week. A job on an invoice issued before it closed (work billed while still open) waits for the
 * first invoice after its close; one never closed has no lead time.
 */
export async function leadHours(db: DbOrTx, ids: string[], s: Span): Promise<Map<string, number[]>> {
  const rows = await rowsOf(
    db,
    sql`select week, extract(epoch from issued_at - closed_at)::float8 / 3600 as hours from (
          select distinct ${weekOf(sql`i.issued_at`, s.zone)} as week, il.job_id, i.issued_at, j.closed_at
          from invoices i
          join invoice_lines il on il.invoice_id = i.id
          join jobs j on j.id = il.job_id
          where i.kind = 'invoice' and i.issued_at >= ${ts(s.start)} and i.issued_at < ${ts(s.end)} and i.contract_id in ${idList(ids)}
            and il.job_id is not null and j.closed_at is not null and j.closed_at <= i.issued_at
            and not exists (
              select 1 from invoice_lines il2 join invoices i2 on i2.id = il2.invoice_id
              where il2.job_id = il.job_id and i2.kind = 'invoice' and i2.issued_at >= j.closed_at and i2.issued_at < i.issued_at)
        ) x`,
  );
  const out = new Map<string, number[]>();
  for (const r of rows) {
    const list = out.get(String(r.week)) ?? [];
    list.push(num(r.hours));
    out.set(String(r.week), list);
  }
  return out;
}

/** Credits recorded per week, contract and kind; a credit the cap cut to nothing was not issued. */
export async function creditRows(db: DbOrTx, ids: string[], currencyOf: (contractId: string) => string, s: Span): Promise<Map<string, CreditRow[]>> {
  const rows = await rowsOf(
    db,
    sql`select ${weekOf(sql`c.at`, s.zone)} as week, c.contract_id, c.kind, sum(c.amount)::float8 as amount, count(*)::int as n
        from credits c
        where c.contract_id in ${idList(ids)} and c.at >= ${ts(s.start)} and c.at < ${ts(s.end)} and c.amount > 0
        group by 1, 2, 3`,
  );
  const out = new Map<string, CreditRow[]>();
  for (const r of rows) {
    const list = out.get(String(r.week)) ?? [];
    list.push({ currency: currencyOf(String(r.contract_id)), kind: r.kind === 'goodwill' ? 'goodwill' : 'sla', amount: num(r.amount), count: num(r.n) });
    out.set(String(r.week), list);
  }
  return out;
}

/** When each renewal pack of these contracts was first produced, by scheduled_runs key. */
export async function renewalMarkers(db: DbOrTx, keys: string[]): Promise<Map<string, Date>> {
  if (!keys.length) return new Map();
  const rows = await rowsOf(db, sql`select key, at from scheduled_runs where key in ${idList(keys)}`);
  return new Map(rows.map((r) => [String(r.key), new Date(r.at as string | Date)]));
}

/**
 * The jobs that hurt the SLA most in a week: closed in it with a breach, or breached before its
 * end and still open; ranked by minutes past the earliest breached due time.
 */
export async function worstJobs(db: DbOrTx, ids: string[], week: Span, limit = 3): Promise<(Omit<WorstJob, 'credit'> & { id: number })[]> {
  const due = sql`least(case when j.response_breached then j.response_due_at end, case when j.restore_breached then j.restore_due_at end)`;
  const rows = await rowsOf(
    db,
    sql`select * from (
          select j.id, j.ref, j.contract_id, j.site_id, j.priority, j.summary, j.response_breached, j.restore_breached, false as open,
            extract(epoch from j.closed_at - ${due})::float8 / 60 as late
          from jobs j
          where j.closed_at >= ${ts(week.start)} and j.closed_at < ${ts(week.end)} and j.contract_id in ${idList(ids)}
            and (j.response_breached or j.restore_breached)
          union all
          select j.id, j.ref, j.contract_id, j.site_id, j.priority, j.summary, j.response_breached, j.restore_breached, true as open,
            extract(epoch from ${ts(week.end)} - ${due})::float8 / 60 as late
          from jobs j
          where j.closed_at is null and (j.response_breached or j.restore_breached) and j.status <> 'cancelled'
            and j.reported_at < ${ts(week.end)} and j.contract_id in ${idList(ids)} and ${due} < ${ts(week.end)}
        ) x
        order by late desc nulls last, ref
        limit ${limit}`,
  );
  return rows.map((r) => ({
    id: num(r.id),
    ref: String(r.ref),
    contractId: String(r.contract_id),
    siteId: String(r.site_id),
    priority: String(r.priority),
    summary: String(r.summary),
    windows: [...(r.response_breached ? (['response'] as const) : []), ...(r.restore_breached ? (['restore'] as const) : [])],
    lateMinutes: Math.max(0, Math.round(num(r.late))),
    open: r.open === true || r.open === 't',
  }));
}

/** SLA credits recorded for some jobs, by job id. */
export async function jobCredits(db: DbOrTx, jobIds: number[]): Promise<Map<number, number>> {
  if (!jobIds.length) return new Map();
  const rows = await rowsOf(
    db,
    sql`select job_id, sum(amount)::float8 as amount from credits where job_id in ${sql`(${sql.join(
      jobIds.map((i) => sql`${i}`),
      sql`, `,
    )})`} and kind = 'sla' group by 1`,
  );
  return new Map(rows.map((r) => [num(r.job_id), num(r.amount)]));
}
