/**
 * `/team bind <dispatch|approvals|digest> [team]`: the channel the command is typed in becomes
 * where that team's alerts, approval requests or digests go on this platform. One binding per
 * team, purpose and platform; binding again moves it.
 */
import { and, eq } from 'drizzle-orm';
import { approvals, contracts, teamChannels } from '../../db/schema.js';
import { audit } from '../audit.js';
import { requireRole } from '../auth.js';
import type { Ctx } from '../context.js';
import { invalid, preconditionFailed } from '../errors.js';
import { enqueuePost, type Purpose } from '../notify/enqueue.js';
import { inTransaction } from '../verb.js';
import { findTeam } from './find-team.js';
import { t } from '../i18n/t.js';

export const PURPOSES: Purpose[] = ['dispatch', 'approvals', 'digest'];

export async function bindChannel(ctx: Ctx, input: { purpose: string; team?: string }) {
  const me = requireRole(ctx, ['manager'], 'bind-team-channels');
  const purpose = input.purpose?.trim().toLowerCase() as Purpose;
  if (!PURPOSES.includes(purpose)) throw invalid(t('errors-teams.bind-for', { purposes: PURPOSES.join(', ') }));
  const origin = ctx.origin;
  if (!origin) throw preconditionFailed(t('errors-teams.bind-here'));
  return inTransaction(ctx, async (tx) => {
    const team = await findTeam(tx, me, input.team);
    await tx.db
      .insert(teamChannels)
      .values({ teamId: team.id, purpose, platform: origin.platform, target: origin.target, boundBy: me.id, createdAt: tx.clock.now() })
      .onConflictDoUpdate({ target: [teamChannels.teamId, teamChannels.purpose, teamChannels.platform], set: { target: origin.target, boundBy: me.id, createdAt: tx.clock.now() } });
    await audit(tx, 'team.bound', { kind: 'team', id: team.id }, { purpose, platform: origin.platform, channel: origin.label });
    // Requests asked before the team had an approvals channel here are posted to it now (a request
    // already posted on this platform keeps its message: the outbox key makes this a no-op).
    let pending = 0;
    if (purpose === 'approvals') {
      const open = await tx.db
        .select({ id: approvals.id })
        .from(approvals)
        .innerJoin(contracts, eq(contracts.id, approvals.contractId))
        .where(and(eq(approvals.status, 'pending'), eq(contracts.team, team.id)));
      for (const a of open) pending += await enqueuePost(tx, { key: `approval:${a.id}`, teamId: team.id, purpose: 'approvals', subjectKind: 'approval', subjectId: a.id });
    }
    return { team: team.id, purpose, platform: origin.platform, label: origin.label, pending };
  });
}
