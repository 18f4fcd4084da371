/**
 * Dates, money and durations for a reader's locale ("fr-FR", "fr-CA", "en-GB"), through Intl and
 * luxon, never by hand: "lundi 7 décembre 2026 à 04:31", "1 800,00 €", "1 h 30".
 */
import { DateTime, Duration } from 'luxon';
import { formatPercent } from '../rules/kpi.js';
import { formatDuration, formatMoney } from '../rules/units.js';
import { zoneLabel } from '../rules/zone-label.js';
import { currentLang, currentLocale } from './current.js';
import { langOf } from './lang.js';

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** Minor units in a currency, as the locale writes money: fr-FR "1 800,00 €", fr-CA "1 800,00 $", en-GB "€1,800.00". */
export function formatMoneyIn(locale: string, minor: number, currency: string): string {
  const id = `${locale}\u0000${currency}`;
  let f = moneyFormats.get(id);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency });
    moneyFormats.set(id, f);
  }
  const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
  return f.format(minor / 10 ** digits);
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * A number as the locale writes it: with exactly `digits` decimals (Intl's default without), and
 * grouped by thousands or not as `grouping` says (Intl's default without).
 */
export function formatNumberIn(locale: string, x: number, digits?: number, grouping?: boolean): string {
  const id = `${locale}\u0000${digits ?? ''}\u0000${grouping ?? ''}`;
  let f = numberFormats.get(id);
  if (!f) {
    f = new Intl.NumberFormat(locale, {
      ...(digits === undefined ? {} : { minimumFractionDigits: digits, maximumFractionDigits: digits }),
      ...(grouping === undefined ? {} : { useGrouping: grouping }),
    });
    numberFormats.set(id, f);
  }
  return f.format(x);
}

const percentFormats = new Map<string, Intl.NumberFormat>();

/** A fraction as the locale writes a percentage, one decimal at most: fr-FR "83,3 %", "100 %". */
export function formatPercentIn(locale: string, x: number): string {
  let f = percentFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
    percentFormats.set(locale, f);
  }
  return f.format(x);
}

export type DateStyle = 'long' | 'datetime' | 'date' | 'time';

const STYLES: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  long: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' },
  datetime: { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' },
  date: { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' },
  time: { hour: '2-digit', minute: '2-digit' },
};

/** An instant in a zone, written as the locale writes it ("lundi 7 décembre 2026 à 04:31"). */
export function formatDateTimeIn(locale: string, at: Date, zone: string, style: DateStyle = 'long'): string {
  const d = DateTime.fromJSDate(at, { zone });
  return firstOfMonth(locale, d.day, d.setLocale(locale).toLocaleString({ ...STYLES[style], hourCycle: 'h23' }));
}

/** A calendar date written YYYY-MM-DD, as the locale writes it in full: fr-FR "2 décembre 2026". */
export function formatDateIn(locale: string, isoDate: string): string {
  const d = DateTime.fromISO(isoDate, { zone: 'UTC' });
  return firstOfMonth(locale, d.day, d.setLocale(locale).toLocaleString(DateTime.DATE_FULL));
}

/**
 * French writes the first of a month as an ordinal, "1er janvier 2026" (Intl and luxon write
 * "1 janvier"); other days and languages are left as written.
 */
function firstOfMonth(locale: string, day: number, text: string): string {
  return day === 1 && langOf(locale) === 'fr' ? text.replace(/(^|[\s,.])1(?=\s+\p{L})/u, '$11er') : text;
}

const unitFormats = new Map<string, Intl.NumberFormat>();

/** A count in one unit as the locale writes it, through Intl: fr-FR "2 h", "45 min". */
function formatUnitIn(locale: string, unit: 'hour' | 'minute', n: number): string {
  const id = `${locale}\u0000${unit}`;
  let f = unitFormats.get(id);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' });
    unitFormats.set(id, f);
  }
  return f.format(n);
}

/**
 * Minutes as the locale writes a duration: fr-FR "1 h 30", "1 h 05", "2 h", "45 min"; en-GB
 * "1 hr, 30 mins". Node 20 has no Intl.DurationFormat, and luxon lists French units ("1 h, 30 min")
 * where French writes the minutes after the hours as a figure on two digits, as in a time of day;
 * so French takes its hours and its minutes from Intl's units and puts the two digits after the
 * hours (a no-break space between, as Intl puts before the unit). Other locales through luxon.
 */
export function formatDurationIn(locale: string, minutes: number): string {
  const abs = Math.abs(Math.round(minutes));
  const sign = minutes < 0 && abs > 0 ? '-' : '';
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  if (langOf(locale) === 'fr') {
    if (h === 0) return `${sign}${formatUnitIn(locale, 'minute', m)}`;
    const hours = formatUnitIn(locale, 'hour', h);
    return `${sign}${m === 0 ? hours : `${hours}\u00a0${String(m).padStart(2, '0')}`}`;
  }
  const d = Duration.fromObject({ hours: h, minutes: m }, { locale });
  const parts = abs >= 60 && m === 0 ? d.shiftTo('hours') : abs < 60 ? d.shiftTo('minutes') : d;
  return `${minutes < 0 ? '-' : ''}${parts.toHuman({ unitDisplay: 'short', listStyle: 'narrow' })}`;
}

/** "a, b or c" in the current reader's locale ("a, b ou c"). */
export function formatOr(items: readonly string[]): string {
  return new Intl.ListFormat(currentLocale(), { type: 'disjunction' }).format(items);
}

/**
 * Minutes as the current reader reads them on a card or reply: French in the reader's locale
 * ("1 h 30", "45 min"), English in the bot's house style ("1h30m").
 */
export function readerDuration(minutes: number): string {
  return currentLang() === 'fr' ? formatDurationIn(currentLocale(), minutes) : formatDuration(minutes);
}

/**
 * Minor units as the current reader reads them: French through Intl in the reader's locale
 * ("1 800,00 €", or "1 800,00" without a currency), English in the house style ("EUR 1,800.00").
 */
export function readerMoney(minor: number, currency?: string): string {
  if (currentLang() !== 'fr') return formatMoney(minor, currency);
  if (currency) return formatMoneyIn(currentLocale(), minor, currency);
  return formatNumberIn(currentLocale(), minor / 100, 2);
}

/**
 * A number with `digits` decimals as the current reader reads it: French grouped by thousands
 * ("1 500", "1,50"), English in the house style, without grouping ("1500", "1.50").
 */
export function readerNumber(x: number, digits: number): string {
  return formatNumberIn(currentLocale(), x, digits, currentLang() === 'fr');
}

/**
 * A factor as a contract writes it (a rate multiplier, "×1.5") as the current reader reads it, with
 * the decimals it has: "1,5" in French (Intl in the reader's locale), as written in English ("1.5").
 */
export function readerFactor(x: number): string {
  return currentLang() === 'fr' ? formatNumberIn(currentLocale(), x) : String(x);
}

/** A fraction as the current reader reads a percentage: "83,3 %" in French, "83.3%" in the house style. */
export function readerPercent(x: number): string {
  return currentLang() === 'fr' ? formatPercentIn(currentLocale(), x) : formatPercent(x);
}

/**
 * A calendar date (YYYY-MM-DD) as the current reader reads it in a reply: "2 décembre 2026" for a
 * French reader; English keeps it as written, the house style (as customerVoice's `date`).
 */
export function readerDate(isoDate: string): string {
  return currentLang() === 'fr' ? formatDateIn(currentLocale(), isoDate) : isoDate;
}

/** A calendar date (YYYY-MM-DD) in short: as written in English, "15 janv. 2026" for a French reader. */
export function readerShortDate(isoDate: string): string {
  if (currentLang() !== 'fr') return isoDate;
  const d = DateTime.fromISO(isoDate);
  return firstOfMonth(currentLocale(), d.day, d.setLocale(currentLocale()).toFormat('d LLL yyyy'));
}

/**
 * An instant in a zone as the current reader reads it in a reply: "Mon 7 Dec 10:02 CET",
 * "lun. 7 déc. 10:02 CET" for a French reader (the same as a card's terminal rendering).
 */
export function readerInstant(at: Date, zone: string): string {
  const dt = DateTime.fromJSDate(at, { zone }).setLocale(currentLang() === 'fr' ? currentLocale() : 'en-GB');
  return `${firstOfMonth(dt.locale ?? 'en-GB', dt.day, dt.toFormat('ccc d LLL HH:mm'))} ${zoneLabel(dt)}`;
}

/** An instant in a zone with a luxon format ("ccc d LLL HH:mm"), its words in the reader's language. */
export function readerClock(at: Date, zone: string, format: string): string {
  const dt = DateTime.fromJSDate(at, { zone });
  return currentLang() === 'fr' ? firstOfMonth(currentLocale(), dt.day, dt.setLocale(currentLocale()).toFormat(format)) : dt.toFormat(format);
}

const monthDayFormats = new Map<string, Intl.DateTimeFormat>();

/** A day of every year written MM-DD (a seasonal modifier's bound) as the locale writes it: fr-FR "1er juin", "31 août". */
export function formatMonthDayIn(locale: string, monthDay: string): string {
  const [month, day] = monthDay.split('-').map(Number);
  let f = monthDayFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', timeZone: 'UTC' });
    monthDayFormats.set(locale, f);
  }
  // A leap year, so that 02-29 is a day.
  return firstOfMonth(locale, day!, f.format(Date.UTC(2000, month! - 1, day)));
}

/**
 * A day of every year written MM-DD (a seasonal modifier's bound) as the current reader reads it:
 * "1er décembre" for a French reader; English keeps it as written ("12-01").
 */
export function readerMonthDay(monthDay: string): string {
  return currentLang() === 'fr' ? formatMonthDayIn(currentLocale(), monthDay) : monthDay;
}
