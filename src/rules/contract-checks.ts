/**
 * The checks behind `parseContract` (contract-schema.ts): readers for single values (a duration, an
 * amount, an hours range, a template...) that the zod schema wraps, and the checks that relate fields
 * to each other (references, duplicates, either/or fields), which run on the raw input so that they
 * still report when some unrelated field is malformed: a contract author wants every problem at once.
 * Pure: no I/O, no clock.
 */
import Holidays from 'date-holidays';
import { IANAZone } from 'luxon';
import Mustache from 'mustache';
import rrulePkg from 'rrule';
import {
  FALLBACKS,
  JOB_STATUSES,
  PRIORITIES,
  type JobStatus,
  type Priority,
  type WindowName,
} from './contract-types.js';
import { editDistance } from './closest.js';
import { LANGS, langOf } from './locale.js';
import { parsePercent, readDuration as readDurationText, toMinor } from './units.js';
import { refusalDetail } from '../errors.js';

// rrule ships as CommonJS (UMD); Node's ESM loader only exposes its default export.
const { rrulestr } = rrulePkg;

export type PathSeg = string | number;

/** A problem before formatting; `sortAt` places it in document order when `path` is not a node. */
export interface RawProblem {
  path: PathSeg[];
  message: string;
  sortAt?: PathSeg[];
}

/** Reports a problem at `at`, relative to the value being read. */
export type Push = (message: string, at?: PathSeg[]) => void;
/** Reads one value: returns it normalized, or undefined after pushing at least one problem. */
export type Reader<T> = (v: unknown, push: Push) => T | undefined;

export const noPush: Push = () => {};

/** docs/contract-format.md "templates": the only names a customer message may use. */
export const KNOWN_PLACEHOLDERS: readonly string[] = Object.freeze([
  'contract.id',
  'customer.name',
  'contact.name',
  'site.name',
  'site.address',
  'site.tier',
  'job.id',
  'job.priority',
  'job.summary',
  'job.responseDue',
  'job.restoreDue',
  'job.eta',
  'job.permit',
  'technician.name',
  'subcontractor.name',
  'report.covered',
  'report.billable',
  'report.restoreTime',
  'report.restoreTarget',
  'report.safetySteps',
  'report.signoff',
  // the `invoice` template (the e-mail carrying an issued invoice's PDF)
  'invoice.number',
  'invoice.reference',
  'invoice.period',
  'invoice.issueDate',
  'invoice.dueDate',
  'invoice.net',
  'invoice.tax',
  'invoice.total',
  'invoice.buyerReference',
  // the `credit_note` template (the e-mail carrying a credit note's PDF)
  'creditNote.number',
  'creditNote.issueDate',
  'creditNote.corrects',
  'creditNote.correctsDate',
  'creditNote.reason',
  'creditNote.net',
  'creditNote.tax',
  'creditNote.total',
]);

/** Statuses that may pause a clock: only waiting on someone else; pausing on work would hide it. */
export const PAUSE_STATUSES: readonly JobStatus[] = ['waiting_customer', 'waiting_parts', 'waiting_permit'];

// ---------------------------------------------------------------------------------------------
// Small helpers

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function entries(v: unknown): [string, unknown][] {
  return isRecord(v) ? Object.entries(v) : [];
}

/** How a wrong value reads in a sentence: "must be a list, not text". */
export function describe(v: unknown): string {
  if (v === null || v === undefined) return 'empty';
  if (typeof v === 'string') return 'text';
  if (typeof v === 'number' || typeof v === 'bigint') return 'a number';
  if (typeof v === 'boolean') return 'true/false';
  if (Array.isArray(v)) return 'a list';
  if (v instanceof Date) return 'a date';
  return 'a set of fields';
}

export function quote(s: string): string {
  return JSON.stringify(s);
}

/** The closest candidate when it is plausibly a typo of `word`. */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  // Short words are one edit away from too many others ("P5" is not a typo of "P1").
  const allowed = word.length <= 3 ? 0 : word.length <= 5 ? 1 : 2;
  return best !== undefined && bestD <= allowed ? best : undefined;
}

export function unknownFieldMessage(key: string, allowed: readonly string[]): string {
  const s = suggest(key, allowed);
  if (s) return `unknown field ${quote(key)} (did you mean ${quote(s)}?)`;
  return allowed.length > 0 ? `unknown field ${quote(key)} (allowed: ${allowed.join(', ')})` : `unknown field ${quote(key)}`;
}

function known(names: readonly string[]): string {
  return names.length > 0 ? `known: ${names.join(', ')}` : 'none defined';
}

function oneOf(values: readonly string[]): string {
  return values.length === 1 ? `must be ${values[0]}` : `must be one of: ${values.join(', ')}`;
}

/**
 * Names defined in the contract (calendars, sites, codes, tiers). Lookups ignore case because ids
 * are case-insensitive wherever people type them; the defined spelling is the canonical one.
 */
export class Names {
  private readonly byLower = new Map<string, string>();
  readonly all: string[] = [];
  add(name: string): string | undefined {
    const lower = name.toLowerCase();
    const existing = this.byLower.get(lower);
    if (existing !== undefined) return existing;
    this.byLower.set(lower, name);
    this.all.push(name);
    return undefined;
  }
  resolve(name: string): string | undefined {
    return this.byLower.get(name.toLowerCase());
  }
}

// ---------------------------------------------------------------------------------------------
// Value readers (one field each)

export const readText: Reader<string> = (v, push) => {
  if (typeof v !== 'string') {
    push(typeof v === 'number' || typeof v === 'boolean' ? 'must be text; put it in quotes' : `must be text, not ${describe(v)}`);
    return undefined;
  }
  if (v.trim() === '') {
    push('must not be empty');
    return undefined;
  }
  return v;
};

const ID = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;

/** Ids are typed in chat, so no spaces; numbers are refused because YAML drops leading zeros. */
export const readId: Reader<string> = (v, push) => {
  if (typeof v === 'number') {
    push('must be text; put it in quotes so YAML keeps it exactly as written');
    return undefined;
  }
  const t = readText(v, push);
  if (t === undefined) return undefined;
  if (!ID.test(t)) {
    push(`${quote(t)} must be an id of letters, digits, "-", "_" or "." (like HVAC-LAB)`);
    return undefined;
  }
  return t;
};

