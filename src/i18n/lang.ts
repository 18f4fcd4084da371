/**
 * The languages the bot speaks, and how a locale tag (a contract's `locale`, Slack's `en-US`,
 * Teams' `fr-fr`) maps to one. `pseudo` is for tests only: every catalog message comes out
 * bracketed, so a literal that bypassed the catalog stands out.
 */
export const LANGS = ['en', 'fr'] as const;
export type Lang = (typeof LANGS)[number];
export type RenderLang = Lang | 'pseudo';

/** The locale a language formats dates, numbers and money in when no finer tag is known. */
export const DEFAULT_LOCALE: Record<RenderLang, string> = { en: 'en-GB', fr: 'fr-FR', pseudo: 'en-GB' };

export function isLang(s: string): s is Lang {
  return (LANGS as readonly string[]).includes(s);
}

/** "fr-CA" → "fr", "en_US" → "en", "FR" → "fr"; undefined for a language the bot does not speak. */
export function langOf(tag: string | null | undefined): Lang | undefined {
  const base = tag?.trim().split(/[-_]/)[0]?.toLowerCase();
  return base && isLang(base) ? base : undefined;
}
