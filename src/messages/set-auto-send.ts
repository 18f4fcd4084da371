/** A team's choice: customer messages go out as drafted, without a dispatcher pressing Send. */
import { eq } from 'drizzle-orm';
import { teams } from '../../db/schema.js';
import { audit } from '../audit.js';
import { requireRole } from '../auth.js';
import type { Ctx } from '../context.js';
import { findTeam } from '../teams/find-team.js';
import { inTransaction } from '../verb.js';

export async function setAutoSend(ctx: Ctx, input: { team?: string; on: boolean }): Promise<{ team: string; on: boolean }> {
  const me = requireRole(ctx, ['manager'], 'set-auto-send');
  return inTransaction(ctx, async (tx) => {
    const team = await findTeam(tx, me, input.team);
    await tx.db.update(teams).set({ autoSendMessages: input.on }).where(eq(teams.id, team.id));
    await audit(tx, 'team.auto_send_messages', { kind: 'team', id: team.id }, { on: input.on });
    return { team: team.id, on: input.on };
  });
}
