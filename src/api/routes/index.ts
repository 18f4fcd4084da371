import type { Api } from '../app.js';
import { registerJobRoutes } from './jobs.js';

/** Route groups beyond contracts, added as features land. */
export function apiRoutes(): ((api: Api) => void)[] {
  return [registerJobRoutes];
}
