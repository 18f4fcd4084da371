/**
 * How each alert act (src/rules/fallbacks.ts, `_` written `-`) reads: `button` on the alert card, `done` once taken
 * (the card's footer, the job card, the refusal of a second tap), `saved` in a renewal pack's list
 * of saves. The one labels table: keyed by the enum, so a new act without its words does not compile.
 */
import type { AlertAct } from '../../rules/fallbacks.js';

export type AlertActWord = 'button' | 'done' | 'saved';
/** An act as a key segment: catalog keys spell `notify_customer` as `notify-customer`. */
export type ActSegment<S extends string = AlertAct> = S extends `${infer A}_${infer B}` ? `${A}-${ActSegment<B>}` : S;
export type AlertActKey = `alert-acts.${ActSegment}.${AlertActWord}`;

export const alertActs = {
  'alert-acts.reassign.button': 'Reassign',
  'alert-acts.reassign.done': 'Reassigned',
  'alert-acts.reassign.saved': 'reassigned',
  'alert-acts.escalate.button': 'Escalate to lead',
  'alert-acts.escalate.done': 'Escalated',
  'alert-acts.escalate.saved': 'escalated',
  'alert-acts.notify-customer.button': 'Notify customer',
  'alert-acts.notify-customer.done': 'Customer notice drafted',
  'alert-acts.notify-customer.saved': 'customer notified',
  'alert-acts.subcontract.button': 'Call subcontractor',
  'alert-acts.subcontract.done': 'Subcontractor called',
  'alert-acts.subcontract.saved': 'subcontractor called',
  'alert-acts.acknowledge.button': 'Acknowledge',
  'alert-acts.acknowledge.done': 'Acknowledged',
  'alert-acts.acknowledge.saved': 'acknowledged',
} as const satisfies Record<AlertActKey, string>;
