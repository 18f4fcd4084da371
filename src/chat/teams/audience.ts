/**
 * A card's audience (the people who may press its buttons) in Teams terms: the Teams user ids
 * (`29:...`, as Teams sends them in `from.id`) that the card's `refresh.userIds` lists, and whether
 * one copy is for someone in it. People are linked to Teams by their AAD object id
 * (people.teams_user_id); the 29: id is the one stored with their conversation reference the last
 * time they wrote to the bot, so someone who never did is not listed (Teams still refreshes the card
 * for everyone in a chat or channel of up to 60 members, and offers "Refresh card" to the rest).
 */
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Card } from '../../../cards/card.js';
import { TEAMS_LIMITS, type TeamsRenderOptions } from '../../../cards/teams.js';
import type { DbOrTx } from '../../../db/client.js';
import { conversations, people } from '../../../db/schema.js';
import { userRefSchema } from './conversations.js';

/** Teams user ids of these people, in their order, for those Teams knows; at most 60. */
export async function teamsUserIds(db: DbOrTx, personIds: number[]): Promise<string[]> {
  if (!personIds.length) return [];
  const linked = await db
    .select({ id: people.id, aad: people.teamsUserId })
    .from(people)
    .where(and(inArray(people.id, personIds), isNotNull(people.teamsUserId), eq(people.active, true)));
  if (!linked.length) return [];
  const refs = await db
    .select({ id: conversations.id, ref: conversations.ref })
    .from(conversations)
    .where(inArray(conversations.id, linked.map((p) => `teams:user:${p.aad}`)));
  const userIdByAad = new Map<string, string>();
  for (const r of refs) {
    const u = userRefSchema.safeParse(r.ref);
    if (u.success) userIdByAad.set(u.data.aadObjectId, u.data.userId);
  }
  const aadById = new Map(linked.map((p) => [p.id, p.aad!]));
  const out: string[] = [];
  for (const id of personIds) {
    const userId = userIdByAad.get(aadById.get(id) ?? '');
    if (userId && !out.includes(userId)) out.push(userId);
    // Teams refreshes automatically for 60 listed users at most; the rest use "Refresh card".
    if (out.length === TEAMS_LIMITS.refreshUserIds) break;
  }
  return out;
}

/**
 * Render options for one copy of a card: `viewer` is the person this copy is for (a click's or a
 * refresh's caller, a personal chat's owner); a copy posted where several people read it has none.
 */
export async function audienceView(db: DbOrTx, card: Card, viewer?: number): Promise<Pick<TeamsRenderOptions, 'audience'>> {
  if (!card.audience) return {};
  return { audience: { canAct: viewer !== undefined && card.audience.people.includes(viewer), userIds: await teamsUserIds(db, card.audience.people) } };
}
