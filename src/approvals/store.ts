/** Reading approvals back, and everything their card shows, fresh, so an updated card tells the truth. */
import { and, arrayContains, arrayOverlaps, asc, desc, eq, ne, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { approvals, auditLog, jobs, people } from '../../db/schema.js';
import { getVersion, type ContractVersion } from '../contracts/store.js';
import { firstZone } from '../contracts/save-terms.js';
import { notFound } from '../errors.js';
import { jobZone } from '../jobs/site-zone.js';
import type { JobRow } from '../jobs/job-store.js';
import type { ApprovalKind, Contract } from '../rules/contract-types.js';
import { parseRequest, type ApprovalRow, type ParsedRequest } from './model.js';
import { escalated, policyFor, policyText } from './policy.js';
import { customerDecisionOf, type CustomerDecision } from './customer-decide.js';
import { t } from '../i18n/t.js';

export interface ApprovalView {
  row: ApprovalRow;
  parsed: ParsedRequest;
  version: ContractVersion;
  contract: Contract;
  job?: JobRow;
  requester: { id: number; name: string };
  decider?: { id: number; name: string };
  /**
   * people.id of everyone who may decide it now: active people with one of the request's decider
   * roles (then admins, who may do anything a role allows), never the requester. Empty once decided.
   */
  deciders: number[];
  /** the contract's rule, as written: "approvals.outOfScope: approvers manager, autoApproveUnder 150.00" */
  rule: string;
  /** true when the amount is beyond `limit`, so the `above` roles decide */
  escalated: boolean;
  /** the customer quote drafted when out-of-scope work was approved */
  quoteDraftId?: number;
  /** the customer's answer to that quote, from the quote page */
  customer?: CustomerDecision;
  zone: string;
  now: Date;
}

/** "#12", "12" -> 12; undefined when it is not an approval number. */
export function parseApprovalId(typed: string | number): number | undefined {
  if (typeof typed === 'number') return Number.isInteger(typed) && typed > 0 ? typed : undefined;
  const m = /^#?(\d{1,9})$/.exec(typed.trim());
  return m ? Number(m[1]) : undefined;
}

export async function findApproval(db: DbOrTx, id: number): Promise<ApprovalRow> {
  const [row] = await db.select().from(approvals).where(eq(approvals.id, id));
  if (!row) throw notFound(t('errors-approvals.no-request', { id: String(id) }));
  return row;
}

async function personName(db: DbOrTx, id: number | null): Promise<{ id: number; name: string } | undefined> {
  if (!id) return undefined;
  const [p] = await db.select({ id: people.id, name: people.name }).from(people).where(eq(people.id, id));
  return p;
}

/** Who may decide a pending request; the verb checks the same roles when someone clicks. */
async function decidersOf(db: DbOrTx, row: ApprovalRow): Promise<number[]> {
  if (row.status !== 'pending' || !row.deciderRoles.length) return [];
  const rows = await db
    .select({ id: people.id, roles: people.roles })
    .from(people)
    .where(and(eq(people.active, true), ne(people.id, row.requesterId), or(arrayOverlaps(people.roles, row.deciderRoles), arrayContains(people.roles, ['admin']))))
    .orderBy(asc(people.id));
  const byRole = rows.filter((p) => p.roles.some((r) => row.deciderRoles.includes(r)));
  return [...byRole, ...rows.filter((p) => !byRole.includes(p))].map((p) => p.id);
}

export async function loadApprovalView(db: DbOrTx, id: number, now: Date): Promise<ApprovalView> {
  const row = await findApproval(db, id);
  const parsed = parseRequest(row);
  const version = await getVersion(db, row.contractId, parsed.request.version);
  const [job] = row.jobId ? await db.select().from(jobs).where(eq(jobs.id, row.jobId)) : [];
  const requester = (await personName(db, row.requesterId)) ?? { id: row.requesterId, name: `person #${row.requesterId}` };
  const [drafted] = await db
    .select({ data: auditLog.data })
    .from(auditLog)
    .where(and(eq(auditLog.subjectKind, 'approval'), eq(auditLog.subjectId, String(id)), eq(auditLog.action, 'approval.quote_drafted')))
    .orderBy(desc(auditLog.id))
    .limit(1);
  const kind = row.kind as ApprovalKind;
  return {
    row,
    parsed,
    version,
    contract: version.contract,
    job,
    requester,
    decider: await personName(db, row.deciderId),
    deciders: await decidersOf(db, row),
    rule: policyText(version.contract, kind),
    escalated: escalated(policyFor(version.contract, kind).policy, row.amount),
    quoteDraftId: (drafted?.data as { message?: number } | undefined)?.message,
    customer: kind === 'outOfScope' && row.status === 'approved' ? await customerDecisionOf(db, id) : undefined,
    zone: job ? await jobZone(db, job) : firstZone(version.contract),
    now,
  };
}

/** Approval ids of a job or a contract (for the audit trail). */
export async function approvalIdsOf(db: DbOrTx, where: { jobId: number } | { contractId: string }): Promise<number[]> {
  const rows = await db
    .select({ id: approvals.id })
    .from(approvals)
    .where('jobId' in where ? eq(approvals.jobId, where.jobId) : sql`lower(${approvals.contractId}) = lower(${where.contractId})`);
  return rows.map((r) => r.id);
}
