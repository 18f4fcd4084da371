import type { Api } from '../app.js';
import { registerJobRoutes } from './jobs.js';
import { registerBillingRoutes } from './billing.js';
import { registerApprovalRoutes } from './approvals.js';
import { registerProofRoutes } from './proof.js';

/** Route groups beyond contracts, added as features land. */
export function apiRoutes(): ((api: Api) => void)[] {
  return [registerJobRoutes, registerBillingRoutes, registerApprovalRoutes, registerProofRoutes];
}
