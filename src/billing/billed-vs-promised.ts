/**
 * For a contract and month: what the contract promised (fee, covered work, entitlements) beside
 * what was delivered and billed, and the time logged that is neither billed nor covered.
 */
import type { Ctx } from '../context.js';
import type { HeldItem, InvoiceLine, RatingResult } from '../rules/rating/index.js';
import { requireBillingReader } from './access.js';
import { creditNotesOf, issuedFor, shownNumber } from './invoice-store.js';
import { parsePeriod, periodOf, type Period } from './period.js';
import { contractTerms, ratePeriod } from './rating-input.js';
import { versionAt, zoneAt } from '../contracts/version-at.js';

export interface BilledVsPromised {
  contractId: string;
  version: number;
  currency: string;
  period: Period;
  zone: string;
  promised: {
    fee: number;
    covered: { code: string; name: string; unit: string; includesMinutes?: number }[];
    prepaid: { index: number; hours: number; codes: string[]; from: string; until: string; usedBefore: number; usedThisPeriod: number; leftMinutes: number }[];
    caps: { siteId: string; visits: number; per: string; usedBefore: number; usedAfter: number }[];
    warranty: { parts: string[]; until: string; labour: boolean }[];
  };
  delivered: {
    minutes: RatingResult['minutes'];
    /** nominal value of covered work: what it would have cost without the contract */
    coveredValue: number;
    visits: { siteId: string; visits: number }[];
    jobs: number;
  };
  billed: {
    byKind: Partial<Record<InvoiceLine['kind'], number>>;
    billable: number;
    credits: number;
    total: number;
    invoice?: { number: string; total: number; creditNotes: number };
  };
  unbilled: { minutes: number; items: HeldItem[] };
}

export async function billedVsPromised(ctx: Ctx, input: { contract: string; period?: string }): Promise<BilledVsPromised> {
  requireBillingReader(ctx, 'see-billed-vs-promised');
  const terms = await contractTerms(ctx.db, input.contract);
  const now = ctx.clock.now();
  const period = input.period ? parsePeriod(input.period) : periodOf(now, zoneAt(terms, now));
  const rated = await ratePeriod(ctx.db, terms, period);
  const v = versionAt(terms, period.from);
  const c = v.contract;
  const r = rated.result;
  const byKind: BilledVsPromised['billed']['byKind'] = {};
  for (const l of r.lines) byKind[l.kind] = (byKind[l.kind] ?? 0) + l.amount;
  const visits = new Map<string, Set<string>>();
  for (const l of r.lines) {
    if (!l.siteId || !l.jobId || !['labour', 'visit', 'uplift', 'minimum'].includes(l.kind)) continue;
    const s = visits.get(l.siteId) ?? new Set<string>();
    s.add(`${l.jobId}@${l.date}`);
    visits.set(l.siteId, s);
  }
  const issued = await issuedFor(ctx.db, terms.contractId, period.from, period.to);
  const notes = issued ? await creditNotesOf(ctx.db, issued.id) : [];
  const lookup = (rec: Record<string, number>, id: string) => rec[Object.keys(rec).find((k) => k.toUpperCase() === id.toUpperCase()) ?? ''] ?? 0;
  return {
    contractId: terms.contractId,
    version: v.version,
    currency: c.currency,
    period,
    zone: rated.zone,
    promised: {
      fee: byKind.fee ?? 0,
      covered: c.rates.filter((x) => x.covered).map((x) => ({ code: x.code, name: x.name, unit: x.unit, ...(x.includes !== undefined ? { includesMinutes: x.includes } : {}) })),
      prepaid: c.entitlements.prepaidHours.map((b, index) => {
        const before = rated.prior.prepaidMinutesUsed[index] ?? 0;
        const after = r.usage.prepaidMinutesUsed[index] ?? 0;
        return { index, hours: b.hours, codes: b.codes, from: b.from, until: b.until, usedBefore: before, usedThisPeriod: after - before, leftMinutes: Math.max(0, Math.round(b.hours * 60) - after) };
      }),
      caps: c.sites.flatMap((s) => (s.caps ? [{ siteId: s.id, visits: s.caps.visits, per: s.caps.per, usedBefore: lookup(rated.prior.siteVisitsUsed, s.id), usedAfter: lookup(r.usage.siteVisitsUsed, s.id) }] : [])),
      warranty: c.entitlements.warranty.map((w) => ({ parts: w.parts, until: w.until, labour: w.labour })),
    },
    delivered: {
      minutes: r.minutes,
      coveredValue: r.totals.nominalCovered,
      visits: [...visits].map(([siteId, s]) => ({ siteId, visits: s.size })).sort((a, b) => a.siteId.localeCompare(b.siteId)),
      jobs: new Set(r.lines.flatMap((l) => (l.jobId && l.kind !== 'credit' ? [l.jobId] : []))).size,
    },
    billed: {
      byKind,
      billable: r.totals.billable,
      credits: r.totals.credits,
      total: r.totals.total,
      ...(issued ? { invoice: { number: shownNumber(issued), total: issued.total, creditNotes: notes.reduce((s, n) => s + n.total, 0) } } : {}),
    },
    unbilled: { minutes: r.minutes.unbilled, items: r.held },
  };
}
