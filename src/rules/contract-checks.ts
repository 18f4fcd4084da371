/**
 * The checks behind `parseContract` (contract-schema.ts): readers for single values (a duration, an
 * amount, an hours range, a template...) that the zod schema wraps, and the checks that relate fields
 * to each other (references, duplicates, either/or fields), which run on the raw input so that they
 * still report when some unrelated field is malformed: a contract author wants every problem at once.
 * Each problem is a phrase (contract-problem.ts), worded by the caller. Pure: no I/O, no clock.
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
import { parsePercent, readDurationWhy, toMinor } from './units.js';
import { say, type Phrase } from './contract-problem.js';
import { patternPhrase, rrulePhrase, templatePhrase } from './library-errors.js';

// rrule ships as CommonJS (UMD); Node's ESM loader only exposes its default export.
const { rrulestr } = rrulePkg;

export type PathSeg = string | number;

/** A problem before formatting; `sortAt` places it in document order when `path` is not a node. */
export interface RawProblem {
  path: PathSeg[];
  why: Phrase;
  sortAt?: PathSeg[];
}

/** Reports a problem at `at`, relative to the value being read. */
export type Push = (why: Phrase, at?: PathSeg[]) => void;
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
export function describe(v: unknown): Phrase {
  return say('kind', { kind: kindOf(v) });
}

function kindOf(v: unknown): string {
  if (v === null || v === undefined) return 'empty';
  if (typeof v === 'string') return 'text';
  if (typeof v === 'number' || typeof v === 'bigint') return 'number';
  if (typeof v === 'boolean') return 'boolean';
  if (Array.isArray(v)) return 'list';
  if (v instanceof Date) return 'date';
  return 'fields';
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

export function unknownField(key: string, allowed: readonly string[]): Phrase {
  const s = suggest(key, allowed);
  if (s) return say('unknown-field-suggest', { field: key, suggestion: s });
  return allowed.length > 0 ? say('unknown-field-allowed', { field: key, allowed: allowed.join(', ') }) : say('unknown-field', { field: key });
}

function known(names: readonly string[]): Phrase {
  return say('known', { n: names.length, names: names.join(', ') });
}

/** "must be P1" or "must be one of: P1, P2". */
export function oneOf(values: readonly string[]): Phrase {
  return say('one-of', { n: values.length, values: values.join(', ') });
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
    push(typeof v === 'number' || typeof v === 'boolean' ? say('text-quotes') : say('text-not', { kind: describe(v) }));
    return undefined;
  }
  if (v.trim() === '') {
    push(say('not-empty'));
    return undefined;
  }
  return v;
};

const ID = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;

/** Ids are typed in chat, so no spaces; numbers are refused because YAML drops leading zeros. */
export const readId: Reader<string> = (v, push) => {
  if (typeof v === 'number') {
    push(say('id-number'));
    return undefined;
  }
  const t = readText(v, push);
  if (t === undefined) return undefined;
  if (!ID.test(t)) {
    push(say('id-shape', { value: t }));
    return undefined;
  }
  return t;
};

export const readEmail: Reader<string> = (v, push) => {
  const t = readText(v, push);
  if (t === undefined) return undefined;
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(t)) {
    push(say('email', { value: t }));
    return undefined;
  }
  return t;
};

export const readDuration: Reader<number> = (v, push) => {
  const r = typeof v === 'string' ? readDurationWhy(v) : undefined;
  if (r === undefined || 'why' in r) {
    push(r ? r.why : { key: 'errors-durations.not-a-duration' });
    return undefined;
  }
  const m = r.minutes;
  if (m <= 0) {
    push({ key: 'errors-durations.not-zero' });
    return undefined;
  }
  return m;
};

/** Money as integer minor units; strings allowed so JSON can keep "85.00" exact. */
export const readMoney: Reader<number> = (v, push) => {
  const minor = typeof v === 'number' || (typeof v === 'string' && v.trim() !== '') ? toMinor(v) : undefined;
  if (minor === undefined || minor < 0 || !Number.isSafeInteger(minor)) {
    push(say('money'));
    return undefined;
  }
  return minor === 0 ? 0 : minor; // "-0.00" is zero, not negative zero
};

