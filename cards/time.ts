import { DateTime } from 'luxon';
import { zoneLabel } from '../src/rules/zone-label.js';

/** "Tue 24 Nov 11:00 CET": what a person reads, in a given zone. */
export function formatInstant(at: Date, zone: string, style: 'datetime' | 'time' | 'date' = 'datetime'): string {
  const dt = DateTime.fromJSDate(at, { zone });
  if (style === 'time') return `${dt.toFormat('HH:mm')} ${zoneLabel(dt)}`;
  if (style === 'date') return dt.toFormat('ccc d LLL yyyy');
  return `${dt.toFormat('ccc d LLL HH:mm')} ${zoneLabel(dt)}`;
}
