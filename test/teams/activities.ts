/**
 * Payload builders for the activities Teams sends a bot, with overrides, and a poster that hands
 * them to the app in process (`app.api.request('/api/messages')`), exactly as Hono receives them.
 */
import type { App } from '../../src/app.js';

export const TENANT = 'tenant-demo';
export const BOT = { id: '28:contract-ops-bot', name: 'contract-ops' };
export const CHANNEL = '19:dispatch@thread.tacv2';
/** the Field Ops team's Microsoft 365 group id (channelData.team.aadGroupId), Graph's name for the team */
export const TEAM_GROUP = '7b9e4c1a-2f3d-4e5a-9b6c-1d2e3f4a5b6c';

/** Demo people as Teams users: Teams id 29:<handle>, AAD object id aad-<handle>. */
export function user(handle: string) {
  return { id: `29:${handle}`, aadObjectId: `aad-${handle}`, name: handle[0]!.toUpperCase() + handle.slice(1) };
}

export type Where = { personal: string } | { channel: string; messageId?: string };

function conversation(where: Where, handle: string) {
  if ('personal' in where) return { id: `a:personal-29:${handle}`, conversationType: 'personal', tenantId: TENANT };
  return { id: where.messageId ? `${where.channel};messageid=${where.messageId}` : where.channel, conversationType: 'channel', tenantId: TENANT, isGroup: true, name: 'Dispatch' };
}

let seq = 0;

export function activity(serviceUrl: string, handle: string, where: Where, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    id: `in-${++seq}`,
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    from: user(handle),
    recipient: BOT,
    conversation: conversation(where, handle),
    channelData: { tenant: { id: TENANT }, ...('channel' in where ? { team: { id: '19:team', name: 'Field Ops', aadGroupId: TEAM_GROUP }, channel: { id: where.channel, name: 'Dispatch' } } : {}) },
    ...extra,
  };
}

export function message(serviceUrl: string, handle: string, text: string, where: Where = { personal: handle }, extra: Record<string, unknown> = {}) {
  const inChannel = 'channel' in where;
  return activity(serviceUrl, handle, where, {
    type: 'message',
    text: inChannel ? `<at>${BOT.name}</at> ${text}` : text,
    textFormat: 'plain',
    entities: inChannel ? [{ type: 'mention', mentioned: BOT, text: `<at>${BOT.name}</at>` }] : [],
    ...extra,
  });
}

/** An Action.Execute click: the `adaptiveCard/action` invoke. */
export function execute(serviceUrl: string, handle: string, data: Record<string, unknown>, where: Where = { personal: handle }, replyToId = 'act-1') {
  return activity(serviceUrl, handle, where, {
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId,
    value: { action: { type: 'Action.Execute', verb: 'x', data }, trigger: 'manual' },
  });
}

/** Teams asking for one viewer's copy of a card with a `refresh`: the same invoke, verb "refresh". */
export function refresh(serviceUrl: string, handle: string, data: Record<string, unknown>, where: Where = { personal: handle }, trigger: 'automatic' | 'manual' = 'automatic') {
  return activity(serviceUrl, handle, where, {
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: 'act-1',
    value: { action: { type: 'Action.Execute', verb: 'refresh', data }, trigger },
  });
}

export async function post(app: App, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await app.api.request('/api/messages', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}
