import type { App } from '../../app.js';
import type { Config } from '../../config.js';
import type { Logger } from '../../log.js';
import type { Platforms } from '../platforms.js';

/** Slack adapter entry point (Bolt, HTTP at /slack/events or Socket Mode). */
export async function startSlack(app: App, config: Config, log: Logger): Promise<Platforms> {
  void app;
  void config;
  log.warn('Slack is configured but the Slack adapter is not in this build yet');
  return { stop: async () => {} };
}
