/**
 * KPI values as the current reader writes them: empty weeks, ratios, percentages, week-over-week
 * changes, hours, credits and why time is unbilled. English keeps the house style of
 * src/rules/kpi.ts ("83.3% (5 of 6)", "▲ +4.2 pts"); French writes numbers in its locale
 * ("83,3 % (5 sur 6)", "▲ +4,2 pts").
 */
import { currentLang, currentLocale } from '../i18n/current.js';
import { t } from '../i18n/t.js';
import { EMPTY, type Change, type CreditsIssued, type Ratio, type UnbilledReason } from '../rules/kpi.js';
import type { CreditKind } from '../rules/contract-types.js';
import { readerDuration, readerMoney, readerPercent } from '../i18n/format.js';

const english = () => currentLang() !== 'fr';

/** What an empty week says, one of the cases of EMPTY. */
export function emptyText(what: keyof typeof EMPTY): string {
  return t('kpi-text.empty', { what });
}

export function ratioText(r: Ratio, empty: string): string {
  return r.value === null ? empty : t('kpi-text.ratio', { percent: readerPercent(r.value), n: r.numerator, d: r.denominator });
}

/** "▲ +4.2 pts", "▼ -3 h", "= no change", "" when not comparable. */
export function changeText(c: Change): string {
  if (c.direction === null || c.delta === null) return '';
  if (c.direction === 'flat') return t('kpi-text.no-change');
  // English keeps the house style of formatChange: no thousands separator.
  const num = new Intl.NumberFormat(currentLocale(), { maximumFractionDigits: 1, signDisplay: 'exceptZero', useGrouping: !english() }).format(Math.round(c.delta * 10) / 10);
  return t('kpi-text.change', { arrow: c.direction === 'up' ? '▲' : '▼', num, unit: c.unit || 'none' });
}

/** Hours as a duration, in days from 48 h. */
export function hoursText(h: number | null, empty: string): string {
  if (h === null) return empty;
  if (h >= 48) {
    const days = Math.round(h / 2.4) / 10;
    return t('kpi-text.days', { n: english() ? days.toFixed(1) : new Intl.NumberFormat(currentLocale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(days) });
  }
  return readerDuration(h * 60);
}

/** "EUR 90.00 (1), GBP 42.00 (1)", or "none". */
export function creditsText(c: CreditsIssued, kind: CreditKind): string {
  const parts = c.byCurrency.filter((x) => x[kind] !== 0 || x[`${kind}Count`] !== 0).map((x) => `${readerMoney(x[kind], x.currency)} (${x[`${kind}Count`]})`);
  return parts.length ? parts.join(', ') : t('kpi-text.none');
}

/** Why time is unbilled: a code worded from the catalog; a string is a reason kept as English text, shown as written. */
export function unbilledReasonText(r: UnbilledReason | string): string {
  if (typeof r === 'string') return r;
  return t(`kpi-text.unbilled.${r.code}`, 'task' in r ? { task: r.task } : {});
}