function readOnePercent(v: unknown, push: Push): number | undefined {
  const f = typeof v === 'string' ? parsePercent(v) : undefined;
  if (f === undefined || f <= 0) {
    push(say(typeof v === 'number' ? 'percent-sign' : 'percent'));
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
    push(say('percent-list-empty'));
    return undefined;
  }
  const out: number[] = [];
  let bad = false;
  v.forEach((x, i) => {
    const f = readOnePercent(x, (m) => push(m, [i]));
    if (f === undefined) bad = true;
    else if (out.includes(f)) {
      push(say('listed-twice', { value: String(x) }), [i]);
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
    push(say('percent-of-fee'));
    return undefined;
  }
  // Through the decimal string so 7.5 -> 0.075 exactly as written, not 0.07500000000000001.
  return Number((pct / 100).toPrecision(12));
};

export const readMultiplier: Reader<number> = (v, push) => {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
    push(say('multiplier'));
    return undefined;
  }
  return v;
};

export function readWhole(min: number): Reader<number> {
  return (v, push) => {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) {
      push(say('whole', { min }));
      return undefined;
    }
    return v;
  };
}

export function readNumber(min: number, inclusive: boolean): Reader<number> {
  return (v, push) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || (inclusive ? v < min : v <= min)) {
      push(say(inclusive ? 'number-at-least' : 'number-above', { min }));
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
      push(say('date-not-real'));
      return undefined;
    }
    return v.toISOString().slice(0, 10);
  }
  const m = typeof v === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(v) : null;
  if (!m) {
    push(say('date-shape'));
    return undefined;
  }
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    push(say('date-not-real-value', { value: String(v) }));
    return undefined;
  }
  return v as string;
};

export const readMonthDay: Reader<string> = (v, push) => {
  const m = typeof v === 'string' ? /^(\d{2})-(\d{2})$/.exec(v) : null;
  if (!m) {
    push(say('month-day-shape'));
    return undefined;
  }
  const [month, day] = [Number(m[1]), Number(m[2])];
  if (month < 1 || month > 12 || day < 1 || day > MONTH_DAYS[month - 1]!) {
    push(say('month-day-not-real', { value: String(v) }));
    return undefined;
  }
  return v as string;
};

