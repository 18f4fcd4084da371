import { DateTime } from 'luxon';
import type { Ctx } from '../context.js';
import { invalid } from '../errors.js';
import { wallClockInstant } from '../rules/wall-clock.js';
import { readerInstant } from '../i18n/format.js';
import { t } from '../i18n/t.js';

/**
 * When a change happened: now by default, or an earlier instant for work recorded offline.
 * Never in the future, and never before the job's last recorded event, so history stays in order.
 */
export function eventTime(ctx: Ctx, at: Date | undefined, notBefore: Date, zone: string): Date {
  const now = ctx.clock.now();
  if (!at) return now < notBefore ? notBefore : now;
  if (Number.isNaN(at.getTime())) throw invalid(t('errors-jobs.bad-time'));
  // A minute of grace: phones' clocks run a little ahead.
  if (at.getTime() > now.getTime() + 60_000) {
    throw invalid(t('errors-jobs.time-future', { at: readerInstant(at, zone), now: readerInstant(now, zone) }));
  }
  if (at < notBefore) {
    throw invalid(t('errors-jobs.time-before-last', { at: readerInstant(at, zone), last: readerInstant(notBefore, zone) }));
  }
  return at;
}

/** "10:30", "2026-11-24 10:30", ISO: read in the site's zone unless the text carries an offset. */
export function parseAt(text: string, zone: string, now: Date): Date | undefined {
  const t = text.trim();
  const iso = DateTime.fromISO(t.replace(' ', 'T'), { zone, setZone: false });
  if (iso.isValid && /\d{4}-\d{2}-\d{2}/.test(t)) return iso.toJSDate();
  const hm = /^(\d{1,2}):(\d{2})$/.exec(t);
  // "10:30" typed at 09:00 means yesterday's 10:30: events are never in the future.
  if (hm) return wallClockInstant(Number(hm[1]), Number(hm[2]), zone, now, 'past');
  return undefined;
}
