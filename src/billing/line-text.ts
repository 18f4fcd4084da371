/**
 * An invoice line's description and rule in a customer's language: the rating engine's English
 * (src/rules/rating/line-words.ts reads it into phrases) worded with the `line-words.*` messages,
 * durations, decimals, months and dates as the locale writes them ("Redevance mensuelle novembre
 * 2026", "majoration hors heures ouvrées ×1,5"). Data stays as written: names, codes, sites, ids,
 * the version's label and the contract clause. English reads exactly as the engine wrote it.
 */
import { formatDateIn, formatDurationIn, formatMoneyIn, formatMonthDayIn, formatNumberIn } from '../i18n/format.js';
import { langOf } from '../i18n/lang.js';
import { tIn, type MessageValues } from '../i18n/t.js';
import type { WindowName } from '../rules/contract-types.js';
import type { ModName } from '../rules/rating/modifiers.js';
import { type LinePart, type LinePhrase, type LineText, type LineWordValues, CAP_EXCEEDED, MONTHS, minutesOf, readCapTag, readLineWords } from '../rules/rating/line-words.js';

export interface LineWording {
  description: string;
  rule: string;
  /** engine text the reader did not recognise, kept as written */
  unread: string[];
}

/** How one locale writes a line's values. */
interface ValueStyle {
  lang: 'en' | 'fr';
  locale: string;
  currency: string | undefined;
}

/** where a capped visit's count goes in its prefix worded once (see capText) */
const COUNT_MARK = '\u0000';

const monthFormats = new Map<string, Intl.DateTimeFormat>();

