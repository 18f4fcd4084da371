/**
 * A notice's card, worded in the current reader's language (the notifier runs a delivery inside
 * the row's language): a notice kept as data (src/notify/notice.ts), or, for a row queued with its
 * text already written, that title and text as they are.
 */
import { DateTime } from 'luxon';
import { card, type Card } from '../../cards/card.js';
import type { Ctx } from '../context.js';
import { kindLabel, what } from '../approvals/describe.js';
import { loadApprovalView } from '../approvals/store.js';
import { offerReason } from '../dispatch/offer-text.js';
import { readerDuration, readerShortDate } from '../i18n/format.js';
import { t } from '../i18n/t.js';
import { unitWord } from '../i18n/unit-word.js';
import type { OfferWhy } from '../rules/technician-offer.js';
import { isNotice, type Notice } from './notice.js';

export async function noticeCard(ctx: Ctx, payload: Record<string, unknown>): Promise<Card> {
  if (!isNotice(payload.notice)) return info(String(payload.title ?? 'Notice'), String(payload.text ?? ''));
  const n = payload.notice;
  switch (n.kind) {
    case 'approval-decided':
      return info(t('notices.approval-decided.title', { id: n.id, status: n.status }), await decidedText(ctx, n));
    default:
      return info(noticeTitle(n), noticeText(n));
  }
}

function info(title: string, text: string): Card {
  return card('info', title, { blocks: [{ type: 'text', text }], visibility: 'channel' });
}

type Worded = Exclude<Notice, { kind: 'approval-decided' }>;

function noticeTitle(n: Worded): string {
  switch (n.kind) {
    case 'planned-unassigned':
      return t('notices.planned-unassigned.title', { ref: n.ref });
    case 'planned-over-cap':
      return t('notices.planned-over-cap.title', { ref: n.ref });
    case 'approval-expired':
      return t('notices.approval-expired.title', { id: n.id });
    case 'prepaid-low':
      return t('notices.prepaid-low.title', { threshold: n.threshold, contract: n.contract });
    case 'mail-refused':
      return t('notices.mail-refused.title', { about: n.about });
    case 'mail-failed':
      return t(n.gaveUp ? 'notices.mail-failed.not-delivered.title' : 'notices.mail-failed.delayed.title', { about: n.about });
  }
}

/** The notice's sentence in the current reader's language (also what `/log` tells of a low bank). */
export function noticeText(n: Worded): string {
  switch (n.kind) {
    case 'planned-unassigned': {
      const why = n.offers.length
        ? n.offers.map((o) => t('notices.planned-unassigned.offer', { name: o.name, reason: offerReason(revive(o.why)) })).join(t('notices.planned-unassigned.sep'))
        : t('notices.planned-unassigned.no-technician', { team: n.team });
      return t('notices.planned-unassigned.text', { summary: n.summary, site: n.site, why });
    }
    case 'planned-over-cap':
      return t('notices.planned-over-cap.text', { name: n.name, site: n.site, date: readerShortDate(n.date), contract: n.contract, n: n.n, visits: n.visits, per: unitWord(n.per) });
    case 'approval-expired':
      return t('notices.approval-expired.text', { id: n.id, kind: kindLabel(n.approvalKind), after: readerDuration(n.afterMinutes) });
    case 'prepaid-low':
      return t('notices.prepaid-low.text', {
        contract: n.contract,
        bank: n.bank,
        hours: readerDuration(n.hours * 60),
        codes: n.codes.join(', '),
        from: readerShortDate(n.from),
        until: readerShortDate(n.until),
        left: readerDuration(n.left),
        share: n.share,
      });
    case 'mail-refused':
      return t('notices.mail-refused.text', { what: t('notices.mail.what', { kind: n.messageKind, about: n.about }), reached: n.reached.join(', '), refused: n.refused.join(', '), contract: n.contract });
    case 'mail-failed': {
      const whatText = t('notices.mail.what-to', { kind: n.messageKind, about: n.about, to: n.recipients.join(', ') });
      const error = t('notices.mail.failure', { reason: n.error.reason, detail: n.error.detail });
      return n.gaveUp
        ? t('notices.mail-failed.not-delivered.text', { what: whatText, attempts: n.attempts, error, id: n.message })
        : t('notices.mail-failed.delayed.text', { what: whatText, error, time: DateTime.fromISO(n.next ?? '', { zone: 'utc' }).toFormat('HH:mm'), max: n.maxAttempts });
    }
  }
}

/** "Max Manager approved your goodwill credit: …", the request read back as it is now. */
async function decidedText(ctx: Ctx, n: Extract<Notice, { kind: 'approval-decided' }>): Promise<string> {
  const view = await loadApprovalView(ctx.db, n.id, ctx.clock.now());
  return t('notices.approval-decided.text', {
    by: n.by,
    status: n.status,
    kind: kindLabel(view.row.kind),
    what: what(view),
    reason: n.reason ? t('notices.approval-decided.reason', { reason: n.reason }) : '',
    draft: n.quoteDraft ? t('notices.approval-decided.quote-drafted', { id: n.quoteDraft }) : '',
  });
}

/** An offer's why as stored in JSON: its instants back to dates. */
function revive(why: OfferWhy): OfferWhy {
  return { ...why, now: new Date(why.now), when: { ...why.when, ...(why.when.until ? { until: new Date(why.when.until) } : {}) } };
}
