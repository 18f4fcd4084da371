/**
 * Public shapes of the rating engine. Money is integer minor units of the contract's currency;
 * instants are UTC `Date`s; dates are local `YYYY-MM-DD` strings.
 */
import type { CalendarSpec, Contract, CreditKind, Money } from '../contract-types.js';

export interface ContractVersion {
  contract: Contract;
  version: number;
  /** local date (contract's main zone) from which this version prices work */
  effectiveFrom: string;
}

export interface RatingJob {
  id: string;
  siteId: string;
  priority: string;
  reportedAt: Date;
}

export interface TimeEntry {
  id: string;
  jobId: string;
  technicianId: string;
  code: string;
  kind: 'labour' | 'travel';
  start: Date;
  end: Date;
  approvalId?: string;
  /** an approved permit covers work outside the site's access windows */
  permitted?: boolean;
}

export interface PartUse {
  id: string;
  jobId: string;
  sku: string;
  qty: number;
  at: Date;
}

export interface Extra {
  approvalId: string;
  jobId: string;
  description: string;
  amount: Money;
  at: Date;
}

/**
 * The money a correction of invoiced work changes (docs/billing.md "Corrections"): the issued
 * invoice stays, and the difference is a line on the next invoice. Positive charges, negative refunds.
 */
export interface Adjustment {
  id: string;
  jobId?: string;
  amount: Money;
  description: string;
  /** what it corrects: "time entry T12 on ACME-HVAC-2026-10" */
  corrects: string;
  at: Date;
}

export interface Credit {
  id: string;
  kind: CreditKind;
  jobId?: string;
  amount: Money;
  reason: string;
  /** the clause that gave it ("sla.credits[0]: restore breach, P1: 5% of fee", "approvals.goodwill") */
  rule: string;
  /**
   * A reversing entry for a credit already invoiced (the credit it cancels): its amount is negative
   * and its line charges the credit back on this invoice.
   */
  reverses?: string;
  /**
   * The contract version that computed it (an SLA credit is computed under the job's version): the
   * line names that version. Without it, or when it is not among `versions`, the version in force on `at`.
   */
  version?: number;
  at: Date;
}

/**
 * An approved rate override (approvals kind `rateOverride`): the job's work at `code` is priced at
 * `price` per unit instead of the library's price. See docs/contract-format.md, "Rating: rate
 * overrides".
 */
export interface RateOverride {
  approvalId: string;
  jobId: string;
  code: string;
  /** unit price in minor units (per hour for hourly codes) */
  price: Money;
  /** when it was approved: of two overrides of one job and code, the later one applies */
  at: Date;
}

export interface RatingInput {
  versions: ContractVersion[];
  /** inclusive local dates in the contract's main zone */
  period: { from: string; to: string };
  jobs: RatingJob[];
  timeEntries: TimeEntry[];
  parts: PartUse[];
  extras: Extra[];
  credits: Credit[];
  /** corrections of invoiced work; none when absent */
  adjustments?: Adjustment[];
  /** approved rate overrides; none when absent */
  overrides?: RateOverride[];
  prior: {
    /** per entitlements.prepaidHours index, used before this period */
    prepaidMinutesUsed: number[];
    /** site id -> covered visits already used in the cap period containing `period.from` */
    siteVisitsUsed: Record<string, number>;
  };
}

export type LineKind = 'fee' | 'labour' | 'uplift' | 'minimum' | 'visit' | 'travel' | 'part' | 'extra' | 'adjustment' | 'credit';

export interface InvoiceLine {
  kind: LineKind;
  jobId?: string;
  siteId?: string;
  /** local YYYY-MM-DD (site zone for work, main zone for fee and credits) */
  date: string;
  code?: string;
  sku?: string;
  description: string;
  /** hours for time lines (minutes / 60, see `minutes` for the exact figure) */
  quantity: number;
  unit: string;
  /** per-unit price rounded for display; `amount` is computed exactly from the quantity */
  unitPrice: Money;
  amount: Money;
  covered: boolean;
  /** value delivered by a covered line, had it been billed */
  nominal?: Money;
  /** "after-hours ×1.5, ACME-HVAC v3, rates.HVAC-LAB" */
  rule: string;
  version: number;
  /** time entry / part / approval / credit ids */
  sources: string[];
  /** time lines: minutes priced by this line, including `rounding` */
  minutes?: number;
  /** time lines: minutes added by increment rounding (part of `minutes`) */
  rounding?: number;
}

/** Something in the input that produced no charge and needs a person: an approval, a permit, a price. */
export interface HeldItem {
  what: 'time' | 'part' | 'extra' | 'adjustment' | 'credit' | 'travel' | 'override';
  jobId?: string;
  sources: string[];
  /** logged minutes held (time only) */
  minutes: number;
  reason: HeldReason;
}

/**
 * Why an item is held: a code and its values, worded where it is shown (src/billing/held-text.ts).
 * `contract` is the version's label ("ACME-HVAC v2"); `rule` the rule's tag as invoice lines name it;
 * amounts and prices are minor units as given.
 */
export type HeldReason =
  | { code: 'unknown-job'; job: string }
  | { code: 'site-not-in-contract'; site: string; contract: string }
  | { code: 'code-not-in-contract'; task: string; contract: string }
  | { code: 'out-of-scope'; task: string }
  | { code: 'per-km'; task: string }
  | { code: 'outside-access'; site: string }
  | { code: 'no-hourly-code'; rule: string }
  | { code: 'travel-not-quoted' }
  | { code: 'travel-without-labour' }
  | { code: 'travel-code-not-in-contract'; task: string; contract: string }
  | { code: 'part-quantity'; qty: number }
  | { code: 'part-not-listed'; sku: string; contract: string }
  | { code: 'extra-amount'; amount: number }
  | { code: 'adjustment-amount'; amount: number }
  | { code: 'credit-amount'; amount: number; reversal: boolean }
  | { code: 'override-price'; price: number };


export interface RatingResult {
  lines: InvoiceLine[];
  totals: { billable: Money; credits: Money; total: Money; nominalCovered: Money };
  usage: { prepaidMinutesUsed: number[]; siteVisitsUsed: Record<string, number> };
  /**
   * Logged minutes of the period's time entries: logged = billed + covered + unbilled.
   * `added` counts minutes the billing rules added on top (increment rounding, minimum top-ups).
   */
  minutes: { logged: number; billed: number; covered: number; unbilled: number; added: number };
  held: HeldItem[];
}

/** What the engine needs from a compiled calendar (src/rules/calendar.ts BusinessCalendar fits). */
export interface CalendarLike {
  readonly zone: string;
  openSpans(from: Date, to: Date): { start: Date; end: Date }[];
  isHoliday(at: Date): boolean;
}

export type CalendarCompiler = (spec: CalendarSpec | '24x7') => CalendarLike;

export interface RatingOptions {
  /** defaults to compileCalendar from src/rules/calendar.ts; tests may pass a stand-in */
  compileCalendar?: CalendarCompiler;
}
