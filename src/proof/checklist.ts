/**
 * A job's checklists: which task codes it has, which of their checklists are in the contracted
 * scope, and the state of every step. Rules (docs/proof.md):
 * - the job's codes are its planned task code (else the contract's default labour code, the code
 *   billing logs its labour to), the codes of its time entries, the codes already ticked and the
 *   codes of approved out-of-scope requests on it;
 * - a checklist of an out-of-scope code (or one the rate library lacks) is listed only once an
 *   out-of-scope request for this job and code is approved;
 * - safety steps are shown first; a step can be confirmed once every earlier step (contract order)
 *   that is required or safety-critical is confirmed, so safety steps go one by one, in order.
 */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { approvals, attachments, checklistTicks, people, timeEntries } from '../../db/schema.js';
import { defaultLabourRate } from '../billing/entry-checks.js';
import { getVersion, matchId, type ContractVersion } from '../contracts/store.js';
import type { JobRow } from '../jobs/job-store.js';
import { jobZone } from '../jobs/site-zone.js';
import type { ChecklistStep, Contract, ProofKind, Rate } from '../rules/contract-types.js';

export type Proof =
  | { kind: 'reading'; value: string; unit: string }
  | { kind: 'signature'; name: string; role: string; at: string; attachmentId?: number }
  | { kind: 'photo'; attachmentId: number };

export interface Tick {
  at: Date;
  personId: number | null;
  personName: string;
  proof: Proof | null;
}

export interface StepState extends ChecklistStep {
  code: string;
  /** position in the contract's list, 0-based (what buttons and the database carry) */
  index: number;
  /** what people type: index + 1 */
  number: number;
  tick?: Tick;
  /** numbers of earlier required or safety steps still open */
  waitsFor: number[];
}

export interface CodeChecklist {
  code: string;
  name: string;
  steps: StepState[];
}

/** Safety steps first (contract order among them), then the others in contract order. */
export function displayOrder<T extends { safety: boolean; index: number }>(steps: T[]): T[] {
  return [...steps].sort((a, b) => (a.safety === b.safety ? a.index - b.index : a.safety ? -1 : 1));
}

/** Earlier steps that gate step `index`: required or safety steps before it, not yet ticked. */
export function waitsFor(steps: ChecklistStep[], index: number, ticked: Set<number>): number[] {
  const out: number[] = [];
  for (let j = 0; j < index; j++) {
    const s = steps[j]!;
    if ((s.required || s.safety) && !ticked.has(j)) out.push(j + 1);
  }
  return out;
}

export function buildChecklist(code: string, name: string, steps: ChecklistStep[], ticks: Map<number, Tick>): CodeChecklist {
  const ticked = new Set(ticks.keys());
  const states: StepState[] = steps.map((s, i) => ({ ...s, code, index: i, number: i + 1, tick: ticks.get(i), waitsFor: waitsFor(steps, i, ticked) }));
  return { code, name, steps: displayOrder(states) };
}

/** The contract's checklist key for a code, matched case-insensitively. */
export function checklistOf(c: Contract, code: string): { code: string; steps: ChecklistStep[] } | undefined {
  const key = Object.keys(c.checklists).find((k) => k.toLowerCase() === code.toLowerCase());
  return key ? { code: key, steps: c.checklists[key]! } : undefined;
}

export function rateOf(c: Contract, code: string): Rate | undefined {
  return matchId(c.rates, (r) => r.code, code);
}

/** In scope: a library code not marked out of scope, or one with an approved request on this job. */
export function inScope(c: Contract, code: string, approvedCodes: Set<string>): boolean {
  const rate = rateOf(c, code);
  if (rate && !rate.outOfScope) return true;
  return approvedCodes.has(code.toUpperCase());
}

export interface JobChecklists {
  job: JobRow;
  version: ContractVersion;
  contract: Contract;
  zone: string;
  /** codes the job has, in the order found (upper-cased for comparison, shown as the contract writes them) */
  codes: string[];
  lists: CodeChecklist[];
  /** checklists of codes the job has but that are outside the scope without an approval */
  outOfScope: { code: string; name: string; unit: string }[];
  approvedCodes: Set<string>;
}

