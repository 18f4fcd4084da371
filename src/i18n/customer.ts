/**
 * The customer's voice: words, money, instants, dates and durations as the contract's `locale`
 * writes them, for everything a customer reads (messages, subjects, reports, renewal packs,
 * invoices, field pages). French goes through Intl and luxon in the locale ("lundi 7 décembre
 * 2026 à 04:31", "1 800,00 €"); English keeps the bot's house style ("Mon 7 Dec 2026 04:31 CET",
 * "EUR 1,800.00", "1h30m"), the one its cards and replies use.
 */
import { DateTime } from 'luxon';
import { zoneLabel } from '../rules/zone-label.js';
import { formatPercent } from '../rules/kpi.js';
import { formatDuration, formatMoney } from '../rules/units.js';
import { formatDateIn, formatDateTimeIn, formatDurationIn, formatMoneyIn, formatNumberIn, formatPercentIn } from './format.js';
import { DEFAULT_LOCALE, langOf, type Lang } from './lang.js';
import { tIn, type MessageKey, type MessageValues } from './t.js';

export interface CustomerVoice {
  lang: Lang;
  locale: string;
  /** a catalog message in the customer's language */
  t(key: MessageKey, values?: MessageValues): string;
  money(minor: number, currency: string): string;
  /** an instant in a zone, in full: "lundi 7 décembre 2026 à 04:31", "Mon 7 Dec 2026 04:31 CET" */
  time(at: Date, zone: string): string;
  /** an instant within the year: "lun. 7 déc., 04:31", "Mon 7 Dec 04:31 CET" */
  shortTime(at: Date, zone: string): string;
  /** a span of work: "lun. 7 déc., 04:31–05:10", "Mon 7 Dec 04:31–05:10 CET"; `openEnd` when it has not ended */
  span(start: Date, end: Date | null, zone: string, openEnd: string): string;
  /** the time of day only: "04:31" */
  clock(at: Date, zone: string): string;
  /** a calendar date written YYYY-MM-DD: "7 décembre 2026"; English keeps it as written */
  date(isoDate: string): string;
  /** a calendar date in a table column: "02/11/2026"; English keeps it as written */
  numericDate(isoDate: string): string;
  duration(minutes: number): string;
  /** a fraction as a percentage: "83,3 %", "83.3%" */
  percent(x: number): string;
  /** a quantity of a contract's unit to two decimals: "1,5 heure", "3 visites"; English writes the number as JavaScript does, "1.5 hours" */
  quantity(x: number, unit: string): string;
}

const voices = new Map<string, CustomerVoice>();

/** The voice of a contract's locale (`fr-FR`, `en-GB`); a language the bot does not write reads as English. */
export function customerVoice(locale: string): CustomerVoice {
  let v = voices.get(locale);
  if (!v) {
    v = build(locale);
    voices.set(locale, v);
  }
  return v;
}

function english(at: Date, zone: string, fmt: string): string {
  const dt = DateTime.fromJSDate(at, { zone }).setLocale(DEFAULT_LOCALE.en);
  return `${dt.toFormat(fmt)} ${zoneLabel(dt)}`;
}

/**
 * `quantity` with the number written by `format`. It words through the voice it is called on, so a
 * voice whose `t` is swapped for the reader's (`readerReportVoice`) words its quantities too.
 */
function quantityWith(format: (n: number) => string): CustomerVoice['quantity'] {
  return function (this: CustomerVoice, x: number, unit: string): string {
    const n = Number(x.toFixed(2));
    return this.t('replies-contract.quantity', { q: format(n), n, unit });
  };
}

function build(tag: string): CustomerVoice {
  const lang = langOf(tag) ?? 'en';
  const locale = langOf(tag) ? tag : DEFAULT_LOCALE.en;
  const t = (key: MessageKey, values?: MessageValues) => tIn(lang, key, values, locale);
  if (lang === 'en') {
    return {
      lang,
      locale,
      t,
      money: (minor, currency) => formatMoney(minor, currency),
      time: (at, zone) => english(at, zone, 'ccc d LLL yyyy HH:mm'),
      shortTime: (at, zone) => english(at, zone, 'ccc d LLL HH:mm'),
      span: (start, end, zone, openEnd) =>
        `${DateTime.fromJSDate(start, { zone }).setLocale(DEFAULT_LOCALE.en).toFormat('ccc d LLL HH:mm')}–${end ? english(end, zone, 'HH:mm') : openEnd}`,
      clock: (at, zone) => DateTime.fromJSDate(at, { zone }).toFormat('HH:mm'),
      date: (iso) => iso,
      numericDate: (iso) => iso,
      duration: formatDuration,
      percent: formatPercent,
      quantity: quantityWith(String),
    };
  }
  return {
    lang,
    locale,
    t,
    money: (minor, currency) => formatMoneyIn(locale, minor, currency),
    time: (at, zone) => formatDateTimeIn(locale, at, zone, 'long'),
    shortTime: (at, zone) => formatDateTimeIn(locale, at, zone, 'datetime'),
    span: (start, end, zone, openEnd) => `${formatDateTimeIn(locale, start, zone, 'datetime')}–${end ? formatDateTimeIn(locale, end, zone, 'time') : openEnd}`,
    clock: (at, zone) => formatDateTimeIn(locale, at, zone, 'time'),
    date: (iso) => formatDateIn(locale, iso),
    numericDate: (iso) => DateTime.fromISO(iso, { zone: 'UTC' }).setLocale(locale).toLocaleString(DateTime.DATE_SHORT),
    duration: (minutes) => formatDurationIn(locale, minutes),
    percent: (x) => formatPercentIn(locale, x),
    quantity: quantityWith((n) => formatNumberIn(locale, n)),
  };
}
