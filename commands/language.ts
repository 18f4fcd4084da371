import { infoCard } from '../cards/build/error.js';
import { inLanguage, t } from '../src/i18n/index.js';
import { setLanguage } from '../src/people/set-language.js';
import { personLangSource } from '../src/reader-lang.js';
import type { Command } from './command.js';
import { usageLines } from './command.js';

export const languageCommand: Command = {
  name: 'language',
  get summary() {
    return t('language.summary');
  },
  get usage() {
    return usageLines('language.usage');
  },
  get example() {
    return t('language.example');
  },
  async run(ctx, args) {
    const typed = args.words[0];
    if (!typed) {
      const { lang, source } = await personLangSource(ctx.db, ctx.actor.person, ctx.services.defaultLanguage);
      return infoCard(t('language.title'), t('language.shown', { lang, source }));
    }
    const r = await setLanguage(ctx, { lang: typed });
    // The answer is the first thing the bot says in the new language.
    return inLanguage(r.lang, () => infoCard(t('language.title'), t('language.set', { lang: r.lang }), 'good'));
  },
};
