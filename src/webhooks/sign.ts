/**
 * Signatures on outgoing webhooks, on Slack's pattern: HMAC-SHA256 over `v1:<timestamp>:<body>`
 * with the subscription's secret, sent as `X-ContractOps-Signature: v1=<hex>` beside
 * `X-ContractOps-Timestamp: <unix seconds>`. The timestamp is inside the signed text, so a captured
 * delivery cannot be replayed later with a fresh timestamp; receivers refuse old ones.
 * `verifyWebhook` is what a receiver written in TypeScript can copy (docs/api.md has it standalone).
 *
 * Each delivery is also signed in the Standard Webhooks form (standardwebhooks.com), so receivers
 * can use its libraries: `webhook-id`, `webhook-timestamp` and `webhook-signature: v1,<base64
 * HMAC-SHA256 of "<id>.<timestamp>.<body>">`, keyed with the base64 part of the `whsec_` secret.
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
export const STANDARD_TIMESTAMP_HEADER = 'webhook-timestamp';
export const STANDARD_SIGNATURE_HEADER = 'webhook-signature';

/** Receivers should refuse a timestamp further than this from their clock. */
export const TOLERANCE_SECONDS = 300;

/** `whsec_` and 24 random bytes in base64, the Standard Webhooks secret form. */
export function newSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/** The HMAC key of a `whsec_` secret: its base64 part decoded (Node also reads the base64url of older secrets). */
function standardKey(secret: string): Buffer {
  return Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
}

/** `webhook-signature`: `v1,` and the base64 HMAC-SHA256 of `<id>.<timestamp>.<body>`. */
export function signStandard(secret: string, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac('sha256', standardKey(secret)).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
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

export interface VerifyStandardInput {
  secret: string;
  body: string;
  /** the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers as received */
  id: string | null | undefined;
  timestamp: string | null | undefined;
  signature: string | null | undefined;
  now: number;
  toleranceSeconds?: number;
}

/** The Standard Webhooks check: any of the space-separated `v1,` signatures matches, within the tolerance. */
export function verifyStandardWebhook(v: VerifyStandardInput): boolean {
  if (!v.id || !v.signature || !v.timestamp || !/^\d+$/.test(v.timestamp)) return false;
  const ts = Number(v.timestamp);
  if (Math.abs(v.now - ts) > (v.toleranceSeconds ?? TOLERANCE_SECONDS)) return false;
  const expected = Buffer.from(signStandard(v.secret, v.id, ts, v.body));
  return v.signature.split(' ').some((s) => {
    const got = Buffer.from(s);
    return got.length === expected.length && timingSafeEqual(got, expected);
  });
}
