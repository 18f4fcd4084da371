/**
 * Renewal packs on time: from a contract's pack date (30 days before its end or its notice
 * deadline, whichever is earlier) until its end, one post of the pack to the team's digest
 * channel. Exactly once per term, as the digest: a scheduled_runs key `renewal:<contract>:<end>`
 * inserted with ON CONFLICT DO NOTHING under the tick's advisory lock; only the insert that wrote
 * it posts. A contract loaded late (after its pack date) gets its pack on the next tick.
 */
import { asc } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { contracts, scheduledRuns } from '../../db/schema.js';
import type { Card } from '../../cards/card.js';
import { audit } from '../audit.js';
import { schedulerActor, withActor, type Ctx } from '../context.js';
import { getVersion } from '../contracts/store.js';
import { enqueuePost } from '../notify/enqueue.js';
import { renewalPackDate } from '../rules/kpi.js';
import { contractZone } from '../rules/rating/context.js';
import { withTickLock } from '../scheduler/lock.js';
import { renewalPostKey, renewalReadyKey } from './keys.js';
import { renewalOutputs } from './outputs.js';
import { renewalPack } from './renewal-pack.js';

export async function runRenewals(ctx: Ctx): Promise<{ posted: string[] } | undefined> {
  return withTickLock(ctx, 'renewal-packs', (tx) => renewalTick(tx));
}

export async function renewalTick(ctx: Ctx): Promise<{ posted: string[] }> {
  const now = ctx.clock.now();
  const posted: string[] = [];
  for (const row of await ctx.db.select().from(contracts).orderBy(asc(contracts.id))) {
    const c = (await getVersion(ctx.db, row.id)).contract;
    const today = DateTime.fromJSDate(now, { zone: contractZone(c) }).toISODate()!;
    if (today < renewalPackDate(c.term) || today > c.term.end) continue;
    const key = renewalPostKey(row.id, c.term.end);
    const won = await ctx.db.insert(scheduledRuns).values({ key, at: now }).onConflictDoNothing().returning({ key: scheduledRuns.key });
    if (!won.length) continue;
    // The pack is built when the post is delivered; from now on it is due and counts as ready.
    await ctx.db.insert(scheduledRuns).values({ key: renewalReadyKey(row.id, c.term.end), at: now }).onConflictDoNothing();
    await enqueuePost(ctx, { key, teamId: c.team, purpose: 'digest', subjectKind: 'renewal', subjectId: row.id, payload: { end: c.term.end } });
    await audit(ctx, 'renewal.scheduled', { kind: 'contract', id: row.id }, { end: c.term.end, packDate: renewalPackDate(c.term) });
    posted.push(row.id);
  }
  return { posted };
}

/** Outbox loader: the pack of a contract, built now, as a card (PDF and chart written beside). */
export async function loadRenewalCard(ctx: Ctx, contractId: string): Promise<Card> {
  const pack = await renewalPack(withActor(ctx, schedulerActor), { contract: contractId });
  return (await renewalOutputs(ctx, pack)).card;
}
