/** Words for a request, shared by its card, the requester's notice and the audit view, in the reader's language. */
import type { ApprovalRow } from './model.js';
import { KIND_LABEL } from './policy.js';
import type { ApprovalView } from './store.js';
import type { ApprovalKind } from '../rules/contract-types.js';
import { t, type MessageKey } from '../i18n/t.js';
import { currentLang, currentLocale } from '../i18n/current.js';
import { formatNumberIn, readerDuration, readerFactor, readerInstant, readerMoney } from '../i18n/format.js';
import { quantityWord, unitWord } from '../i18n/unit-word.js';

export function kindLabel(kind: string): string {
  const key = KIND_LABEL[kind as ApprovalKind] as MessageKey | undefined;
  return key ? t(key) : kind;
}

/** "DUCT-CLEAN 2h on J-1001", "goodwill credit EUR 50.00 on ACME-HVAC"; French "50,00 €", "1 h 30". */
export function what(v: ApprovalView): string {
  const on = v.job ? v.job.ref : v.contract.id;
  const money = readerMoney(v.row.amount, v.row.currency);
  switch (v.parsed.kind) {
    case 'outOfScope': {
      const r = v.parsed.request;
      if (!r.code) return t('approvals.what.described', { description: r.description, on, money });
      const n = r.quantity ?? 0;
      const qty = r.unit === 'hour' ? readerDuration(r.minutes ?? Math.round(n * 60)) : quantityWord(currentLang() === 'fr' ? formatNumberIn(currentLocale(), n) : `${r.quantity}`, n, r.unit ?? '');
      return t('approvals.what.code', { code: r.code, qty, on, money });
    }
    case 'goodwill':
      return t('approvals.what.goodwill', { money, on });
    case 'permit': {
      const r = v.parsed.request;
      return t('approvals.what.permit', { on, duration: readerDuration(r.outsideMinutes), access: r.access, site: r.siteId });
    }
    case 'rateOverride': {
      const r = v.parsed.request;
      return t('approvals.what.rate-override', { code: r.code, price: readerMoney(r.unitPrice, v.row.currency), unit: unitWord(r.unit), list: readerMoney(r.listPrice, v.row.currency), on });
    }
  }
}

/** What the decision does to the invoice (or would, while pending). */
export function invoiceEffect(v: ApprovalView): string {
  const money = readerMoney(v.row.amount, v.row.currency);
  const on = v.job ? v.job.ref : v.contract.id;
  switch (v.parsed.kind) {
    case 'outOfScope': {
      const r = v.parsed.request;
      return r.code
        ? t('approvals.effect.code', { code: r.code, on, money })
        : t('approvals.effect.described', { money, on, description: r.description });
    }
    case 'goodwill':
      return t('approvals.effect.goodwill', { money, contract: v.contract.id });
    case 'permit': {
      const r = v.parsed.request;
      const mult = r.multiplier !== undefined ? t('approvals.effect.permit-mult', { x: readerFactor(r.multiplier) }) : '';
      const est = r.estimateCode ? t('approvals.effect.permit-estimate', { code: r.estimateCode, money }) : '';
      return t('approvals.effect.permit', { duration: readerDuration(r.outsideMinutes), access: r.access, mult, est });
    }
    case 'rateOverride': {
      const r = v.parsed.request;
      const diff = r.unitPrice - r.listPrice;
      return t('approvals.effect.rate-override', { code: r.code, on, price: readerMoney(r.unitPrice, v.row.currency), unit: unitWord(r.unit), diff: `${diff < 0 ? '' : '+'}${readerMoney(diff, v.row.currency)}` });
    }
  }
}

/** "approved by Max Manager at Mon 23 Nov 10:14 UTC" for a decided row. */
export function decisionText(row: ApprovalRow, deciderName: string | undefined, zone: string): string {
  const when = row.decidedAt ? t('approvals.decision.at', { when: readerInstant(row.decidedAt, zone) }) : '';
  const who = deciderName ?? t('approvals.someone');
  switch (row.status) {
    case 'approved':
      return row.autoApproved ? t('approvals.decision.auto', { when, reason: row.decisionReason ?? t('approvals.decision.under-threshold') }) : t('approvals.decision.approved', { who, when });
    case 'rejected':
      return row.decisionReason ? t('approvals.decision.rejected-why', { who, when, reason: row.decisionReason }) : t('approvals.decision.rejected', { who, when });
    case 'expired':
      return t('approvals.decision.expired', { when });
    default:
      return t('approvals.decision.pending');
  }
}
