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
import { rowsOf } from '../../db/rows.js';
import type { CreditRow, SlaGroup, TimeGroup, Week, WorstJob } from '../rules/kpi.js';

/** Consecutive weeks a query covers; rows are bucketed into them by `width_bucket`. */
export interface Span {
  weeks: Week[];
}

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/** The contracts a report covers; `all` skips the per-row test when it covers every contract. */
export interface Contracts {
  ids: string[];
  all: boolean;
}

function inContracts(col: SQL, c: Contracts): SQL {
  return c.all ? sql`true` : sql`${col} in ${idList(c.ids)}`;
}

function idList(ids: (string | number)[]): SQL {
  return sql`(${sql.join(
    ids.map((i) => sql`${i}`),
    sql`, `,
  )})`;
}

const first = (s: Span) => s.weeks[0]!.start;
const last = (s: Span) => s.weeks[s.weeks.length - 1]!.end;

/**
 * The week an instant falls in, as a bucket number (1 = the span's first week). width_bucket over
 * the weeks' start instants is a binary search per row, far cheaper than converting every row to
 * local time (`at time zone`, `to_char`), and exact across DST weeks of 167 or 169 hours.
 */
function bucket(col: SQL, s: Span): SQL {
  return sql`width_bucket(${col}, ${`{${s.weeks.map((w) => w.start.toISOString()).join(',')}}`}::timestamptz[])`;
}

