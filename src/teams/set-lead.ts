/** `/team lead <person> [team]`: who escalations go to (SLA alert fallback "escalate"). */
import { eq } from 'drizzle-orm';
import { teams } from '../../db/schema.js';
import { audit } from '../audit.js';
import { requireRole } from '../auth.js';
import type { Ctx } from '../context.js';
import { inTransaction } from '../verb.js';
import { resolvePerson } from '../people/set-role.js';
import { findTeam } from './find-team.js';

export async function setLead(ctx: Ctx, input: { person: string | number; team?: string }) {
  const me = requireRole(ctx, ['manager'], 'set-team-lead');
  return inTransaction(ctx, async (tx) => {
    const team = await findTeam(tx, me, input.team);
    const lead = await resolvePerson(tx, input.person);
    await tx.db.update(teams).set({ leadId: lead.id }).where(eq(teams.id, team.id));
    await audit(tx, 'team.lead', { kind: 'team', id: team.id }, { lead: lead.id, name: lead.name, before: team.leadId });
    return { team: team.id, lead };
  });
}
