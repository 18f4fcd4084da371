import type { Api } from '../app.js';
import { registerJobRoutes } from './jobs.js';
import { registerImportRoutes } from './import.js';
import { registerWebhookRoutes } from './webhooks.js';
import { registerSiteRoutes } from './sites.js';
import { registerCreditRoutes } from './credits.js';
import { registerBillingRoutes } from './billing.js';
import { registerApprovalRoutes } from './approvals.js';
import { registerProofRoutes } from './proof.js';
import { registerKpiRoutes } from './kpi.js';
import { registerWorkRoutes } from './work.js';
import { registerTokenRoutes } from './tokens.js';

/** Route groups beyond contracts, added as features land. */
export function apiRoutes(): ((api: Api) => void)[] {
  return [registerJobRoutes, registerImportRoutes, registerWebhookRoutes, registerSiteRoutes, registerCreditRoutes, registerBillingRoutes, registerApprovalRoutes, registerProofRoutes, registerKpiRoutes, registerWorkRoutes, registerTokenRoutes];
}
