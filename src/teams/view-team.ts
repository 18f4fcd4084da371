/** A team's channels per platform and its lead, for `/team show`. */
import { eq } from 'drizzle-orm';
import { teamChannels } from '../../db/schema.js';
import { requirePerson } from '../auth.js';
import type { Ctx } from '../context.js';
import { personById } from '../people/person.js';
import { findTeam } from './find-team.js';

export async function viewTeam(ctx: Ctx, input: { team?: string }) {
  const me = requirePerson(ctx);
  const team = await findTeam(ctx, me, input.team);
  const bindings = await ctx.db.select().from(teamChannels).where(eq(teamChannels.teamId, team.id));
  const lead = team.leadId ? await personById(ctx.db, team.leadId) : undefined;
  return { team, lead, bindings };
}
