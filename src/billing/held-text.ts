/**
 * Why the rating engine holds an item, in words: in the current reader's language, or in the
 * voice given (a customer's, for the closing report).
 */
import { t, type MessageKey, type MessageValues } from '../i18n/t.js';
import type { HeldReason } from '../rules/rating/index.js';

type Say = (key: MessageKey, values?: MessageValues) => string;

export function heldReasonText(r: HeldReason, say: Say = t): string {
  const { code, ...values } = r;
  // Amounts are minor units as given, written as they are; a flag reads `true`/`false` in a select.
  return say(`billing.held.${code}`, Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)])));
}

/** Several reasons in one sentence, each once. */
export function heldReasonsText(reasons: readonly HeldReason[], say: Say = t): string {
  return [...new Set(reasons.map((r) => heldReasonText(r, say)))].join(say('billing.held-sep'));
}
