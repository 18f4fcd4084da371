import type { Api } from '../app.js';
import { registerContractRoutes } from './contracts.js';
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
import { registerCorrectionRoutes } from './corrections.js';
import { registerTokenRoutes } from './tokens.js';
import { registerPrivacyRoutes } from './privacy.js';

/** Every route group of the REST API, in the order the OpenAPI document lists them; createApp mounts them. */
export function apiRoutes(): ((api: Api) => void)[] {
  return [registerContractRoutes, registerJobRoutes, registerImportRoutes, registerWebhookRoutes, registerSiteRoutes, registerCreditRoutes, registerBillingRoutes, registerApprovalRoutes, registerProofRoutes, registerKpiRoutes, registerWorkRoutes, registerCorrectionRoutes, registerTokenRoutes, registerPrivacyRoutes];
}
