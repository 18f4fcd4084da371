/** Words the renewal card and PDF share, so both tell the same story. */
import type { CustomerVoice } from '../i18n/customer.js';
import { t } from '../i18n/t.js';
import { readerDate, readerMoney } from '../i18n/format.js';
import type { RenewalPack } from './renewal-pack.js';

/** Who the facts are written for: the customer's voice (the PDF), or the reader's (the card). */
export type PackVoice = Pick<CustomerVoice, 't' | 'money' | 'date'>;

const readerVoice = (): PackVoice => ({ t, money: readerMoney, date: readerDate });

/** The headline facts: term, notice, fee, where the pack stands. */
export function packFacts(p: RenewalPack, v: PackVoice = readerVoice()): [string, string][] {
  const term = p.contract.term;
  const days = p.daysToEnd;
  return [
    [v.t('renewal-pack.term'), v.t('renewal-pack.term-value', { start: v.date(term.start), end: v.date(term.end), renewal: term.renewal })],
    [v.t('renewal-pack.notice'), v.t('renewal-pack.notice-value', { days: term.noticeDays, deadline: v.date(p.noticeDeadline) })],
    [v.t('renewal-pack.ends'), v.t('renewal-pack.ends-value', { when: days > 0 ? 'future' : days === 0 ? 'today' : 'past', days: Math.abs(days) })],
    [v.t('renewal-pack.fee'), v.money(p.contract.fee, p.contract.currency)],
    [v.t('renewal-pack.team'), p.contract.team],
  ];
}
