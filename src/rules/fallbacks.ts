/**
 * The fallbacks a contract may list under `sla.fallbacks`, and the acts a dispatcher can take on a
 * breach-risk alert (a fallback, or acknowledge). The one list every layer derives from: the
 * contract schema, the alert verb, the signed button payloads, the alert card and the renewal pack.
 * How each act reads is in the message catalog (src/i18n/en/alert-acts.ts), keyed by this enum.
 */
import { z } from 'zod';

export const fallbackSchema = z.enum(['reassign', 'escalate', 'notify_customer', 'subcontract']);
export type Fallback = z.infer<typeof fallbackSchema>;
export const FALLBACKS = fallbackSchema.options;

export const alertActSchema = z.enum([...FALLBACKS, 'acknowledge']);
export type AlertAct = z.infer<typeof alertActSchema>;
export const ALERT_ACTS = alertActSchema.options;
