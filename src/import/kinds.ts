/**
 * What each kind of spreadsheet may contain: its columns (with the other names spreadsheets use
 * for them), which are required, and how a file's kind is recognised when nobody says it.
 * Header names match case-insensitively, ignoring spaces, accents and punctuation, so
 * `Billing increment`, `billing_increment` and `billing.increment` are one column.
 */

export const IMPORT_KINDS = ['contracts', 'sites', 'rates', 'parts', 'people'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface ColumnSpec {
  /** the canonical header, as exports write it */
  name: string;
  aliases?: string[];
  /** the file must have this column */
  required?: boolean;
  help: string;
}

const contract: ColumnSpec = { name: 'contract', aliases: ['contract id', 'contractid', 'agreement'], required: true, help: 'contract id, e.g. ACME-HVAC' };

export const COLUMNS: Record<ImportKind, ColumnSpec[]> = {
  contracts: [
    { name: 'id', aliases: ['contract', 'contract id'], required: true, help: 'contract id' },
    { name: 'customer', aliases: ['customer name', 'client'], help: 'customer name' },
    { name: 'currency', help: 'ISO 4217 code with 2 decimals (EUR, USD, GBP)' },
    { name: 'start', aliases: ['term start', 'start date'], help: 'term start, YYYY-MM-DD' },
    { name: 'end', aliases: ['term end', 'end date'], help: 'term end, YYYY-MM-DD' },
    { name: 'renewal', help: 'auto or manual' },
    { name: 'notice days', aliases: ['notice', 'noticedays'], help: 'days before the end a renewal decision is due' },
    { name: 'fee', aliases: ['monthly fee', 'fee amount'], help: 'monthly fee, e.g. 1800.00' },
    { name: 'team', help: 'dispatch team id' },
    { name: 'timezone', aliases: ['time zone', 'tz', 'zone'], help: "the contract's home time zone (its calendars' zone)" },
    { name: 'template', aliases: ['sla template', 'based on', 'copy from'], help: 'new contracts only: an existing contract whose calendars, SLA, rates and policies are copied' },
  ],
  sites: [
    contract,
    { name: 'id', aliases: ['site', 'site id'], required: true, help: 'site id, e.g. PAR-HQ' },
    { name: 'name', aliases: ['site name'], help: 'site name' },
    { name: 'address', help: 'street address' },
    { name: 'calendar', aliases: ['hours', 'business hours'], help: 'calendar name for business hours (default: the first calendar)' },
    { name: 'access', aliases: ['access calendar', 'access hours'], help: 'calendar name for when work on site is allowed' },
    { name: 'tier', aliases: ['sla tier'], help: 'SLA tier under sla.tiers' },
    { name: 'cap visits', aliases: ['visits', 'covered visits', 'capvisits'], help: 'covered visits per period' },
    { name: 'cap per', aliases: ['cap period', 'capper'], help: 'month, quarter or year' },
    { name: 'travel km', aliases: ['km', 'distance', 'travelkm'], help: 'distance for per-km travel' },
  ],
  rates: [
    contract,
    { name: 'code', aliases: ['task code', 'rate code'], required: true, help: 'task code, e.g. HVAC-LAB' },
    { name: 'name', aliases: ['description'], help: 'what the code is' },
    { name: 'unit', help: 'hour, visit, each, day or km' },
    { name: 'price', aliases: ['unit price', 'rate'], help: 'price per unit, e.g. 85.00' },
    { name: 'covered', aliases: ['included in fee'], help: 'yes when included in the fee' },
    { name: 'includes', aliases: ['included time'], help: 'labour included in a covered visit, e.g. 2h' },
    { name: 'overrun', aliases: ['overrun code'], help: 'hourly code billed beyond the included time' },
    { name: 'out of scope', aliases: ['outofscope', 'oos'], help: 'yes when it needs an approved out-of-scope request' },
    { name: 'billing increment', aliases: ['increment'], help: 'each entry rounded up to this, e.g. 15m' },
    { name: 'billing minimum', aliases: ['minimum', 'min'], help: "a job's total per code raised to this, e.g. 1h" },
  ],
  parts: [
    contract,
    { name: 'sku', aliases: ['part', 'part number', 'item'], required: true, help: 'part number' },
    { name: 'name', aliases: ['description'], help: 'part name' },
    { name: 'price', aliases: ['unit price'], help: 'price each, e.g. 18.50' },
  ],
  people: [
    { name: 'email', aliases: ['e-mail', 'mail'], required: true, help: 'e-mail address: links their Slack, Teams and terminal identities' },
    { name: 'name', aliases: ['full name'], help: 'full name' },
    { name: 'roles', aliases: ['role'], help: 'technician, dispatcher, manager, finance, admin (several separated by , or |)' },
    { name: 'teams', aliases: ['team'], help: 'team ids they work in' },
    { name: 'zone', aliases: ['timezone', 'time zone'], help: 'IANA time zone, e.g. Europe/Paris' },
    { name: 'handle', aliases: ['terminal handle', 'shell handle'], help: 'terminal chat handle' },
    { name: 'slack id', aliases: ['slack', 'slack user id'], help: 'Slack user id (U...)' },
    { name: 'teams id', aliases: ['teams user id', 'ms teams id'], help: 'Microsoft Teams user id' },
    { name: 'skills', aliases: ['certifications', 'certs'], help: 'certifications with their last valid date: biomed:2027-06-30|confined-space:2026-12-31 (no date: does not expire)' },
    { name: 'hours', aliases: ['working hours', 'shift', 'shifts'], help: 'weekly working hours in their zone: "mon-fri 08:00-17:00, sat 09:00-12:00"' },
    { name: 'on call', aliases: ['oncall', 'on-call', 'on call rota', 'rota'], help: 'their weekly on-call turns for their teams: "mon-fri 17:00-08:00"' },
    { name: 'active', help: 'no to deactivate' },
  ],
};

/** `Billing increment` -> `billingincrement`; `Réf.` -> `ref`. */
export function normHeader(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** The kind a file name says (`rates.csv`, `2026 Rate library.csv`, `people-export.csv`). */
export function kindFromName(name: string): ImportKind | undefined {
  const n = name.toLowerCase();
  if (/contract/.test(n)) return 'contracts';
  if (/site/.test(n)) return 'sites';
  if (/rate|librar|tarif/.test(n)) return 'rates';
  if (/part|price.?list|sku|inventory/.test(n)) return 'parts';
  if (/people|person|staff|user|team.?member|roles/.test(n)) return 'people';
  return undefined;
}

/** The kind a header row says, when the file name does not. */
export function kindFromHeaders(headers: string[]): ImportKind | undefined {
  const h = new Set(headers.map(normHeader));
  if (h.has('email')) return 'people';
  if (h.has('sku')) return 'parts';
  if (h.has('code') && (h.has('unit') || h.has('price'))) return 'rates';
  if (h.has('address')) return 'sites';
  if (h.has('customer') || h.has('template')) return 'contracts';
  return undefined;
}
