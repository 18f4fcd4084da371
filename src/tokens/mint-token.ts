/**
 * Admins mint API tokens through the running bot (`/tokens new`, `POST /api/v1/tokens`), so nobody
 * stops it to run `npm run token` (which the data-directory lock refuses while the bot runs). The
 * clear token is returned once, to the caller; only its hash is stored, and the audit row names
 * the token and its scopes, never the token itself.
 */
import { eq } from 'drizzle-orm';
import { apiTokens } from '../../db/schema.js';
import { createToken, hashToken, SCOPES, type Scope } from '../api/tokens.js';
import { audit } from '../audit.js';
import { requireRole } from '../auth.js';
import type { Ctx } from '../context.js';
import { invalid } from '../errors.js';
import { inTransaction } from '../verb.js';
import { tokenView, type TokenView } from './list-tokens.js';
import { t } from '../i18n/index.js';

export const TOKEN_NAME_MAX = 80;

export interface MintedToken {
  /** shown once: the bot keeps only its hash */
  token: string;
  view: TokenView;
}

/** Scopes as typed ("read,write" or "read write"), checked against the list. */
export function parseScopes(words: readonly string[]): Scope[] {
  const typed = words.flatMap((w) => w.split(',')).map((s) => s.trim().toLowerCase()).filter(Boolean);
  if (!typed.length) throw invalid(t('errors-admin.which-scopes', { scopes: SCOPES.join(', ') }));
  const bad = typed.filter((s) => !(SCOPES as readonly string[]).includes(s));
  if (bad.length) throw invalid(t('errors-admin.unknown-scope', { typed: bad.map((b) => `"${b}"`).join(', '), scopes: SCOPES.join(', ') }));
  return [...new Set(typed)] as Scope[];
}

export async function mintToken(ctx: Ctx, input: { name: string; scopes: readonly string[] }): Promise<MintedToken> {
  requireRole(ctx, ['admin'], 'create-api-tokens');
  const name = input.name.trim();
  if (!name || name.length > TOKEN_NAME_MAX || /\p{Cc}/u.test(name)) throw invalid(t('errors-admin.token-name', { max: String(TOKEN_NAME_MAX) }));
  const scopes = parseScopes(input.scopes);
  return inTransaction(ctx, async (tx) => {
    const token = await createToken(tx.db, name, scopes);
    const [created] = await tx.db.select().from(apiTokens).where(eq(apiTokens.hash, hashToken(token)));
    await audit(tx, 'token.create', { kind: 'api_token', id: created!.id }, { name, scopes });
    return { token, view: tokenView(created!) };
  });
}
