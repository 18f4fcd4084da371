/**
 * The notifier's Teams side: alerts, approval requests and digests go to a team's bound
 * conversation (stored by `team bind` as { conversationId, serviceUrl, tenantId }), direct
 * messages to the person's personal chat (opened on first need), and later edits replace the
 * posted activity, whose reference { conversationId, activityId, serviceUrl } the notifier keeps.
 *
 * After an attempt whose outcome is unknown, an earlier post is looked for before posting again.
 * The deliverer remembers the activity id of each post it made for an outbox row until the notifier
 * has recorded it, so a retry in this process (the database went away after Teams took the post)
 * finds it there. A post it does not remember (the process was killed, the call timed out after
 * Teams took it, another replica made it) is looked for in the bound conversation's messages
 * through Microsoft Graph (graph.ts), by the outbox marker each card carries; the Bot Connector
 * cannot list a conversation's messages. Personal chats are not looked for in Graph: their Bot
 * Connector ids are not Graph chat ids.
 */
import { z } from 'zod';
import type { Card } from '../../../cards/card.js';
import type { TeamsRenderOptions } from '../../../cards/teams.js';
import type { Db } from '../../../db/client.js';
import type { Clock } from '../../clock.js';
import { DeliveryError, type Deliverer, type DirectPerson, type PostTag } from '../../notify/deliverer.js';
import { audienceMembers, audienceOf, audienceView } from './audience.js';
import { cardActivity, type Connector } from './connector.js';
import { knownUser, personalConversation, rememberConversation, storedConversation, type ConversationRef } from './conversations.js';
import { outboxMarker, type GraphMessages } from './graph.js';
import type { Roster } from './roster.js';

export const targetSchema = z.object({
  conversationId: z.string().min(1),
  serviceUrl: z.url().optional(),
  tenantId: z.string().optional(),
});

export const postedRefSchema = z.object({
  conversationId: z.string().min(1),
  activityId: z.string().min(1),
  serviceUrl: z.url(),
});
export type PostedRef = z.infer<typeof postedRefSchema>;

export interface TeamsDelivererDeps {
  db: Db;
  clock: Clock;
  connector: Connector;
  render: TeamsRenderOptions;
  /** where a binding without its own service URL goes (Teams' global one, or the Playground's) */
  defaultServiceUrl: string;
  /** finds the deciders who never wrote to the bot in a bound conversation's members */
  roster: Roster;
  /** finds, after an unknown outcome, a card posted to a bound conversation */
  graph: GraphMessages;
}

/**
 * The personal chat with a Teams user: the stored one, or a new one opened with what we know of
 * them (their Teams user id and service URL, seen when they last wrote to the bot anywhere).
 */
export async function personalChat(deps: Pick<TeamsDelivererDeps, 'db' | 'clock' | 'connector'>, aadObjectId: string): Promise<ConversationRef | undefined> {
  const known = await personalConversation(deps.db, aadObjectId);
  if (known) return known;
  const user = await knownUser(deps.db, aadObjectId);
  if (!user) return undefined;
  const conversationId = await deps.connector.openPersonal(user.serviceUrl, user);
  const ref: ConversationRef = { kind: 'personal', conversationId, serviceUrl: user.serviceUrl, tenantId: user.tenantId, botId: user.botId, aadObjectId };
  await rememberConversation(deps.db, ref, deps.clock.now());
  return ref;
}

/** How many posts are remembered, and for how long: well past the notifier's lease and first retries. */
const REMEMBERED_POSTS = 1000;
const REMEMBER_MS = 60 * 60_000;

const tagKey = (tag: PostTag) => `${tag.outboxId}@${tag.createdAt.toISOString()}`;

export class TeamsDeliverer implements Deliverer {
  readonly platform = 'teams' as const;
  /** the posts made for outbox rows, by row, with when they were made (Map keeps insertion order) */
  private posted = new Map<string, { ref: PostedRef; at: number }>();

  constructor(private deps: TeamsDelivererDeps) {}

  private remember(tag: PostTag | undefined, ref: PostedRef): PostedRef {
    if (!tag) return ref;
    const now = this.deps.clock.now().getTime();
    for (const [k, v] of this.posted) {
      if (this.posted.size < REMEMBERED_POSTS && now - v.at < REMEMBER_MS) break;
      this.posted.delete(k);
    }
    this.posted.set(tagKey(tag), { ref, at: now });
    return ref;
  }

