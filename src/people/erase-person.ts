/**
 * Erasure of a person who has left (GDPR art. 17): an admin replaces their name and e-mail with a
 * pseudonym ("Former technician #7"), removes their chat links and terminal handle, and marks them
 * inactive. Work records (time, parts, checklist steps, approvals), audit rows and invoices keep
 * pointing at the same person id and are not changed, so every amount billed stays as issued.
 */
import { eq } from 'drizzle-orm';
import { apiTokens, people } from '../../db/schema.js';
import { audit } from '../audit.js';
import { requireRole } from '../auth.js';
import type { Ctx } from '../context.js';
import { invalid, preconditionFailed } from '../errors.js';
import { inTransaction } from '../verb.js';
import { resolvePerson } from './set-role.js';
import { t } from '../i18n/index.js';

export interface Erased {
  id: number;
  pseudonym: string;
}

export function pseudonymFor(id: number, roles: readonly string[]): string {
  const word = roles.includes('technician') ? 'technician' : roles.includes('dispatcher') ? 'dispatcher' : 'team member';
  return `Former ${word} #${id}`;
}

export async function erasePerson(ctx: Ctx, input: { person: number | string; reason: string }): Promise<Erased> {
  const me = requireRole(ctx, ['admin'], 'erase-person');
  const reason = input.reason.trim();
  if (!reason) throw invalid(t('errors-admin.erase-reason'));
  return inTransaction(ctx, async (tx) => {
    const p = await resolvePerson(tx, input.person);
    if (p.id === me.id) throw preconditionFailed(t('errors-admin.erase-self'));
    if (p.email.endsWith('@erased.invalid')) throw preconditionFailed(t('errors-admin.already-erased', { name: p.name }));
    const pseudonym = pseudonymFor(p.id, p.roles);
    await tx.db
      .update(people)
      .set({ name: pseudonym, email: `person-${p.id}@erased.invalid`, slackUserId: null, teamsUserId: null, shellHandle: null, zone: null, language: null, active: false })
      .where(eq(people.id, p.id));
    // A token acting as the person would keep acting in their name.
    await tx.db.update(apiTokens).set({ revokedAt: tx.clock.now() }).where(eq(apiTokens.personId, p.id));
    await audit(tx, 'person.erased', { kind: 'person', id: p.id }, { pseudonym, reason });
    return { id: p.id, pseudonym };
  });
}
