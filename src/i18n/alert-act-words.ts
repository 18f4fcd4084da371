/**
 * The one accessor of the alert acts' words (src/i18n/en/alert-acts.ts): in the current reader's
 * language, or in a named one for text a customer reads (the renewal pack).
 */
import type { ActSegment, AlertActKey, AlertActWord } from './en/alert-acts.js';
import type { RenderLang } from './lang.js';
import { alertActSchema, type AlertAct } from '../rules/fallbacks.js';
import { t, tIn } from './t.js';

export type { AlertActWord } from './en/alert-acts.js';

/** How an act reads; a value read back from the database that is no longer an act shows as stored. */
export function alertActWord(act: AlertAct | string, word: AlertActWord, lang?: RenderLang): string {
  const parsed = alertActSchema.safeParse(act);
  if (!parsed.success) return act;
  const key: AlertActKey = `alert-acts.${parsed.data.replaceAll('_', '-') as ActSegment}.${word}`;
  return lang ? tIn(lang, key) : t(key);
}