export const readEmail: Reader<string> = (v, push) => {
  const t = readText(v, push);
  if (t === undefined) return undefined;
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(t)) {
    push(`${quote(t)} must be an email address`);
    return undefined;
  }
  return t;
};

export const readDuration: Reader<number> = (v, push) => {
  const r = typeof v === 'string' ? readDurationText(v) : undefined;
  if (r === undefined || 'problem' in r) {
    push(r ? r.problem : refusalDetail('errors-durations.not-a-duration'));
    return undefined;
  }
  const m = r.minutes;
  if (m <= 0) {
    push(refusalDetail('errors-durations.not-zero'));
    return undefined;
  }
  return m;
};

/** Money as integer minor units; strings allowed so JSON can keep "85.00" exact. */
export const readMoney: Reader<number> = (v, push) => {
  const minor = typeof v === 'number' || (typeof v === 'string' && v.trim() !== '') ? toMinor(v) : undefined;
  if (minor === undefined || minor < 0 || !Number.isSafeInteger(minor)) {
    push('must be an amount of at least 0 with at most 2 decimals');
    return undefined;
  }
  return minor === 0 ? 0 : minor; // "-0.00" is zero, not negative zero
};

const WARN_MESSAGE = 'must be a percentage above 0% and up to 100%, like 75%';

function readOnePercent(v: unknown, push: Push): number | undefined {
  const f = typeof v === 'string' ? parsePercent(v) : undefined;
  if (f === undefined || f <= 0) {
    push(typeof v === 'number' ? `${WARN_MESSAGE} (write the % sign)` : WARN_MESSAGE);
    return undefined;
  }
  return f;
}

/** `75%` or `[50%, 80%]` -> ascending fractions. */
export const readWarnAt: Reader<number[]> = (v, push) => {
  if (!Array.isArray(v)) {
    const f = readOnePercent(v, push);
    return f === undefined ? undefined : [f];
  }
  if (v.length === 0) {
    push('must list at least one percentage, like [50%, 80%]');
    return undefined;
  }
  const out: number[] = [];
  let bad = false;
  v.forEach((x, i) => {
    const f = readOnePercent(x, (m) => push(m, [i]));
    if (f === undefined) bad = true;
    else if (out.includes(f)) {
      push(`${String(x)} is listed twice`, [i]);
      bad = true;
    } else out.push(f);
  });
  return bad ? undefined : out.sort((a, b) => a - b);
};

/** `percentOfFee: 5` means 5% of the monthly fee -> 0.05; "5%" is accepted too. */
export const readPercentOfFee: Reader<number> = (v, push) => {
  let pct: number | undefined;
  if (typeof v === 'number' && Number.isFinite(v)) pct = v;
  else if (typeof v === 'string') {
    const f = parsePercent(v);
    pct = f === undefined ? undefined : f * 100;
  }
  if (pct === undefined || pct <= 0 || pct > 100) {
    push('must be a percentage of the fee above 0 and at most 100, like 5');
    return undefined;
  }
  // Through the decimal string so 7.5 -> 0.075 exactly as written, not 0.07500000000000001.
  return Number((pct / 100).toPrecision(12));
};

export const readMultiplier: Reader<number> = (v, push) => {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
    push('must be a number above 0, like 1.5');
    return undefined;
  }
  return v;
};

export function readWhole(min: number): Reader<number> {
  return (v, push) => {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) {
      push(`must be a whole number of at least ${min}`);
      return undefined;
    }
    return v;
  };
}

export function readNumber(min: number, inclusive: boolean): Reader<number> {
  return (v, push) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || (inclusive ? v < min : v <= min)) {
      push(`must be a number ${inclusive ? 'of at least' : 'above'} ${min}`);
      return undefined;
    }
    return v;
  };
}

const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return MONTH_DAYS[month - 1]!;
}

/** 'YYYY-MM-DD'; a Date (from a YAML 1.1 or JS caller) is read by its UTC calendar date. */
export const readDate: Reader<string> = (v, push) => {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) {
      push('is not a real date');
      return undefined;
    }
    return v.toISOString().slice(0, 10);
  }
  const m = typeof v === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(v) : null;
  if (!m) {
    push('must be a date like 2026-12-24');
    return undefined;
  }
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    push(`${quote(String(v))} is not a real date`);
    return undefined;
  }
  return v as string;
};

export const readMonthDay: Reader<string> = (v, push) => {
  const m = typeof v === 'string' ? /^(\d{2})-(\d{2})$/.exec(v) : null;
  if (!m) {
    push('must be a month and day like 06-01');
    return undefined;
  }
  const [month, day] = [Number(m[1]), Number(m[2])];
  if (month < 1 || month > 12 || day < 1 || day > MONTH_DAYS[month - 1]!) {
    push(`${quote(String(v))} is not a real month and day`);
    return undefined;
  }
  return v as string;
};

