/**
 * Customer wording: the contract's templates rendered with mustache. Output is plain text (chat
 * and e-mail), so mustache's HTML escaping is off; redaction happens when a message leaves.
 */
import mustache from 'mustache';
import { DateTime } from 'luxon';
import type { Contract, TemplateKind } from '../rules/contract-types.js';

export const DEFAULT_TEMPLATES: Record<TemplateKind, string> = {
  confirmation: 'We received {{job.id}} for {{site.name}} ({{job.priority}}). Response by {{job.responseDue}}; restore by {{job.restoreDue}}.',
  departure: '{{technician.name}} is on the way to {{site.name}} for {{job.id}}. ETA {{job.eta}}.',
  closing: '{{job.id}} is closed. Covered: {{report.covered}}. Billable: {{report.billable}}.',
  delay: 'Hello {{contact.name}}, an update on {{job.id}} at {{site.name}}: we now expect to restore service by {{job.eta}}. We apologise for the delay.',
};

export type TemplateView = Record<string, Record<string, string>>;

export function renderTemplate(contract: Contract, kind: TemplateKind, view: TemplateView): string {
  const tpl = contract.templates[kind] ?? DEFAULT_TEMPLATES[kind];
  return mustache.render(tpl, view, undefined, { escape: (s: string) => s }).trim();
}

/** Times in customer messages render in the site's zone. */
export function siteTime(d: Date | null | undefined, zone: string): string {
  if (!d) return 'to be confirmed';
  return DateTime.fromJSDate(d, { zone }).setLocale('en-GB').toFormat("ccc d LLL yyyy HH:mm ZZZZ");
}

/** Apply the contract's redaction patterns to text leaving the system (never to stored originals). */
export function redact(contract: Contract, text: string): string {
  let out = text;
  for (const r of contract.redaction) out = out.replace(new RegExp(r.pattern, 'g'), r.replacement);
  return out;
}
