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

export interface Tell {
  key: string;
  technicianId: number;
  teamId: string;
  subjectKind: string;
  subjectId: string | number;
  /** `job`: the job the message is about (its assignee may see originals where the contract allows, docs/privacy.md) */
  payload: { title: string; text: string; job?: string };
}

/** Enqueues the messages; returns what the dispatcher should read ("Tess is off until 08:00; …"), or '' when told now. */
export async function tellTechnician(ctx: Ctx, t: Tell): Promise<string> {
  const now = ctx.clock.now();
  const [tech] = await ctx.db.select().from(people).where(eq(people.id, t.technicianId));
  if (!tech) return '';
  const zone = await teamZone(ctx.db, t.teamId);
  const a = availabilityAt(candidateOf(tech, zone, 0), now);
  if (a.availability !== 'off') {
    await enqueueDirect(ctx, { key: t.key, person: tech, subjectKind: t.subjectKind, subjectId: t.subjectId, payload: t.payload });
    return '';
  }
  const first = tech.name.split(' ')[0];
  const off = a.shift.next ? `${first} is off until ${localTime(a.shift.next, tech.zone ?? zone, now)}` : `${first} has no working hours`;
  if (a.shift.next) await enqueueDirect(ctx, { key: t.key, person: tech, subjectKind: t.subjectKind, subjectId: t.subjectId, payload: t.payload, notBefore: a.shift.next });
  const onCall = (await teamTechnicians(ctx.db, t.teamId)).find((p) => p.id !== tech.id && availabilityAt(candidateOf(p, zone, 0), now).availability === 'on_call');
  if (onCall) {
    await enqueueDirect(ctx, {
      key: `${t.key}:on-call`,
      person: onCall,
      subjectKind: t.subjectKind,
      subjectId: t.subjectId,
      payload: { title: `On call: ${t.payload.title.replace(/^You now have /, '')} went to ${tech.name}`, text: `${off}. ${t.payload.text}` },
    });
    return `${off}; ${onCall.name} (on call) told now`;
  }
  return a.shift.next ? `${off}; told when the shift starts` : `${off}; not told`;
}
