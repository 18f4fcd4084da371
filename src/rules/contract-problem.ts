/**
 * A contract problem's words as data: a catalog key (area `contract-checks`, or `errors-durations`
 * for a duration) with its values, so the caller writes it in the reader's language
 * (src/contracts/problem-text.ts). Pure: the catalog is only named here (its key type, through
 * src/errors.ts), never read.
 */
import type { MessageKey } from '../errors.js';

/** A value inside a phrase: text or a number from the contract, a nested phrase, or names any one of which would do. */
export type PhraseValue = string | number | Phrase | { anyOf: readonly string[] };

export interface Phrase {
  key: MessageKey;
  values?: Record<string, PhraseValue>;
}

/** The keys of the `contract-checks` catalog area, without the area. */
export type CheckKey = { [K in MessageKey]: K extends `contract-checks.${infer S}` ? S : never }[MessageKey];

/** A phrase of the `contract-checks` area. */
export function say(key: CheckKey, values?: Record<string, PhraseValue>): Phrase {
  return values ? { key: `contract-checks.${key}`, values } : { key: `contract-checks.${key}` };
}