const RANGE = /^([01]\d|2[0-3]):([0-5]\d)-(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$/;

/** One weekday's opening ranges: "HH:MM-HH:MM", end may be 24:00, no reversed or overlapping ranges. */
export const readDayRanges: Reader<string[]> = (v, push) => {
  if (!Array.isArray(v)) {
    push('must be a list of time ranges like ["08:00-18:00"]');
    return undefined;
  }
  let bad = false;
  const parsed: { i: number; text: string; from: number; to: number }[] = [];
  v.forEach((x, i) => {
    const m = typeof x === 'string' ? RANGE.exec(x) : null;
    if (!m) {
      push('must be a time range like "08:00-18:00" (HH:MM-HH:MM; the end may be 24:00)', [i]);
      bad = true;
      return;
    }
    const from = Number(m[1]) * 60 + Number(m[2]);
    const to = Number(m[3] ?? m[5]) * 60 + Number(m[4] ?? m[6]);
    if (to <= from) {
      push(
        `${quote(x as string)} ends before it starts; split a range past midnight into two days (22:00-24:00, then 00:00-06:00)`,
        [i],
      );
      bad = true;
      return;
    }
    parsed.push({ i, text: x as string, from, to });
  });
  const sorted = [...parsed].sort((a, b) => a.from - b.from || a.i - b.i);
  for (let k = 1; k < sorted.length; k++) {
    const a = sorted[k - 1]!;
    const b = sorted[k]!;
    if (b.from < a.to) {
      // Report on whichever of the two was written later: that is where the reader notices.
      const [first, second] = a.i < b.i ? [a, b] : [b, a];
      push(`overlaps ${quote(first.text)}`, [second.i]);
      bad = true;
    }
  }
  return bad ? undefined : (v as string[]).slice();
};

export const readTimezone: Reader<string> = (v, push) => {
  const t = readText(v, push);
  if (t === undefined) return undefined;
  if (!IANAZone.isValidZone(t)) {
    push(`unknown time zone ${quote(t)} (use an IANA name like Europe/Paris)`);
    return undefined;
  }
  return t;
};

let holidays: Holidays | undefined;
function holidayData(): Holidays {
  holidays ??= new Holidays();
  return holidays;
}

/** `FR`, `US-TX`, `GB-ENG`: country, then state (and region) as date-holidays names them. */
export const readRegion: Reader<string> = (v, push) => {
  const t = readText(v, push);
  if (t === undefined) return undefined;
  const parts = t.split('-');
  const fail = (why: string): undefined => {
    push(`unknown holiday region ${quote(t)} (${why})`);
    return undefined;
  };
  if (parts.length > 3 || parts.some((p) => p === '')) return fail('use a country code like FR, optionally with a state like US-TX');
  const [country, state, region] = parts as [string, string?, string?];
  const hd = holidayData();
  const countries = Object.keys(hd.getCountries());
  if (!countries.includes(country)) {
    // Only a case slip gets a suggestion: two-letter codes one edit apart are unrelated countries.
    const s = countries.find((c) => c.toLowerCase() === country.toLowerCase());
    return fail(s ? `no country ${quote(country)}; did you mean ${s}?` : `no country ${quote(country)}`);
  }
  if (state === undefined) return t;
  const states = Object.keys(hd.getStates(country) ?? {});
  if (!states.includes(state)) {
    const s = states.find((c) => c.toLowerCase() === state.toLowerCase());
    return fail(s ? `did you mean ${country}-${s}?` : states.length ? `${country} has no state ${quote(state)}` : `${country} has no states`);
  }
  if (region === undefined) return t;
  const regions = Object.keys(hd.getRegions(country, state) ?? {});
  if (!regions.includes(region)) return fail(`${country}-${state} has no region ${quote(region)}`);
  return t;
};

/** A warranty part pattern: a SKU, where `*` stands for any run of characters and `?` for one. */
export const readGlob: Reader<string> = (v, push) => {
  const t = readText(v, push);
  if (t === undefined) return undefined;
  if (!/^[A-Za-z0-9._*?-]+$/.test(t)) {
    push(`${quote(t)} must be a SKU or a SKU pattern like COMP-*`);
    return undefined;
  }
  return t;
};

export function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\-]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

/** A redaction pattern must compile and must not match empty text (that would redact between letters). */
export const readPattern: Reader<string> = (v, push) => {
  const t = readText(v, push);
  if (t === undefined) return undefined;
  let re: RegExp;
  try {
    re = new RegExp(t, 'g');
  } catch (e) {
    const why = String((e as Error).message).replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
    push(`must be a valid regular expression (${why})`);
    return undefined;
  }
  if (re.test('')) {
    push('must not match empty text');
    return undefined;
  }
  return t;
};

type MustacheToken = [string, string, number, number, MustacheToken[]?, ...unknown[]];

/** A customer message: valid mustache, no partials, only the placeholders docs/contract-format.md lists. */
export const readTemplate: Reader<string> = (v, push) => {
  const t = readText(v, push);
  if (t === undefined) return undefined;
  let tokens: MustacheToken[];
  try {
    // A private writer: Mustache.parse would fill the shared template cache with every draft.
    tokens = new Mustache.Writer().parse(t) as unknown as MustacheToken[];
  } catch (e) {
    push(`is not a valid template (${String((e as Error).message)})`);
    return undefined;
  }
  let bad = false;
  const walk = (ts: MustacheToken[], inSection: boolean): void => {
    for (const tok of ts) {
      const [type, name] = tok;
      if (type === '>') {
        push(`uses the partial {{>${name}}}; partials are not supported`);
        bad = true;
      } else if (type === 'name' || type === '&' || type === '#' || type === '^') {
        if (!(name === '.' && inSection) && !KNOWN_PLACEHOLDERS.includes(name)) {
          const s = suggest(name, KNOWN_PLACEHOLDERS);
          push(`unknown placeholder {{${name}}} (${s ? `did you mean {{${s}}}?` : `known: ${KNOWN_PLACEHOLDERS.join(', ')}`})`);
          bad = true;
        }
        if ((type === '#' || type === '^') && Array.isArray(tok[4])) walk(tok[4], true);
      }
    }
  };
  walk(tokens, false);
  return bad ? undefined : t;
};

/**
 * A BCP 47 locale in a language the bot writes (`fr-FR`, `en-GB`, `fr-CA`), canonical spelling:
 * `fr-ca` reads as `fr-CA`.
 */
export const readLocale: Reader<string> = (v, push) => {
  const t = readText(v, push);
  if (t === undefined) return undefined;
  let canonical: string | undefined;
  try {
    canonical = Intl.getCanonicalLocales(t.replace(/_/g, '-'))[0];
  } catch {
    canonical = undefined;
  }
  if (!canonical) {
    push(`${quote(t)} is not a locale; write a language and a country, like fr-FR or en-GB`);
    return undefined;
  }
  if (!langOf(canonical)) {
    push(`${quote(t)} is in a language the bot does not write; use ${LANGS.join(' or ')} with a country, like fr-FR or en-GB`);
    return undefined;
  }
  return canonical;
};

