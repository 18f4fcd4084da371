/**
 * The language the bot writes in for a reader: a person's own (chosen with /language or reported
 * by their chat platform), else the first of their teams that has one, else the deployment's
 * DEFAULT_LANGUAGE. A post to a team's channel is in the team's language.
 */
import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { teams } from '../db/schema.js';
import type { Ctx, Person } from './context.js';
import { inLanguage } from './i18n/current.js';
import { langOf, type Lang } from './i18n/lang.js';

/** Where a reader's language comes from: their own setting, their team's, or the deployment's. */
export type LangSource = 'own' | 'team' | 'default';

export async function personLangSource(db: DbOrTx, person: Pick<Person, 'language' | 'teams'> | null, fallback: Lang): Promise<{ lang: Lang; source: LangSource }> {
  if (person?.language) return { lang: person.language, source: 'own' };
  if (!person?.teams.length) return { lang: fallback, source: 'default' };
  const rows = await db.select({ id: teams.id, language: teams.language }).from(teams).where(inArray(teams.id, person.teams));
  for (const id of person.teams) {
    const lang = langOf(rows.find((r) => r.id === id)?.language);
    if (lang) return { lang, source: 'team' };
  }
  return { lang: fallback, source: 'default' };
}

export async function personLang(db: DbOrTx, person: Pick<Person, 'language' | 'teams'> | null, fallback: Lang): Promise<Lang> {
  return (await personLangSource(db, person, fallback)).lang;
}

export async function teamLang(db: DbOrTx, teamId: string, fallback: Lang): Promise<Lang> {
  const [row] = await db.select({ language: teams.language }).from(teams).where(eq(teams.id, teamId));
  return langOf(row?.language) ?? fallback;
}

/** The language of the person acting: replies, refusals and help are written in it. */
export function readerLang(ctx: Ctx): Promise<Lang> {
  return personLang(ctx.db, ctx.actor.person, ctx.services.defaultLanguage);
}

/**
 * The reader's language, or the deployment's when the database cannot say (the reply is then
 * about that); English for a context with no services at all (a router run on its own).
 */
export async function readerLangOrDefault(ctx: Ctx): Promise<Lang> {
  try {
    return await readerLang(ctx);
  } catch {
    return (ctx.services as Partial<Ctx['services']> | undefined)?.defaultLanguage ?? 'en';
  }
}

/** Runs `fn` in the language of the person acting in `ctx`: a command, a button, a form. */
export async function inReaderLang<T>(ctx: Ctx, fn: () => Promise<T>): Promise<T> {
  return inLanguage(await readerLangOrDefault(ctx), fn);
}
