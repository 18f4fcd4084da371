/**
 * The normalized shape of a contract after `parseContract` (src/rules/contract-schema.ts) has
 * validated a file written as in docs/contract-format.md. Every rule module works on this
 * shape, never on raw YAML: durations are whole minutes, money is integer minor units (cents),
 * percentages are fractions (75% -> 0.75), ids keep the case the contract wrote them in.
 */
import { z } from 'zod';
import type { Fallback } from './fallbacks.js';
import type { Phrase } from './contract-problem.js';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A calendar exactly as written under `calendars:` in a contract file (strings untouched). */
export interface CalendarSpec {
  timezone: string;
  /** "08:00-18:00"; end may be "24:00"; several ranges a day. Missing day = closed. */
  weekly: Partial<Record<Weekday, string[]>>;
  holidays?: { region?: string; dates?: string[] };
}

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const JOB_STATUSES = [
  'open',
  'assigned',
  'en_route',
  'on_site',
  'waiting_customer',
  'waiting_parts',
  'waiting_permit',
  'resolved',
  'closed',
  'cancelled',
  'reopened',
] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const ROLES = ['technician', 'dispatcher', 'manager', 'finance', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export { FALLBACKS, type Fallback } from './fallbacks.js';

/** What a credit is for: an SLA breach (by a contract rule) or goodwill (by an approval). */
export const creditKindSchema = z.enum(['sla', 'goodwill']);
export type CreditKind = z.infer<typeof creditKindSchema>;

export type Money = number; // integer minor units
export type Minutes = number;

export interface Contact {
  name: string;
  email: string;
  role?: string;
}

export interface Site {
  id: string;
  name: string;
  address: string;
  /** business hours: after-hours / weekend / holiday pricing */
  calendar: string;
  /** when work on site is allowed at all (optional) */
  access?: string;
  tier?: string;
  caps?: { visits: number; per: Period };
  travelKm?: number;
}

export type Period = 'month' | 'quarter' | 'year';

export interface SlaWindow {
  response: Minutes;
  restore: Minutes;
  calendar: string;
}

export type WindowName = 'response' | 'restore';

export interface CreditRule {
  when: 'response_breach' | 'restore_breach';
  /** undefined = any priority */
  priority?: Priority[];
  /** undefined = any tier */
  tier?: string[];
  percentOfFee?: number; // fraction: 5 -> 0.05
  amount?: Money;
}

export interface Sla {
  /** ascending fractions of a window's open time, e.g. [0.75] or [0.5, 0.8] */
  warnAt: number[];
  pauseOn: Record<WindowName, JobStatus[]>;
  /** windows by priority, when the contract has no tiers */
  priorities?: Partial<Record<Priority, SlaWindow>>;
  /** windows by site tier, then priority */
  tiers?: Record<string, Partial<Record<Priority, SlaWindow>>>;
  fallbacks: Fallback[];
  /** `email`: where Call subcontractor e-mails the `subcontract` message */
  subcontractors: { name: string; contact: string; email?: string }[];
  credits: CreditRule[];
  creditCap?: { percentOfFee?: number; amount?: Money; per: Period };
}

export type RateUnit = 'hour' | 'visit' | 'each' | 'day' | 'km';

export interface Rate {
  code: string;
  name: string;
  unit: RateUnit;
  price: Money;
  covered: boolean;
  /** covered visit includes this much labour, then `overrun` code bills */
  includes?: Minutes;
  overrun?: string;
  outOfScope: boolean;
  billing?: { increment?: Minutes; minimum?: Minutes };
}

export interface Multiplier {
  multiplier: number;
}

export interface Modifiers {
  afterHours?: Multiplier;
  weekend?: Multiplier;
  holiday?: Multiplier;
  overtime?: Multiplier & { afterPerDay: Minutes };
  outsideAccess?: Multiplier & { requiresApproval: boolean };
  /** month-days "MM-DD", inclusive both ends; may wrap the year end */
  seasonal: { from: string; to: string; multiplier: number; codes: string[] }[];
  /** `includedInCoveredVisit`: a covered visit within its cap covers its travel line too (default: travel bills) */
  travel?: { code: string; per: 'visit' | 'km'; includedInCoveredVisit?: true };
}

export interface Entitlements {
  prepaidHours: { hours: number; codes: string[]; from: string; until: string }[];
  /** `parts` are glob patterns over SKUs ("COMP-*") */
  warranty: { parts: string[]; until: string; labour: boolean }[];
}

export interface Part {
  sku: string;
  name: string;
  price: Money;
}

export type ProofKind = 'photo' | 'reading' | 'signature';

export interface ChecklistStep {
  step: string;
  required: boolean;
  safety: boolean;
  proof?: ProofKind;
}

export const APPROVAL_KINDS = ['outOfScope', 'goodwill', 'rateOverride', 'permit'] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];

