/** Start the chat platforms that are configured (Slack, Teams); the terminal is started by main. */
import type { App } from '../app.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';

export interface Platforms {
  stop(): Promise<void>;
}

/** Call before the HTTP server starts: adapters add their routes to the one Hono app. */
export async function startPlatforms(app: App, config: Config, log: Logger): Promise<Platforms> {
  const started: Platforms[] = [];
  // Each SDK is loaded only when its platform is configured (the Teams SDK alone is ~12 MB of RSS).
  if (config.slack) started.push(await (await import('./slack/index.js')).startSlack(app, config, log));
  if (config.teams || config.TEAMS_SERVICE_URL) started.push(await (await import('./teams/index.js')).startTeams(app, config, log));
  return {
    stop: async () => {
      for (const p of started) await p.stop();
    },
  };
}
