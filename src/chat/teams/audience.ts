/**
 * A card's audience (the people who may press its buttons) in Teams terms: the Teams user ids
 * (`29:...`, as Teams sends them in `from.id`) that the card's `refresh.userIds` lists, and whether
 * one copy is for someone in it. People are linked to Teams by their AAD object id
 * (people.teams_user_id); the 29: id is the one stored with their conversation reference the last
 * time they wrote to the bot, so someone who never did is not listed (Teams still refreshes the card
 * for everyone in a chat or channel of up to 60 members, and offers "Refresh card" to the rest).
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Card } from '../../../cards/card.js';
import { TEAMS_LIMITS, type TeamsRenderOptions } from '../../../cards/teams.js';
import type { DbOrTx } from '../../../db/client.js';
import { conversations, people } from '../../../db/schema.js';
import { userRefSchema } from './conversations.js';

/**
 * What Teams knows of one person of an audience: their e-mail (how a roster lists them), AAD object
 * id, whether a `teams:user:` row is stored for it, and the Teams user id that row holds.
 */
export interface AudienceMember {
  id: number;
  email: string;
  aad: string | null;
  stored: boolean;
  userId?: string;
}

/** The active people among `personIds`, with what Teams knows of them. */
export async function audienceMembers(db: DbOrTx, personIds: number[]): Promise<AudienceMember[]> {
  if (!personIds.length) return [];
  const rows = await db
    .select({ id: people.id, email: people.email, aad: people.teamsUserId })
    .from(people)
    .where(and(inArray(people.id, personIds), eq(people.active, true)));
  const linked = rows.flatMap((r) => (r.aad ? [`teams:user:${r.aad}`] : []));
  const refs = linked.length ? await db.select({ id: conversations.id, ref: conversations.ref }).from(conversations).where(inArray(conversations.id, linked)) : [];
  const stored = new Set(refs.map((r) => r.id));
  const userIdByAad = new Map<string, string>();
  for (const r of refs) {
    const u = userRefSchema.safeParse(r.ref);
    if (u.success) userIdByAad.set(u.data.aadObjectId, u.data.userId);
  }
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    aad: r.aad,
    stored: r.aad !== null && stored.has(`teams:user:${r.aad}`),
    userId: r.aad === null ? undefined : userIdByAad.get(r.aad),
  }));
}

/** Teams user ids of the people of `personIds`, in their order, for those Teams knows; at most 60. */
function teamsUserIdsOf(members: AudienceMember[], personIds: number[]): string[] {
  const userIdById = new Map(members.flatMap((m) => (m.userId ? [[m.id, m.userId] as const] : [])));
  const out: string[] = [];
  for (const id of personIds) {
    const userId = userIdById.get(id);
    if (userId && !out.includes(userId)) out.push(userId);
    // Teams refreshes automatically for 60 listed users at most; the rest use "Refresh card".
    if (out.length === TEAMS_LIMITS.refreshUserIds) break;
  }
  return out;
}

/**
 * Render options for one copy of a card, from what Teams knows of its audience: `viewer` is the
 * person this copy is for (a click's or a refresh's caller, a personal chat's owner); a copy posted
 * where several people read it has none.
 */
export function audienceOf(card: Card, members: AudienceMember[], viewer?: number): Pick<TeamsRenderOptions, 'audience'> {
  if (!card.audience) return {};
  return { audience: { canAct: viewer !== undefined && card.audience.people.includes(viewer), userIds: teamsUserIdsOf(members, card.audience.people) } };
}

/** `audienceOf` with the audience read from the database. */
export async function audienceView(db: DbOrTx, card: Card, viewer?: number): Promise<Pick<TeamsRenderOptions, 'audience'>> {
  return audienceOf(card, card.audience ? await audienceMembers(db, card.audience.people) : [], viewer);
}
