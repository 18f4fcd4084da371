import type { App } from '../app.js';
import type { Config } from '../config.js';
import { runMonitor } from '../jobs/monitor.js';
import type { Task } from './scheduler.js';

/** The periodic work: SLA monitor every MONITOR_INTERVAL_SECONDS, outbox delivery every 2 s; then the features' own tasks. */
export function scheduledTasks(app: App, config: Config): Task[] {
  const every = config.MONITOR_INTERVAL_SECONDS;
  return [
    { name: 'sla-monitor', cron: every < 60 ? `*/${every} * * * * *` : `0 */${Math.round(every / 60)} * * * *`, run: (ctx) => runMonitor(ctx) },
    { name: 'deliver', cron: '*/2 * * * * *', run: async () => app.notifier.deliverDue() },
    ...app.features.tasks(app, config),
  ];
}
