/**
 * The finished, not deleted, time entries of a contract that start in a span, for rating. A busy month holds a
 * hundred thousand of them: they are read as one JSON array of arrays (instants as epoch
 * milliseconds), which both drivers parse many times faster than as many rows.
 */
import { and, eq, gte, isNotNull, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { rowsOf } from '../../db/rows.js';
import { jobs, timeEntries } from '../../db/schema.js';

export interface PeriodEntry {
  id: number;
  jobId: number;
  personId: number;
  code: string;
  kind: string;
  startAt: Date;
  endAt: Date;
  approvalId: number | null;
}

type Packed = [number, number, number, string, string, number, number, number | null];

/**
 * Which time entries a span rates, over `time_entries` joined to `jobs`: the contract's finished,
 * not deleted entries starting in [from, to). The entries themselves and the span's job sets both
 * select with it.
 */
export function periodEntryWhere(contractId: string, from: Date, to: Date): SQL {
  return and(eq(jobs.contractId, contractId), isNotNull(timeEntries.endAt), isNull(timeEntries.deletedAt), gte(timeEntries.startAt, from), lt(timeEntries.startAt, to))!;
}

export async function periodEntries(db: DbOrTx, contractId: string, from: Date, to: Date): Promise<PeriodEntry[]> {
  const [row] = await rowsOf(
    db,
    sql`
      select coalesce(json_agg(json_build_array(${timeEntries.id}, ${timeEntries.jobId}, ${timeEntries.personId}, ${timeEntries.code}, ${timeEntries.kind},
        (extract(epoch from ${timeEntries.startAt}) * 1000)::bigint, (extract(epoch from ${timeEntries.endAt}) * 1000)::bigint, ${timeEntries.approvalId})), '[]'::json) as entries
      from ${timeEntries} join ${jobs} on ${jobs.id} = ${timeEntries.jobId}
      where ${periodEntryWhere(contractId, from, to)}`,
  );
  const raw = row?.entries;
  const packed = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Packed[];
  return packed.map(([id, jobId, personId, code, kind, start, end, approvalId]) => ({ id, jobId, personId, code, kind, startAt: new Date(start), endAt: new Date(end), approvalId }));
}
