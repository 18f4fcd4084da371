import type { Ctx, Person } from './context.js';
import { forbidden } from './errors.js';
import { t, type MessageKey } from './i18n/t.js';
import type { Role } from './rules/contract-types.js';

/** What a role check guards, as its refusal names it: a key of the `errors-auth.action.*` messages. */
export type RoleAction = Extract<MessageKey, `errors-auth.action.${string}`> extends `errors-auth.action.${infer A}` ? A : never;

/** The acting person, or a clear refusal for actors that are not one (scheduler, bare tokens). */
export function requirePerson(ctx: Ctx): Person {
  if (!ctx.actor.person) throw forbidden(t('errors-auth.needs-person'));
  return ctx.actor.person;
}

/** Admins may do anything a role allows. */
export function hasRole(person: Person, roles: readonly Role[]): boolean {
  return person.roles.includes('admin') || roles.some((r) => person.roles.includes(r));
}

/** "manager or finance" in the reader's language; `noun` names the holders ("a manager or finance"). */
export function rolesOr(roles: readonly string[], noun = false): string {
  return roles.map((role) => t(noun ? 'errors-auth.role-noun' : 'errors-auth.role', { role })).join(t('errors-auth.or'));
}

/** The roles a person holds, for "you are …". */
export function rolesHeld(person: Person): string {
  return person.roles.length ? person.roles.map((role) => t('errors-auth.role', { role })).join(', ') : t('errors-auth.no-role');
}

export function requireRole(ctx: Ctx, roles: readonly Role[], action: RoleAction): Person {
  const me = requirePerson(ctx);
  if (!hasRole(me, roles)) {
    throw forbidden(t('errors-auth.only', { roles: rolesOr(roles), action: t(`errors-auth.action.${action}`), current: rolesHeld(me) }));
  }
  return me;
}
