/**
 * The language of the reader the bot is writing for right now. Set once where a request or a
 * delivery starts (the router for a person's command, the notifier for a post to a channel or a
 * person), read by `t()` and the formatters below it, so builders and verbs need no parameter.
 * Outside any `inLanguage` call the language is English.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { DEFAULT_LOCALE, type RenderLang } from './lang.js';

interface Reader {
  lang: RenderLang;
  /** the locale for dates and numbers: the language's default unless a finer tag is known */
  locale: string;
}

const store = new AsyncLocalStorage<Reader>();

export function inLanguage<T>(lang: RenderLang, fn: () => T, locale: string = DEFAULT_LOCALE[lang]): T {
  return store.run({ lang, locale }, fn);
}

export function currentLang(): RenderLang {
  return store.getStore()?.lang ?? 'en';
}

export function currentLocale(): string {
  return store.getStore()?.locale ?? DEFAULT_LOCALE.en;
}
