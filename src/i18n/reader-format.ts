/**
 * Values inside the bot's own sentences (refusals, replies), written for the current reader:
 * English keeps the house style of the cards ("1h30m", "EUR 1,800.00", "Mon 7 Dec 04:31"),
 * French follows the reader's locale through Intl and luxon ("1 h, 30 min", "1 800,00 €",
 * "lun. 7 déc. 04:31").
 */
import { DateTime } from 'luxon';
import { formatDuration, formatMoney } from '../rules/units.js';
import { currentLang, currentLocale } from './current.js';
import { formatDurationIn, formatMoneyIn } from './format.js';

const french = () => currentLang() === 'fr';

/** Minutes as a duration: "1h30m" in English, "1 h, 30 min" in French. */
export function readerDuration(minutes: number): string {
  return french() ? formatDurationIn(currentLocale(), minutes) : formatDuration(minutes);
}

/** Minor units of a currency: "EUR 1,800.00" in English, "1 800,00 €" in French. */
export function readerMoney(minor: number, currency: string): string {
  return french() ? formatMoneyIn(currentLocale(), minor, currency) : formatMoney(minor, currency);
}

/** An instant in a zone with a luxon format ("ccc d LLL HH:mm"), its words in the reader's language. */
export function readerClock(at: Date, zone: string, format: string): string {
  const dt = DateTime.fromJSDate(at, { zone });
  return (french() ? dt.setLocale(currentLocale()) : dt).toFormat(format);
}
