import type { App } from '../app.js';
import type { Config } from '../config.js';
import { runMonitor } from '../jobs/monitor.js';
import type { Task } from './scheduler.js';

/**
 * The periodic work: SLA monitor every MONITOR_INTERVAL_SECONDS, the features' own tasks, outbox
 * delivery every 2 s. Delivery is last so that one `runAll` delivers what the tasks before it
 * enqueued.
 */
export function scheduledTasks(app: App, config: Config): Task[] {
  const every = config.MONITOR_INTERVAL_SECONDS;
  return [
    { name: 'sla-monitor', cron: every < 60 ? `*/${every} * * * * *` : `0 */${Math.round(every / 60)} * * * *`, run: (ctx) => runMonitor(ctx) },
    ...app.features.tasks(app, config),
    { name: 'deliver', cron: '*/2 * * * * *', run: async () => app.notifier.deliverDue() },
  ];
}
