/** `/team language <team> fr`: the language of the team's channel posts and of its members who chose none. */
import { eq } from 'drizzle-orm';
import { teams } from '../../db/schema.js';
import { audit } from '../audit.js';
import { requireRole } from '../auth.js';
import type { Ctx } from '../context.js';
import { parseLang } from '../people/set-language.js';
import { inTransaction } from '../verb.js';
import { findTeam } from './find-team.js';

export async function setTeamLanguage(ctx: Ctx, input: { lang: string; team?: string }) {
  const me = requireRole(ctx, ['admin'], 'set-team-language');
  const lang = parseLang(input.lang);
  return inTransaction(ctx, async (tx) => {
    const team = await findTeam(tx, me, input.team);
    await tx.db.update(teams).set({ language: lang }).where(eq(teams.id, team.id));
    await audit(tx, 'team.language', { kind: 'team', id: team.id }, { language: lang, before: team.language });
    return { team: team.id, lang };
  });
}
