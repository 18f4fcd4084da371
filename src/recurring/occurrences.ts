/**
 * Dates of preventive visits from a contract's `recurring` rules (RFC 5545 RRULE bodies). Pure.
 *
 * A rule repeats from the first day of the term (its DTSTART), so `INTERVAL=3` counts quarters
 * from the term's start, not from the day the bot happened to look. The rule is read on local
 * calendar dates: computed in floating UTC midnights, then each is a date of the site's calendar.
 */
import rrulePkg from 'rrule';
import { DateTime } from 'luxon';

const { rrulestr } = rrulePkg;

const compact = (date: string) => date.replaceAll('-', '');

/** Local dates in [from, to] (inclusive, and within the term) on which `rule` has a visit. */
export function occurrences(rule: string, term: { start: string; end: string }, from: string, to: string): string[] {
  const lo = from > term.start ? from : term.start;
  const hi = to < term.end ? to : term.end;
  if (lo > hi) return [];
  const r = rrulestr(`DTSTART:${compact(term.start)}T000000Z\nRRULE:${rule.replace(/^RRULE:/i, '')}`);
  return r.between(new Date(`${lo}T00:00:00Z`), new Date(`${hi}T00:00:00Z`), true).map((d) => d.toISOString().slice(0, 10));
}

/** The cap period a date falls in: "2026", "2026-Q4" or "2026-11". */
export function capPeriod(date: string, per: 'month' | 'quarter' | 'year'): { key: string; from: string; to: string } {
  const d = DateTime.fromISO(date, { zone: 'UTC' });
  const unit = per === 'year' ? 'year' : per === 'quarter' ? 'quarter' : 'month';
  const key = per === 'year' ? d.toFormat('yyyy') : per === 'quarter' ? `${d.year}-Q${d.quarter}` : d.toFormat('yyyy-MM');
  return { key, from: d.startOf(unit).toISODate()!, to: d.endOf(unit).toISODate()! };
}

/** The idempotency key of one planned visit: taken forever once used, even if the job is cancelled. */
export const recurrenceKey = (contractId: string, siteId: string, code: string, date: string) => `${contractId}:${siteId}:${code}:${date}`;
