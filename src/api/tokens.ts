import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { apiTokens, people } from '../../db/schema.js';
import { SERVICE_EMAIL_DOMAIN } from '../people/person.js';

export const SCOPES = ['read', 'write', 'finance', 'admin'] as const;
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
