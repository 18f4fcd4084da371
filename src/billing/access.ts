import { hasRole, requireRole, type RoleAction } from '../auth.js';
import type { Ctx } from '../context.js';

/**
 * Invoices, usage and billed-vs-promised are for the office: dispatchers, managers and finance.
 * An API token reads them with its `read` scope (checked by the route); such tokens carry no role.
 */
export function requireBillingReader(ctx: Ctx, what: RoleAction): void {
  const scopes = ctx.actor.scopes ?? [];
  if (ctx.actor.via === 'api' && ['read', 'finance', 'admin'].some((s) => scopes.includes(s))) return;
  requireRole(ctx, ['dispatcher', 'manager', 'finance'], what);
}

export function isDispatcher(ctx: Ctx): boolean {
  return !!ctx.actor.person && hasRole(ctx.actor.person, ['dispatcher']);
}
