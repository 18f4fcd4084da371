/**
 * Calls to the Bot Connector service of each conversation's own service URL (Teams has several;
 * the Playground has its own), through the SDK's API client and the SDK app's HTTP client, so the
 * bot token, user agent and timeouts are the SDK's. Failures become DeliveryErrors the notifier
 * understands: 429 and 5xx (and no answer at all) are worth retrying, the rest is not.
 */
import { Client as ApiClient, type ActivityParams } from '@microsoft/teams.api';
import type { App as SdkApp } from '@microsoft/teams.apps';
import { z } from 'zod';
import type { Card } from '../../../cards/card.js';
import { renderTeams, type TeamsRenderOptions } from '../../../cards/teams.js';
import { DeliveryError } from '../../notify/deliverer.js';

type HttpClient = SdkApp['client'];

const httpFailure = z.object({
  response: z.object({
    status: z.number(),
    // axios gives an AxiosHeaders instance, keys lower-cased
    headers: z.object({ 'retry-after': z.union([z.string(), z.number()]).optional() }).optional(),
  }),
});

/** Retry-After is seconds or an HTTP date. */
function retryAfterMs(value: unknown): number | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const secs = Number(value);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(String(value));
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

export function toDeliveryError(err: unknown, what: string): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const f = httpFailure.safeParse(err);
  // No answer at all (a timeout, a dropped connection): the service may have taken the activity.
  if (!f.success) return new DeliveryError(`${what}: ${(err as Error)?.message ?? String(err)}`, true, undefined, true);
  const status = f.data.response.status;
  if (status === 429) return new DeliveryError(`${what}: throttled (429)`, true, retryAfterMs(f.data.response.headers?.['retry-after']));
  if (status >= 500) return new DeliveryError(`${what}: connector error ${status}`, true);
  return new DeliveryError(`${what}: refused with ${status}`, false);
}

const resource = z.object({ id: z.string().min(1) });

/** One member of a conversation's roster. */
export interface RosterMember {
  userId: string;
  aadObjectId: string;
  email: string | undefined;
}

/**
 * One message per card: several cards in one activity could pass Teams' size limit together.
 * `marker` becomes the id of the card's first element (the title), where Microsoft Graph's copy of
 * the message shows it (graph.ts `outboxMarker`).
 */
export function cardActivity(card: Card, render: TeamsRenderOptions = {}, marker?: string): ActivityParams {
  const content = renderTeams(card, render);
  const first = content.body?.[0];
  if (marker && first && !('id' in first && first.id)) Object.assign(first, { id: marker });
  return { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content }] };
}

export class Connector {
  private clients = new Map<string, ApiClient>();

  constructor(private http: HttpClient) {}

  private api(serviceUrl: string): ApiClient {
    const key = serviceUrl.replace(/\/+$/, '');
    let c = this.clients.get(key);
    if (!c) {
      c = new ApiClient(key, this.http);
      this.clients.set(key, c);
    }
    return c;
  }

  /** Post an activity; returns its id (needed to update it later). */
  async send(serviceUrl: string, conversationId: string, activity: ActivityParams): Promise<string> {
    try {
      return resource.parse(await this.api(serviceUrl).conversations.createActivity(conversationId, activity)).id;
    } catch (err) {
      throw toDeliveryError(err, 'send');
    }
  }

  async update(serviceUrl: string, conversationId: string, activityId: string, activity: ActivityParams): Promise<void> {
    try {
      await this.api(serviceUrl).conversations.updateActivity(conversationId, activityId, { ...activity, id: activityId });
    } catch (err) {
      throw toDeliveryError(err, 'update');
    }
  }

  /** Open (or find) the personal chat between the bot and a Teams user; returns its conversation id. */
  async openPersonal(serviceUrl: string, user: { userId: string; tenantId?: string; botId?: string }): Promise<string> {
    try {
      const r = await this.api(serviceUrl).conversations.create({
        members: [{ id: user.userId, role: 'user' }],
        tenantId: user.tenantId,
        ...(user.botId ? { bot: { id: user.botId, role: 'bot' as const } } : {}),
        channelData: user.tenantId ? { tenant: { id: user.tenantId } } : undefined,
      });
      return resource.parse(r).id;
    } catch (err) {
      throw toDeliveryError(err, 'open personal chat');
    }
  }

  /**
   * The members of a conversation (a channel's are its team's): Teams user id, AAD object id, and
   * the e-mail Teams knows (UPN when no mail is set). Members without an AAD object id (bots) are left out.
   */
  async members(serviceUrl: string, conversationId: string): Promise<RosterMember[]> {
    let all;
    try {
      all = await this.api(serviceUrl).conversations.getMembers(conversationId);
    } catch (err) {
      throw toDeliveryError(err, 'members');
    }
    return all.flatMap((m) => (m.aadObjectId ? [{ userId: m.id, aadObjectId: m.aadObjectId, email: m.email || m.userPrincipalName || undefined }] : []));
  }

  /** The e-mail Teams knows for a member of a conversation (UPN when no mail is set). */
  async memberEmail(serviceUrl: string, conversationId: string, userId: string): Promise<string | undefined> {
    const m = await this.api(serviceUrl).conversations.getMemberById(conversationId, userId);
    return m.email || m.userPrincipalName || undefined;
  }
}
