/** Hand-made rows for the KPI tests: jobs with the SLA columns already as the engine leaves them. */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { credits, disputes, invoiceLines, invoices, jobs, people, timeEntries } from '../../db/schema.js';

let n = 0;

export interface JobSpec {
  contract?: string;
  site?: string;
  priority?: string;
  status?: string;
  summary?: string;
  reportedAt: string;
  closedAt?: string;
  responseDueAt?: string;
  restoreDueAt?: string;
  responseBreached?: boolean;
  restoreBreached?: boolean;
}

export async function insertJob(db: Db, s: JobSpec): Promise<{ id: number; ref: string }> {
  n++;
  const contract = s.contract ?? 'ACME-HVAC';
  const [row] = await db
    .insert(jobs)
    .values({
      ref: `J-T${n}`,
      contractId: contract,
      contractVersion: 1,
      siteId: s.site ?? (contract === 'ACME-HVAC' ? 'PAR-HQ' : contract === 'NORTHWIND-TEL' ? 'LDN-CORE' : 'X'),
      priority: s.priority ?? 'P2',
      status: s.status ?? (s.closedAt ? 'closed' : 'open'),
      summary: s.summary ?? `job ${n}`,
      reportedAt: new Date(s.reportedAt),
      responseDueAt: s.responseDueAt ? new Date(s.responseDueAt) : null,
      restoreDueAt: s.restoreDueAt ? new Date(s.restoreDueAt) : null,
      responseState: s.responseBreached ? 'breached' : s.closedAt ? 'met' : 'running',
      restoreState: s.restoreBreached ? 'breached' : s.closedAt ? 'met' : 'running',
      responseBreached: s.responseBreached ?? false,
      restoreBreached: s.restoreBreached ?? false,
      sla: { alerted: [] },
      closedAt: s.closedAt ? new Date(s.closedAt) : null,
    })
    .returning({ id: jobs.id, ref: jobs.ref });
  return row!;
}

export async function personId(db: Db, email = 'tom@demo.example'): Promise<number> {
  const [p] = await db.select({ id: people.id }).from(people).where(eq(people.email, email));
  return p!.id;
}

export async function insertTime(db: Db, jobId: number, code: string, start: string, end: string | null, opts: { approvalId?: number; kind?: string; person?: number } = {}): Promise<void> {
  await db.insert(timeEntries).values({
    jobId,
    personId: opts.person ?? (await personId(db)),
    code,
    kind: opts.kind ?? 'labour',
    startAt: new Date(start),
    endAt: end ? new Date(end) : null,
    approvalId: opts.approvalId ?? null,
  });
}

/** An issued invoice with one line per entry (job id or null for the fee); returns its id. */
export async function insertInvoice(db: Db, contract: string, issuedAt: string, period: { from: string; to: string }, lines: (number | null)[]): Promise<number> {
  n++;
  const [inv] = await db
    .insert(invoices)
    .values({ number: `INV-T${n}`, contractId: contract, periodFrom: period.from, periodTo: period.to, currency: 'EUR', total: 1000 * lines.length, issuedAt: new Date(issuedAt) })
    .returning({ id: invoices.id });
  await db.insert(invoiceLines).values(lines.map((jobId, i) => ({ invoiceId: inv!.id, lineNo: i + 1, line: { description: `line ${i + 1}` }, amount: 1000, jobId })));
  return inv!.id;
}

export async function insertDispute(db: Db, invoiceId: number, lineNo: number, at: string): Promise<void> {
  await db.insert(disputes).values({ invoiceId, lineNo, reason: 'not agreed', createdAt: new Date(at) });
}

export async function insertCredit(db: Db, contract: string, kind: 'sla' | 'goodwill', amount: number, at: string, jobId?: number): Promise<void> {
  n++;
  await db.insert(credits).values({ contractId: contract, jobId: jobId ?? null, kind, amount, period: at.slice(0, 7), rule: 'test', reason: 'test', key: `t:${n}`, at: new Date(at) });
}