async function approvedCodesOf(db: DbOrTx, jobId: number): Promise<Set<string>> {
  const rows = await db
    .select({ code: sql<string | null>`${approvals.request}->>'code'` })
    .from(approvals)
    .where(and(eq(approvals.jobId, jobId), eq(approvals.kind, 'outOfScope'), eq(approvals.status, 'approved')));
  return new Set(rows.flatMap((r) => (r.code ? [r.code.toUpperCase()] : [])));
}

export async function ticksOf(db: DbOrTx, jobId: number): Promise<(typeof checklistTicks.$inferSelect & { personName: string | null })[]> {
  const rows = await db
    .select({ t: checklistTicks, personName: people.name })
    .from(checklistTicks)
    .leftJoin(people, eq(people.id, checklistTicks.personId))
    .where(eq(checklistTicks.jobId, jobId))
    .orderBy(asc(checklistTicks.at), asc(checklistTicks.id));
  return rows.map((r) => ({ ...r.t, personName: r.personName }));
}

/**
 * Everything about a job's checklists. `extraCode` is a code someone asked for explicitly
 * (`/check J-1001 ELEC-SAFETY`); it is shown if in scope, else reported as out of scope.
 */
export async function loadChecklists(db: DbOrTx, job: JobRow, extraCode?: string): Promise<JobChecklists> {
  // Checklists follow the version the job was reported under, like its SLA clocks.
  const version = await getVersion(db, job.contractId, job.contractVersion);
  const c = version.contract;
  const [entryCodes, ticks, approvedCodes] = await Promise.all([
    db.selectDistinct({ code: timeEntries.code }).from(timeEntries).where(and(eq(timeEntries.jobId, job.id), isNull(timeEntries.deletedAt))),
    ticksOf(db, job.id),
    approvedCodesOf(db, job.id),
  ]);
  const seen = new Map<string, string>();
  const add = (code: string | null | undefined) => {
    if (!code) return;
    const k = code.toUpperCase();
    if (!seen.has(k)) seen.set(k, rateOf(c, code)?.code ?? checklistOf(c, code)?.code ?? code);
  };
  add(job.taskCode ?? defaultLabourRate(c)?.code);
  for (const r of entryCodes) add(r.code);
  for (const t of ticks) add(t.code);
  for (const a of approvedCodes) if (checklistOf(c, a)) add(a);
  if (extraCode) add(extraCode);
  const codes = [...seen.values()];

  const lists: CodeChecklist[] = [];
  const outOfScope: JobChecklists['outOfScope'] = [];
  for (const code of codes) {
    const cl = checklistOf(c, code);
    if (!cl) continue;
    const rate = rateOf(c, code);
    if (!inScope(c, code, approvedCodes)) {
      outOfScope.push({ code: cl.code, name: rate?.name ?? cl.code, unit: rate?.unit ?? 'each' });
      continue;
    }
    const tickMap = new Map<number, Tick>();
    for (const t of ticks) {
      if (t.code.toUpperCase() !== cl.code.toUpperCase()) continue;
      tickMap.set(t.stepIndex, { at: t.at, personId: t.personId, personName: t.personName ?? 'someone', proof: (t.proof as Proof | null) ?? null });
    }
    lists.push(buildChecklist(cl.code, rate?.name ?? cl.code, cl.steps, tickMap));
  }
  return { job, version, contract: c, zone: await jobZone(db, job), codes, lists, outOfScope, approvedCodes };
}

export interface MissingStep {
  code: string;
  number: number;
  step: string;
  safety: boolean;
  proof?: ProofKind;
}

/** Required steps not confirmed yet, in display order. */
export function missingRequired(lists: CodeChecklist[]): MissingStep[] {
  return lists.flatMap((l) => l.steps.filter((s) => s.required && !s.tick).map((s) => ({ code: l.code, number: s.number, step: s.step, safety: s.safety, proof: s.proof })));
}

export function describeMissing(m: MissingStep): string {
  return `${m.code} step ${m.number}: ${m.step}${m.safety ? ' (safety)' : ''}${m.proof ? `, needs a ${m.proof}` : ''}`;
}

export type AttachmentRow = typeof attachments.$inferSelect;

export async function attachmentsOf(db: DbOrTx, jobId: number): Promise<AttachmentRow[]> {
  return db.select().from(attachments).where(eq(attachments.jobId, jobId)).orderBy(asc(attachments.id));
}