function cachedFormat(cache: Map<string, Intl.DateTimeFormat>, locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let f = cache.get(locale);
  if (!f) cache.set(locale, (f = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' })));
  return f;
}

/** "novembre 2026" for 2026-11; English "November 2026", as the engine writes it. */
function monthWord(s: ValueStyle, ym: string): string {
  const y = Number(ym.slice(0, 4));
  const m = Number(ym.slice(5, 7));
  if (s.lang === 'en') return `${MONTHS[m - 1]} ${y}`;
  return cachedFormat(monthFormats, s.locale, { month: 'long', year: 'numeric' }).format(Date.UTC(y, m - 1, 1));
}

/**
 * A value as the locale writes it; English keeps the engine's text. Counts (`n`, `max`) go in as
 * text, written as the locale writes numbers, and `uncapped` as money; other numbers drive a
 * message's plurals.
 */
function valueWord(s: ValueStyle, name: string, value: string | number): string | number {
  // the reader takes `mod` and `window` from the engine's own names (line-words.ts)
  if (name === 'mod') return tIn(s.lang, `line-words.mod.${value as ModName}`, undefined, s.locale);
  if (name === 'window') return tIn(s.lang, `line-words.window.${value as WindowName}`, undefined, s.locale);
  if (name === 'month') return monthWord(s, String(value));
  const count = name === 'n' || name === 'max';
  if (s.lang === 'en') return count ? String(value) : value;
  if (count) return formatNumberIn(s.locale, Number(value));
  // an SLA credit's amount before its cap, in minor units: money when the invoice's currency is known
  if (name === 'uncapped' && s.currency) return formatMoneyIn(s.locale, Number(value), s.currency);
  if (typeof value === 'number') return value;
  switch (name) {
    case 'minutes': {
      const m = minutesOf(value);
      return m === undefined ? value : formatDurationIn(s.locale, m);
    }
    case 'mult':
    case 'km':
    case 'hours':
      return formatNumberIn(s.locale, Number(value));
    case 'until':
    case 'from':
    case 'to':
      if (/^\d{4}-\d\d-\d\d$/.test(value)) return formatDateIn(s.locale, value);
      if (/^\d\d-\d\d$/.test(value)) return formatMonthDayIn(s.locale, value);
      return value;
    default:
      return value;
  }
}

function partsText(s: ValueStyle, parts: readonly LinePart[]): string {
  const out: string[] = [];
  for (const p of parts) {
    if (typeof p === 'string') {
      out.push(p);
      continue;
    }
    const values: MessageValues = {};
    for (const [k, v] of Object.entries(p.values as LineWordValues)) values[k] = v === COUNT_MARK ? v : valueWord(s, k, v);
    out.push(tIn(s.lang, `line-words.${p.key}`, values, s.locale));
  }
  return out.join(tIn(s.lang, 'line-words.sep', undefined, s.locale));
}

function styleOf(locale: string, currency: string | undefined): ValueStyle {
  const lang = langOf(locale);
  return { lang: lang ?? 'en', locale: lang ? locale : 'en-GB', currency };
}

function wording(s: ValueStyle, line: LineText): LineWording {
  const read = readLineWords(line);
  return { description: partsText(s, read.description), rule: partsText(s, read.rule), unread: read.unread };
}

/** A line's description and rule worded in `locale` (a language the bot does not write reads as English). */
export function lineWording(line: LineText, locale: string, currency?: string): LineWording {
  return wording(styleOf(locale, currency), line);
}

/**
 * The line with its description and rule in the contract's language, or the line itself in English
 * (the engine's words as they are).
 */
export function wordLine<L extends LineText>(line: L, locale: string, currency?: string): L {
  if ((langOf(locale) ?? 'en') === 'en') return line;
  const w = lineWording(line, locale, currency);
  return { ...line, description: w.description, rule: w.rule };
}

/**
 * A capped visit's prefix: the message worded once per site, cap and period with a mark where the
 * visit's count goes (a month has a count per capped visit), the count written in.
 */
function capText(s: ValueStyle, cap: LinePhrase, known: Map<string, string[]>): string {
  const { site, n, max, per } = cap.values;
  const key = `${site}\u0001${max}\u0001${per}`;
  let around = known.get(key);
  if (!around) known.set(key, (around = partsText(s, [{ key: cap.key, values: { ...cap.values, n: COUNT_MARK } }]).split(COUNT_MARK)));
  return around.join(String(valueWord(s, 'n', n!)));
}

/** A line's worded description and rule. */
export type WordedLine = Pick<LineText, 'description' | 'rule'>;

/**
 * Words one invoice's lines as `wordLine` does, line by line, for callers that build each stored
 * or shown line in one pass; in English it returns the line itself. A month's lines share a few
 * dozen texts (a line is a template on a job and a day), each worded once; a capped visit's lines
 * differ by their prefix alone (its count), each distinct prefix worded once apart from the rest
 * of the rule.
 */
export function lineWorder(locale: string, currency?: string): (line: LineText) => WordedLine {
  if ((langOf(locale) ?? 'en') === 'en') return (line) => line;
  const s = styleOf(locale, currency);
  const sep = tIn(s.lang, 'line-words.sep', undefined, s.locale);
  // by kind, rule (without a cap prefix), description: nested maps, no key string per line
  const known = new Map<string, Map<string, Map<string, LineWording>>>();
  // a prefix as the engine wrote it, worded; null when it is not a capped visit's
  const prefixes = new Map<string, string | null>();
  const caps = new Map<string, string[]>();
  return (l) => {
    let rule = l.rule;
    let prefix: string | null | undefined;
    if (rule.startsWith(CAP_EXCEEDED)) {
      const cut = rule.indexOf(', ');
      if (cut >= 0) {
        const text = rule.slice(0, cut);
        prefix = prefixes.get(text);
        if (prefix === undefined) {
          const cap = readCapTag(text);
          prefixes.set(text, (prefix = cap ? capText(s, cap, caps) : null));
        }
        if (prefix !== null) rule = rule.slice(cut + 2);
      }
    }
    let byRule = known.get(l.kind);
    if (!byRule) known.set(l.kind, (byRule = new Map()));
    let byDescription = byRule.get(rule);
    if (!byDescription) byRule.set(rule, (byDescription = new Map()));
    let w = byDescription.get(l.description);
    if (!w) byDescription.set(l.description, (w = wording(s, { kind: l.kind, description: l.description, rule })));
    return prefix === undefined || prefix === null ? w : { description: w.description, rule: `${prefix}${sep}${w.rule}` };
  };
}

/** Every line worded as `wordLine` does (see `lineWorder`); in English, the lines themselves. */
export function wordLines<L extends LineText>(lines: readonly L[], locale: string, currency?: string): readonly L[] {
  if ((langOf(locale) ?? 'en') === 'en') return lines;
  const word = lineWorder(locale, currency);
  return lines.map((l) => {
    const w = word(l);
    return { ...l, description: w.description, rule: w.rule };
  });
}

/** A quoted line (an out-of-scope request's) in the contract's words, as an invoice line of its kind. */
export function wordQuoteLine<L extends { kind?: 'labour' | 'minimum'; description: string; rule: string }>(line: L, locale: string, currency?: string): L {
  const w = wordLine({ kind: line.kind ?? 'labour', description: line.description, rule: line.rule }, locale, currency);
  return w.description === line.description && w.rule === line.rule ? line : { ...line, description: w.description, rule: w.rule };
}
