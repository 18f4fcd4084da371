import type { Ctx, Person } from './context.js';
import { forbidden } from './errors.js';
import type { Role } from './rules/contract-types.js';

/** The acting person, or a clear refusal for actors that are not one (scheduler, bare tokens). */
export function requirePerson(ctx: Ctx): Person {
  if (!ctx.actor.person) throw forbidden('This action needs a person: link the API token to a person, or use chat.');
  return ctx.actor.person;
}

/** Admins may do anything a role allows. */
export function hasRole(person: Person, roles: readonly Role[]): boolean {
  return person.roles.includes('admin') || roles.some((r) => person.roles.includes(r));
}

export function requireRole(ctx: Ctx, roles: readonly Role[], what: string): Person {
  const me = requirePerson(ctx);
  if (!hasRole(me, roles)) {
    throw forbidden(`Only ${roles.join(' or ')} can ${what}; you are ${me.roles.length ? me.roles.join(', ') : 'without a role'}.`);
  }
  return me;
}
