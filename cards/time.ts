import { DateTime } from 'luxon';

/** "Tue 24 Nov 11:00 CET": what a person reads, in a given zone. */
export function formatInstant(at: Date, zone: string, style: 'datetime' | 'time' | 'date' = 'datetime'): string {
  const dt = DateTime.fromJSDate(at, { zone });
  if (style === 'time') return dt.toFormat('HH:mm ZZZZ');
  if (style === 'date') return dt.toFormat('ccc d LLL yyyy');
  return dt.toFormat('ccc d LLL HH:mm ZZZZ');
}
