/** Which team a chat command means: the one named, else the caller's only team. */
import { asc } from 'drizzle-orm';
import { teams } from '../../db/schema.js';
import type { Ctx, Person } from '../context.js';
import { invalid, notFound } from '../errors.js';
import { closest } from '../rules/closest.js';
import { t } from '../i18n/t.js';

export type TeamRow = typeof teams.$inferSelect;

export async function findTeam(ctx: Ctx, me: Person | null, typed?: string): Promise<TeamRow> {
  const all = await ctx.db.select().from(teams).orderBy(asc(teams.id));
  if (typed) {
    const hit = all.find((t) => t.id.toLowerCase() === typed.trim().toLowerCase());
    if (hit) return hit;
    const near = closest(typed, all.map((t) => t.id));
    throw notFound(t('errors-teams.no-team', { team: typed }), [near.length ? t('errors-teams.closest', { ids: near.join(', ') }) : t('errors-teams.teams', { ids: all.map((x) => x.id).join(', ') || t('errors-teams.none-yet-load') })]);
  }
  const mine = me ? all.filter((t) => me.teams.includes(t.id)) : [];
  if (mine.length === 1) return mine[0]!;
  if (all.length === 1) return all[0]!;
  throw invalid(t('errors-teams.which-team'), [t('errors-teams.teams', { ids: all.map((x) => x.id).join(', ') || t('errors-teams.none-yet') })]);
}
