import type { App } from '../../app.js';
import type { Config } from '../../config.js';
import type { Logger } from '../../log.js';
import type { Platforms } from '../platforms.js';

/** Teams adapter entry point (Teams SDK v2 at /api/messages). */
export async function startTeams(app: App, config: Config, log: Logger): Promise<Platforms> {
  void app;
  void config;
  log.warn('Teams is configured but the Teams adapter is not in this build yet');
  return { stop: async () => {} };
}
