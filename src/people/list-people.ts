/** People and their roles, for admins managing them and for the API. */
import { asc, sql } from 'drizzle-orm';
import { people } from '../../db/schema.js';
import { requirePerson } from '../auth.js';
import type { Ctx, Person } from '../context.js';
import { toPerson } from './person.js';

export async function listPeople(ctx: Ctx, opts: { role?: string; limit?: number } = {}): Promise<Person[]> {
  requirePerson(ctx);
  const limit = Math.min(Math.max(opts.limit ?? 200, 1), 1000);
  const rows = await ctx.db
    .select()
    .from(people)
    .where(opts.role ? sql`${opts.role} = any(${people.roles}) and ${people.active}` : sql`${people.active}`)
    .orderBy(asc(people.name))
    .limit(limit);
  return rows.map(toPerson);
}
