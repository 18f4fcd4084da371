import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, lte, or } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { apiTokens, people } from '../../db/schema.js';
import { SERVICE_EMAIL_DOMAIN } from '../people/person.js';

/** `sensitive`: responses show what the contracts' redaction hides (never implied by `admin`). */
export const SCOPES = ['read', 'write', 'finance', 'admin', 'sensitive'] as const;
export type Scope = (typeof SCOPES)[number];

export const hashToken = (t: string) => createHash('sha256').update(t).digest('hex');

/** Roles a token's service person gets, so the verbs' role checks apply to the API as well. */
export function rolesForScopes(scopes: Scope[]): string[] {
  const roles: string[] = [];
  if (scopes.includes('write')) roles.push('dispatcher', 'technician');
  if (scopes.includes('finance')) roles.push('finance');
  if (scopes.includes('admin')) roles.push('admin');
  return roles;
}

/**
 * Create a token; the clear text is returned once and only its hash is stored. Each token acts as
 * a service person of its own, so events and audit rows name it like any other actor.
 */
export async function createToken(db: DbOrTx, name: string, scopes: Scope[], personId?: number): Promise<string> {
  const token = `cot_${randomBytes(24).toString('base64url')}`;
  let pid = personId;
  if (pid === undefined) {
    const [p] = await db
      .insert(people)
      .values({ name: `${name} (API)`, email: `api-${randomBytes(4).toString('hex')}@${SERVICE_EMAIL_DOMAIN}`, roles: rolesForScopes(scopes) })
      .returning({ id: people.id });
    pid = p!.id;
  }
  await db.insert(apiTokens).values({ name, hash: hashToken(token), scopes, personId: pid });
  return token;
}

export async function findToken(db: DbOrTx, token: string) {
  const [row] = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.hash, hashToken(token)), isNull(apiTokens.revokedAt)));
  return row;
}

/** `last_used_at` moves at most this often, so a busy integration does not write on every request. */
export const LAST_USED_EVERY_MS = 60_000;

/** Record that a token was used now, unless that was already recorded within the last minute. */
export async function noteTokenUse(db: DbOrTx, token: { id: number; lastUsedAt: Date | null }, now: Date): Promise<void> {
  const since = new Date(now.getTime() - LAST_USED_EVERY_MS);
  if (token.lastUsedAt && token.lastUsedAt.getTime() > since.getTime()) return;
  // The condition is repeated in SQL so that replicas racing on one token write once.
  await db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(and(eq(apiTokens.id, token.id), or(isNull(apiTokens.lastUsedAt), lte(apiTokens.lastUsedAt, since))));
}
