/**
 * Slack adapter entry point. One Bolt app, two transports: Socket Mode when an app token is
 * configured (no public URL needed), otherwise HTTP at POST /slack/events on the one Hono server.
 * The listeners are the same in both (registerSlackHandlers); so is the notifier's deliverer.
 */
import { App as BoltApp, SocketModeReceiver, webApi } from '@slack/bolt';
import type { App } from '../../app.js';
import { ConfigError, type Config } from '../../config.js';
import type { Logger } from '../../log.js';
import type { Platforms } from '../platforms.js';
import { boltLogger } from './bolt-logger.js';
import { SlackDeliverer, type ChannelPacer } from './deliverer.js';
import { slackErrorCode } from './errors.js';
import { registerSlackHandlers } from './handlers.js';
import { SlackIdentity } from './identity.js';
import { HonoReceiver } from './receiver.js';
import { installedWorkspace } from './workspace.js';

export interface SlackOptions {
  /** extra WebClient options (tests turn retries off) */
  clientOptions?: webApi.WebClientOptions;
  /** Socket Mode client options (tests shorten reconnects) */
  socketOptions?: { clientPingTimeout?: number; serverPingTimeout?: number };
  /** the per-channel spacing of posts (tests give one that keeps time by itself) */
  pacer?: ChannelPacer;
  /** how often auth.test is tried again while Slack cannot be reached (default 30 s) */
  recheckMs?: number;
}

/** auth.test answers that mean the token itself is wrong: no retry helps, the admin must act. */
const BAD_TOKEN = new Set(['invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'account_inactive', 'not_allowed_token_type']);
/** An unreachable API must not hold the start for long: the bot starts and keeps trying. */
const AUTH_TEST_TIMEOUT_MS = 10_000;
const RECHECK_MS = 30_000;


export function badTokenError(code: string): ConfigError {
  return new ConfigError([
    `SLACK_BOT_TOKEN: Slack refused the token (${code}). Copy the Bot User OAuth Token (xoxb-…) from your app's OAuth & Permissions page again; reinstall the app if it was revoked.`,
  ]);
}

export interface SlackPlatform extends Platforms {
  bolt: BoltApp;
  deliverer: SlackDeliverer;
  mode: 'http' | 'socket';
  /** resolves when no Slack listener work is in flight */
  idle(): Promise<void>;
  /** try auth.test now (what the timer does while Slack is unreachable); true when ready */
  recheck(): Promise<boolean>;
}

export async function startSlack(app: App, config: Config, log: Logger, opts: SlackOptions = {}): Promise<SlackPlatform> {
  const slack = config.slack;
  if (!slack) throw new Error('startSlack needs SLACK_BOT_TOKEN');
  const apiUrl = slack.apiUrl ? (slack.apiUrl.endsWith('/') ? slack.apiUrl : `${slack.apiUrl}/`) : undefined;
  const logger = boltLogger(log);
  const clientOptions: webApi.WebClientOptions = { ...(apiUrl ? { slackApiUrl: apiUrl } : {}), ...opts.clientOptions, logger };

  // Credentials are checked before anything is served: a revoked token stops the start naming the
  // variable. Slack unreachable is not fatal: requests are still acknowledged (with the ids learnt
  // later), /readyz says "unreachable", and auth.test is tried again until it answers.
  const authClient = new webApi.WebClient(slack.botToken, { ...clientOptions, timeout: AUTH_TEST_TIMEOUT_MS, retryConfig: { retries: 0 } });
  let ids: { botId?: string; botUserId?: string } = {};
  let recheckTimer: NodeJS.Timeout | undefined;
  const stopRechecking = () => {
    if (recheckTimer) clearInterval(recheckTimer);
    recheckTimer = undefined;
  };
  const recheck = async (): Promise<boolean> => {
    try {
      const r = await authClient.auth.test();
      ids = { ...(r.bot_id ? { botId: r.bot_id } : {}), ...(r.user_id ? { botUserId: r.user_id } : {}) };
      app.readiness.set('slack', 'ready');
      stopRechecking();
      return true;
    } catch (err) {
      const code = slackErrorCode(err);
      if (code && BAD_TOKEN.has(code)) throw badTokenError(code);
      const detail = code ? `Slack answered auth.test with ${code}` : `Slack's Web API cannot be reached (${err instanceof Error ? err.message : String(err)})`;
      app.readiness.set('slack', 'unreachable', detail);
      return false;
    }
  };
  app.readiness.set('slack', 'starting');
  if (!(await recheck())) {
    log.warn({ detail: app.readiness.get('slack')?.detail }, 'Slack is unreachable; serving anyway and trying auth.test again');
    recheckTimer = setInterval(() => {
      recheck().catch((err: unknown) => {
        // The token was revoked while Slack was away: nothing works until an admin replaces it.
        app.readiness.set('slack', 'unreachable', (err as Error).message);
        log.error({ err }, 'Slack refused SLACK_BOT_TOKEN');
        stopRechecking();
      });
    }, opts.recheckMs ?? RECHECK_MS);
    recheckTimer.unref();
  }
  // Bolt's own token check (an eager auth.test) would hold every request until Slack answers;
  // this authorize never waits.
  const authorize = async () => ({ botToken: slack.botToken, ...ids });

  let bolt: BoltApp;
  let mode: SlackPlatform['mode'];
  if (slack.appToken) {
    mode = 'socket';
    // The Socket Mode client builds its own WebClient (apps.connections.open) from installerOptions.
    const receiver = new SocketModeReceiver({ appToken: slack.appToken, logger, installerOptions: { clientOptions }, ...opts.socketOptions });
    bolt = new BoltApp({ authorize, receiver, socketMode: true, logger, clientOptions });
  } else {
    mode = 'http';
    const receiver = new HonoReceiver({ signingSecret: slack.signingSecret, log });
    bolt = new BoltApp({ authorize, receiver, logger, clientOptions });
    receiver.mount(app.api);
  }
  // The installed workspace is learned now (auth.test) and every request is checked against it.
  const installed = installedWorkspace(new webApi.WebClient(slack.botToken, clientOptions), slack.teamId);
  await installed().catch((err: unknown) => log.warn({ err: (err as Error).message }, 'auth.test failed at start; asked again on the next Slack request'));

  // Deliveries are retried by the outbox, never inside the client: a 429 comes back as an error.
  const deliveryClient = new webApi.WebClient(slack.botToken, { ...clientOptions, rejectRateLimitedCalls: true, retryConfig: { retries: 0 } });
  const deliverer = new SlackDeliverer(deliveryClient, log, config.DEFAULT_ZONE, opts.pacer);
  const handlers = registerSlackHandlers(bolt, { app, identity: new SlackIdentity(app.ctx.root, log), log, written: deliverer.written, installed });
  app.notifier.addDeliverer(deliverer);

  if (mode === 'socket') {
    // Socket Mode opens its connection through the same API: while Slack is unreachable the
    // client keeps trying in the background rather than holding the start.
    if (app.readiness.get('slack')?.state === 'ready') await bolt.start();
    else bolt.start().catch((err: unknown) => log.error({ err }, 'Slack Socket Mode could not connect'));
  }
  log.info({ mode }, 'Slack adapter started');
  return {
    bolt,
    deliverer,
    mode,
    idle: () => handlers.idle(),
    recheck,
    stop: async () => {
      stopRechecking();
      if (mode === 'socket') await bolt.stop();
      // Acked requests may still be writing; the database closes after this.
      await handlers.idle();
    },
  };
}