const RANGE = /^([01]\d|2[0-3]):([0-5]\d)-(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$/;

/** One weekday's opening ranges: "HH:MM-HH:MM", end may be 24:00, no reversed or overlapping ranges. */
export const readDayRanges: Reader<string[]> = (v, push) => {
  if (!Array.isArray(v)) {
    push(say('ranges-list'));
    return undefined;
  }
  let bad = false;
  const parsed: { i: number; text: string; from: number; to: number }[] = [];
  v.forEach((x, i) => {
    const m = typeof x === 'string' ? RANGE.exec(x) : null;
    if (!m) {
      push(say('range-shape'), [i]);
      bad = true;
      return;
    }
    const from = Number(m[1]) * 60 + Number(m[2]);
    const to = Number(m[3] ?? m[5]) * 60 + Number(m[4] ?? m[6]);
    if (to <= from) {
      push(say('range-reversed', { value: x as string }), [i]);
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
      push(say('range-overlaps', { value: first.text }), [second.i]);
      bad = true;
    }
  }
  return bad ? undefined : (v as string[]).slice();
};

export const readTimezone: Reader<string> = (v, push) => {
  const t = readText(v, push);
  if (t === undefined) return undefined;
  if (!IANAZone.isValidZone(t)) {
    push(say('timezone', { value: t }));
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
  const fail = (why: Phrase): undefined => {
    push(say('region', { value: t, why }));
    return undefined;
  };
  if (parts.length > 3 || parts.some((p) => p === '')) return fail(say('region-shape'));
  const [country, state, region] = parts as [string, string?, string?];
  const hd = holidayData();
  const countries = Object.keys(hd.getCountries());
  if (!countries.includes(country)) {
    // Only a case slip gets a suggestion: two-letter codes one edit apart are unrelated countries.
    const s = countries.find((c) => c.toLowerCase() === country.toLowerCase());
    return fail(s ? say('region-country-case', { country, suggestion: s }) : say('region-country', { country }));
  }
  if (state === undefined) return t;
  const states = Object.keys(hd.getStates(country) ?? {});
  if (!states.includes(state)) {
    const s = states.find((c) => c.toLowerCase() === state.toLowerCase());
    return fail(s ? say('did-you-mean', { suggestion: `${country}-${s}` }) : states.length ? say('region-state', { country, state }) : say('region-no-states', { country }));
  }
  if (region === undefined) return t;
  const regions = Object.keys(hd.getRegions(country, state) ?? {});
  if (!regions.includes(region)) return fail(say('region-region', { area: `${country}-${state}`, region }));
  return t;
};

/** A warranty part pattern: a SKU, where `*` stands for any run of characters and `?` for one. */
export const readGlob: Reader<string> = (v, push) => {
  const t = readText(v, push);
  if (t === undefined) return undefined;
  if (!/^[A-Za-z0-9._*?-]+$/.test(t)) {
    push(say('glob', { value: t }));
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
    push(say('pattern-invalid', { why: patternPhrase(String((e as Error).message)) }));
    return undefined;
  }
  if (re.test('')) {
    push(say('pattern-empty'));
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
    push(say('template-invalid', { why: templatePhrase(t, String((e as Error).message)) }));
    return undefined;
  }
  let bad = false;
  const walk = (ts: MustacheToken[], inSection: boolean): void => {
    for (const tok of ts) {
      const [type, name] = tok;
      if (type === '>') {
        push(say('template-partial', { placeholder: `{{>${name}}}` }));
        bad = true;
      } else if (type === 'name' || type === '&' || type === '#' || type === '^') {
        if (!(name === '.' && inSection) && !KNOWN_PLACEHOLDERS.includes(name)) {
          const s = suggest(name, KNOWN_PLACEHOLDERS);
          push(say('template-placeholder', { placeholder: `{{${name}}}`, why: s ? say('did-you-mean', { suggestion: `{{${s}}}` }) : known(KNOWN_PLACEHOLDERS) }));
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
    push(say('locale-invalid', { value: t }));
    return undefined;
  }
  if (!langOf(canonical)) {
    push(say('locale-language', { value: t, langs: { anyOf: LANGS } }));
    return undefined;
  }
  return canonical;
};

export const readCurrency: Reader<string> = (v, push) => {
  const t = readText(v, push);
  if (t === undefined) return undefined;
  if (!/^[A-Z]{3}$/.test(t) || !Intl.supportedValuesOf('currency').includes(t)) {
    push(say('currency', { value: t }));
    return undefined;
  }
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency: t }).resolvedOptions().maximumFractionDigits;
  if (digits !== 2) {
    push(say('currency-decimals', { value: t, digits: digits ?? 0 }));
    return undefined;
  }
  return t;
};

// RFC 5545 RRULE, restricted to what a preventive-visit schedule needs. rrule itself accepts junk
// (INTERVAL=-1 loops forever) and can spin for seconds on rules that never match, so the body is
// checked here before rrule sees it.
const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
const FREQS = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'];

function intList(min: number, max: number, signed: boolean): (value: string) => Phrase | undefined {
  return (value) => {
    for (const item of value.split(',')) {
      const n = /^[+-]?\d+$/.test(item) ? Number(item) : NaN;
      const abs = Math.abs(n);
      if (!Number.isInteger(n) || abs < min || abs > max || (!signed && n < 0)) {
        return signed ? say('int-between-signed', { value: item, max: String(max) }) : say('int-between', { value: item, min: String(min), max: String(max) });
      }
    }
    return undefined;
  };
}

const RRULE_PARTS: Record<string, (value: string) => Phrase | undefined> = {
  FREQ: (value) =>
    FREQS.includes(value)
      ? undefined
      : ['SECONDLY', 'MINUTELY', 'HOURLY'].includes(value)
        ? say('rrule-daily')
        : say('rrule-one-of', { value, values: FREQS.join(', ') }),
  INTERVAL: (value) => (/^[1-9]\d{0,3}$/.test(value) ? undefined : say('rrule-whole')),
  COUNT: (value) => (/^[1-9]\d{0,3}$/.test(value) ? undefined : say('rrule-whole')),
  UNTIL: (value) => {
    const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z?)?$/.exec(value);
    if (!m) return say('rrule-until');
    return readDate(`${m[1]}-${m[2]}-${m[3]}`, noPush) === undefined ? say('date-not-real') : undefined;
  },
  BYMONTH: intList(1, 12, false),
  BYMONTHDAY: intList(1, 31, true),
  BYSETPOS: intList(1, 366, true),
  BYDAY: (value) => {
    for (const item of value.split(',')) {
      if (!/^(?:[+-]?(?:[1-9]|[1-4]\d|5[0-3]))?(MO|TU|WE|TH|FR|SA|SU)$/.test(item)) {
        return say('rrule-byday', { value: item });
      }
    }
    return undefined;
  },
  WKST: (value) => ((WEEKDAY_CODES as readonly string[]).includes(value) ? undefined : oneOf(WEEKDAY_CODES)),
};

/** The parts of a rule body, or a reason it is not one. */
export function parseRRuleBody(body: string): Map<string, string> | Phrase {
  if (/^\s*(RRULE|DTSTART|EXDATE|RDATE)\b/i.test(body) || /[\r\n]/.test(body)) {
    return say('rrule-body-only');
  }
  const parts = new Map<string, string>();
  for (const part of body.split(';')) {
    const m = /^([A-Za-z]+)=(.+)$/.exec(part);
    if (!m) return say('rrule-name-value', { part });
    const name = m[1]!;
    const value = m[2]!;
    if (name !== name.toUpperCase()) return say('rrule-capitals', { name: name.toUpperCase() });
    const check = RRULE_PARTS[name];
    if (!check) return say('rrule-unsupported', { name, names: Object.keys(RRULE_PARTS).join(', ') });
    if (parts.has(name)) return say('rrule-twice', { name });
    const why = check(value);
    if (why) return say('rrule-part', { name, why });
    parts.set(name, value);
  }
  const freq = parts.get('FREQ');
  if (!freq) return say('rrule-freq-required');
  if (parts.has('COUNT') && parts.has('UNTIL')) return say('rrule-count-until');
  if (freq !== 'MONTHLY' && freq !== 'YEARLY' && /\d/.test(parts.get('BYDAY') ?? '')) {
    return say('rrule-nth-weekday');
  }
  if (parts.has('BYSETPOS') && ![...parts.keys()].some((k) => k.startsWith('BY') && k !== 'BYSETPOS')) {
    return say('rrule-setpos');
  }
  return parts;
}

export const readRRule: Reader<string> = (v, push) => {
  const t = readText(v, push);
  if (t === undefined) return undefined;
  const fail = (why: Phrase): undefined => {
    push(say('rrule', { why }));
    return undefined;
  };
  const parts = parseRRuleBody(t);
  if (!(parts instanceof Map)) return fail(parts);
  try {
    // Constructing the rule does not iterate it, so this cannot hang.
    rrulestr(t);
  } catch (e) {
    return fail(rrulePhrase(String((e as Error).message)));
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
    push(say('list-empty'));
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
    push(say('pause-list', { statuses: PAUSE_STATUSES.join(', ') }));
    return undefined;
  }
  const out: JobStatus[] = [];
  let bad = false;
  v.forEach((x, i) => {
    if (typeof x === 'string' && (PAUSE_STATUSES as readonly string[]).includes(x)) {
      if (out.includes(x as JobStatus)) {
        push(say('listed-twice', { value: x }), [i]);
        bad = true;
      } else out.push(x as JobStatus);
    } else {
      const must = oneOf(PAUSE_STATUSES);
      push(typeof x === 'string' && (JOB_STATUSES as readonly string[]).includes(x) ? say('cannot-pause', { status: x, must }) : must, [i]);
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
    push(say('pause-shape', { shape: '{response: [...], restore: [...]}' }));
    return undefined;
  }
  let bad = false;
  const out: Record<WindowName, JobStatus[]> = { response: [], restore: [] };
  for (const [key, val] of Object.entries(v)) {
    if (key !== 'response' && key !== 'restore') {
      push(unknownField(key, ['response', 'restore']));
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

/** "per hour", "per visit": how a rate's unit reads after "bills". */
function perUnit(unit: string): Phrase {
  return say('per-unit', { unit });
}

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
  const at = (path: PathSeg[], why: Phrase, sortAt?: PathSeg[]): void => {
    problems.push(sortAt ? { path, why, sortAt } : { path, why });
  };
  if (!isRecord(raw)) return problems;
  const c = raw;
  const defs = collectDefinitions(raw);

  const ref = (path: PathSeg[], v: unknown, kind: 'calendar' | 'site' | 'code' | 'tier', names: Names, extra?: (n: string) => string | undefined): string | undefined => {
    if (typeof v !== 'string' || readId(v, noPush) === undefined) return undefined;
    const found = extra?.(v) ?? names.resolve(v);
    if (found === undefined) at(path, say('unknown-name', { kind, value: v, known: known(names.all) }));
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
  const dupes = (items: unknown[], key: string, base: string, kind: 'site' | 'code' | 'sku'): void => {
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      const v = isRecord(item) ? str(item[key]) : undefined;
      if (v === undefined) return;
      const first = seen.get(v.toLowerCase());
      if (first !== undefined) at([base, i, key], say('duplicate', { kind, value: v, also: `${base}[${first}]` }));
      else seen.set(v.toLowerCase(), i);
    });
  };
  const keyNames = (base: PathSeg[], v: unknown, kind: 'calendar' | 'tier'): void => {
    const seen = new Map<string, string>();
    for (const [name] of entries(v)) {
      if (readId(name, noPush) === undefined) at([...base, name], say('name-shape', { kind, name }));
      const first = seen.get(name.toLowerCase());
      if (first !== undefined) at([...base, name], say('duplicate-name', { kind, name, first }));
      else seen.set(name.toLowerCase(), name);
    }
  };

  // term
  if (isRecord(c.term)) {
    const start = readDate(c.term.start, noPush);
    const end = readDate(c.term.end, noPush);
    if (start && end && end < start) at(['term', 'end'], say('term-end', { start }));
  }

  // calendars
  keyNames(['calendars'], c.calendars, 'calendar');
  for (const [name, cal] of entries(c.calendars)) {
    if (name.toLowerCase() === ALWAYS && cal !== ALWAYS) at(['calendars', name], say('calendar-reserved', { name: ALWAYS }));
    if (isRecord(cal) && isRecord(cal.weekly)) {
      const open = Object.values(cal.weekly).some((d) => Array.isArray(d) && d.length > 0);
      if (!open) at(['calendars', name, 'weekly'], say('calendar-closed'));
    }
  }

  // sites
  const sites = list(c.sites);
  dupes(sites, 'id', 'sites', 'site');
  const siteTier = new Map<string, { id: string; tier: string | undefined }>();
  sites.forEach((s, i) => {
    if (!isRecord(s)) return;
    calendarRef(['sites', i, 'calendar'], s.calendar);
    if (s.access !== undefined) calendarRef(['sites', i, 'access'], s.access);
    let tier: string | undefined;
    if (defs.usesTiers) {
      if (s.tier === undefined) at(['sites', i, 'tier'], say('site-tier-required', { known: known(defs.tiers.all) }));
      else tier = ref(['sites', i, 'tier'], s.tier, 'tier', defs.tiers);
    }
    if (typeof s.id === 'string') siteTier.set(s.id.toLowerCase(), { id: s.id, tier });
  });

  // sla
  const sla = isRecord(c.sla) ? c.sla : undefined;
  /** priorities with windows, per tier ('' when the SLA is not tiered) */
  const windows = new Map<string, Set<string>>();
  if (sla) {
    if (sla.priorities !== undefined && sla.tiers !== undefined) at(['sla', 'tiers'], say('sla-both'));
    else if (sla.priorities === undefined && sla.tiers === undefined) at(['sla'], say('sla-none'));
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
          at([...path, p, 'restore'], say('restore-shorter', { response: String(w.response) }));
        }
      }
      if (Object.keys(t).length === 0) at(path, say('windows-none'));
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
          if (other) at(['sla', 'tiers', tier], say('tier-missing-priority', { priority: p, other, site, tier }));
        }
      }
    } else if (isRecord(sla.priorities)) table(['sla', 'priorities'], sla.priorities, '');

    const fallbacks = list(sla.fallbacks);
    const seen = new Set<string>();
    fallbacks.forEach((f, i) => {
      if (typeof f !== 'string' || !(FALLBACKS as readonly string[]).includes(f)) return;
      if (seen.has(f)) at(['sla', 'fallbacks', i], say('listed-twice', { value: f }));
      seen.add(f);
      if (f === 'subcontract' && list(sla.subcontractors).length === 0) {
        at(['sla', 'fallbacks', i], say('subcontract-needs'));
      }
    });

    const fee = isRecord(c.fee) ? readMoney(c.fee.amount, noPush) : undefined;
    const share = (path: PathSeg[], o: Record<string, unknown>): void => {
      if (o.percentOfFee === undefined && o.amount === undefined) at(path, say('share-none'));
      else if (o.percentOfFee !== undefined && o.amount !== undefined) at([...path, 'amount'], say('share-both'));
      else if (o.percentOfFee !== undefined && fee === 0) at([...path, 'percentOfFee'], say('share-zero-fee'));
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
          if (!hasWindow(p, t)) at(path, t ? say('credit-no-window-tier', { priority: p, tier: t }) : say('credit-no-window', { priority: p }));
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
        if (!hasWindow(p, undefined)) at(['recurring', i, 'priority'], say('recurring-no-window', { priority: p }));
        return;
      }
      for (const s of list(r.sites)) {
        if (typeof s !== 'string') continue;
        const tier = siteTier.get(s.toLowerCase())?.tier;
        if (tier && !hasWindow(p, tier)) at(['recurring', i, 'priority'], say('recurring-no-window-site', { priority: p, site: s, tier }));
      }
    });
  }

  // rates
  const rates = list(c.rates);
  dupes(rates, 'code', 'rates', 'code');
  rates.forEach((r, i) => {
    if (!isRecord(r)) return;
    const covered = r.covered === true;
    if (covered && r.outOfScope === true) at(['rates', i, 'outOfScope'], say('rate-covered-out'));
    if (r.includes !== undefined && !covered) at(['rates', i, 'includes'], say('rate-includes-uncovered'));
    if (r.includes !== undefined && covered && r.overrun === undefined) {
      at(['rates', i, 'overrun'], say('rate-overrun-required'), ['rates', i, 'includes']);
    }
    if (r.overrun !== undefined) {
      if (!covered) at(['rates', i, 'overrun'], say('rate-overrun-uncovered'));
      const code = codeRef(['rates', i, 'overrun'], r.overrun);
      if (code !== undefined) {
        const unit = unitOf(code);
        if (code.toLowerCase() === String(r.code).toLowerCase()) at(['rates', i, 'overrun'], say('rate-overrun-self'));
        else if (unit !== undefined && unit !== 'hour') at(['rates', i, 'overrun'], say('rate-overrun-unit', { code, per: perUnit(unit) }));
      }
    }
    if (r.billing !== undefined && typeof r.unit === 'string' && r.unit !== 'hour') {
      at(['rates', i, 'billing'], say('rate-billing-unit', { per: perUnit(r.unit) }));
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
        at(['modifiers', 'seasonal', i], say('seasonal-overlap', { other: `seasonal[${other.i}]`, codes: shared.join(', ') }));
      }
    }
    seasons.push({ i, days, codes });
  });
  if (isRecord(mods.travel)) {
    const code = codeRef(['modifiers', 'travel', 'code'], mods.travel.code);
    const per = mods.travel.per;
    const unit = code === undefined ? undefined : unitOf(code);
    if (code && unit && (per === 'visit' || per === 'km') && unit !== per) {
      at(['modifiers', 'travel', 'code'], say('travel-unit', { code, per: perUnit(unit), travel: perUnit(per) }));
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
        at(['entitlements', 'prepaidHours', i, 'codes', k], say('prepaid-unit', { code: found, per: perUnit(unit) }));
      }
    });
    const from = readDate(b.from, noPush);
    const until = readDate(b.until, noPush);
    if (from && until && until < from) at(['entitlements', 'prepaidHours', i, 'until'], say('prepaid-until', { from }));
  });
  list(ent.warranty).forEach((w, i) => {
    if (!isRecord(w)) return;
    list(w.parts).forEach((p, k) => {
      if (typeof p !== 'string' || readGlob(p, noPush) === undefined) return;
      const re = globToRegExp(p);
      if (!defs.skus.all.some((sku) => re.test(sku))) {
        at(['entitlements', 'warranty', i, 'parts', k], say('warranty-no-part', { pattern: p, known: known(defs.skus.all) }));
      }
    });
  });

  // parts
  dupes(list(c.parts), 'sku', 'parts', 'sku');

  // checklists
  const seenChecklists = new Map<string, string>();
  for (const [code] of entries(c.checklists)) {
    const found = readId(code, noPush) === undefined ? undefined : defs.codes.resolve(code);
    if (found === undefined) at(['checklists', code], say('unknown-name', { kind: 'code', value: code, known: known(defs.codes.all) }));
    const first = seenChecklists.get(code.toLowerCase());
    if (first !== undefined) at(['checklists', code], say('duplicate-checklist', { code, first }));
    else seenChecklists.set(code.toLowerCase(), code);
  }

  // approvals
  for (const [kind, pol] of entries(c.approvals)) {
    if (!isRecord(pol)) continue;
    if (pol.limit !== undefined && pol.above === undefined) at(['approvals', kind, 'above'], say('approvals-above-required'), ['approvals', kind, 'limit']);
    if (pol.above !== undefined && pol.limit === undefined) at(['approvals', kind, 'limit'], say('approvals-limit-required'), ['approvals', kind, 'above']);
    const auto = readMoney(pol.autoApproveUnder, noPush);
    const limit = readMoney(pol.limit, noPush);
    if (auto !== undefined && limit !== undefined && auto > limit) at(['approvals', kind, 'autoApproveUnder'], say('approvals-auto-above', { limit: String(pol.limit) }));
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
      at(['recurring', i, 'code'], say('recurring-out-of-scope', { code: code! }));
    }
    list(r.sites).forEach((s, k) => ref(['recurring', i, 'sites', k], s, 'site', defs.sites));
    if (typeof r.rule !== 'string' || readRRule(r.rule, noPush) === undefined) return;
    const parts = parseRRuleBody(r.rule);
    if (!(parts instanceof Map) || !term.start || !term.end || term.end < term.start) return;
    const until = parts.get('UNTIL');
    const last = until ? `${until.slice(0, 4)}-${until.slice(4, 6)}-${until.slice(6, 8)}` : term.end;
    if (!ruleCanFall(parts, term.start, last < term.end ? last : term.end)) {
      at(['recurring', i, 'rule'], last < term.end ? say('recurring-never-until', { start: term.start, until: last }) : say('recurring-never-end', { start: term.start, end: term.end }));
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