export interface ApprovalPolicy {
  approvers: Role[];
  autoApproveUnder?: Money;
  limit?: Money;
  above?: Role[];
}

export interface RecurringRule {
  code: string;
  sites: string[];
  /** RFC 5545 RRULE body, e.g. "FREQ=MONTHLY;BYMONTHDAY=5" */
  rule: string;
  priority: Priority;
}

/** A certification the contract asks of technicians: for the listed task codes, or every job when none. */
export interface SkillRule {
  skill: string;
  codes: string[];
}

/** Messages about a job (drafted on job changes, or by hand with /message draft). */
export const JOB_MESSAGE_KINDS = ['confirmation', 'departure', 'closing', 'delay'] as const;
export type JobMessageKind = (typeof JOB_MESSAGE_KINDS)[number];
/**
 * Every contract template: the job messages to the customer; `subcontract` to the first
 * subcontractor (Call subcontractor); `invoice`, the e-mail that carries an issued invoice's PDF;
 * `credit_note`, the one that carries a credit note's.
 */
export const TEMPLATE_KINDS = [...JOB_MESSAGE_KINDS, 'subcontract', 'invoice', 'credit_note'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

/**
 * VAT categories of EN 16931 (UNTDID 5305): standard S, zero-rated Z, exempt E, reverse charge AE,
 * not subject to VAT O. Exempt, reverse charge and not-subject lines carry the reason printed on the
 * invoice (BT-120).
 */
export const TAX_CATEGORIES = ['standard', 'zero', 'exempt', 'reverse_charge', 'outside_scope'] as const;
export type TaxCategory = (typeof TAX_CATEGORIES)[number];

export interface TaxTerms {
  category: TaxCategory;
  /** percent, at most two decimals (20, 13, 5.5); 0 for every category but standard */
  rate: number;
  /** the mention printed on the invoice: why no tax (exempt, reverse charge, not subject) */
  reason?: string;
}

/** The contract's tax: one default and per-code exceptions (a code or part SKU, exactly). */
export interface ContractTax extends TaxTerms {
  codes: (TaxTerms & { codes: string[] })[];
}

export interface PostalAddress {
  street: string;
  city: string;
  postcode: string;
  /** state, province or county */
  region?: string;
  /** ISO 3166-1 alpha-2 */
  country: string;
}

/** Who the invoice is addressed to (EN 16931 buyer, BG-7). */
export interface BillingParty {
  legalName: string;
  address: PostalAddress;
  vatId?: string;
  /** SIREN, company number or business number (BT-47) */
  registrationId?: string;
  /** the buyer's reference or purchase order (BT-10 / BT-13) */
  buyerReference?: string;
  email: string;
}

export interface Redaction {
  name: string;
  pattern: string;
  replacement: string;
  /** false (the default): the pattern matches regardless of letter case */
  caseSensitive: boolean;
}

export interface Contract {
  id: string;
  customer: { name: string; contacts: Contact[] };
  currency: string;
  /** the customer's locale (BCP 47, `fr-FR`): the language and formats of everything the customer reads */
  locale: string;
  term: { start: string; end: string; renewal: 'auto' | 'manual'; noticeDays: number };
  fee: { amount: Money; per: 'month' };
  team: string;
  calendars: Record<string, CalendarSpec | '24x7'>;
  sites: Site[];
  sla: Sla;
  rates: Rate[];
  modifiers: Modifiers;
  entitlements: Entitlements;
  parts: Part[];
  checklists: Record<string, ChecklistStep[]>;
  approvals: Partial<Record<ApprovalKind, ApprovalPolicy>>;
  recurring: RecurringRule[];
  skills: SkillRule[];
  templates: Partial<Record<TemplateKind, string>>;
  redaction: Redaction[];
  /** the buyer on invoices; documents (PDF, UBL, CII) need it */
  billing?: BillingParty;
  /** VAT or sales tax on invoice lines; documents need it */
  tax?: ContractTax;
  /** who may see what the redaction hides (docs/privacy.md); absent: nobody in chat */
  privacy?: Privacy;
}

export interface Privacy {
  /** the assigned technician's own direct messages show the job's text unredacted */
  technicianSeesOriginal: boolean;
}

/**
 * One problem found while loading a contract: where (`path` like `rates[2].price`, or a `line` and
 * `column` of the text for a syntax error) and why, as a catalog phrase the caller words in the
 * reader's language (src/contracts/problem-text.ts).
 */
export interface ContractProblem {
  path: string;
  line?: number;
  column?: number;
  why: Phrase;
}

export type ParseResult = { ok: true; contract: Contract } | { ok: false; problems: ContractProblem[] };
