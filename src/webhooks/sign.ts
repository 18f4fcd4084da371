/**
 * Signatures on outgoing webhooks, on Slack's pattern: HMAC-SHA256 over `v1:<timestamp>:<body>`
 * with the subscription's secret, sent as `X-ContractOps-Signature: v1=<hex>` beside
 * `X-ContractOps-Timestamp: <unix seconds>`. The timestamp is inside the signed text, so a captured
 * delivery cannot be replayed later with a fresh timestamp; receivers refuse old ones.
 * `verifyWebhook` is what a receiver written in TypeScript can copy (docs/api.md has it standalone).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-ContractOps-Signature';
export const TIMESTAMP_HEADER = 'X-ContractOps-Timestamp';
export const EVENT_HEADER = 'X-ContractOps-Event';
export const DELIVERY_HEADER = 'X-ContractOps-Delivery';
/**
 * The delivery's stable id under the Standard Webhooks name (standardwebhooks.com), which
 * receivers and gateways deduplicate on: the event id, the same on every retry and manual resend,
 * equal to the body's `id` (inside the signed text).
 */
export const ID_HEADER = 'webhook-id';

/** Receivers should refuse a timestamp further than this from their clock. */
export const TOLERANCE_SECONDS = 300;

export function newSecret(): string {
  return `whsec_${randomBytes(24).toString('base64url')}`;
}

export function sign(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`v1:${timestamp}:${body}`).digest('hex')}`;
}

export interface VerifyInput {
  secret: string;
  /** the raw body bytes as received, before any JSON parsing */
  body: string;
  signature: string | null | undefined;
  timestamp: string | null | undefined;
  /** the receiver's clock, unix seconds */
  now: number;
  toleranceSeconds?: number;
}

/** Verify, then parse: true only for an untampered body signed within the tolerance. */
export function verifyWebhook(v: VerifyInput): boolean {
  if (!v.signature || !v.timestamp || !/^\d+$/.test(v.timestamp)) return false;
  const ts = Number(v.timestamp);
  if (Math.abs(v.now - ts) > (v.toleranceSeconds ?? TOLERANCE_SECONDS)) return false;
  const expected = Buffer.from(sign(v.secret, ts, v.body));
  const got = Buffer.from(v.signature);
  // Compare in constant time; lengths differ only for a malformed header.
  return got.length === expected.length && timingSafeEqual(got, expected);
}
