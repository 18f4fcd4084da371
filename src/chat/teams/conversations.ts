/**
 * Conversation references for proactive sends, kept in Postgres (`conversations`) whenever the bot
 * is installed or addressed, so any replica can post an alert to a bound channel or open a
 * person's personal chat. Rows: `teams:<conversation id>` for conversations, and
 * `teams:user:<AAD object id>` for the Teams user id and service URL a personal chat is opened with.
 */
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../../../db/client.js';
import { conversations } from '../../../db/schema.js';
import type { ConversationKind } from './activity.js';

export const conversationRefSchema = z.object({
  kind: z.enum(['personal', 'channel', 'groupChat']),
  conversationId: z.string().min(1),
  serviceUrl: z.url(),
  tenantId: z.string().optional(),
  botId: z.string().optional(),
  label: z.string().optional(),
  /** personal chats: whose it is */
  aadObjectId: z.string().optional(),
  /** channels: the team's Microsoft 365 group id, which Graph names the team by */
  teamGroupId: z.string().optional(),
});
export type ConversationRef = z.infer<typeof conversationRefSchema> & { kind: ConversationKind };

export const userRefSchema = z.object({
  userId: z.string().min(1),
  aadObjectId: z.string().min(1),
  serviceUrl: z.url(),
  tenantId: z.string().optional(),
  botId: z.string().optional(),
});
export type UserRef = z.infer<typeof userRefSchema>;

/**
 * Insert or replace a stored reference. `keep` names fields an activity may leave out (not every
 * activity carries them) that the stored reference keeps until one brings a new value.
 */
async function upsert(db: DbOrTx, id: string, ref: Record<string, unknown>, now: Date, keep: string[] = []): Promise<void> {
  const kept = keep.length ? sql`coalesce(jsonb_strip_nulls(jsonb_build_object(${sql.join(keep.map((k) => sql`${k}::text, ${conversations.ref}->${k}::text`), sql`, `)})), '{}'::jsonb) || excluded.ref` : sql`excluded.ref`;
  await db
    .insert(conversations)
    .values({ id, platform: 'teams', ref, updatedAt: now })
    .onConflictDoUpdate({
      target: conversations.id,
      set: { ref: kept, updatedAt: now },
      // Most activities repeat what is stored: no write then.
      setWhere: sql`${conversations.ref} is distinct from ${kept}`,
    });
}

export async function rememberConversation(db: DbOrTx, ref: ConversationRef, now: Date): Promise<void> {
  await upsert(db, `teams:${ref.conversationId}`, conversationRefSchema.parse(ref), now, ['teamGroupId']);
}

export async function rememberUser(db: DbOrTx, ref: UserRef, now: Date): Promise<void> {
  await upsert(db, `teams:user:${ref.aadObjectId}`, userRefSchema.parse(ref), now);
}

/** The personal chat the bot has with this person (by AAD object id), if it ever had one. */
export async function personalConversation(db: DbOrTx, aadObjectId: string): Promise<ConversationRef | undefined> {
  const rows = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.platform, 'teams'), sql`${conversations.ref}->>'kind' = 'personal'`, sql`${conversations.ref}->>'aadObjectId' = ${aadObjectId}`))
    .orderBy(sql`${conversations.updatedAt} desc`)
    .limit(1);
  const parsed = conversationRefSchema.safeParse(rows[0]?.ref);
  return parsed.success ? parsed.data : undefined;
}

/** The stored reference of a conversation the bot was installed in or addressed from. */
export async function storedConversation(db: DbOrTx, conversationId: string): Promise<ConversationRef | undefined> {
  const [row] = await db.select().from(conversations).where(eq(conversations.id, `teams:${conversationId}`));
  const parsed = conversationRefSchema.safeParse(row?.ref);
  return parsed.success ? parsed.data : undefined;
}

export async function knownUser(db: DbOrTx, aadObjectId: string): Promise<UserRef | undefined> {
  const [row] = await db.select().from(conversations).where(eq(conversations.id, `teams:user:${aadObjectId}`));
  const parsed = userRefSchema.safeParse(row?.ref);
  return parsed.success ? parsed.data : undefined;
}
