/**
 * Customer wording: the contract's templates rendered with mustache. Output is plain text (chat
 * and e-mail), so mustache's HTML escaping is off; redaction happens when a message leaves.
 */
import mustache from 'mustache';
import { DateTime } from 'luxon';
import { customerVoice } from '../i18n/customer.js';
import { KNOWN_PLACEHOLDERS } from '../rules/contract-schema.js';
import { DEFAULT_CONTRACT_LOCALE } from '../rules/locale.js';
import { zoneLabel } from '../rules/zone-label.js';
import type { Contract, TemplateKind } from '../rules/contract-types.js';
import { redactionHits as ruleHits, redactText } from '../rules/redact.js';

/** A placeholder as a catalog argument: `job.id` is `{job_id}` in the default templates. */
export const PLACEHOLDER_TAGS = Object.fromEntries(KNOWN_PLACEHOLDERS.map((p) => [p.replace('.', '_'), `{{${p}}}`]));

/** The bot's own wording of a message kind, in the customer's language, as a mustache template (catalog keys spell `credit_note` `credit-note`). */
export function defaultTemplate(locale: string, kind: TemplateKind): string {
  return customerVoice(locale).t(`customer.template.${kind.replace('_', '-') as Exclude<TemplateKind, 'credit_note'> | 'credit-note'}`, PLACEHOLDER_TAGS);
}

export type TemplateView = Record<string, Record<string, string>>;

export function renderTemplate(contract: Contract, kind: TemplateKind, view: TemplateView): string {
  return mustache.render(templateFor(contract, kind), view, undefined, { escape: (s: string) => s }).trim();
}

/**
 * A zone's short name as people there write it: en-US knows EST/CST but says "GMT+1" for Paris,
 * en-GB says CET/BST but "GMT-5" for Toronto; take whichever gives a name rather than an offset.
 */
export const zoneName = zoneLabel;

/** An instant in a zone, for customers and reports: "Tue 24 Nov 2026 11:30 EST". */
export function localTime(d: Date, zone: string, format = 'ccc d LLL yyyy HH:mm'): string {
  const dt = DateTime.fromJSDate(d, { zone }).setLocale('en-GB');
  return `${dt.toFormat(format)} ${zoneName(dt)}`;
}

/** Times in customer messages render in the site's zone, as the customer's locale writes them. */
export function siteTime(d: Date | null | undefined, zone: string, locale: string = DEFAULT_CONTRACT_LOCALE): string {
  const voice = customerVoice(locale);
  return d ? voice.time(d, zone) : voice.t('customer.eta.to-be-confirmed');
}

/** Apply the contract's redaction patterns to text leaving the system (never to stored originals). */
export function redact(contract: Contract, text: string): string {
  return redactText(contract.redaction, text);
}

/** Every `{{name}}` a template uses (sections included), so a view computes only what is asked. */
export function placeholdersOf(template: string): Set<string> {
  const out = new Set<string>();
  const walk = (tokens: unknown[]): void => {
    for (const t of tokens as [string, string, number, number, unknown[]?][]) {
      if (t[0] === 'name' || t[0] === '&' || t[0] === '#' || t[0] === '^') out.add(t[1]);
      if (Array.isArray(t[4])) walk(t[4]);
    }
  };
  walk(mustache.parse(template) as unknown[]);
  return out;
}

/** The template a message kind uses on this contract (its own wording, else ours). */
export function templateFor(contract: Contract, kind: TemplateKind): string {
  return contract.templates[kind] ?? defaultTemplate(contract.locale, kind);
}

/**
 * Redaction of a whole view model (a report, a message with its metadata): every string inside is
 * redacted, dates and numbers are kept. Used where many strings leave together, so a field added
 * later cannot slip out unredacted.
 */
export function redactDeep<T>(contract: Contract, value: T): T {
  if (!contract.redaction.length) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redact(contract, v);
    if (Array.isArray(v)) return v.map(walk);
    if (v instanceof Date || Buffer.isBuffer(v) || v instanceof Uint8Array) return v;
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

/** Which of the contract's patterns hit a text (shown on a draft so a dispatcher knows what changed). */
export function redactionHits(contract: Contract, text: string): string[] {
  return ruleHits(contract.redaction, text);
}
