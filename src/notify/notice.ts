/**
 * A notice the bot posts or sends on its own, kept on the outbox row as data (a kind and its
 * values) and worded when it is delivered, in the reader's language (the row's: the team's for a
 * channel post, the person's for a direct message). `src/notify/notice-card.ts` words each kind.
 */
import type { MailFailure } from '../messages/mailer.js';
import type { OfferWhy } from '../rules/technician-offer.js';

export type Notice =
  /** a planned visit nobody qualified can take on its day; `offers` empty when the team has no technician */
  | { kind: 'planned-unassigned'; ref: string; summary: string; site: string; team: string; offers: { name: string; why: OfferWhy }[] }
  /** a planned visit beyond its site's cap of covered visits (`n` of `visits` per `per`) */
  | { kind: 'planned-over-cap'; ref: string; name: string; site: string; date: string; contract: string; n: number; visits: number; per: string }
  /** the requester's request expired undecided after `afterMinutes` */
  | { kind: 'approval-expired'; id: number; approvalKind: string; afterMinutes: number }
  /** the requester's request decided by `by`; `quoteDraft` the customer's quote drafted with it */
  | { kind: 'approval-decided'; id: number; status: 'approved' | 'rejected'; by: string; reason?: string; quoteDraft?: number }
  /** a prepaid bank at or below `threshold` percent: `left` minutes of `hours`, `share` percent */
  | { kind: 'prepaid-low'; contract: string; bank: number; hours: number; codes: string[]; from: string; until: string; left: number; share: number; threshold: number }
  /** a customer e-mail the mail server refused for some recipients */
  | { kind: 'mail-refused'; message: number; messageKind: string; about: string; contract: string; reached: string[]; refused: string[] }
  /** a customer e-mail that failed: `gaveUp` after the last attempt (`attempts`, 0 when never retryable), else retried at `next` */
  | { kind: 'mail-failed'; message: number; messageKind: string; about: string; recipients: string[]; error: MailFailure; gaveUp: boolean; attempts: number; next?: string; maxAttempts: number };

/** The outbox payload carrying a notice. */
export function noticePayload(notice: Notice): { notice: Notice } {
  return { notice };
}

/** Every kind, checked by the compiler against the union. */
const KINDS: Record<Notice['kind'], true> = { 'planned-unassigned': true, 'planned-over-cap': true, 'approval-expired': true, 'approval-decided': true, 'prepaid-low': true, 'mail-refused': true, 'mail-failed': true };

export function isNotice(x: unknown): x is Notice {
  return typeof x === 'object' && x !== null && Object.hasOwn(KINDS, (x as Notice).kind);
}
