/**
 * Features plug into the shared mechanisms here: outbox card loaders, button handlers, job
 * change hooks and guards, scheduled tasks. One line per feature; each feature's own
 * `register*` function lives in its folder. Called once by createApp.
 */
import type { App } from './app.js';
import type { Config } from './config.js';
import type { Task } from './scheduler/scheduler.js';
import { registerBilling } from './billing/register.js';
import { registerWebhooks } from './webhooks/register.js';
import { registerApprovals } from './approvals/register.js';
import { registerProof } from './proof/register.js';
import { registerMessages } from './messages/register.js';
import { registerKpi } from './kpi/register.js';

/** Scheduled tasks contributed by features (the SLA monitor and delivery are in scheduler/tasks.ts). */
export const featureTasks: ((app: App, config: Config) => Task[])[] = [];

let registered = false;

export function registerFeatures(): void {
  if (registered) return;
  registered = true;
  registerApprovals();
  registerBilling();
  registerWebhooks();
  registerProof();
  registerMessages();
  registerKpi();
}
