/**
 * Deciders who never wrote to the bot: Teams has given no Teams user id (`29:...`) for them, so a
 * card's `refresh.userIds` could not list them. Before a card with an audience goes to a bound
 * conversation, the conversation's roster (Bot Connector `GET /v3/conversations/{id}/members`; a
 * channel's is its team's) is read and each such person is matched by e-mail (or UPN when Teams
 * has no mail), then linked and remembered as if they had written: people.teams_user_id (the AAD
 * object id) and the `teams:user:` conversation row (their Teams user id and service URL). Someone
 * a conversation's roster did not list (not a member, a guest under another address) is not looked
 * for there again for ROSTER_TTL_MS, so they cost no call on every post.
 */
import type { Db } from '../../../db/client.js';
import type { Clock } from '../../clock.js';
import type { Logger } from '../../log.js';
import { personByPlatformId } from '../../people/person.js';
import type { AudienceMember } from './audience.js';
import type { Connector } from './connector.js';
import { rememberUser } from './conversations.js';

export const ROSTER_TTL_MS = 10 * 60_000;

export interface RosterDeps {
  db: Db;
  clock: Clock;
  connector: Connector;
  log: Logger;
}

export class Roster {
  /** `<service URL> <conversation id> <e-mail>` → until when that roster is not read for them again */
  private notListed = new Map<string, number>();

  constructor(private deps: RosterDeps) {}

  /**
   * Link the members unknown to Teams (no AAD object id, or no `teams:user:` row for it) whom the
   * conversation's roster lists by their e-mail: `members` as they are afterwards.
   */
  async resolve(target: { serviceUrl: string; conversationId: string; tenantId?: string }, members: AudienceMember[]): Promise<AudienceMember[]> {
    const missing = new Map(members.flatMap((p) => (p.stored ? [] : [[p.id, p.email.toLowerCase()] as const])));
    if (!missing.size) return members;
    const now = this.deps.clock.now().getTime();
    const key = (email: string) => `${target.serviceUrl} ${target.conversationId} ${email}`;
    const wanted = new Set([...missing.values()].filter((e) => (this.notListed.get(key(e)) ?? -Infinity) <= now));
    if (!wanted.size) return members;
    let listed;
    try {
      listed = await this.deps.connector.members(target.serviceUrl, target.conversationId);
    } catch (err) {
      // The card still goes out: deciders not listed get the buttons by refreshing it by hand.
      this.deps.log.warn({ conversation: target.conversationId, err: (err as Error).message }, 'Teams roster look-up failed');
      return members;
    }
    const listedEmails = new Set(listed.map((m) => m.email?.toLowerCase()));
    for (const e of wanted) if (!listedEmails.has(e)) this.notListed.set(key(e), now + ROSTER_TTL_MS);
    if (this.notListed.size > 5000) this.notListed.delete(this.notListed.keys().next().value!);
    const found = new Map<number, Pick<AudienceMember, 'aad' | 'userId'>>();
    for (const m of listed) {
      const email = m.email?.toLowerCase();
      if (!email || !wanted.has(email)) continue;
      const personId = await this.deps.db.transaction(async (tx) => {
        const person = await personByPlatformId(tx, 'teams', m.aadObjectId, async () => email);
        if (!person || !missing.has(person.id)) return undefined;
        await rememberUser(tx, { userId: m.userId, aadObjectId: m.aadObjectId, serviceUrl: target.serviceUrl, tenantId: target.tenantId }, this.deps.clock.now());
        this.deps.log.info({ person: person.id, conversation: target.conversationId }, 'Teams: found a decider who never wrote to the bot among the conversation members');
        return person.id;
      });
      if (personId !== undefined) found.set(personId, { aad: m.aadObjectId, userId: m.userId });
    }
    return members.map((p) => {
      const linked = found.get(p.id);
      return linked ? { ...p, ...linked, stored: true } : p;
    });
  }
}
