/**
 * Admins revoke an API token (`/tokens revoke 3`, `DELETE /api/v1/tokens/3`): from then on it is
 * refused with 401. The row stays, so audit rows and events that name its service person still
 * say who did what.
 */
import { eq } from 'drizzle-orm';
import { apiTokens } from '../../db/schema.js';
import { audit } from '../audit.js';
import { requireRole } from '../auth.js';
import type { Ctx } from '../context.js';
import { conflict, notFound } from '../errors.js';
import { inTransaction } from '../verb.js';
import { tokenView, type TokenView } from './list-tokens.js';
import { t } from '../i18n/index.js';
import { readerInstant } from '../i18n/format.js';
import { readerZone } from '../reader-zone.js';

export async function revokeToken(ctx: Ctx, input: { id: number }): Promise<TokenView> {
  requireRole(ctx, ['admin'], 'revoke-api-tokens');
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db.select().from(apiTokens).where(eq(apiTokens.id, input.id)).for('update');
    if (!row) throw notFound(t('errors-admin.no-token', { id: String(input.id) }));
    if (row.revokedAt) throw conflict(t('errors-admin.token-revoked', { id: String(row.id), name: row.name, at: readerInstant(row.revokedAt, readerZone(ctx)) }));
    const [revoked] = await tx.db.update(apiTokens).set({ revokedAt: tx.clock.now() }).where(eq(apiTokens.id, row.id)).returning();
    await audit(tx, 'token.revoke', { kind: 'api_token', id: row.id }, { name: row.name, scopes: row.scopes });
    return tokenView(revoked!);
  });
}
