/** Small builders so each rating test reads as the work it describes. */
import type { Contract } from '../../../src/rules/contract-types.js';
import type { Credit, Extra, InvoiceLine, PartUse, RatingInput, RatingJob, TimeEntry } from '../../../src/rules/rating/index.js';

export const d = (iso: string): Date => {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) throw new Error(`bad instant ${iso}`);
  return t;
};

export function job(id: string, siteId: string, priority = 'P2'): RatingJob {
  return { id, siteId, priority, reportedAt: d('2026-01-01T00:00:00Z') };
}

export function te(id: string, jobId: string, code: string, start: string, end: string, more: Partial<TimeEntry> = {}): TimeEntry {
  return { id, jobId, technicianId: 'tech-1', code, kind: 'labour', start: d(start), end: d(end), ...more };
}

export function part(id: string, jobId: string, sku: string, at: string, qty = 1): PartUse {
  return { id, jobId, sku, qty, at: d(at) };
}

export function extra(approvalId: string, jobId: string, amount: number, at: string, description = 'quoted work'): Extra {
  return { approvalId, jobId, description, amount, at: d(at) };
}

export function credit(id: string, amount: number, at: string, more: Partial<Credit> = {}): Credit {
  return { id, kind: 'sla', amount, reason: 'restore breach', rule: 'sla.credits[0]', at: d(at), ...more };
}

export function input(contract: Contract, period: { from: string; to: string }, more: Partial<RatingInput> = {}): RatingInput {
  return {
    versions: [{ contract, version: 1, effectiveFrom: contract.term.start }],
    period,
    jobs: [],
    timeEntries: [],
    parts: [],
    extras: [],
    credits: [],
    prior: { prepaidMinutesUsed: [], siteVisitsUsed: {} },
    ...more,
  };
}

/** A contract with some fields replaced (tests state the variation they rely on). */
export function variant(c: Contract, patch: Partial<Contract>): Contract {
  return { ...c, ...patch };
}

/** The fields a reader checks, without sources and descriptions, for compact expectations. */
export function brief(l: InvoiceLine): string {
  const what = l.code ?? l.sku ?? '-';
  const qty = l.minutes !== undefined ? `${l.minutes}m${l.rounding ? `(+${l.rounding})` : ''}` : `${l.quantity}${l.unit}`;
  const money = l.covered ? `covered ${l.nominal}` : `${l.amount}`;
  return `${l.date} ${l.kind} ${l.jobId ?? '-'} ${what} ${qty} @${l.unitPrice} = ${money} | ${l.rule}`;
}

export function sum(lines: InvoiceLine[], pick: (l: InvoiceLine) => number = (l) => l.amount): number {
  return lines.reduce((s, l) => s + pick(l), 0);
}
