/**
 * Why a technician is offered a job (src/rules/technician-offer.ts) as one phrase in the current
 * reader's language: "biomed ✓, on shift until 17:00, 2 open jobs", "biomed ✓, en poste jusqu’à
 * 17:00, 2 interventions en cours". Times in the technician's zone, with the weekday unless on
 * the day of the ranking.
 */
import { DateTime } from 'luxon';
import { readerClock, readerShortDate } from '../i18n/format.js';
import { t } from '../i18n/t.js';
import type { OfferWhy, SkillWord } from '../rules/technician-offer.js';

/** A required skill as held ("biomed ✓"), missing or expired. */
export function skillText(s: SkillWord): string {
  if (s.state !== 'expired') return t(s.state === 'held' ? 'offer.skill-held' : 'offer.skill-missing', { skill: s.skill });
  return t('offer.skill-expired', { skill: s.skill, expires: readerShortDate(s.expires) });
}

function clock(at: Date, why: OfferWhy): string {
  const sameDay = DateTime.fromJSDate(at, { zone: why.zone }).hasSame(DateTime.fromJSDate(why.now, { zone: why.zone }), 'day');
  return readerClock(at, why.zone, sameDay ? 'HH:mm' : 'ccc HH:mm');
}

/** "Tess Technician: on shift until 17:00, 0 open jobs", a choice of a Reassign or Assign menu. */
export function offerChoice(o: { name: string; why: OfferWhy }): string {
  return t('offer.choice', { name: o.name, reason: offerReason(o.why) });
}

/** "Tess Technician (biomed expired 2026-10-31, off until 08:00, 0 open jobs)", in a list. */
export function offerAside(o: { name: string; why: OfferWhy }): string {
  return t('offer.aside', { name: o.name, reason: offerReason(o.why) });
}

export function offerReason(why: OfferWhy): string {
  const { when } = why;
  const until = when.until ? clock(when.until, why) : undefined;
  const whenText =
    when.state === 'no_hours'
      ? t('offer.no-hours')
      : when.state === 'off'
        ? t('offer.off-until', { until: until ?? '' })
        : until
          ? t(when.state === 'on_shift' ? 'offer.on-shift-until' : 'offer.on-call-until', { until })
          : t(when.state === 'on_shift' ? 'offer.on-shift' : 'offer.on-call');
  return [...why.skills.map(skillText), whenText, t('offer.open-jobs', { n: why.openJobs })].join(t('offer.sep'));
}
