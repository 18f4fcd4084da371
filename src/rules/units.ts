/**
 * Durations, percentages and money as contracts and chat write them. Pure.
 * Money is always integer minor units; the currencies of the pilots all have two decimals.
 */

import type { MessageKey } from '../errors.js';

const UNIT_MINUTES = { d: 1440, h: 60, m: 1 } as const;
type Unit = keyof typeof UNIT_MINUTES;

/**
 * Why text written like a duration cannot be one, as its catalog key (area `errors-durations`) and
 * values: a phrase, worded where it is shown (`readDuration`, src/i18n/duration-reading.ts).
 */
export interface DurationWhy {
  key: MessageKey;
  values: Record<string, string>;
}

/**
 * Reads "15m", "2h", "1h30m", "1d2h", also spaced ("1 h 30 m") and the French "1h30" / "1 h 30"
 * (a bare number right after the hours is minutes); minutes may be written "min" or "mn" and days
 * "j" (jours): "1 h 30 min", "1j2h". Undefined when the text is not written like a
 * duration at all; a problem when it is but cannot be one: a negative ("-1h"), a unit given twice
 * ("90m15m"), units out of order ("30m1h"), minutes of 60 or more after hours ("1h75m"), hours of 24
 * or more after days. Zero ("0m") reads as 0: callers that need a length of time refuse it.
 */
export function readDurationWhy(text: string): { minutes: number } | { why: DurationWhy } | undefined {
  const t = text
    .trim()
    .replace(/\s+/g, '')
    .toLowerCase()
    .replace(/(\d)(?:mins?|mn)(?=\d|$)/g, '$1m')
    .replace(/(\d)j(?=\d|$)/g, '$1d');
  if (!/^[+-]?(?:\d+[dhm]?)+$/.test(t) || !/[dhm]/.test(t)) return undefined;
  const shown = text.trim();
  if (t.startsWith('-')) return why('errors-durations.negative', { shown, like: t.slice(1) });
  if (t.startsWith('+')) return undefined;
  const parts = [...t.matchAll(/(\d+)([dhm]?)/g)].map((m) => ({ n: Number(m[1]), unit: m[2] as Unit | '' }));
  let minutes = 0;
  let prev: Unit | undefined;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    // "1h30": a last bare number after the hours is minutes.
    const unit: Unit | undefined = p.unit || (i === parts.length - 1 && prev === 'h' ? 'm' : undefined);
    if (!unit) return why('errors-durations.no-unit', { shown });
    const like = formatDuration(total(parts));
    if (prev === unit) return why('errors-durations.twice', { shown, unit, like });
    if (prev && UNIT_MINUTES[unit] > UNIT_MINUTES[prev]) return why('errors-durations.order', { shown, unit, prev, like });
    if (prev && p.n * UNIT_MINUTES[unit] >= UNIT_MINUTES[prev]) return why('errors-durations.whole', { shown, part: `${p.n}${unit}`, prev, like });
    minutes += p.n * UNIT_MINUTES[unit];
    prev = unit;
  }
  return { minutes };
}

function why(key: MessageKey, values: Record<string, string>): { why: DurationWhy } {
  return { why: { key, values } };
}

/** What the parts add up to (a bare number counts as minutes), for the suggestion in a refusal. */
function total(parts: { n: number; unit: Unit | '' }[]): number {
  return parts.reduce((sum, p) => sum + p.n * UNIT_MINUTES[p.unit || 'm'], 0);
}

/** The minutes of a valid duration (see `readDurationWhy`); undefined for anything else. */
export function parseDuration(text: string): number | undefined {
  const r = readDurationWhy(text);
  return r && 'minutes' in r ? r.minutes : undefined;
}

/** 90 -> "1h30m", 0 -> "0m", 1500 -> "25h" (hours are not folded into days: SLA hours read better). */
export function formatDuration(minutes: number): string {
  const sign = minutes < 0 ? '-' : '';
  const abs = Math.abs(Math.round(minutes));
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  if (h === 0) return `${sign}${m}m`;
  return m === 0 ? `${sign}${h}h` : `${sign}${h}h${String(m).padStart(2, '0')}m`;
}

/** "75%" -> 0.75; undefined when not a percentage between 0 and 100. */
export function parsePercent(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)%$/.exec(text.trim());
  if (!m) return undefined;
  const v = Number(m[1]);
  return v <= 100 ? v / 100 : undefined;
}

/**
 * A decimal amount with at most two decimals -> minor units, exactly (no float drift):
 * the number is read through its shortest decimal string, which is what YAML and JSON wrote.
 */
export function toMinor(amount: number | string): number | undefined {
  const s = typeof amount === 'number' ? (Number.isFinite(amount) ? String(amount) : '') : amount.trim();
  const m = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return undefined;
  const minor = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -minor : minor;
}

/** 123456 -> "1,234.56"; with currency "EUR 1,234.56". */
export function formatMoney(minor: number, currency?: string): string {
  const neg = minor < 0;
  const abs = Math.abs(minor);
  const units = Math.floor(abs / 100).toLocaleString('en-US');
  const cents = String(abs % 100).padStart(2, '0');
  const body = `${neg ? '-' : ''}${units}.${cents}`;
  return currency ? `${currency} ${body}` : body;
}

/** Round half away from zero to an integer: the one rounding rule money uses. */
export function roundHalfAway(x: number): number {
  // Guard against binary noise like 2.4999999999 that really is 2.5 in decimal.
  const r = Math.round(Math.abs(x) * 1e6) / 1e6;
  const v = Math.floor(r + 0.5);
  return x < 0 ? -v : v;
}
