/**
 * Slack adapter entry point. One Bolt app, two transports: Socket Mode when an app token is
 * configured (no public URL needed), otherwise HTTP at POST /slack/events on the one Hono server.
 * The listeners are the same in both (registerSlackHandlers); so is the notifier's deliverer.
 */
import { App as BoltApp, SocketModeReceiver, webApi } from '@slack/bolt';
import type { App } from '../../app.js';
import type { Config } from '../../config.js';
import type { Logger } from '../../log.js';
import type { Platforms } from '../platforms.js';
import { boltLogger } from './bolt-logger.js';
import { SlackDeliverer, type ChannelPacer } from './deliverer.js';
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
}

export interface SlackPlatform extends Platforms {
  bolt: BoltApp;
  deliverer: SlackDeliverer;
  mode: 'http' | 'socket';
  /** resolves when no Slack listener work is in flight */
  idle(): Promise<void>;
}

export async function startSlack(app: App, config: Config, log: Logger, opts: SlackOptions = {}): Promise<SlackPlatform> {
  const slack = config.slack;
  if (!slack) throw new Error('startSlack needs SLACK_BOT_TOKEN');
  const apiUrl = slack.apiUrl ? (slack.apiUrl.endsWith('/') ? slack.apiUrl : `${slack.apiUrl}/`) : undefined;
  const logger = boltLogger(log);
  const clientOptions: webApi.WebClientOptions = { ...(apiUrl ? { slackApiUrl: apiUrl } : {}), ...opts.clientOptions, logger };

  let bolt: BoltApp;
  let mode: SlackPlatform['mode'];
  if (slack.appToken) {
    mode = 'socket';
    // The Socket Mode client builds its own WebClient (apps.connections.open) from installerOptions.
    const receiver = new SocketModeReceiver({ appToken: slack.appToken, logger, installerOptions: { clientOptions }, ...opts.socketOptions });
    bolt = new BoltApp({ token: slack.botToken, receiver, socketMode: true, logger, clientOptions });
  } else {
    mode = 'http';
    const receiver = new HonoReceiver({ signingSecret: slack.signingSecret, log });
    bolt = new BoltApp({ token: slack.botToken, receiver, logger, clientOptions });
    receiver.mount(app.api);
  }
  // The installed workspace is learned now (auth.test) and every request is checked against it.
  const installed = installedWorkspace(new webApi.WebClient(slack.botToken, clientOptions), slack.teamId);
  await installed().catch((err: unknown) => log.warn({ err: (err as Error).message }, 'auth.test failed at start; asked again on the next Slack request'));
  const handlers = registerSlackHandlers(bolt, { app, identity: new SlackIdentity(app.ctx.root, log), log, installed });

  // Deliveries are retried by the outbox, never inside the client: a 429 comes back as an error.
  const deliveryClient = new webApi.WebClient(slack.botToken, { ...clientOptions, rejectRateLimitedCalls: true, retryConfig: { retries: 0 } });
  const deliverer = new SlackDeliverer(deliveryClient, log, config.DEFAULT_ZONE, opts.pacer);
  app.notifier.addDeliverer(deliverer);

  if (mode === 'socket') await bolt.start();
  log.info({ mode }, 'Slack adapter started');
  return {
    bolt,
    deliverer,
    mode,
    idle: () => handlers.idle(),
    stop: async () => {
      if (mode === 'socket') await bolt.stop();
      // Acked requests may still be writing; the database closes after this.
      await handlers.idle();
    },
  };
}
