/**
 * Reading one spreadsheet cell. No I/O. Each reader returns the value or a sentence saying what is
 * wrong with the cell (catalog area `import-rows`, in the current reader's language, the cell
 * quoted as typed), never a guess: a cell that could mean two things is refused with the way to
 * write it unambiguously.
 *
 * Numbers follow what European and US exports actually contain: `85.00`, `85,00`, `1 234,56`,
 * `1.234,56`, `1,234.56`, `1'234.50`, `€ 85,00`. When a cell has both `.` and `,`, the last one is
 * the decimal separator; a single `,` is a decimal comma. `1,234` is therefore 1.234, which as
 * money has three decimals and is refused, rather than silently read as a thousand.
 */
import { DateTime, IANAZone } from 'luxon';
import { readerDate, readerDuration, readerNumber } from '../i18n/format.js';
import { t, type MessageKey } from '../i18n/t.js';
import { readDuration } from '../i18n/duration-reading.js';
import { formatDuration } from '../rules/units.js';

export type Read<T> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const bad = <T>(error: string): Read<T> => ({ ok: false, error });

/** What was typed, on one line: a quoted cell may hold line breaks. */
export const asTyped = (cell: string) => cell.replace(/\s*[\r\n]+\s*/g, ' ');

/** A refusal of the cell: `key` is an `import-rows.*` sentence that quotes it as `{cell}`. */
const refuse = <T>(key: MessageKey, cell: string, values: Record<string, string> = {}): Read<T> => bad(t(key, { cell: asTyped(cell), ...values }));

