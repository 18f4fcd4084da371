/**
 * Slack's inbound payloads as Slack documents them, with overrides, and the v0 request signature.
 * https://docs.slack.dev/interactivity/implementing-slash-commands,
 * https://docs.slack.dev/reference/interaction-payloads/block_actions-payload,
 * https://docs.slack.dev/reference/interaction-payloads/view-interactions-payload,
 * https://docs.slack.dev/authentication/verifying-requests-from-slack
 */
import { createHmac, randomBytes } from 'node:crypto';

export const TEAM = { id: 'T0DEMO', domain: 'demo' };
export const APP_ID = 'A0DEMO';

export function sign(body: string, secret: string, ts = Math.floor(Date.now() / 1000)): Record<string, string> {
  const sig = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
  return { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sig };
}

export interface CommandInit {
  command: string;
  text?: string;
  user_id: string;
  channel_id?: string;
  channel_name?: string;
  response_url: string;
  trigger_id: string;
}

/** The form fields Slack posts for a slash command. */
export function slashCommand(c: CommandInit): Record<string, string> {
  return {
    token: 'legacy-verification-token',
    team_id: TEAM.id,
    team_domain: TEAM.domain,
    channel_id: c.channel_id ?? 'C0DISPATCH',
    channel_name: c.channel_name ?? 'dispatch',
    user_id: c.user_id,
    user_name: c.user_id.toLowerCase(),
    command: c.command,
    text: c.text ?? '',
    api_app_id: APP_ID,
    is_enterprise_install: 'false',
    response_url: c.response_url,
    trigger_id: c.trigger_id,
  };
}

export function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

export interface ClickInit {
  user_id: string;
  action: { action_id: string; value?: string; selected?: string; text?: string; block_id?: string };
  channel_id?: string;
  channel_name?: string;
  message?: { ts: string; text?: string; blocks?: unknown[] };
  ephemeral?: boolean;
  home?: boolean;
  response_url?: string;
  trigger_id: string;
}

/** A block_actions payload (the `payload` form field). */
export function blockActions(c: ClickInit): Record<string, unknown> {
  const channel = c.channel_id ?? 'C0DISPATCH';
  const a = c.action;
  const action = a.selected
    ? { type: 'static_select', action_id: a.action_id, block_id: a.block_id ?? 'b1', selected_option: { text: { type: 'plain_text', text: 'choice' }, value: a.selected }, placeholder: { type: 'plain_text', text: 'Pick' }, action_ts: `${Date.now() / 1000}` }
    : { type: 'button', action_id: a.action_id, block_id: a.block_id ?? 'b1', text: { type: 'plain_text', text: a.text ?? 'Button', emoji: true }, value: a.value, action_ts: `${Date.now() / 1000}` };
  const user = { id: c.user_id, username: c.user_id.toLowerCase(), name: c.user_id.toLowerCase(), team_id: TEAM.id };
  if (c.home) {
    return {
      type: 'block_actions',
      user,
      api_app_id: APP_ID,
      token: 'legacy-verification-token',
      container: { type: 'view', view_id: 'V0HOME' },
      trigger_id: c.trigger_id,
      team: TEAM,
      enterprise: null,
      is_enterprise_install: false,
      view: { id: 'V0HOME', type: 'home', blocks: [], private_metadata: '', callback_id: '', state: { values: {} }, hash: 'h', app_id: APP_ID },
      actions: [action],
    };
  }
  return {
    type: 'block_actions',
    user,
    api_app_id: APP_ID,
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: c.message?.ts ?? '1.000001', channel_id: channel, is_ephemeral: c.ephemeral ?? false },
    trigger_id: c.trigger_id,
    team: TEAM,
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channel, name: c.channel_name ?? 'dispatch' },
    ...(c.ephemeral ? {} : { message: { type: 'message', user: 'U0BOT', ts: c.message?.ts ?? '1.000001', bot_id: 'B0BOT', text: c.message?.text ?? '', blocks: c.message?.blocks ?? [] } }),
    state: { values: {} },
    response_url: c.response_url,
    actions: [action],
  };
}

/** A view_submission of a modal we opened (pass the view views.open received). */
export function viewSubmission(c: { user_id: string; view: Record<string, unknown>; values: Record<string, Record<string, { value: string | null }>> }): Record<string, unknown> {
  const stateValues = Object.fromEntries(Object.entries(c.values).map(([b, inputs]) => [b, Object.fromEntries(Object.entries(inputs).map(([a, v]) => [a, { type: 'plain_text_input', value: v.value }]))]));
  return {
    type: 'view_submission',
    team: TEAM,
    user: { id: c.user_id, username: c.user_id.toLowerCase(), name: c.user_id.toLowerCase(), team_id: TEAM.id },
    api_app_id: APP_ID,
    token: 'legacy-verification-token',
    trigger_id: `${Date.now()}.${randomBytes(3).toString('hex')}`,
    view: { id: 'V0MODAL', team_id: TEAM.id, app_id: APP_ID, bot_id: 'B0BOT', hash: 'h', previous_view_id: null, root_view_id: 'V0MODAL', ...c.view, state: { values: stateValues } },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

/** An Events API envelope around one event. */
export function eventCallback(event: Record<string, unknown>): Record<string, unknown> {
  return {
    token: 'legacy-verification-token',
    team_id: TEAM.id,
    api_app_id: APP_ID,
    event,
    type: 'event_callback',
    event_id: `Ev${randomBytes(5).toString('hex').toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: TEAM.id, user_id: 'U0BOT', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}

export function appHomeOpened(user: string): Record<string, unknown> {
  return eventCallback({ type: 'app_home_opened', user, channel: `D${user.slice(1)}`, tab: 'home', event_ts: `${Date.now() / 1000}` });
}
