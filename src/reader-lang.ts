/**
 * The language the bot writes in for a reader: a person's own (chosen with /language or reported
 * by their chat platform), else the first of their teams that has one, else the deployment's
 * DEFAULT_LANGUAGE. A post to a team's channel is in the team's language.
 */
import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { teams } from '../db/schema.js';
import type { Ctx, Person } from './context.js';
import { langOf, type Lang } from './i18n/lang.js';

export async function personLang(db: DbOrTx, person: Pick<Person, 'language' | 'teams'> | null, fallback: Lang): Promise<Lang> {
  if (person?.language) return person.language;
  if (!person?.teams.length) return fallback;
  const rows = await db.select({ id: teams.id, language: teams.language }).from(teams).where(inArray(teams.id, person.teams));
  for (const id of person.teams) {
    const lang = langOf(rows.find((r) => r.id === id)?.language);
    if (lang) return lang;
  }
  return fallback;
}

export async function teamLang(db: DbOrTx, teamId: string, fallback: Lang): Promise<Lang> {
  const [row] = await db.select({ language: teams.language }).from(teams).where(eq(teams.id, teamId));
  return langOf(row?.language) ?? fallback;
}

/** The language of the person acting: replies, refusals and help are written in it. */
export function readerLang(ctx: Ctx): Promise<Lang> {
  return personLang(ctx.root, ctx.actor.person, ctx.services.defaultLanguage);
}
