/**
 * The direct message telling a technician they have a job, kept as data on the outbox row and
 * written when it is delivered, in the language of the person it goes to (the row's language).
 */
import { card, type Card } from '../../cards/card.js';
import { readerClock, readerDate, readerInstant } from '../i18n/format.js';
import { t } from '../i18n/t.js';

/** Why the technician given the job is not told now: off until an instant, or no working hours. */
export interface OffShift {
  first: string;
  /** ISO instant of their next shift; absent when they have no working hours */
  until?: string;
  zone: string;
  /** the next shift is the same local day as when the job was given (shown without a weekday) */
  sameDay?: boolean;
}

export interface GivenJob {
  ref: string;
  summary: string;
  site: string;
  priority?: string;
  /** a planned visit's day (YYYY-MM-DD) */
  planned?: string;
  /** the SLA window an alert's reassign is about, and when it is due (ISO, shown in the site's zone; absent while its clock is paused) */
  due?: { window: string; at?: string; zone: string };
  /** set on the copy for the on-call technician: who the job went to, and why they are not told now */
  onCall?: { name: string; off: OffShift };
}

export function isGivenJob(x: unknown): x is GivenJob {
  return typeof x === 'object' && x !== null && typeof (x as GivenJob).ref === 'string' && typeof (x as GivenJob).summary === 'string';
}

/** "Tess is off until 08:00", "Tess has no working hours", in the current reader's language. */
export function offShiftText(off: OffShift): string {
  return off.until
    ? t('replies-dispatch.off-until', { first: off.first, until: readerClock(new Date(off.until), off.zone, off.sameDay ? 'HH:mm' : 'ccc HH:mm') })
    : t('replies-dispatch.no-hours', { first: off.first });
}

export function givenJobCard(g: GivenJob): Card {
  const text = g.due
    ? t('replies-dispatch.given-due', { summary: g.summary, site: g.site, window: g.due.window, due: g.due.at ? readerInstant(new Date(g.due.at), g.due.zone) : t('replies-dispatch.due-unknown') })
    : g.planned
      ? t('replies-dispatch.planned-text', { summary: g.summary, site: g.site })
      : t('replies-dispatch.given', { summary: g.summary, site: g.site, priority: g.priority ?? '' });
  const title = g.onCall
    ? t('replies-dispatch.went-to', { ref: g.ref, name: g.onCall.name, date: g.planned ? readerDate(g.planned) : 'none' })
    : g.planned
      ? t('replies-dispatch.planned', { ref: g.ref, date: readerDate(g.planned) })
      : t('replies-dispatch.you-have', { ref: g.ref });
  const body = g.onCall ? t('replies-dispatch.on-call-text', { off: offShiftText(g.onCall.off), text }) : text;
  return card('info', title, { blocks: [{ type: 'text', text: body }], visibility: 'channel' });
}
