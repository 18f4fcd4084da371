/**
 * Telling a technician they have a job without messaging them off shift: on shift or on call, a
 * direct message now; off, the message waits for their shift (a held outbox row) and the team's
 * on-call technician, if someone is on call now, is told at once instead.
 */
import { eq } from 'drizzle-orm';
import type { Ctx } from '../context.js';
import { people } from '../../db/schema.js';
import { enqueueDirect } from '../notify/enqueue.js';
import { availabilityAt } from '../rules/technician-offer.js';
import { localTime } from '../rules/working-time.js';
import { candidateOf, teamTechnicians, teamZone } from './offers.js';
import { offShiftText, type GivenJob, type OffShift } from './given-notice.js';
import { t as say } from '../i18n/t.js';

export interface Tell {
  key: string;
  technicianId: number;
  teamId: string;
  subjectKind: string;
  subjectId: string | number;
  /** the job given, written in the technician's language when the message is delivered */
  given: GivenJob;
}

/** Enqueues the messages; returns what the dispatcher should read ("Tess is off until 08:00; …"), or '' when told now. */
export async function tellTechnician(ctx: Ctx, t: Tell): Promise<string> {
  const now = ctx.clock.now();
  const [tech] = await ctx.db.select().from(people).where(eq(people.id, t.technicianId));
  if (!tech) return '';
  const zone = await teamZone(ctx.db, t.teamId);
  const a = availabilityAt(candidateOf(tech, zone, 0), now);
  if (a.availability !== 'off') {
    await enqueueDirect(ctx, { key: t.key, person: tech, subjectKind: t.subjectKind, subjectId: t.subjectId, payload: payloadOf(t.given) });
    return '';
  }
  const offZone = tech.zone ?? zone;
  const shift: OffShift = { first: tech.name.split(' ')[0]!, zone: offZone, ...(a.shift.next ? { until: a.shift.next.toISOString(), sameDay: !localTime(a.shift.next, offZone, now).includes(' ') } : {}) };
  const off = offShiftText(shift);
  if (a.shift.next) await enqueueDirect(ctx, { key: t.key, person: tech, subjectKind: t.subjectKind, subjectId: t.subjectId, payload: payloadOf(t.given), notBefore: a.shift.next });
  const onCall = (await teamTechnicians(ctx.db, t.teamId)).find((p) => p.id !== tech.id && availabilityAt(candidateOf(p, zone, 0), now).availability === 'on_call');
  if (onCall) {
    await enqueueDirect(ctx, {
      key: `${t.key}:on-call`,
      person: onCall,
      subjectKind: t.subjectKind,
      subjectId: t.subjectId,
      payload: payloadOf({ ...t.given, onCall: { name: tech.name, off: shift } }),
    });
    return say('replies-dispatch.told-on-call', { off, name: onCall.name });
  }
  return a.shift.next ? say('replies-dispatch.told-at-shift', { off }) : say('replies-dispatch.not-told', { off });
}

/** `job`: the job the message is about (its assignee may see originals where the contract allows, docs/privacy.md). */
function payloadOf(given: GivenJob): Record<string, unknown> {
  return { job: given.ref, given };
}
