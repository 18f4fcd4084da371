import { DateTime } from 'luxon';
import { currentLang, currentLocale } from '../src/i18n/current.js';
import { readerInstant } from '../src/i18n/format.js';
import { zoneLabel } from '../src/rules/zone-label.js';

/** "Tue 24 Nov 11:00 CET" ("mar. 24 nov. 11:00 CET" for a French reader): an instant in a given zone. */
export function formatInstant(at: Date, zone: string, style: 'datetime' | 'time' | 'date' = 'datetime'): string {
  if (style === 'datetime') return readerInstant(at, zone);
  const dt = DateTime.fromJSDate(at, { zone }).setLocale(currentLang() === 'fr' ? currentLocale() : 'en-GB');
  if (style === 'time') return `${dt.toFormat('HH:mm')} ${zoneLabel(dt)}`;
  return dt.toFormat('ccc d LLL yyyy');
}