export const readCurrency: Reader<string> = (v, push) => {
  const t = readText(v, push);
  if (t === undefined) return undefined;
  if (!/^[A-Z]{3}$/.test(t) || !Intl.supportedValuesOf('currency').includes(t)) {
    push(`unknown currency ${quote(t)} (use an ISO 4217 code like EUR)`);
    return undefined;
  }
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency: t }).resolvedOptions().maximumFractionDigits;
  if (digits !== 2) {
    push(`${t} has ${digits} decimals; only currencies with 2 decimals are supported`);
    return undefined;
  }
  return t;
};

// RFC 5545 RRULE, restricted to what a preventive-visit schedule needs. rrule itself accepts junk
// (INTERVAL=-1 loops forever) and can spin for seconds on rules that never match, so the body is
// checked here before rrule sees it.
const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
const FREQS = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'];

function intList(min: number, max: number, signed: boolean): (value: string) => string | undefined {
  return (value) => {
    for (const item of value.split(',')) {
      const n = /^[+-]?\d+$/.test(item) ? Number(item) : NaN;
      const abs = Math.abs(n);
      if (!Number.isInteger(n) || abs < min || abs > max || (!signed && n < 0)) {
        return `${quote(item)} must be ${signed ? `between -${max} and ${max}, not 0` : `between ${min} and ${max}`}`;
      }
    }
    return undefined;
  };
}

const RRULE_PARTS: Record<string, (value: string) => string | undefined> = {
  FREQ: (value) =>
    FREQS.includes(value)
      ? undefined
      : ['SECONDLY', 'MINUTELY', 'HOURLY'].includes(value)
        ? 'visits repeat at most daily'
        : `${quote(value)} must be one of: ${FREQS.join(', ')}`,
  INTERVAL: (value) => (/^[1-9]\d{0,3}$/.test(value) ? undefined : 'must be a whole number from 1 to 9999'),
  COUNT: (value) => (/^[1-9]\d{0,3}$/.test(value) ? undefined : 'must be a whole number from 1 to 9999'),
  UNTIL: (value) => {
    const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z?)?$/.exec(value);
    if (!m) return 'must be a date like 20261231 or 20261231T235959Z';
    return readDate(`${m[1]}-${m[2]}-${m[3]}`, noPush) === undefined ? 'is not a real date' : undefined;
  },
  BYMONTH: intList(1, 12, false),
  BYMONTHDAY: intList(1, 31, true),
  BYSETPOS: intList(1, 366, true),
  BYDAY: (value) => {
    for (const item of value.split(',')) {
      if (!/^(?:[+-]?(?:[1-9]|[1-4]\d|5[0-3]))?(MO|TU|WE|TH|FR|SA|SU)$/.test(item)) {
        return `${quote(item)} must be a weekday like MO or an nth weekday like 1TU or -1FR`;
      }
    }
    return undefined;
  },
  WKST: (value) => ((WEEKDAY_CODES as readonly string[]).includes(value) ? undefined : `must be one of: ${WEEKDAY_CODES.join(', ')}`),
};

/** The parts of a rule body, or a reason it is not one. */
export function parseRRuleBody(body: string): Map<string, string> | string {
  if (/^\s*(RRULE|DTSTART|EXDATE|RDATE)\b/i.test(body) || /[\r\n]/.test(body)) {
    return 'write only the rule body, without RRULE:, DTSTART or extra lines';
  }
  const parts = new Map<string, string>();
  for (const part of body.split(';')) {
    const m = /^([A-Za-z]+)=(.+)$/.exec(part);
    if (!m) return `${quote(part)} must be NAME=VALUE`;
    const name = m[1]!;
    const value = m[2]!;
    if (name !== name.toUpperCase()) return `write ${name.toUpperCase()} in capitals`;
    const check = RRULE_PARTS[name];
    if (!check) return `${name} is not supported (use ${Object.keys(RRULE_PARTS).join(', ')})`;
    if (parts.has(name)) return `${name} is given twice`;
    const why = check(value);
    if (why) return `${name} ${why}`;
    parts.set(name, value);
  }
  const freq = parts.get('FREQ');
  if (!freq) return 'FREQ is required';
  if (parts.has('COUNT') && parts.has('UNTIL')) return 'use COUNT or UNTIL, not both';
  if (freq !== 'MONTHLY' && freq !== 'YEARLY' && /\d/.test(parts.get('BYDAY') ?? '')) {
    return `an nth weekday in BYDAY needs FREQ=MONTHLY or FREQ=YEARLY`;
  }
  if (parts.has('BYSETPOS') && ![...parts.keys()].some((k) => k.startsWith('BY') && k !== 'BYSETPOS')) {
    return 'BYSETPOS needs another BY rule to pick from';
  }
  return parts;
}

export const readRRule: Reader<string> = (v, push) => {
  const t = readText(v, push);
  if (t === undefined) return undefined;
  const fail = (why: string): undefined => {
    push(`must be a recurrence rule like FREQ=MONTHLY;BYMONTHDAY=5 (${why})`);
    return undefined;
  };
  const parts = parseRRuleBody(t);
  if (typeof parts === 'string') return fail(parts);
  try {
    // Constructing the rule does not iterate it, so this cannot hang.
    rrulestr(t);
  } catch (e) {
    return fail(String((e as Error).message));
  }
  return t;
};

