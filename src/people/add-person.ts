/**
 * Admins add people (the API's POST /people; chat users are linked by e-mail on first sight by the
 * adapters). One person per human: the e-mail is unique, case-insensitively.
 */
import { sql } from 'drizzle-orm';
import { people } from '../../db/schema.js';
import { audit } from '../audit.js';
import { requireRole } from '../auth.js';
import type { Ctx, Person } from '../context.js';
import { conflict, invalid } from '../errors.js';
import { inTransaction } from '../verb.js';
import { toPerson } from './person.js';
import { parseRoles } from './set-role.js';
import { t } from '../i18n/index.js';

export interface AddPersonInput {
  name: string;
  email: string;
  roles?: string[];
  teams?: string[];
  zone?: string;
}

export async function addPerson(ctx: Ctx, input: AddPersonInput): Promise<Person> {
  requireRole(ctx, ['admin'], 'add-people');
  const name = input.name?.trim();
  const email = input.email?.trim();
  if (!name) throw invalid(t('errors-admin.person-name'));
  if (!email || !/^[^\s@]+@[^\s@]+$/.test(email)) throw invalid(t('errors-admin.person-email'));
  const roles = parseRoles(input.roles ?? []);
  return inTransaction(ctx, async (tx) => {
    const [same] = await tx.db.select({ id: people.id }).from(people).where(sql`lower(${people.email}) = lower(${email})`);
    if (same) throw conflict(t('errors-admin.email-taken', { email, id: String(same.id) }));
    const [row] = await tx.db
      .insert(people)
      .values({ name, email, roles, teams: input.teams ?? [], zone: input.zone ?? null })
      .returning();
    await audit(tx, 'person.added', { kind: 'person', id: row!.id }, { name, email, roles });
    return toPerson(row!);
  });
}
