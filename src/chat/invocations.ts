/**
 * Chat requests handled once. A platform names each invocation (Slack's `trigger_id` for a command,
 * click or form submission, `event_id` for an event); the first request with that id claims it in
 * the database, so a replay of the same signed request (within Slack's five-minute signature window)
 * finds the claim and acts no more, whichever replica receives it. Like the API's idempotency keys,
 * the first answer is kept (`outcome`) for the replay to show.
 */
import { and, eq, lt } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { chatInvocations } from '../../db/schema.js';

/** Claims are kept a day: far past any platform's replay window, small enough to stay cheap. */
export const INVOCATION_TTL_MS = 24 * 60 * 60_000;

export type Claim = { first: true } | { first: false; outcome: string | undefined };

/** Claim an invocation id; `first: false` when it was claimed before (a replay). */
export async function claimInvocation(db: DbOrTx, platform: string, id: string, now: Date): Promise<Claim> {
  await db.delete(chatInvocations).where(and(eq(chatInvocations.platform, platform), lt(chatInvocations.createdAt, new Date(now.getTime() - INVOCATION_TTL_MS))));
  const [claimed] = await db
    .insert(chatInvocations)
    .values({ platform, id, createdAt: now })
    .onConflictDoNothing()
    .returning({ id: chatInvocations.id });
  if (claimed) return { first: true };
  const [prior] = await db
    .select({ outcome: chatInvocations.outcome })
    .from(chatInvocations)
    .where(and(eq(chatInvocations.platform, platform), eq(chatInvocations.id, id)));
  return { first: false, outcome: typeof prior?.outcome === 'string' ? prior.outcome : undefined };
}

/** What the first request answered, for a replay to show. */
export async function recordOutcome(db: DbOrTx, platform: string, id: string, outcome: string): Promise<void> {
  await db
    .update(chatInvocations)
    .set({ outcome })
    .where(and(eq(chatInvocations.platform, platform), eq(chatInvocations.id, id)));
}
