/**
 * API tokens as admins see them (`/tokens`): name, scopes, created, last used, revoked. The
 * token itself is never stored, so never shown.
 */
import { asc } from 'drizzle-orm';
import { apiTokens } from '../../db/schema.js';
import { requireRole } from '../auth.js';
import type { Ctx } from '../context.js';

export interface TokenView {
  id: number;
  name: string;
  scopes: string[];
  createdAt: Date;
  /** written at most once a minute, so up to a minute behind */
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export const tokenView = (r: typeof apiTokens.$inferSelect): TokenView => ({
  id: r.id,
  name: r.name,
  scopes: r.scopes,
  createdAt: r.createdAt,
  lastUsedAt: r.lastUsedAt,
  revokedAt: r.revokedAt,
});

export async function listTokens(ctx: Ctx): Promise<TokenView[]> {
  requireRole(ctx, ['admin'], 'see-api-tokens');
  const rows = await ctx.db.select().from(apiTokens).orderBy(asc(apiTokens.id));
  return rows.map(tokenView);
}
