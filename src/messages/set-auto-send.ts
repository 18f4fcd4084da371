/** A team's choice: customer messages go out as drafted, without a dispatcher pressing Send. */
import { eq } from 'drizzle-orm';
import { teams } from '../../db/schema.js';
import { audit } from '../audit.js';
import { requireRole } from '../auth.js';
import { invalid, notFound } from '../errors.js';
import type { Ctx } from '../context.js';
import { inTransaction } from '../verb.js';

export async function setAutoSend(ctx: Ctx, input: { team?: string; on: boolean }): Promise<{ team: string; on: boolean }> {
  const me = requireRole(ctx, ['manager'], 'set-auto-send');
  return inTransaction(ctx, async (tx) => {
    const all = await tx.db.select({ id: teams.id }).from(teams);
    const mine = all.filter((t) => me.teams.includes(t.id));
    const team = input.team ? all.find((t) => t.id.toLowerCase() === input.team!.trim().toLowerCase()) : mine.length === 1 ? mine[0] : undefined;
    if (!team) throw (input.team ? notFound : invalid)(`${input.team ? `No team ${input.team}.` : 'Which team? Name it: /message auto on <team>.'} Teams: ${all.map((t) => t.id).join(', ') || 'none yet'}.`);
    await tx.db.update(teams).set({ autoSendMessages: input.on }).where(eq(teams.id, team.id));
    await audit(tx, 'team.auto_send_messages', { kind: 'team', id: team.id }, { on: input.on });
    return { team: team.id, on: input.on };
  });
}