/** Spaces, no-break spaces and apostrophes used as thousands separators, currency symbols. */
const NOISE = /[\s\u00a0\u202f'\u2019€$£¥]/g;

/** A decimal written any of the common ways -> canonical "1234.56" (sign kept), or undefined. */
export function canonicalDecimal(cell: string): string | undefined {
  let s = cell.replace(NOISE, '');
  if (s === '') return undefined;
  let sign = '';
  if (s[0] === '-' || s[0] === '+') {
    sign = s[0] === '-' ? '-' : '';
    s = s.slice(1);
  }
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return undefined;
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  let intPart: string;
  let frac = '';
  if (lastDot >= 0 && lastComma >= 0) {
    const dec = Math.max(lastDot, lastComma);
    const thousands = dec === lastDot ? ',' : '.';
    intPart = s.slice(0, dec);
    frac = s.slice(dec + 1);
    if (intPart.includes(s[dec]!) || frac.includes(thousands) || !validGroups(intPart, thousands)) return undefined;
    intPart = intPart.split(thousands).join('');
  } else {
    const sep = lastDot >= 0 ? '.' : lastComma >= 0 ? ',' : '';
    const parts = sep ? s.split(sep) : [s];
    if (parts.length > 2) {
      // 1.234.567 or 1,234,567: only thousands, no decimals.
      if (!validGroups(s, sep)) return undefined;
      intPart = parts.join('');
    } else {
      intPart = parts[0]!;
      frac = parts[1] ?? '';
      if (sep && frac === '') return undefined;
    }
  }
  if (intPart === '') intPart = '0';
  if (!/^\d+$/.test(intPart) || !/^\d*$/.test(frac)) return undefined;
  return `${sign}${intPart.replace(/^0+(?=\d)/, '')}${frac ? `.${frac}` : ''}`;
}

function validGroups(s: string, sep: string): boolean {
  const groups = s.split(sep);
  return groups.length === 1 || (groups[0]!.length >= 1 && groups[0]!.length <= 3 && groups.slice(1).every((g) => g.length === 3));
}

/** Money: at least 0, at most two decimals -> "85.00" (kept as text so nothing drifts) and minor units. */
export function readMoneyCell(cell: string): Read<{ text: string; minor: number }> {
  const d = canonicalDecimal(cell);
  if (d === undefined) return refuse('import-rows.not-amount', cell);
  if (d.startsWith('-')) return refuse('import-rows.negative', cell);
  const [i, f = ''] = d.split('.');
  if (f.length > 2) {
    const whole = /^\d{1,3}[.,]\d{3}$/.test(cell.replace(NOISE, '')) ? `${i}${f}` : 'none';
    return refuse('import-rows.too-many-decimals', cell, { whole });
  }
  const minor = Number(i) * 100 + Number(f.padEnd(2, '0'));
  if (!Number.isSafeInteger(minor)) return refuse('import-rows.too-large', cell);
  return ok({ text: `${i}.${f.padEnd(2, '0')}`, minor });
}

/** A plain number (km, visits). */
export function readNumberCell(cell: string, opts: { min: number; whole?: boolean; inclusive?: boolean }): Read<number> {
  const d = canonicalDecimal(cell);
  const n = d === undefined ? NaN : Number(d);
  if (!Number.isFinite(n)) return refuse('import-rows.not-number', cell);
  if (opts.whole && !Number.isInteger(n)) return refuse('import-rows.not-whole', cell);
  if (opts.inclusive === false ? n <= opts.min : n < opts.min) {
    return refuse('import-rows.below-min', cell, { inclusive: opts.inclusive === false ? 'no' : 'yes', min: readerNumber(opts.min, 0) });
  }
  return ok(n);
}

const TRUE = new Set(['true', 'yes', 'y', '1', 'x', 'oui', 'ja', 'si', 'sí', 'vrai', 'wahr', '✓', '✔']);
const FALSE = new Set(['false', 'no', 'n', '0', 'non', 'nein', 'faux', 'falsch', '-']);

export function readBoolCell(cell: string): Read<boolean> {
  const l = cell.trim().toLowerCase();
  if (TRUE.has(l)) return ok(true);
  if (FALSE.has(l)) return ok(false);
  return refuse('import-rows.not-bool', cell);
}

/**
 * A duration: `15m`, `2h`, `1h30m` as contracts write them; `1:30` as spreadsheets show times;
 * `1.5h` / `1,5h`; a bare whole number is minutes (the unit a spreadsheet column of increments uses).
 */
export function readDurationCell(cell: string): Read<{ text: string; minutes: number }> {
  const t = cell.trim().toLowerCase().replace(/\s+/g, '').replace(/mins?$|minutes?$/, 'm').replace(/hours?$|hrs?$/, 'h');
  const r = readDuration(t);
  if (r && 'problem' in r) return bad(r.problem);
  let minutes = r?.minutes;
  if (minutes === undefined) {
    const hm = /^(\d+):([0-5]\d)$/.exec(t);
    const dec = /^(\d+[.,]\d+)h$/.exec(t);
    if (hm) minutes = Number(hm[1]) * 60 + Number(hm[2]);
    else if (dec) {
      const m = Number(dec[1]!.replace(',', '.')) * 60;
      if (Number.isInteger(Math.round(m * 1e6) / 1e6)) minutes = Math.round(m);
    } else if (/^\d+$/.test(t)) minutes = Number(t);
  }
  if (minutes === undefined) return refuse('import-rows.not-duration', cell);
  if (minutes <= 0) return refuse('import-rows.not-positive-duration', cell, { zero: readerDuration(0) });
  return ok({ text: formatDuration(minutes), minutes });
}

/**
 * A calendar date. ISO `2026-12-31` always; `31.12.2026` (dots are European); `31/12/2026` only when
 * the day cannot be a month, since `03/04/2026` is March in New York and April in Paris.
 */
export function readDateCell(cell: string): Read<string> {
  const t = cell.trim();
  let y: number, m: number, d: number;
  let r: RegExpExecArray | null;
  if ((r = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t))) [y, m, d] = [Number(r[1]), Number(r[2]), Number(r[3])];
  else if ((r = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t))) [d, m, y] = [Number(r[1]), Number(r[2]), Number(r[3])];
  else if ((r = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t))) {
    const a = Number(r[1]);
    const b = Number(r[2]);
    if (a <= 12 && b <= 12 && a !== b) {
      const first = `${r[3]}-${r[2]!.padStart(2, '0')}-${r[1]!.padStart(2, '0')}`;
      const second = `${r[3]}-${r[1]!.padStart(2, '0')}-${r[2]!.padStart(2, '0')}`;
      return refuse('import-rows.date-ambiguous', cell, { first: readerDate(first), second: readerDate(second) });
    }
    [y, m, d] = a > 12 ? [Number(r[3]), b, a] : [Number(r[3]), a, b];
  } else return refuse('import-rows.not-date', cell);
  const dt = DateTime.fromObject({ year: y, month: m, day: d });
  if (!dt.isValid) return refuse('import-rows.not-real-date', cell);
  return ok(dt.toISODate()!);
}

const ID = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;

/** Ids as contracts write them: what people type in chat, so no spaces. */
export function readIdCell(cell: string): Read<string> {
  const id = cell.trim();
  if (!ID.test(id)) return refuse('import-rows.not-id', cell);
  return ok(id);
}

export function readEnumCell<T extends string>(cell: string, values: readonly T[]): Read<T> {
  const l = cell.trim().toLowerCase();
  const hit = values.find((v) => v.toLowerCase() === l);
  return hit ? ok(hit) : refuse('import-rows.not-one-of', cell, { values: values.join(', ') });
}

export function readZoneCell(cell: string): Read<string> {
  const zone = cell.trim();
  return IANAZone.isValidZone(zone) ? ok(zone) : refuse('import-rows.not-zone', cell);
}

/** A list in one cell: `dispatcher, manager`, `dispatcher|manager`, `dispatcher manager`. */
export function splitList(cell: string): string[] {
  return cell
    .split(/[\s,;|+/]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
