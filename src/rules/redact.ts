/**
 * A contract's redaction rules applied to text leaving the system. A rule matches regardless of
 * letter case ("MRN", "mrn", "Mrn" alike) unless it sets `caseSensitive: true`: people type
 * identifiers every way, and a case that slips through is a leak, not a style issue.
 */
import type { Redaction } from './contract-types.js';

/** The rule's pattern as a RegExp: global for replacing, not for testing. */
export function redactionRegExp(rule: Pick<Redaction, 'pattern' | 'caseSensitive'>, global = true): RegExp {
  return new RegExp(rule.pattern, `${global ? 'g' : ''}${rule.caseSensitive ? '' : 'i'}`);
}

/** The text with every rule applied in the contract's order. */
export function redactText(rules: readonly Redaction[], text: string): string {
  let out = text;
  for (const r of rules) out = out.replace(redactionRegExp(r), r.replacement);
  return out;
}

/** The names of the rules that match the text. */
export function redactionHits(rules: readonly Redaction[], text: string): string[] {
  return rules.filter((r) => redactionRegExp(r, false).test(text)).map((r) => r.name);
}
