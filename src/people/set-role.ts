/**
 * Admins grant and remove roles (`/role @someone manager`, `/role @someone -manager`, the API).
 * The first admin comes from configuration (ADMIN_EMAIL, see seed/demo.ts ensureAdmin); after that
 * the set of admins can change but never lose its last person, or nobody could manage roles again
 * (an API token's service person is not a person for this rule).
 */
import { eq, sql } from 'drizzle-orm';
import { people } from '../../db/schema.js';
import { audit } from '../audit.js';
import { requireRole } from '../auth.js';
import type { Ctx, Person } from '../context.js';
import { invalid, notFound, preconditionFailed } from '../errors.js';
import { ROLES, type Role } from '../rules/contract-types.js';
import { inTransaction } from '../verb.js';
import { findPeople, isHuman, nobodyMatches, personById, toPerson } from './person.js';
import { t } from '../i18n/index.js';

export interface SetRolesInput {
  /** a person id, or what chat typed: @handle, e-mail, Slack mention, part of a name */
  person: number | string;
  add?: string[];
  remove?: string[];
}

export function parseRoles(list: string[]): Role[] {
  const out: Role[] = [];
  for (const r of list) {
    const l = r.trim().toLowerCase();
    if (!(ROLES as readonly string[]).includes(l)) throw invalid(t('errors-admin.not-a-role', { typed: r, roles: ROLES.join(', ') }));
    out.push(l as Role);
  }
  return out;
}

/** Exactly one person for what was typed, or a refusal that lists the candidates. */
export async function resolvePerson(ctx: Ctx, typed: number | string): Promise<Person> {
  if (typeof typed === 'number') {
    const p = await personById(ctx.db, typed);
    if (!p) throw notFound(t('errors-admin.no-person', { id: String(typed) }));
    return p;
  }
  const found = await findPeople(ctx.db, typed);
  if (!found.length) throw notFound(nobodyMatches(typed));
  if (found.length > 1) throw invalid(t('errors-admin.several-people', { typed, n: found.length }), found.slice(0, 10).map((p) => `${p.name} <${p.email}>`));
  return found[0]!;
}

export async function setRoles(ctx: Ctx, input: SetRolesInput): Promise<{ person: Person; added: Role[]; removed: Role[] }> {
  requireRole(ctx, ['admin'], 'manage-roles');
  const add = parseRoles(input.add ?? []);
  const remove = parseRoles(input.remove ?? []);
  if (!add.length && !remove.length) throw invalid(t('errors-admin.which-role'));
  const both = add.filter((r) => remove.includes(r));
  if (both.length) throw invalid(t('errors-admin.add-and-remove', { roles: both.join(', ') }));
  return inTransaction(ctx, async (tx) => {
    const target = await resolvePerson(tx, input.person);
    const [row] = await tx.db.select().from(people).where(eq(people.id, target.id)).for('update');
    const before = row!.roles as Role[];
    if (remove.includes('admin') && before.includes('admin')) {
      // Locking every admin row makes two admins removing each other at once take turns. A token's
      // service person is not someone who can open chat and manage roles: it does not count.
      const admins = await tx.db.select({ id: people.id }).from(people).where(sql`'admin' = any(${people.roles}) and ${people.active} and ${isHuman}`).for('update');
      if (admins.every((a) => a.id === target.id) && admins.some((a) => a.id === target.id)) {
        throw preconditionFailed(t('errors-admin.last-admin', { self: tx.actor.person?.id === target.id ? 'yes' : 'no', name: target.name }));
      }
    }
    const after = [...before.filter((r) => !remove.includes(r)), ...add.filter((r) => !before.includes(r))];
    const added = after.filter((r) => !before.includes(r));
    const removed = before.filter((r) => !after.includes(r));
    if (!added.length && !removed.length) return { person: toPerson(row!), added, removed };
    const [updated] = await tx.db.update(people).set({ roles: after }).where(eq(people.id, target.id)).returning();
    await audit(tx, 'person.roles', { kind: 'person', id: target.id }, { name: target.name, added, removed, roles: after });
    return { person: toPerson(updated!), added, removed };
  });
}