  /**
   * The post made for the outbox row: remembered by this process, else found through Graph in the
   * bound conversation (channels and group chats); null when neither has it.
   */
  async findPosted(where: { target: unknown } | { person: DirectPerson }, tag: PostTag): Promise<PostedRef | null> {
    const mine = this.posted.get(tagKey(tag))?.ref;
    if (mine || 'person' in where) return mine ?? null;
    const t = targetSchema.safeParse(where.target);
    if (!t.success) return null;
    const { conversationId } = t.data;
    const stored = await storedConversation(this.deps.db, conversationId);
    const tenantId = t.data.tenantId ?? stored?.tenantId;
    let activityId: string | null;
    if (stored?.kind === 'channel') {
      if (!stored.teamGroupId) {
        this.deps.graph.tellOnce(`team:${conversationId}`, 'Teams: the channel\'s team is not known to Graph yet (it is recorded the next time someone writes in the channel); a card whose post may have reached Teams is posted again', { conversationId });
        return null;
      }
      activityId = await this.deps.graph.find({ kind: 'channel', teamGroupId: stored.teamGroupId, channelId: conversationId, tenantId }, tag);
    } else if (stored?.kind === 'groupChat') {
      activityId = await this.deps.graph.find({ kind: 'chat', chatId: conversationId, tenantId }, tag);
    } else return null;
    return activityId ? { conversationId, activityId, serviceUrl: t.data.serviceUrl ?? this.deps.defaultServiceUrl } : null;
  }

  /**
   * A bound conversation is read by many: everyone's copy, with a refresh for those who may act,
   * found in its members when they never wrote to the bot.
   */
  private async boundAudience(target: { serviceUrl: string; conversationId: string; tenantId?: string }, card: Card): Promise<Pick<TeamsRenderOptions, 'audience'>> {
    if (!card.audience) return {};
    return audienceOf(card, await this.deps.roster.resolve(target, await audienceMembers(this.deps.db, card.audience.people)));
  }

  async post(target: unknown, card: Card, tag?: PostTag): Promise<PostedRef> {
    const t = targetSchema.safeParse(target);
    if (!t.success) throw new DeliveryError('Teams binding has no conversation id; bind the channel again with "team bind"', false);
    const serviceUrl = t.data.serviceUrl ?? this.deps.defaultServiceUrl;
    const audience = await this.boundAudience({ serviceUrl, conversationId: t.data.conversationId, tenantId: t.data.tenantId }, card);
    const activity = cardActivity(card, { ...this.deps.render, ...audience }, tag && outboxMarker(tag));
    const activityId = await this.deps.connector.send(serviceUrl, t.data.conversationId, activity);
    return this.remember(tag, { conversationId: t.data.conversationId, activityId, serviceUrl });
  }

  async update(ref: unknown, card: Card): Promise<void> {
    const r = postedRefSchema.safeParse(ref);
    if (!r.success) throw new DeliveryError('not a Teams message reference', false);
    const audience = await this.boundAudience(r.data, card);
    await this.deps.connector.update(r.data.serviceUrl, r.data.conversationId, r.data.activityId, cardActivity(card, { ...this.deps.render, ...audience }));
  }

  async direct(person: { id: number; teamsUserId: string | null; email: string }, card: Card, tag?: PostTag): Promise<PostedRef> {
    if (!person.teamsUserId) throw new DeliveryError(`${person.email} has not used the bot in Teams yet`, false);
    const chat = await personalChat(this.deps, person.teamsUserId);
    if (!chat) throw new DeliveryError(`no personal chat with ${person.email} yet: they need to install the app or message the bot once`, false);
    // A personal chat has one reader: their own copy straight away.
    const activityId = await this.deps.connector.send(chat.serviceUrl, chat.conversationId, cardActivity(card, { ...this.deps.render, ...(await audienceView(this.deps.db, card, person.id)) }));
    return this.remember(tag, { conversationId: chat.conversationId, activityId, serviceUrl: chat.serviceUrl });
  }
}
