/** Start the chat platforms that are configured (Slack, Teams); the terminal is started by main. */
import type { App } from '../app.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { startSlack } from './slack/index.js';
import { startTeams } from './teams/index.js';

export interface Platforms {
  stop(): Promise<void>;
}

/** Call before the HTTP server starts: adapters add their routes to the one Hono app. */
export async function startPlatforms(app: App, config: Config, log: Logger): Promise<Platforms> {
  const started: Platforms[] = [];
  if (config.slack) started.push(await startSlack(app, config, log));
  if (config.teams || config.TEAMS_SERVICE_URL) started.push(await startTeams(app, config, log));
  return {
    stop: async () => {
      for (const p of started) await p.stop();
    },
  };
}
