import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { CATALOGS, inLanguage, LANGS, langOf, t, tIn, type MessageKey } from '../../src/i18n/index.js';

/** The arguments a message takes, with their kinds ("near:select", "n:plural"), nested ones included. */
function argumentsOf(message: string): string[] {
  const out = new Set<string>();
  const walk = (els: MessageFormatElement[]) => {
    for (const el of els) {
      if (el.type === TYPE.literal || el.type === TYPE.pound) continue;
      if (el.type === TYPE.tag) {
        walk(el.children);
        continue;
      }
      out.add(`${el.value}:${TYPE[el.type]}`);
      if (el.type === TYPE.select || el.type === TYPE.plural) for (const o of Object.values(el.options)) walk(o.value);
    }
  };
  walk(parse(message, { ignoreTag: true }));
  return [...out].sort();
}

describe('the message catalog', () => {
  const keys = Object.keys(CATALOGS.en) as MessageKey[];

  it('has every English message in every language, with the same arguments', () => {
    for (const lang of LANGS) {
      const catalog = CATALOGS[lang] as Record<string, string>;
      expect(Object.keys(catalog).sort(), `${lang} keys`).toEqual([...keys].sort());
      for (const key of keys) {
        expect(catalog[key]!.trim(), `${lang} ${key} is empty`).not.toBe('');
        expect(argumentsOf(catalog[key]!), `${lang} ${key}`).toEqual(argumentsOf(CATALOGS.en[key]));
      }
    }
  });

  it('names every area in its key and keeps keys unique across areas', () => {
    for (const key of keys) expect(key).toMatch(/^[a-z][a-z0-9-]*\.[a-z0-9.-]+$/);
  });

  it('speaks the reader\'s language inside inLanguage and English outside', () => {
    expect(t('common.language.set', { lang: 'fr' })).toBe('Language set to French.');
    expect(inLanguage('fr', () => t('common.language.set', { lang: 'fr' }))).toBe('Langue\u00a0: français.');
    expect(tIn('pseudo', 'common.language.set', { lang: 'en' })).toBe('⟦Language set to English.⟧');
  });

  it('maps platform and contract locale tags to a language', () => {
    expect(['fr-CA', 'fr_FR', 'FR', 'en-US', 'de-DE', undefined].map(langOf)).toEqual(['fr', 'fr', 'fr', 'en', undefined, undefined]);
  });
});
