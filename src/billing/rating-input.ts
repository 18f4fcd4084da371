/**
 * From the database to the rating engine: a contract's versions, a period's time entries, parts,
 * approved quotes and credits, and what earlier periods already used of the prepaid banks and site
 * caps. Source ids carry a letter so a line's `sources` read back to rows: T12 (time entry),
 * P3 (part use), A5 (approval), C7 (credit), E4 (an adjustment from a correction of invoiced work). Jobs are named by their ref (J-1042).
 */
import { correctsText } from '../rules/rating/line-words.js';
import { and, desc, eq, gte, inArray, isNotNull, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { approvals, credits, invoices, jobs, partUses, timeEntries, workAdjustments } from '../../db/schema.js';
import { allVersions, findContract } from '../contracts/store.js';
import { mainZone, versionAt, type ContractTerms } from '../contracts/version-at.js';
import type { Contract, Period as CapPer } from '../rules/contract-types.js';
import { rateInvoice, type RatingInput, type RatingResult } from '../rules/rating/index.js';
import { periodEntries, periodEntryWhere } from './period-entries.js';
import { approvedOverrides, approvedPermits, permitCovers, requestCode } from './approved.js';
import { addDays, periodBounds, type Period } from './period.js';

const DAY_MS = 86_400_000;

export interface Usage {
  prepaidMinutesUsed: number[];
  siteVisitsUsed: Record<string, number>;
}

export async function contractTerms(db: DbOrTx, typedId: string): Promise<ContractTerms> {
  const row = await findContract(db, typedId);
  return { contractId: row.id, versions: await allVersions(db, row.id) };
}

export interface Loaded {
  input: RatingInput;
  /** job ref -> job row id */
  jobIds: Map<string, number>;
}

function capKey(date: string, per: CapPer): string {
  if (per === 'year') return date.slice(0, 4);
  if (per === 'month') return date.slice(0, 7);
  return `${date.slice(0, 4)}-Q${Math.ceil(Number(date.slice(5, 7)) / 3)}`;
}

/** Everything the engine needs for one period (any run of local dates, not only a month). */
export async function loadPeriod(db: DbOrTx, terms: ContractTerms, period: { from: string; to: string }, prior: Usage): Promise<Loaded> {
  const cid = terms.contractId;
  const zone = mainZone(terms, period.from);
  const { start, end } = periodBounds(period, zone);
  // A technician's overtime counts every entry of the local day, including one that began the
  // evening before; entries are at most a day long, so a day of look-back is enough.
  const lookBack = new Date(start.getTime() - DAY_MS);

  const entryRows = await periodEntries(db, cid, lookBack, end);
  // Job sets are subqueries, not id lists: a busy month has tens of thousands of jobs, and a
  // statement takes at most 65,535 parameters.
  const entryJobs = db.select({ id: timeEntries.jobId }).from(timeEntries).innerJoin(jobs, eq(jobs.id, timeEntries.jobId)).where(periodEntryWhere(cid, lookBack, end));

  // Parts of the period, and every part of a job with time here: a warranty part fitted last month
  // still covers this month's labour on the same job.
  const partRows = await db
    .select({ p: partUses })
    .from(partUses)
    .innerJoin(jobs, eq(jobs.id, partUses.jobId))
    .where(
      and(
        eq(jobs.contractId, cid),
        isNull(partUses.deletedAt),
        or(and(gte(partUses.at, start), lt(partUses.at, end)), inArray(partUses.jobId, entryJobs)),
      ),
    );

  const uninvoiced = await db
    .select()
    .from(credits)
    .where(and(eq(credits.contractId, cid), isNull(credits.invoiceId), lt(credits.at, end)));
  // A credit reversed before it was invoiced and its reversal cancel out: neither reaches an
  // invoice. A reversal of an invoiced credit charges it back on the next invoice.
  const reversedIds = uninvoiced.flatMap((c) => (c.reversesId ? [c.reversesId] : []));
  const invoicedOriginals = new Set(
    reversedIds.length ? (await db.select({ id: credits.id }).from(credits).where(and(inArray(credits.id, reversedIds), isNotNull(credits.invoiceId)))).map((r) => r.id) : [],
  );
  const reversedNow = new Set(reversedIds);
  const creditRows = uninvoiced.filter((c) => (c.reversesId ? invoicedOriginals.has(c.reversesId) && c.amount < 0 : c.amount > 0 && !reversedNow.has(c.id)));
  // A credit recorded after its own period was invoiced reaches the next invoice; one whose period
  // is still open waits for that period's invoice.
  // Corrections of invoiced work not carried yet: the same rule as credits.
  const adjustmentRows = await db
    .select()
    .from(workAdjustments)
    .where(and(eq(workAdjustments.contractId, cid), isNull(workAdjustments.invoiceId), ne(workAdjustments.amount, 0), lt(workAdjustments.at, end)));
  const issued = [...creditRows, ...adjustmentRows].some((c) => c.at < start)
    ? await db.select({ from: invoices.periodFrom, to: invoices.periodTo }).from(invoices).where(and(eq(invoices.contractId, cid), eq(invoices.kind, 'invoice')))
    : [];
  const reachesThis = (c: { at: Date }): boolean => {
    if (c.at >= start) return true;
    const d = periodDate(c.at, zone);
    return issued.some((p) => p.from <= d && d <= p.to);
  };
  const creditsIn = creditRows.filter(reachesThis);
  const adjustmentsIn = adjustmentRows.filter(reachesThis);
  const correctedNumbers = new Map(
    adjustmentsIn.length
      ? (await db.select({ id: invoices.id, number: invoices.number }).from(invoices).where(inArray(invoices.id, [...new Set(adjustmentsIn.map((a) => a.correctsInvoiceId))]))).map((r) => [r.id, r.number])
      : [],
  );

  const approvalRows = await db
    .select()
    .from(approvals)
    .where(and(eq(approvals.contractId, cid), eq(approvals.kind, 'outOfScope'), eq(approvals.status, 'approved'), gte(approvals.decidedAt, start), lt(approvals.decidedAt, end), sql`${approvals.amount} > 0`));
  // Codes the library has are priced by their rate; only work the library lacks bills the quote.
  const extrasIn = approvalRows.filter((a) => {
    const code = requestCode(a);
    if (!code) return true;
    const v = versionAt(terms, periodDate(a.decidedAt!, zone));
    return !v.contract.rates.some((r) => r.code.toLowerCase() === code.toLowerCase());
  });

  const fewJobIds = [...new Set([...creditsIn, ...adjustmentsIn, ...extrasIn].flatMap((a) => (a.jobId ? [a.jobId] : [])))];
  const partJobs = db
    .select({ id: partUses.jobId })
    .from(partUses)
    .innerJoin(jobs, eq(jobs.id, partUses.jobId))
    .where(and(eq(jobs.contractId, cid), isNull(partUses.deletedAt), gte(partUses.at, start), lt(partUses.at, end)));
  const jobRows = await db
    .select({ id: jobs.id, ref: jobs.ref, siteId: jobs.siteId, priority: jobs.priority, reportedAt: jobs.reportedAt })
    .from(jobs)
    .where(and(eq(jobs.contractId, cid), or(inArray(jobs.id, entryJobs), inArray(jobs.id, partJobs), ...(fewJobIds.length ? [inArray(jobs.id, fewJobIds)] : []))));
  const refOf = new Map(jobRows.map((j) => [j.id, j.ref]));
  const permits = await approvedPermits(db, cid);
  // Approved rate overrides price their job's lines at that code in every invoice not yet issued.
  const overrides = (await approvedOverrides(db, cid)).filter((o) => refOf.has(o.jobId));

  const input: RatingInput = {
    versions: terms.versions.map((v) => ({ contract: v.contract, version: v.version, effectiveFrom: v.effectiveFrom })),
    period: { from: period.from, to: period.to },
    jobs: jobRows.map((j) => ({ id: j.ref, siteId: j.siteId, priority: j.priority, reportedAt: j.reportedAt })),
    timeEntries: entryRows.map((e) => ({
      id: `T${e.id}`,
      jobId: refOf.get(e.jobId)!,
      technicianId: String(e.personId),
      code: e.code,
      kind: e.kind === 'travel' ? 'travel' : 'labour',
      start: e.startAt,
      end: e.endAt!,
      ...(e.approvalId ? { approvalId: `A${e.approvalId}` } : {}),
      permitted: (permits.get(e.jobId) ?? []).some((p) => permitCovers(p, e.startAt, e.endAt!)),
    })),
    parts: partRows.map(({ p }) => ({ id: `P${p.id}`, jobId: refOf.get(p.jobId)!, sku: p.sku, qty: p.qty, at: p.at })),
    extras: extrasIn.map((a) => ({
      approvalId: `A${a.id}`,
      jobId: a.jobId ? refOf.get(a.jobId)! : '',
      description: describeQuote(a),
      amount: a.amount,
      at: a.decidedAt!,
    })),
    credits: creditsIn.map((c) => ({
      id: `C${c.id}`,
      kind: c.kind === 'goodwill' ? 'goodwill' : 'sla',
      ...(c.jobId && refOf.get(c.jobId) ? { jobId: refOf.get(c.jobId)! } : {}),
      amount: c.amount,
      reason: c.reason,
      ...(c.reversesId ? { reverses: `C${c.reversesId}` } : {}),
      ...creditRule(c.rule, cid),
      // A late credit is dated on the first day of the invoice it reaches, so the engine keeps it.
      at: c.at < start ? start : c.at,
    })),
    adjustments: adjustmentsIn.map((a) => ({
      id: `E${a.id}`,
      ...(a.jobId && refOf.get(a.jobId) ? { jobId: refOf.get(a.jobId)! } : {}),
      amount: a.amount,
      description: a.reason,
      corrects: correctsText(a.subjectKind === 'part' ? 'part' : 'time', a.subjectId, correctedNumbers.get(a.correctsInvoiceId) ?? `invoice ${a.correctsInvoiceId}`),
      at: a.at < start ? start : a.at,
    })),
    overrides: overrides.map((o) => ({ approvalId: `A${o.id}`, jobId: refOf.get(o.jobId)!, code: o.code, price: o.price, at: o.at })),
    prior,
  };
  return { input, jobIds: new Map(jobRows.map((j) => [j.ref, j.id])) };
}

/**
 * A credit row's rule as the engine takes it. The SLA monitor stores the clause and the version that
 * computed it ("sla.credits[0]: restore breach, P1: 5% of fee, ACME-HVAC v1"); the invoice line adds
 * the version itself, so the clause and the version go in apart and the line names the version once.
 */
export function creditRule(rule: string, contractId: string): { rule: string; version?: number } {
  const m = /^(.*), (\S+) v(\d+)$/.exec(rule);
  return m && m[2]!.toUpperCase() === contractId.toUpperCase() ? { rule: m[1]!, version: Number(m[3]) } : { rule };
}

function periodDate(at: Date, zone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

function describeQuote(a: typeof approvals.$inferSelect): string {
  const r = (a.request ?? {}) as Record<string, unknown>;
  const what = typeof r.description === 'string' && r.description.trim() ? r.description.trim() : a.reason;
  const code = requestCode(a);
  return code ? `${code}: ${what}` : what;
}

const zeroUsage = (): Usage => ({ prepaidMinutesUsed: [], siteVisitsUsed: {} });

/** The first date anything can be priced or drawn: term starts and prepaid banks, across versions. */
function origin(terms: ContractTerms): string {
  let first = '9999-12-31';
  for (const v of terms.versions) {
    if (v.contract.term.start < first) first = v.contract.term.start;
    for (const b of v.contract.entitlements.prepaidHours) if (b.from < first) first = b.from;
  }
  return first;
}

/**
 * Prepaid minutes and site visits used before `period.from`. The last issued invoice froze its
 * usage; only the days since it (or since the contract's start) are rated again. Site visits are
 * counted per cap period, so a count from another cap period (last year's) starts again at zero.
 */
export async function priorUsage(db: DbOrTx, terms: ContractTerms, period: { from: string }): Promise<Usage> {
  const [last] = await db
    .select({ id: invoices.id, to: invoices.periodTo, usage: invoices.usage })
    .from(invoices)
    .where(and(eq(invoices.contractId, terms.contractId), eq(invoices.kind, 'invoice'), lt(invoices.periodTo, period.from), isNotNull(invoices.usage)))
    .orderBy(desc(invoices.periodTo))
    .limit(1);
  let usage: Usage = last ? withCorrections(last.usage as Usage, await usageCorrections(db, last.id)) : zeroUsage();
  let asOf: string | undefined = last?.to;
  const from = last ? addDays(last.to, 1) : origin(terms);
  if (from < period.from) {
    const gap = { from, to: addDays(period.from, -1) };
    const loaded = await loadPeriod(db, terms, gap, startingAt(terms, usage, asOf, gap.from));
    usage = rateInvoice(loaded.input).usage;
    asOf = gap.to;
  }
  return startingAt(terms, usage, asOf, period.from);
}

/**
 * What corrections made after this invoice was issued moved of the usage it froze. A correction
 * re-rates every issued period from the corrected one on, so the last invoice's own adjustments
 * carry what earlier corrected periods moved too.
 */
async function usageCorrections(db: DbOrTx, invoiceId: number): Promise<Usage[]> {
  const rows = await db
    .select({ usage: workAdjustments.usage })
    .from(workAdjustments)
    .where(and(eq(workAdjustments.correctsInvoiceId, invoiceId), isNotNull(workAdjustments.usage)));
  return rows.map((r) => r.usage as Usage);
}

function withCorrections(frozen: Usage, moves: readonly Usage[]): Usage {
  const minutes = [...frozen.prepaidMinutesUsed];
  const visits = { ...frozen.siteVisitsUsed };
  for (const m of moves) {
    m.prepaidMinutesUsed.forEach((n, i) => (minutes[i] = (minutes[i] ?? 0) + n));
    for (const [site, n] of Object.entries(m.siteVisitsUsed)) visits[site] = (visits[site] ?? 0) + n;
  }
  return { prepaidMinutesUsed: minutes, siteVisitsUsed: visits };
}

/** `after` minus `before` (what a correction moved of a period's usage), or undefined when nothing moved. */
export function usageMoved(before: Usage, after: Usage): Usage | undefined {
  const banks = Math.max(before.prepaidMinutesUsed.length, after.prepaidMinutesUsed.length);
  const minutes = Array.from({ length: banks }, (_, i) => (after.prepaidMinutesUsed[i] ?? 0) - (before.prepaidMinutesUsed[i] ?? 0));
  const visits: Record<string, number> = {};
  for (const site of new Set([...Object.keys(before.siteVisitsUsed), ...Object.keys(after.siteVisitsUsed)])) {
    const n = (after.siteVisitsUsed[site] ?? 0) - (before.siteVisitsUsed[site] ?? 0);
    if (n !== 0) visits[site] = n;
  }
  return minutes.some((n) => n !== 0) || Object.keys(visits).length ? { prepaidMinutesUsed: minutes, siteVisitsUsed: visits } : undefined;
}

function startingAt(terms: ContractTerms, usage: Usage, asOf: string | undefined, from: string): Usage {
  const sites: Record<string, number> = {};
  const c: Contract = versionAt(terms, from).contract;
  for (const s of c.sites) {
    if (!s.caps) continue;
    const k = Object.keys(usage.siteVisitsUsed).find((x) => x.toUpperCase() === s.id.toUpperCase());
    // `asOf` is the day before `from`: the count carries over only inside one cap period.
    const same = asOf !== undefined && capKey(asOf, s.caps.per) === capKey(from, s.caps.per);
    sites[s.id] = same && k ? usage.siteVisitsUsed[k]! : 0;
  }
  return { prepaidMinutesUsed: [...usage.prepaidMinutesUsed], siteVisitsUsed: sites };
}

export interface Rated {
  terms: ContractTerms;
  zone: string;
  period: { from: string; to: string };
  prior: Usage;
  loaded: Loaded;
  result: RatingResult;
}

/** Rate a period from the database: what a preview shows and what issuing freezes. */
export async function ratePeriod(db: DbOrTx, terms: ContractTerms, period: Period | { from: string; to: string }): Promise<Rated> {
  const prior = await priorUsage(db, terms, period);
  const loaded = await loadPeriod(db, terms, period, prior);
  return { terms, zone: mainZone(terms, period.from), period: { from: period.from, to: period.to }, prior, loaded, result: rateInvoice(loaded.input) };
}
