/**
 * The languages the bot writes, and how a locale tag (a contract's `locale`, Slack's `en-US`,
 * Teams' `fr-fr`) maps to one. Pure: the contract loader checks a contract's locale with it, and
 * src/i18n builds its catalogs on it.
 */
export const LANGS = ['en', 'fr'] as const;
export type Lang = (typeof LANGS)[number];

/** The locale of a contract that names none. */
export const DEFAULT_CONTRACT_LOCALE = 'en-GB';

export function isLang(s: string): s is Lang {
  return (LANGS as readonly string[]).includes(s);
}

/** "fr-CA" → "fr", "en_US" → "en", "FR" → "fr"; undefined for a language the bot does not speak. */
export function langOf(tag: string | null | undefined): Lang | undefined {
  const base = tag?.trim().split(/[-_]/)[0]?.toLowerCase();
  return base && isLang(base) ? base : undefined;
}
