/** `/language fr`: the language the bot writes to the person acting in, from now on. */
import { eq } from 'drizzle-orm';
import { people } from '../../db/schema.js';
import { audit } from '../audit.js';
import { requirePerson } from '../auth.js';
import type { Ctx } from '../context.js';
import { invalid } from '../errors.js';
import { formatOr, t } from '../i18n/index.js';
import { LANGS, langOf, type Lang } from '../i18n/lang.js';
import { inTransaction } from '../verb.js';

/** A language as typed ("fr", "FR", "fr-CA"), or a refusal naming those the bot speaks. */
export function parseLang(typed: string): Lang {
  const lang = langOf(typed);
  if (!lang) throw invalid(t('language.unknown', { typed, langs: formatOr([...LANGS]) }));
  return lang;
}

export async function setLanguage(ctx: Ctx, input: { lang: string }): Promise<{ lang: Lang; before: Lang | null }> {
  const me = requirePerson(ctx);
  const lang = parseLang(input.lang);
  return inTransaction(ctx, async (tx) => {
    await tx.db.update(people).set({ language: lang }).where(eq(people.id, me.id));
    await audit(tx, 'person.language', { kind: 'person', id: me.id }, { language: lang, before: me.language });
    return { lang, before: me.language };
  });
}