/** UTC dates from the day of `from` to the day of `to` (inclusive of a partial last day). */
function utcDays(from: Date, to: Date): string[] {
  const out: string[] = [];
  for (let t = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()); t < to.getTime(); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** The UTC day of an instant as a bucket number into `days` (same trick as `bucket`). */
function dayBucket(col: SQL, days: string[]): SQL {
  return sql`width_bucket(${col}, ${`{${days.map((d) => `${d}T00:00:00Z`).join(',')}}`}::timestamptz[])`;
}

function label(s: Span, b: unknown): string {
  return s.weeks[Number(b) - 1]?.label ?? '';
}

const num = (v: unknown) => Number(v ?? 0);
const bool = (v: unknown) => v === true || v === 't';

function push<T>(m: Map<string, T[]>, k: string, v: T): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

/** Jobs closed per week (chart weeks): totals only, so the rows are grouped by a number, not text. */
export async function slaTotals(db: DbOrTx, c: Contracts, s: Span): Promise<Map<string, SlaGroup[]>> {
  const rows = await rowsOf(
    db,
    sql`select ${bucket(sql`j.closed_at`, s)} as b,
          count(*)::int as closed,
          count(*) filter (where not j.response_breached)::int as response_met,
          count(*) filter (where not j.restore_breached)::int as restore_met
        from jobs j
        where j.closed_at >= ${ts(first(s))} and j.closed_at < ${ts(last(s))} and ${inContracts(sql`j.contract_id`, c)}
        group by 1`,
  );
  return new Map(rows.map((r) => [label(s, r.b), [{ contractId: '', team: '', priority: '', closed: num(r.closed), responseMet: num(r.response_met), restoreMet: num(r.restore_met) }]]));
}

/** Jobs closed per week, contract and priority, with how many met each window (index-only scan). */
export async function slaGroups(db: DbOrTx, c: Contracts, teamOf: Map<string, string>, s: Span): Promise<Map<string, SlaGroup[]>> {
  const rows = await rowsOf(
    db,
    sql`select ${bucket(sql`j.closed_at`, s)} as b, j.contract_id, j.priority,
          count(*)::int as closed,
          count(*) filter (where not j.response_breached)::int as response_met,
          count(*) filter (where not j.restore_breached)::int as restore_met
        from jobs j
        where j.closed_at >= ${ts(first(s))} and j.closed_at < ${ts(last(s))} and ${inContracts(sql`j.contract_id`, c)}
        group by 1, 2, 3`,
  );
  const out = new Map<string, SlaGroup[]>();
  for (const r of rows) {
    const contractId = String(r.contract_id);
    push(out, label(s, r.b), { contractId, team: teamOf.get(contractId) ?? '', priority: String(r.priority), closed: num(r.closed), responseMet: num(r.response_met), restoreMet: num(r.restore_met) });
  }
  return out;
}

/** Jobs reported per week. */
export async function openedPerWeek(db: DbOrTx, c: Contracts, s: Span): Promise<Map<string, number>> {
  const rows = await rowsOf(
    db,
    sql`select ${bucket(sql`j.reported_at`, s)} as b, count(*)::int as n
        from jobs j
        where ${inContracts(sql`j.contract_id`, c)} and j.reported_at >= ${ts(first(s))} and j.reported_at < ${ts(last(s))}
        group by 1`,
  );
  return new Map(rows.map((r) => [label(s, r.b), num(r.n)]));
}

/**
 * Finished time entries per week, contract, UTC day, code, kind and approval. Minutes are whole
 * minutes between the truncated start and end, as the rating engine counts them. Entries are
 * summed per job first, then each job's contract is read by primary key: as a join, the planner
 * reads all of jobs once it expects thousands of jobs, which costs more than the look-ups.
 */
export async function timeGroups(db: DbOrTx, c: Contracts, s: Span): Promise<Map<string, TimeGroup[]>> {
  const days = utcDays(first(s), last(s));
  const rows = await rowsOf(
    db,
    sql`with t as materialized (
          select te.job_id, ${bucket(sql`te.start_at`, s)} as b, ${dayBucket(sql`te.start_at`, days)} as d, te.code, te.kind,
            (te.approval_id is not null) as approved,
            -- whole minutes between the minute-truncated instants, in float arithmetic (extract
            -- returns numeric, which sums several times slower)
            sum(floor(date_part('epoch', te.end_at) / 60) - floor(date_part('epoch', te.start_at) / 60)) as minutes
          from time_entries te
          where te.start_at >= ${ts(first(s))} and te.start_at < ${ts(last(s))} and te.end_at is not null and te.end_at > te.start_at and te.deleted_at is null
          group by 1, 2, 3, 4, 5, 6
        ), jc as materialized (
          select job_id, (select j.contract_id from jobs j where j.id = t.job_id) as contract_id from (select distinct job_id from t) t
        )
        select t.b, jc.contract_id, t.d, t.code, t.kind, t.approved, sum(t.minutes)::float8 as minutes
        from t join jc on jc.job_id = t.job_id
        where ${inContracts(sql`jc.contract_id`, c)}
        group by 1, 2, 3, 4, 5, 6`,
  );
  const out = new Map<string, TimeGroup[]>();
  for (const r of rows) {
    push(out, label(s, r.b), { contractId: String(r.contract_id), date: days[num(r.d) - 1] ?? '', code: String(r.code), kind: r.kind === 'travel' ? 'travel' : 'labour', approved: bool(r.approved), minutes: num(r.minutes) });
  }
  return out;
}

interface InvoiceRef {
  id: number;
  contractId: string;
  b: number;
  issuedAt: Date;
  /** the same contract's previous invoice, if any */
  prevIssuedAt: Date | null;
}

/** The invoices (not credit notes) issued in the span, with the issue date of each one's predecessor. */
async function invoicesIn(db: DbOrTx, c: Contracts, s: Span): Promise<InvoiceRef[]> {
  const rows = await rowsOf(
    db,
    sql`select i.id, i.contract_id, ${bucket(sql`i.issued_at`, s)} as b, i.issued_at,
          (select max(p.issued_at) from invoices p where p.contract_id = i.contract_id and p.kind = 'invoice' and p.issued_at < i.issued_at) as prev
        from invoices i
        where i.kind = 'invoice' and i.issued_at >= ${ts(first(s))} and i.issued_at < ${ts(last(s))} and ${inContracts(sql`i.contract_id`, c)}`,
  );
  return rows.map((r) => ({ id: num(r.id), contractId: String(r.contract_id), b: num(r.b), issuedAt: new Date(r.issued_at as string), prevIssuedAt: r.prev ? new Date(r.prev as string) : null }));
}

/** Lines on invoices issued per week, how many of those lines carry a dispute, disputes raised, and disputes settled by outcome. */
export async function disputeCounts(db: DbOrTx, c: Contracts, s: Span): Promise<Map<string, { lines: number; disputed: number; raised: number; accepted: number; rejected: number }>> {
  const invs = await invoicesIn(db, c, s);
  const byInvoice = new Map(invs.map((i) => [i.id, label(s, i.b)]));
  const [lines, disputed, raised, settled] = await Promise.all([
    invs.length ? rowsOf(db, sql`select invoice_id, count(*)::int as n from invoice_lines where invoice_id in ${idList(invs.map((i) => i.id))} group by 1`) : [],
    invs.length ? rowsOf(db, sql`select invoice_id, count(distinct line_no)::int as n from disputes where invoice_id in ${idList(invs.map((i) => i.id))} group by 1`) : [],
    rowsOf(
      db,
      sql`select ${bucket(sql`d.created_at`, s)} as b, count(*)::int as n
          from disputes d
          join invoices i on i.id = d.invoice_id
          where d.created_at >= ${ts(first(s))} and d.created_at < ${ts(last(s))} and ${inContracts(sql`i.contract_id`, c)}
          group by 1`,
    ),
    rowsOf(
      db,
      sql`select ${bucket(sql`d.resolved_at`, s)} as b, d.status, count(*)::int as n
          from disputes d
          join invoices i on i.id = d.invoice_id
          where d.resolved_at >= ${ts(first(s))} and d.resolved_at < ${ts(last(s))} and ${inContracts(sql`i.contract_id`, c)}
          group by 1, 2`,
    ),
  ]);
  const out = new Map<string, { lines: number; disputed: number; raised: number; accepted: number; rejected: number }>();
  const at = (k: string) => {
    let w = out.get(k);
    if (!w) out.set(k, (w = { lines: 0, disputed: 0, raised: 0, accepted: 0, rejected: 0 }));
    return w;
  };
  for (const r of lines) at(byInvoice.get(num(r.invoice_id))!).lines += num(r.n);
  for (const r of disputed) at(byInvoice.get(num(r.invoice_id))!).disputed += num(r.n);
  for (const r of raised) at(label(s, r.b)).raised += num(r.n);
  for (const r of settled) {
    if (r.status === 'accepted') at(label(s, r.b)).accepted += num(r.n);
    else if (r.status === 'rejected') at(label(s, r.b)).rejected += num(r.n);
  }
  return out;
}

/**
 * Close-to-invoice hours of the jobs whose first invoice issued after their close falls in each
 * week. A job on an invoice issued before it closed (work billed while still open) waits for the
 * first invoice after its close; one never closed has no lead time.
 */
export async function leadHours(db: DbOrTx, c: Contracts, s: Span): Promise<Map<string, number[]>> {
  const invs = await invoicesIn(db, c, s);
  if (!invs.length) return new Map();
  const withPrev = invs.filter((i) => i.prevIssuedAt);
  const from = withPrev.length ? new Date(Math.min(...withPrev.map((i) => i.prevIssuedAt!.getTime()))) : null;
  const to = new Date(Math.max(...invs.map((i) => i.issuedAt.getTime())));
  const arr = (xs: (string | number | null)[], type: string) => sql`${`{${xs.map((x) => (x === null ? 'NULL' : String(x))).join(',')}}`}::${sql.raw(type)}[]`;
  // Jobs closed since their contract's previous invoice (most of the lines) come from one range
  // scan of the close-time index (index-only) and cannot be on an earlier invoice issued after
  // their close. The rest (closed earlier, or not closed) are read by primary key, and only they
  // pay for the look-up of earlier invoices. As a plain join the planner reads all of jobs instead.
  const rows = await rowsOf(
    db,
    sql`with inv as materialized (
          select * from unnest(${arr(
            invs.map((i) => i.id),
            'int',
          )}, ${arr(
            invs.map((i) => i.issuedAt.toISOString()),
            'timestamptz',
          )}, ${arr(
            invs.map((i) => i.prevIssuedAt?.toISOString() ?? null),
            'timestamptz',
          )}) as t(id, issued_at, prev)
        ), il as materialized (
          select distinct invoice_id, job_id from invoice_lines where invoice_id in ${idList(invs.map((i) => i.id))} and job_id is not null
        ), recent as materialized (
          ${from ? sql`select id, closed_at from jobs where closed_at > ${ts(from)} and closed_at <= ${ts(to)}` : sql`select id, closed_at from jobs where false`}
        ), matched as materialized (
          select il.invoice_id, il.job_id, inv.issued_at, r.closed_at
          from il join inv on inv.id = il.invoice_id join recent r on r.id = il.job_id
          where inv.prev is not null and r.closed_at > inv.prev and r.closed_at <= inv.issued_at
        ), older as materialized (
          select il.invoice_id, il.job_id, inv.issued_at, (select j.closed_at from jobs j where j.id = il.job_id) as closed_at
          from il join inv on inv.id = il.invoice_id
          where not exists (select 1 from matched m where m.invoice_id = il.invoice_id and m.job_id = il.job_id)
        )
        select invoice_id, extract(epoch from issued_at - closed_at)::float8 / 3600 as hours from matched
        union all
        select o.invoice_id, extract(epoch from o.issued_at - o.closed_at)::float8 / 3600
        from older o
        where o.closed_at is not null and o.closed_at <= o.issued_at
          and not exists (
            select 1 from invoice_lines il2 join invoices i2 on i2.id = il2.invoice_id
            where il2.job_id = o.job_id and i2.kind = 'invoice' and i2.issued_at >= o.closed_at and i2.issued_at < o.issued_at)`,
  );
  const weekOf = new Map(invs.map((i) => [i.id, label(s, i.b)]));
  const out = new Map<string, number[]>();
  for (const r of rows) push(out, weekOf.get(num(r.invoice_id))!, num(r.hours));
  return out;
}

/** Credits recorded per week, contract and kind; a credit the cap cut to nothing was not issued. */
export async function creditRows(db: DbOrTx, c: Contracts, currencyOf: (contractId: string) => string, s: Span): Promise<Map<string, CreditRow[]>> {
  const rows = await rowsOf(
    db,
    sql`select ${bucket(sql`cr.at`, s)} as b, cr.contract_id, cr.kind, sum(cr.amount)::float8 as amount, count(*)::int as n
        from credits cr
        where ${inContracts(sql`cr.contract_id`, c)} and cr.at >= ${ts(first(s))} and cr.at < ${ts(last(s))} and cr.amount > 0
        group by 1, 2, 3`,
  );
  const out = new Map<string, CreditRow[]>();
  for (const r of rows) push(out, label(s, r.b), { currency: currencyOf(String(r.contract_id)), kind: r.kind === 'goodwill' ? 'goodwill' : 'sla', amount: num(r.amount), count: num(r.n) });
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
export async function worstJobs(db: DbOrTx, c: Contracts, week: Week, limit = 3): Promise<(Omit<WorstJob, 'credit'> & { id: number })[]> {
  const due = sql`least(case when j.response_breached then j.response_due_at end, case when j.restore_breached then j.restore_due_at end)`;
  const rows = await rowsOf(
    db,
    sql`select * from (
          select j.id, j.ref, j.contract_id, j.site_id, j.priority, j.summary, j.response_breached, j.restore_breached, false as open,
            extract(epoch from j.closed_at - ${due})::float8 / 60 as late
          from jobs j
          where j.closed_at >= ${ts(week.start)} and j.closed_at < ${ts(week.end)} and ${inContracts(sql`j.contract_id`, c)}
            and (j.response_breached or j.restore_breached)
          union all
          select j.id, j.ref, j.contract_id, j.site_id, j.priority, j.summary, j.response_breached, j.restore_breached, true as open,
            extract(epoch from ${ts(week.end)} - ${due})::float8 / 60 as late
          from jobs j
          where j.closed_at is null and (j.response_breached or j.restore_breached) and j.status <> 'cancelled'
            and j.reported_at < ${ts(week.end)} and ${inContracts(sql`j.contract_id`, c)} and ${due} < ${ts(week.end)}
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
    sql`select job_id, sum(amount)::float8 as amount from credits where job_id in ${idList(jobIds)} and kind = 'sla' group by 1`,
  );
  return new Map(rows.map((r) => [num(r.job_id), num(r.amount)]));
}
