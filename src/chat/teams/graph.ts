/**
 * The one thing the bot reads from Microsoft Graph: a bound conversation's recent messages, to find
 * the card an earlier attempt posted for an outbox row when that attempt's outcome is unknown (a
 * kill, a timeout after Teams took the post, another replica's attempt). The Bot Connector cannot
 * list a conversation's messages; Graph can, with the resource-specific consent the app manifest
 * asks for (`ChannelMessage.Read.Group` for a team's channels, `ChatMessage.Read.Chat` for group
 * chats), granted when the app is installed in the team or chat.
 *
 * Each card the deliverer posts for an outbox row carries a marker (`outboxMarker`) as the id of its
 * first element, which Graph returns in the attachment's content. The token is the app's own
 * (client credentials or managed identity, through the Teams SDK), for the deployment's tenant or
 * the conversation's.
 *
 * The look-up never stops a delivery: without a token (development mode, the Playground), with the
 * permission not consented (403), or on any other failure it answers "not found", so the card is
 * posted again (a rare duplicate rather than a lost card), and says why in the log once per reason.
 */
import { z } from 'zod';
import type { Logger } from '../../log.js';
import type { PostTag } from '../../notify/deliverer.js';

export const DEFAULT_GRAPH_URL = 'https://graph.microsoft.com';

/** The app's Graph token for a tenant, or null when the bot has no credentials. */
export type GraphToken = (tenantId: string | undefined) => Promise<string | null>;

/** Where the bot posts in Teams, as Graph names it. */
export type GraphConversation =
  | { kind: 'channel'; teamGroupId: string; channelId: string; tenantId?: string }
  | { kind: 'chat'; chatId: string; tenantId?: string };

/** The id the first element of a card posted for this outbox row carries. */
export function outboxMarker(tag: PostTag): string {
  return `contract-ops-outbox-${tag.outboxId}-${tag.createdAt.getTime()}`;
}

/** Channel messages: at most 50 a page ($top), and Graph takes no other query option there. */
const PAGE = 50;
/** How far back a look-up reads: well past what a channel gets between an attempt and its retry. */
const PAGES = 4;

const page = z.object({
  value: z.array(
    z
      .object({
        id: z.string(),
        attachments: z.array(z.object({ contentType: z.string().nullish(), content: z.string().nullish() }).loose()).nullish(),
      })
      .loose(),
  ),
  '@odata.nextLink': z.string().optional(),
});

/** Whether an Adaptive Card's JSON (as Graph returns it, a string) has an element with this id. */
function carries(content: string, marker: string): boolean {
  if (!content.includes(marker)) return false;
  let card: unknown;
  try {
    card = JSON.parse(content);
  } catch {
    return false;
  }
  const walk = (v: unknown): boolean => {
    if (Array.isArray(v)) return v.some(walk);
    if (v === null || typeof v !== 'object') return false;
    const o = v as Record<string, unknown>;
    return o.id === marker || Object.values(o).some(walk);
  };
  return walk(card);
}

type Unavailable = 'no-credentials' | 'not-consented' | 'failed';

class GraphUnavailable extends Error {
  constructor(
    readonly reason: Unavailable,
    message: string,
  ) {
    super(message);
  }
}

const WHY: Record<Unavailable, string> = {
  'no-credentials': 'Teams: no Graph token (no Teams credentials), so a card whose post may have reached Teams cannot be looked for; it is posted again',
  'not-consented': 'Teams: Graph refused to list the conversation\'s messages (the app\'s resource-specific consent is missing: reinstall the app in the team or chat, see docs/teams.md); a card whose post may have reached Teams is posted again',
  failed: 'Teams: could not list the conversation\'s messages in Graph; a card whose post may have reached Teams is posted again',
};

export class GraphMessages {
  private told = new Set<string>();

  constructor(
    private deps: {
      /** Graph's root, https://graph.microsoft.com unless configured (TEAMS_GRAPH_URL) */
      baseUrl: string;
      token: GraphToken;
      log: Logger;
      /** the deployment's tenant (TEAMS_TENANT_ID), preferred over the conversation's */
      tenantId?: string;
    },
  ) {}

  /** Say once, per reason, why a look-up could not be made. */
  tellOnce(key: string, msg: string, extra: Record<string, unknown> = {}): void {
    if (this.told.has(key)) return;
    this.told.add(key);
    this.deps.log.warn(extra, msg);
  }

  /**
   * The id of the message in this conversation whose card carries the outbox row's marker, or null
   * when there is none or Graph cannot tell (said once in the log).
   */
  async find(where: GraphConversation, tag: PostTag): Promise<string | null> {
    try {
      return await this.search(where, outboxMarker(tag));
    } catch (err) {
      if (!(err instanceof GraphUnavailable)) throw err;
      this.tellOnce(err.reason, WHY[err.reason], { err: err.message });
      return null;
    }
  }

  private async search(where: GraphConversation, marker: string): Promise<string | null> {
    const token = await this.token(where.tenantId);
    const root = `${this.deps.baseUrl.replace(/\/+$/, '')}/v1.0`;
    let url: string | undefined =
      where.kind === 'channel'
        ? `${root}/teams/${encodeURIComponent(where.teamGroupId)}/channels/${encodeURIComponent(where.channelId)}/messages?$top=${PAGE}`
        : `${root}/chats/${encodeURIComponent(where.chatId)}/messages?$top=${PAGE}&$orderby=${encodeURIComponent('createdDateTime desc')}`;
    for (let n = 0; url && n < PAGES; n++) {
      const p = await this.get(url, token);
      const hit = p.value.find((m) => (m.attachments ?? []).some((a) => a.contentType === 'application/vnd.microsoft.card.adaptive' && typeof a.content === 'string' && carries(a.content, marker)));
      if (hit) return hit.id;
      url = p['@odata.nextLink'];
    }
    return null;
  }

  private async token(conversationTenant: string | undefined): Promise<string> {
    let token: string | null;
    try {
      token = await this.deps.token(this.deps.tenantId ?? conversationTenant);
    } catch (err) {
      throw new GraphUnavailable('failed', `token: ${(err as Error).message}`);
    }
    if (!token) throw new GraphUnavailable('no-credentials', 'no token');
    return token;
  }

  private async get(url: string, token: string): Promise<z.infer<typeof page>> {
    let res: Response;
    try {
      res = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' }, signal: AbortSignal.timeout(15_000) });
    } catch (err) {
      throw new GraphUnavailable('failed', (err as Error).message);
    }
    if (res.status === 403) throw new GraphUnavailable('not-consented', `HTTP ${res.status}`);
    if (!res.ok) throw new GraphUnavailable('failed', `HTTP ${res.status}`);
    const parsed = page.safeParse(await res.json().catch(() => undefined));
    if (!parsed.success) throw new GraphUnavailable('failed', 'unexpected answer');
    return parsed.data;
  }
}
