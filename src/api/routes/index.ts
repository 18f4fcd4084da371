import type { Api } from '../app.js';

/** Route groups beyond contracts, added as features land. */
export function apiRoutes(): ((api: Api) => void)[] {
  return [];
}
