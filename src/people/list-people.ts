/** People and their roles, for admins managing them and for the API. */
import { and, asc, sql, type SQL } from 'drizzle-orm';
import { people } from '../../db/schema.js';
import { requirePerson } from '../auth.js';
import type { Ctx, Person } from '../context.js';
import { toPerson } from './person.js';

/** By name (then id, for namesakes); `after` continues from the last person of a previous page. */
export async function listPeople(ctx: Ctx, opts: { role?: string; limit?: number; after?: { name: string; id: number } } = {}): Promise<Person[]> {
  requirePerson(ctx);
  const limit = Math.min(Math.max(opts.limit ?? 200, 1), 1000);
  const where: SQL[] = [sql`${people.active}`];
  if (opts.role) where.push(sql`${opts.role} = any(${people.roles})`);
  if (opts.after) where.push(sql`(${people.name}, ${people.id}) > (${opts.after.name}, ${opts.after.id})`);
  const rows = await ctx.db
    .select()
    .from(people)
    .where(and(...where))
    .orderBy(asc(people.name), asc(people.id))
    .limit(limit);
  return rows.map(toPerson);
}
