import type { App } from '../app.js';
import type { Config } from '../config.js';
import type { Task } from './scheduler.js';

/** The periodic work: SLA monitor, outbox delivery; more as features land. */
export function scheduledTasks(app: App, config: Config): Task[] {
  void config;
  return [
    { name: 'deliver', cron: '*/2 * * * * *', run: async () => app.notifier.deliverDue() },
  ];
}
