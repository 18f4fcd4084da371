/**
 * The fallbacks a contract may list under `sla.fallbacks`, and the acts a dispatcher can take on a
 * breach-risk alert (a fallback, or acknowledge). The one list every layer derives from: the
 * contract schema, the alert verb, the signed button payloads, the alert card and the renewal pack.
 */
import { z } from 'zod';

export const fallbackSchema = z.enum(['reassign', 'escalate', 'notify_customer', 'subcontract']);
export type Fallback = z.infer<typeof fallbackSchema>;
export const FALLBACKS = fallbackSchema.options;

export const alertActSchema = z.enum([...FALLBACKS, 'acknowledge']);
export type AlertAct = z.infer<typeof alertActSchema>;
export const ALERT_ACTS = alertActSchema.options;

/**
 * How each act reads: `button` on the alert card, `done` in the card's footer once taken, `saved`
 * in a renewal pack's list of saves. Keyed by the enum, so a new act cannot ship without its words.
 */
export const ALERT_ACT_LABELS: Record<AlertAct, { button: string; done: string; saved: string }> = {
  reassign: { button: 'Reassign', done: 'Reassigned', saved: 'reassigned' },
  escalate: { button: 'Escalate to lead', done: 'Escalated', saved: 'escalated' },
  notify_customer: { button: 'Notify customer', done: 'Customer notice drafted', saved: 'customer notified' },
  subcontract: { button: 'Call subcontractor', done: 'Subcontractor called', saved: 'subcontractor called' },
  acknowledge: { button: 'Acknowledge', done: 'Acknowledged', saved: 'acknowledged' },
};

/** The labels of an act read back from the database, or undefined for a value no longer known. */
export function alertActLabels(act: string): (typeof ALERT_ACT_LABELS)[AlertAct] | undefined {
  const parsed = alertActSchema.safeParse(act);
  return parsed.success ? ALERT_ACT_LABELS[parsed.data] : undefined;
}
