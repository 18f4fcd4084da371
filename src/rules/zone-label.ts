/**
 * One way to name a zone everywhere the bot shows a time (cards, explanations, refusals, customer
 * messages): the short name people there write (CET, EST, BST), never a mix of "GMT+1" on a card
 * and "CET" in its explanation. en-US knows EST/CST but says "GMT+1" for Paris; en-GB says CET/BST
 * but "GMT-5" for New York: take whichever gives a name rather than an offset.
 */
import { DateTime } from 'luxon';

export function zoneLabel(dt: DateTime): string {
  const us = dt.setLocale('en-US').toFormat('ZZZZ');
  if (!/^GMT[+-]/.test(us)) return us;
  const gb = dt.setLocale('en-GB').toFormat('ZZZZ');
  return /^GMT[+-]/.test(gb) ? us : gb;
}

/** An instant in a zone with the zone's label: "Mon 23 Nov 10:14 CET". */
export function formatInZone(d: Date, zone: string, format = 'ccc d LLL HH:mm'): string {
  const dt = DateTime.fromJSDate(d, { zone }).setLocale('en-GB');
  return `${dt.toFormat(format)} ${zoneLabel(dt)}`;
}
