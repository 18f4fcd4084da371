/** The events a webhook subscription may ask for; `*` subscribes to all of them. */
export const WEBHOOK_EVENTS = [
  'job.created',
  'job.at_risk',
  'job.breached',
  'job.closed',
  'approval.requested',
  'approval.decided',
  'invoice.issued',
  'dispute.resolved',
  'contract.amended',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const ALL_EVENTS = '*';

/** What a receiver gets: the same envelope for every event, `data` per event (docs/api.md). */
export interface WebhookEnvelope {
  /** one id per event, the same in every subscription's delivery: dedupe on it */
  id: string;
  type: WebhookEvent;
  /** when the event happened (the bot's clock), ISO 8601 UTC */
  createdAt: string;
  data: Record<string, unknown>;
}
