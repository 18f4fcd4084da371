/**
 * The languages the bot speaks (src/rules/locale.ts, where the contract loader reads them too).
 * `pseudo` is for tests only: every catalog message comes out bracketed, so a literal that
 * bypassed the catalog stands out.
 */
import type { Lang } from '../rules/locale.js';

export { LANGS, isLang, langOf, type Lang } from '../rules/locale.js';
export type RenderLang = Lang | 'pseudo';

/** The locale a language formats dates, numbers and money in when no finer tag is known. */
export const DEFAULT_LOCALE: Record<RenderLang, string> = { en: 'en-GB', fr: 'fr-FR', pseudo: 'en-GB' };
