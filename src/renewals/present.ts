/** Words the renewal card and PDF share, so both tell the same story. */
import { alertActWord } from '../i18n/alert-act-words.js';
import type { RenderLang } from '../i18n/lang.js';
import { formatMoney } from '../rules/units.js';
import type { RenewalPack } from './renewal-pack.js';

/**
 * How a save's act reads in the pack ("reassigned") in a language: the card's reader's, or the
 * contract's for the PDF the customer reads; a value no longer known shows as stored.
 */
export function savedWords(action: string, lang: RenderLang): string {
  return alertActWord(action, 'saved', lang);
}

/** The headline facts: term, notice, fee, where the pack stands. */
export function packFacts(p: RenewalPack): [string, string][] {
  const t = p.contract.term;
  return [
    ['Term', `${t.start} to ${t.end} (${t.renewal === 'auto' ? 'renews automatically' : 'renewal by decision'})`],
    ['Notice', `${t.noticeDays} days: decision due by ${p.noticeDeadline}`],
    ['Ends', p.daysToEnd > 0 ? `in ${p.daysToEnd} days` : p.daysToEnd === 0 ? 'today' : `${-p.daysToEnd} days ago`],
    ['Monthly fee', formatMoney(p.contract.fee, p.contract.currency)],
    ['Team', p.contract.team],
  ];
}
