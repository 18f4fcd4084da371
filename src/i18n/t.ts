/**
 * `t(key, values)`: a catalog message in the current reader's language (src/i18n/current.ts),
 * formatted by intl-messageformat (ICU plurals, selects, numbers, dates). `tIn` names the
 * language, for text written for someone other than the current reader (a customer's e-mail).
 */
import { IntlMessageFormat, type PrimitiveType } from 'intl-messageformat';
import { currentLang, currentLocale } from './current.js';
import { en } from './en/index.js';
import { fr } from './fr/index.js';
import { DEFAULT_LOCALE, type RenderLang } from './lang.js';

export type MessageKey = keyof typeof en;
export type MessageValues = Record<string, PrimitiveType>;

export const CATALOGS = { en, fr } as const;

const compiled = new Map<string, IntlMessageFormat>();

function compile(lang: 'en' | 'fr', locale: string, key: MessageKey): IntlMessageFormat {
  const id = `${locale}\u0000${key}`;
  let f = compiled.get(id);
  if (!f) {
    // Usage lines write placeholders as <job>: text, not rich-text tags.
    f = new IntlMessageFormat(CATALOGS[lang][key], locale, undefined, { ignoreTag: true });
    compiled.set(id, f);
  }
  return f;
}

/** Marks a pseudo-locale message, so tests can tell catalog text from literals. */
export const PSEUDO_OPEN = '⟦';
export const PSEUDO_CLOSE = '⟧';

export function tIn(lang: RenderLang, key: MessageKey, values?: MessageValues, locale: string = DEFAULT_LOCALE[lang]): string {
  const text = String(compile(lang === 'pseudo' ? 'en' : lang, locale, key).format(values));
  return lang === 'pseudo' ? `${PSEUDO_OPEN}${text}${PSEUDO_CLOSE}` : text;
}

export function t(key: MessageKey, values?: MessageValues): string {
  return tIn(currentLang(), key, values, currentLocale());
}