function utcDay(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/**
 * Whether some day between `from` and `to` passes the rule's BYMONTH / BYMONTHDAY / BYDAY filters.
 * Deliberately loose (ignores INTERVAL and BYSETPOS): it only catches rules that can never match,
 * such as the 30th of February, without iterating the rule.
 */
export function ruleCanFall(parts: Map<string, string>, from: string, to: string): boolean {
  const months = parts.get('BYMONTH')?.split(',').map(Number);
  const monthDays = parts.get('BYMONTHDAY')?.split(',').map(Number);
  const byDay = parts.get('BYDAY')?.split(',').map((item) => {
    const m = /^([+-]?\d+)?(MO|TU|WE|TH|FR|SA|SU)$/.exec(item)!;
    return { n: m[1] === undefined ? undefined : Number(m[1]), wd: (WEEKDAY_CODES as readonly string[]).indexOf(m[2]!) };
  });
  const yearScope = parts.get('FREQ') === 'YEARLY' && months === undefined;
  const start = utcDay(from).getTime();
  const end = Math.min(utcDay(to).getTime(), start + 20 * 366 * 86_400_000);
  for (let t = start; t <= end; t += 86_400_000) {
    const d = new Date(t);
    const y = d.getUTCFullYear();
    const mo = d.getUTCMonth() + 1;
    const day = d.getUTCDate();
    const dim = daysInMonth(y, mo);
    if (months && !months.includes(mo)) continue;
    if (monthDays && !monthDays.some((n) => (n > 0 ? n === day : dim + n + 1 === day))) continue;
    if (byDay) {
      const wd = (d.getUTCDay() + 6) % 7;
      const [pos, len] = yearScope
        ? [Math.round((t - Date.UTC(y, 0, 1)) / 86_400_000) + 1, Math.round((Date.UTC(y + 1, 0, 1) - Date.UTC(y, 0, 1)) / 86_400_000)]
        : [day, dim];
      const fromStart = Math.floor((pos - 1) / 7) + 1;
      const fromEnd = -(Math.floor((len - pos) / 7) + 1);
      if (!byDay.some((b) => b.wd === wd && (b.n === undefined || b.n === fromStart || b.n === fromEnd))) continue;
    }
    return true;
  }
  return false;
}

/** `P1` or `[P1, P2]`. */
export const readPriorities: Reader<Priority[]> = (v, push) => readOneOrList(v, push, (x, p) => readEnum(x, p, PRIORITIES));

/** `gold` or `[silver, bronze]`. */
export const readIdList: Reader<string[]> = (v, push) => readOneOrList(v, push, readId);

function readEnum<T extends string>(v: unknown, push: Push, values: readonly T[]): T | undefined {
  if (typeof v === 'string' && (values as readonly string[]).includes(v)) return v as T;
  push(oneOf(values));
  return undefined;
}

function readOneOrList<T>(v: unknown, push: Push, item: Reader<T>): T[] | undefined {
  if (!Array.isArray(v)) {
    const one = item(v, push);
    return one === undefined ? undefined : [one];
  }
  if (v.length === 0) {
    push('must not be an empty list');
    return undefined;
  }
  const out: T[] = [];
  let bad = false;
  v.forEach((x, i) => {
    const r = item(x, (m, at = []) => push(m, [i, ...at]));
    if (r === undefined) bad = true;
    else out.push(r);
  });
  return bad ? undefined : out;
}

function readPauseList(v: unknown, push: Push): JobStatus[] | undefined {
  if (!Array.isArray(v)) {
    push(`must be a list of statuses (${PAUSE_STATUSES.join(', ')})`);
    return undefined;
  }
  const out: JobStatus[] = [];
  let bad = false;
  v.forEach((x, i) => {
    if (typeof x === 'string' && (PAUSE_STATUSES as readonly string[]).includes(x)) {
      if (out.includes(x as JobStatus)) {
        push(`${x} is listed twice`, [i]);
        bad = true;
      } else out.push(x as JobStatus);
    } else {
      const why = typeof x === 'string' && (JOB_STATUSES as readonly string[]).includes(x) ? `${x} cannot pause a clock; ` : '';
      push(`${why}${oneOf(PAUSE_STATUSES)}`, [i]);
      bad = true;
    }
  });
  return bad ? undefined : out;
}

/** A list pauses both windows; `{response: [...], restore: [...]}` sets each (a missing one: none). */
export const readPauseOn: Reader<Record<WindowName, JobStatus[]>> = (v, push) => {
  if (Array.isArray(v)) {
    const l = readPauseList(v, push);
    return l === undefined ? undefined : { response: l, restore: [...l] };
  }
  if (!isRecord(v)) {
    push('must be a list of statuses, or {response: [...], restore: [...]}');
    return undefined;
  }
  let bad = false;
  const out: Record<WindowName, JobStatus[]> = { response: [], restore: [] };
  for (const [key, val] of Object.entries(v)) {
    if (key !== 'response' && key !== 'restore') {
      push(unknownFieldMessage(key, ['response', 'restore']));
      bad = true;
      continue;
    }
    const l = readPauseList(val, (m, at = []) => push(m, [key, ...at]));
    if (l === undefined) bad = true;
    else out[key] = l;
  }
  return bad ? undefined : out;
};

// ---------------------------------------------------------------------------------------------
// Checks across fields (run on the raw input, whatever else is wrong with it)

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** Every defined name, collected once: the checks and the normalizer resolve against the same sets. */
export interface Definitions {
  calendars: Names;
  sites: Names;
  codes: Names;
  skus: Names;
  /** tiers under sla.tiers; when the contract has none, the tiers its sites are labelled with */
  tiers: Names;
  usesTiers: boolean;
}

/** The always-open calendar, usable by reference without being defined. */
export const ALWAYS = '24x7';

export function collectDefinitions(raw: unknown): Definitions {
  const c = isRecord(raw) ? raw : {};
  const calendars = new Names();
  for (const [name] of entries(c.calendars)) calendars.add(name);
  const sites = new Names();
  for (const s of list(c.sites)) if (isRecord(s) && typeof s.id === 'string') sites.add(s.id);
  const codes = new Names();
  for (const r of list(c.rates)) if (isRecord(r) && typeof r.code === 'string') codes.add(r.code);
  const skus = new Names();
  for (const p of list(c.parts)) if (isRecord(p) && typeof p.sku === 'string') skus.add(p.sku);
  const sla = isRecord(c.sla) ? c.sla : {};
  const usesTiers = isRecord(sla.tiers);
  const tiers = new Names();
  if (usesTiers) for (const [name] of entries(sla.tiers)) tiers.add(name);
  else for (const s of list(c.sites)) if (isRecord(s) && typeof s.tier === 'string') tiers.add(s.tier);
  return { calendars, sites, codes, skus, tiers, usesTiers };
}

export function resolveCalendar(defs: Definitions, name: string): string | undefined {
  return defs.calendars.resolve(name) ?? (name.toLowerCase() === ALWAYS ? ALWAYS : undefined);
}

export function checkRelations(raw: unknown): RawProblem[] {
  const problems: RawProblem[] = [];
  const at = (path: PathSeg[], message: string, sortAt?: PathSeg[]): void => {
    problems.push(sortAt ? { path, message, sortAt } : { path, message });
  };
  if (!isRecord(raw)) return problems;
  const c = raw;
  const defs = collectDefinitions(raw);

  const ref = (path: PathSeg[], v: unknown, kind: string, names: Names, extra?: (n: string) => string | undefined): string | undefined => {
    if (typeof v !== 'string' || readId(v, noPush) === undefined) return undefined;
    const found = extra?.(v) ?? names.resolve(v);
    if (found === undefined) at(path, `unknown ${kind} ${quote(v)} (${known(names.all)})`);
    return found;
  };
  const calendarRef = (path: PathSeg[], v: unknown): string | undefined =>
    ref(path, v, 'calendar', defs.calendars, (n) => resolveCalendar(defs, n));
  const codeRef = (path: PathSeg[], v: unknown): string | undefined => ref(path, v, 'code', defs.codes);
  const unitOf = (code: string): string | undefined => {
    const r = list(c.rates).find((x) => isRecord(x) && str(x.code)?.toLowerCase() === code.toLowerCase());
    return isRecord(r) ? str(r.unit) : undefined;
  };

  // Duplicates, case-insensitively: people type ids in any case, so "Office" and "office" collide.
  const dupes = (items: unknown[], key: string, base: string, kind: string): void => {
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      const v = isRecord(item) ? str(item[key]) : undefined;
      if (v === undefined) return;
      const first = seen.get(v.toLowerCase());
      if (first !== undefined) at([base, i, key], `duplicate ${kind} ${quote(v)} (also ${base}[${first}])`);
      else seen.set(v.toLowerCase(), i);
    });
  };
  const keyNames = (base: PathSeg[], v: unknown, kind: string): void => {
    const seen = new Map<string, string>();
    for (const [name] of entries(v)) {
      if (readId(name, noPush) === undefined) at([...base, name], `${quote(name)} must be a ${kind} name of letters, digits, "-", "_" or "."`);
      const first = seen.get(name.toLowerCase());
      if (first !== undefined) at([...base, name], `duplicate ${kind} name ${quote(name)} (also ${quote(first)})`);
      else seen.set(name.toLowerCase(), name);
    }
  };

  // term
  if (isRecord(c.term)) {
    const start = readDate(c.term.start, noPush);
    const end = readDate(c.term.end, noPush);
    if (start && end && end < start) at(['term', 'end'], `must not be before term.start (${start})`);
  }

  // calendars
  keyNames(['calendars'], c.calendars, 'calendar');
  for (const [name, cal] of entries(c.calendars)) {
    if (name.toLowerCase() === ALWAYS && cal !== ALWAYS) at(['calendars', name], `the name ${ALWAYS} is reserved for the always-open calendar`);
    if (isRecord(cal) && isRecord(cal.weekly)) {
      const open = Object.values(cal.weekly).some((d) => Array.isArray(d) && d.length > 0);
      if (!open) at(['calendars', name, 'weekly'], 'must open on at least one day');
    }
  }

  // sites
  const sites = list(c.sites);
  dupes(sites, 'id', 'sites', 'site id');
  const siteTier = new Map<string, { id: string; tier: string | undefined }>();
  sites.forEach((s, i) => {
    if (!isRecord(s)) return;
    calendarRef(['sites', i, 'calendar'], s.calendar);
    if (s.access !== undefined) calendarRef(['sites', i, 'access'], s.access);
    let tier: string | undefined;
    if (defs.usesTiers) {
      if (s.tier === undefined) at(['sites', i, 'tier'], `is required because the SLA is set per tier (${known(defs.tiers.all)})`);
      else tier = ref(['sites', i, 'tier'], s.tier, 'tier', defs.tiers);
    }
    if (typeof s.id === 'string') siteTier.set(s.id.toLowerCase(), { id: s.id, tier });
  });

  // sla
  const sla = isRecord(c.sla) ? c.sla : undefined;
  /** priorities with windows, per tier ('' when the SLA is not tiered) */
  const windows = new Map<string, Set<string>>();
  if (sla) {
    if (sla.priorities !== undefined && sla.tiers !== undefined) at(['sla', 'tiers'], 'use either sla.priorities or sla.tiers, not both');
    else if (sla.priorities === undefined && sla.tiers === undefined) at(['sla'], 'needs response and restore windows under priorities (or tiers)');
    const table = (path: PathSeg[], t: unknown, tier: string): void => {
      if (!isRecord(t)) return;
      const defined = new Set<string>();
      for (const [p, w] of Object.entries(t)) {
        if (!(PRIORITIES as readonly string[]).includes(p)) continue;
        defined.add(p);
        if (!isRecord(w)) continue;
        calendarRef([...path, p, 'calendar'], w.calendar);
        const response = readDuration(w.response, noPush);
        const restore = readDuration(w.restore, noPush);
        if (response !== undefined && restore !== undefined && restore < response) {
          at([...path, p, 'restore'], `must not be shorter than response (${String(w.response)})`);
        }
      }
      if (Object.keys(t).length === 0) at(path, 'must define windows for at least one priority');
      windows.set(tier, defined);
    };
    if (isRecord(sla.tiers)) {
      keyNames(['sla', 'tiers'], sla.tiers, 'tier');
      for (const [tier, t] of Object.entries(sla.tiers)) table(['sla', 'tiers', tier], t, tier.toLowerCase());
      // A tier a site uses must answer every priority another tier answers, or jobs at that site
      // would be refused for a priority the contract plainly offers.
      const siteUsing = new Map<string, string>();
      for (const { id, tier } of siteTier.values()) if (tier && !siteUsing.has(tier.toLowerCase())) siteUsing.set(tier.toLowerCase(), id);
      const tierNames = Object.keys(sla.tiers);
      for (const tier of tierNames) {
        const mine = windows.get(tier.toLowerCase());
        const site = siteUsing.get(tier.toLowerCase());
        if (!mine || site === undefined) continue;
        for (const p of PRIORITIES) {
          if (mine.has(p)) continue;
          const other = tierNames.find((t) => windows.get(t.toLowerCase())?.has(p));
          if (other) at(['sla', 'tiers', tier], `has no ${p} window, but ${other} has one and site ${site} uses ${tier}`);
        }
      }
    } else if (isRecord(sla.priorities)) table(['sla', 'priorities'], sla.priorities, '');

    const fallbacks = list(sla.fallbacks);
    const seen = new Set<string>();
    fallbacks.forEach((f, i) => {
      if (typeof f !== 'string' || !(FALLBACKS as readonly string[]).includes(f)) return;
      if (seen.has(f)) at(['sla', 'fallbacks', i], `${f} is listed twice`);
      seen.add(f);
      if (f === 'subcontract' && list(sla.subcontractors).length === 0) {
        at(['sla', 'fallbacks', i], 'subcontract needs at least one entry in sla.subcontractors');
      }
    });

    const fee = isRecord(c.fee) ? readMoney(c.fee.amount, noPush) : undefined;
    const share = (path: PathSeg[], o: Record<string, unknown>): void => {
      if (o.percentOfFee === undefined && o.amount === undefined) at(path, 'needs either percentOfFee or amount');
      else if (o.percentOfFee !== undefined && o.amount !== undefined) at([...path, 'amount'], 'use either percentOfFee or amount, not both');
      else if (o.percentOfFee !== undefined && fee === 0) at([...path, 'percentOfFee'], 'the fee is 0, so a share of it is always 0; use amount');
    };
    const hasWindow = (p: string, tier: string | undefined): boolean => {
      if (!defs.usesTiers) return windows.get('')?.has(p) ?? false;
      if (tier !== undefined) return windows.get(tier.toLowerCase())?.has(p) ?? false;
      return [...windows.values()].some((s) => s.has(p));
    };
    list(sla.credits).forEach((cr, i) => {
      if (!isRecord(cr)) return;
      share(['sla', 'credits', i], cr);
      const tiers = readIdList(cr.tier, noPush);
      const tierPath = (k: number): PathSeg[] => (Array.isArray(cr.tier) ? ['sla', 'credits', i, 'tier', k] : ['sla', 'credits', i, 'tier']);
      const resolved: (string | undefined)[] = [];
      tiers?.forEach((t, k) => resolved.push(ref(tierPath(k), t, 'tier', defs.tiers)));
      const priorities = readPriorities(cr.priority, noPush);
      if (windows.size > 0) priorities?.forEach((p, k) => {
        const path: PathSeg[] = Array.isArray(cr.priority) ? ['sla', 'credits', i, 'priority', k] : ['sla', 'credits', i, 'priority'];
        const scopes = defs.usesTiers && resolved.length > 0 ? resolved.filter((t) => t !== undefined) : [undefined];
        for (const t of scopes) {
          if (!hasWindow(p, t)) at(path, `no SLA window for ${p}${t ? ` in tier ${t}` : ''}, so this credit can never be owed`);
        }
      });
    });
    if (isRecord(sla.creditCap)) share(['sla', 'creditCap'], sla.creditCap);

    // recurring priorities need a window at each site they visit
    // Without any window table there is nothing to check against; the SLA problem says enough.
    list(windows.size === 0 ? [] : c.recurring).forEach((r, i) => {
      if (!isRecord(r) || typeof r.priority !== 'string' || !(PRIORITIES as readonly string[]).includes(r.priority)) return;
      const p = r.priority;
      if (!defs.usesTiers) {
        if (!hasWindow(p, undefined)) at(['recurring', i, 'priority'], `no SLA window for ${p}`);
        return;
      }
      for (const s of list(r.sites)) {
        if (typeof s !== 'string') continue;
        const tier = siteTier.get(s.toLowerCase())?.tier;
        if (tier && !hasWindow(p, tier)) at(['recurring', i, 'priority'], `no SLA window for ${p} at site ${s} (tier ${tier})`);
      }
    });
  }

  // rates
  const rates = list(c.rates);
  dupes(rates, 'code', 'rates', 'code');
  rates.forEach((r, i) => {
    if (!isRecord(r)) return;
    const covered = r.covered === true;
    if (covered && r.outOfScope === true) at(['rates', i, 'outOfScope'], 'a code cannot be both covered and out of scope');
    if (r.includes !== undefined && !covered) at(['rates', i, 'includes'], 'only covered codes include labour (set covered: true or remove includes)');
    if (r.includes !== undefined && covered && r.overrun === undefined) {
      at(['rates', i, 'overrun'], 'is required with includes: the hour-unit code that bills labour beyond the included time', ['rates', i, 'includes']);
    }
    if (r.overrun !== undefined) {
      if (!covered) at(['rates', i, 'overrun'], 'only covered codes have an overrun code');
      const code = codeRef(['rates', i, 'overrun'], r.overrun);
      if (code !== undefined) {
        const unit = unitOf(code);
        if (code.toLowerCase() === String(r.code).toLowerCase()) at(['rates', i, 'overrun'], 'must be another code');
        else if (unit !== undefined && unit !== 'hour') at(['rates', i, 'overrun'], `${code} bills per ${unit}; the overrun code must bill per hour`);
      }
    }
    if (r.billing !== undefined && typeof r.unit === 'string' && r.unit !== 'hour') {
      at(['rates', i, 'billing'], `only hour-unit codes have billing increments (this one bills per ${r.unit})`);
    }
  });

  // modifiers
  const mods = isRecord(c.modifiers) ? c.modifiers : {};
  const seasons: { i: number; days: Set<number>; codes: string[] }[] = [];
  list(mods.seasonal).forEach((s, i) => {
    if (!isRecord(s)) return;
    const codes: string[] = [];
    list(s.codes).forEach((code, k) => {
      const found = codeRef(['modifiers', 'seasonal', i, 'codes', k], code);
      if (found) codes.push(found);
    });
    const from = readMonthDay(s.from, noPush);
    const to = readMonthDay(s.to, noPush);
    if (from === undefined || to === undefined) return;
    const days = seasonDays(from, to);
    for (const other of seasons) {
      const shared = codes.filter((code) => other.codes.includes(code));
      if (shared.length > 0 && [...days].some((d) => other.days.has(d))) {
        at(['modifiers', 'seasonal', i], `overlaps seasonal[${other.i}] for ${shared.join(', ')}`);
      }
    }
    seasons.push({ i, days, codes });
  });
  if (isRecord(mods.travel)) {
    const code = codeRef(['modifiers', 'travel', 'code'], mods.travel.code);
    const per = mods.travel.per;
    const unit = code === undefined ? undefined : unitOf(code);
    if (code && unit && (per === 'visit' || per === 'km') && unit !== per) {
      at(['modifiers', 'travel', 'code'], `${code} bills per ${unit}; travel per ${per} needs a code that bills per ${per}`);
    }
  }

  // entitlements
  const ent = isRecord(c.entitlements) ? c.entitlements : {};
  list(ent.prepaidHours).forEach((b, i) => {
    if (!isRecord(b)) return;
    list(b.codes).forEach((code, k) => {
      const found = codeRef(['entitlements', 'prepaidHours', i, 'codes', k], code);
      const unit = found === undefined ? undefined : unitOf(found);
      if (found && unit && unit !== 'hour') {
        at(['entitlements', 'prepaidHours', i, 'codes', k], `${found} bills per ${unit}; prepaid hours apply to hour-unit codes`);
      }
    });
    const from = readDate(b.from, noPush);
    const until = readDate(b.until, noPush);
    if (from && until && until < from) at(['entitlements', 'prepaidHours', i, 'until'], `must not be before from (${from})`);
  });
  list(ent.warranty).forEach((w, i) => {
    if (!isRecord(w)) return;
    list(w.parts).forEach((p, k) => {
      if (typeof p !== 'string' || readGlob(p, noPush) === undefined) return;
      const re = globToRegExp(p);
      if (!defs.skus.all.some((sku) => re.test(sku))) {
        at(['entitlements', 'warranty', i, 'parts', k], `${quote(p)} matches no part in parts (${known(defs.skus.all)})`);
      }
    });
  });

  // parts
  dupes(list(c.parts), 'sku', 'parts', 'sku');

  // checklists
  const seenChecklists = new Map<string, string>();
  for (const [code] of entries(c.checklists)) {
    const found = readId(code, noPush) === undefined ? undefined : defs.codes.resolve(code);
    if (found === undefined) at(['checklists', code], `unknown code ${quote(code)} (${known(defs.codes.all)})`);
    const first = seenChecklists.get(code.toLowerCase());
    if (first !== undefined) at(['checklists', code], `duplicate checklist for ${quote(code)} (also ${quote(first)})`);
    else seenChecklists.set(code.toLowerCase(), code);
  }

  // approvals
  for (const [kind, pol] of entries(c.approvals)) {
    if (!isRecord(pol)) continue;
    if (pol.limit !== undefined && pol.above === undefined) at(['approvals', kind, 'above'], 'is required with limit: the roles that approve beyond it', ['approvals', kind, 'limit']);
    if (pol.above !== undefined && pol.limit === undefined) at(['approvals', kind, 'limit'], 'is required with above: the amount beyond which those roles approve', ['approvals', kind, 'above']);
    const auto = readMoney(pol.autoApproveUnder, noPush);
    const limit = readMoney(pol.limit, noPush);
    if (auto !== undefined && limit !== undefined && auto > limit) at(['approvals', kind, 'autoApproveUnder'], `must not be above limit (${String(pol.limit)})`);
  }

  // skills: the codes they name are rates of this contract
  list(c.skills).forEach((r, i) => {
    if (!isRecord(r)) return;
    list(r.codes).forEach((code, k) => codeRef(['skills', i, 'codes', k], code));
  });

  // recurring
  const term = isRecord(c.term) ? { start: readDate(c.term.start, noPush), end: readDate(c.term.end, noPush) } : {};
  list(c.recurring).forEach((r, i) => {
    if (!isRecord(r)) return;
    const code = codeRef(['recurring', i, 'code'], r.code);
    const rate = code === undefined ? undefined : rates.find((x) => isRecord(x) && x.code === code);
    if (isRecord(rate) && rate.outOfScope === true) {
      at(['recurring', i, 'code'], `${code} is out of scope; a scheduled visit would use it without an approved request`);
    }
    list(r.sites).forEach((s, k) => ref(['recurring', i, 'sites', k], s, 'site', defs.sites));
    if (typeof r.rule !== 'string' || readRRule(r.rule, noPush) === undefined) return;
    const parts = parseRRuleBody(r.rule);
    if (typeof parts === 'string' || !term.start || !term.end || term.end < term.start) return;
    const until = parts.get('UNTIL');
    const last = until ? `${until.slice(0, 4)}-${until.slice(4, 6)}-${until.slice(6, 8)}` : term.end;
    if (!ruleCanFall(parts, term.start, last < term.end ? last : term.end)) {
      at(['recurring', i, 'rule'], `never falls between term.start ${term.start} and ${last < term.end ? `UNTIL ${last}` : `term.end ${term.end}`}`);
    }
  });

  return problems;
}

/** Days of a leap year (0..365) that a seasonal `from`..`to` covers, wrapping the year end. */
function seasonDays(from: string, to: string): Set<number> {
  const index = (md: string): number => {
    const [m, d] = md.split('-').map(Number) as [number, number];
    return MONTH_DAYS.slice(0, m - 1).reduce((a, b) => a + b, 0) + d - 1;
  };
  const out = new Set<number>();
  const a = index(from);
  const b = index(to);
  for (let d = a; ; d = (d + 1) % 366) {
    out.add(d);
    if (d === b) break;
  }
  return out;
}
