/**
 * Teams adapter entry point: Teams SDK v2 served at POST /api/messages on the one Hono app (the
 * SDK's httpServerAdapter seam, `initialize()` instead of `start()`), and the notifier's Teams
 * deliverer. With TEAMS_CLIENT_ID and TEAMS_CLIENT_SECRET (or TEAMS_MANAGED_IDENTITY_CLIENT_ID)
 * every activity's token is validated (single-tenant when TEAMS_TENANT_ID is set); with
 * TEAMS_SERVICE_URL and no credential at all it runs in local
 * development mode for the Microsoft 365 Agents Playground and accepts only local, unauthenticated traffic.
 */
import type { App } from '../../app.js';
import type { Config } from '../../config.js';
import type { Logger } from '../../log.js';
import type { Platforms } from '../platforms.js';
import { createTeamsBot, type TeamsBotOptions } from './bot.js';

export async function startTeams(app: App, config: Config, log: Logger, opts: TeamsBotOptions = {}): Promise<Platforms> {
  const bot = createTeamsBot(app, config, log, opts);
  if (bot.mode === 'development') {
    log.warn({ serviceUrl: config.TEAMS_SERVICE_URL }, 'Teams: development mode, unauthenticated: /api/messages accepts local requests without tokens (set TEAMS_CLIENT_ID and TEAMS_CLIENT_SECRET or TEAMS_MANAGED_IDENTITY_CLIENT_ID for Teams)');
  } else {
    log.info({ clientId: config.teams?.clientId, tenant: config.teams?.tenantId ?? 'multi-tenant', auth: bot.auth }, 'Teams: serving /api/messages, validating every activity token');
  }
  await bot.start();
  app.notifier.addDeliverer(bot.deliverer);
  return { stop: () => bot.sdk.stop() };
}
