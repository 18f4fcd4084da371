import { DateTime } from 'luxon';
import { currentLang, currentLocale } from '../src/i18n/current.js';
import { zoneLabel } from '../src/rules/zone-label.js';

/** "Tue 24 Nov 11:00 CET" ("mar. 24 nov. 11:00 CET" for a French reader): an instant in a given zone. */
export function formatInstant(at: Date, zone: string, style: 'datetime' | 'time' | 'date' = 'datetime'): string {
  const dt = DateTime.fromJSDate(at, { zone }).setLocale(currentLang() === 'fr' ? currentLocale() : 'en-GB');
  if (style === 'time') return `${dt.toFormat('HH:mm')} ${zoneLabel(dt)}`;
  if (style === 'date') return dt.toFormat('ccc d LLL yyyy');
  return `${dt.toFormat('ccc d LLL HH:mm')} ${zoneLabel(dt)}`;
}
