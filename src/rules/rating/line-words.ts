/**
 * The words the rating engine writes on an invoice line, in one place: the English builders the
 * engine and the reference implementation write a line's description and rule with, and
 * `readLineWords`, which reads that English back into phrases (a `line-words.*` key and its
 * values) so a line can be worded in the customer's language outside src/rules
 * (src/billing/line-text.ts). Data stays as written: rate and part names, sites, codes, approval
 * and entry ids, a quote's or a person's text, the contract version's label ("ACME-HVAC v1") and
 * the contract clause a rule ends with ("rates.HVAC-LAB", "sla.credits[1]: …").
 *
 * The engine calls these builders once per template and keeps the text, not once per line.
 */
import type { ModName } from './modifiers.js';
import type { LineKind } from './types.js';

// --- the English the engine writes ------------------------------------------------------------------

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;
const MODS = ['holiday', 'weekend', 'after-hours', 'overtime', 'outside-access'] as const satisfies readonly ModName[];

export const STANDARD_RATE = 'standard rate';
export const COVERED = 'covered';
export const COVERED_VISIT = 'covered visit';
export const PRICE_LIST = 'price list';
export const PART_OF_COVERED_VISIT = 'part of covered visit';
export const MONTHLY_FEE = 'monthly fee';
const MINIMUM_TOP_UP = 'minimum charge top-up';
const FROM_PREPAID = 'from prepaid hours';
/** what a rate override's tag starts with (the minimum top-up keeps such tags) */
export const OVERRIDE_TAG = 'rate override ';
/** what an approval's tag starts with (the minimum top-up keeps such tags) */
export const APPROVED_TAG = 'approved';

/** "1h", "30m", "1h05m": a duration as a rule names it. */
export function fmtMinutes(m: number): string {
  const h = Math.floor(m / 60);
  const r = m % 60;
  return h === 0 ? `${r}m` : r === 0 ? `${h}h` : `${h}h${String(r).padStart(2, '0')}m`;
}

export function times(mult: number): string {
  return `×${mult}`;
}

/** "Monthly fee November 2026", with "(12 of 30 days in term)" for a partial month. */
export const feeDescription = (year: number, month: number, days: number, dim: number): string =>
  `Monthly fee ${MONTHS[month - 1]} ${year}${days !== dim ? ` (${days} of ${dim} days in term)` : ''}`;
export const proratedTag = (days: number, dim: number): string => `prorated ${days}/${dim} days`;
export const travelKmDescription = (name: string, km: number, site: string): string => `${name}, ${km} km to ${site}`;
export const travelTag = (per: string, code: string): string => `travel per ${per} (rates.${code})`;
export const minimumDescription = (name: string): string => `${name}, ${MINIMUM_TOP_UP}`;
export const prepaidDescription = (description: string): string => `${description}, ${FROM_PREPAID}`;
export const upliftDescription = (name: string, mod: string): string => `${name}, ${mod} uplift on prepaid hours`;
export const upliftTag = (mod: string, mult: number): string => `${mod} uplift ${times(mult)} on prepaid hours`;
export const includesTag = (minutes: number): string => `includes ${fmtMinutes(minutes)} labour`;
export const approvedTag = (id: string): string => `${APPROVED_TAG} out-of-scope (${id})`;
export const overrideTag = (id: string): string => `${OVERRIDE_TAG}${id} approved`;
export const modTag = (mod: string, mult: number): string => `${mod} ${times(mult)}`;
export const seasonalTag = (mult: number, from: string, to: string): string => `seasonal ${times(mult)} (${from}..${to})`;
export const warrantyLabourTag = (pattern: string): string => `warranty labour (${pattern} part on job)`;
export const warrantyPartTag = (pattern: string, until: string): string => `warranty ${pattern} until ${until}`;
export const quoteTag = (id: string): string => `approved out-of-scope quote (${id})`;
export const correctionTag = (corrects: string): string => `correction of ${corrects}`;
export const creditTag = (kind: 'sla' | 'goodwill', reverses: string | undefined): string =>
  `${kind === 'sla' ? 'SLA credit' : 'goodwill credit'}${reverses ? ` reversal of ${reverses}` : ''}`;
/** What a capped visit's line prefix starts with. */
export const CAP_EXCEEDED = 'capExceeded:';
/** A covered visit beyond its site's cap (a line prefix): joined, one flat string per visit. */
export const capTag = (site: string, n: number, max: number, per: string): string => [CAP_EXCEEDED, site, 'covered visit', n, 'of', max, 'per', per].join(' ');
export const overrunTag = (minutes: number, code: string): string => `overrun beyond ${fmtMinutes(minutes)} included in ${code}`;
export const labourAtTag = (code: string, target: string): string => [code, 'labour at', target].join(' ');
export const minimumTag = (minutes: number): string => `minimum ${fmtMinutes(minutes)} per job`;
export const prepaidBankTag = (n: number, hours: number, from: string, until: string): string => `prepaid hours bank ${n} (${hours}h ${from}..${until})`;
/** What an adjustment line says it corrects ("time entry T12 on F000001"). */
export const correctsText = (subject: 'time' | 'part', id: number | string, invoice: string): string => `${subject === 'part' ? 'part use P' : 'time entry T'}${id} on ${invoice}`;
/** The reason of an SLA credit the monitor records ("restore breach on J-1001 (P1)"). */
export const slaBreachReason = (window: string, job: string, priority: string, uncapped?: number): string =>
  `${window} breach on ${job} (${priority})${uncapped !== undefined ? `; capped by creditCap (rule gives ${uncapped})` : ''}`;
/** The rule of a quoted line for work the contract does not list. */
export const quotedByRequesterRule = (label: string): string => `quoted by the requester; not in ${label} rates`;

// --- read back ----------------------------------------------------------------------------------------

/** Phrase keys of the `line-words` catalog area (src/i18n/en/line-words.ts); the compiler checks each against the catalog where line-text.ts words it. */
export type LineWordKey =
  | 'fee-month'
  | 'fee-month-partial'
  | 'km-to-site'
  | 'minimum-top-up'
  | 'from-prepaid'
  | 'uplift-on-prepaid'
  | 'sla-breach'
  | 'sla-breach-capped'
  | 'standard-rate'
  | 'covered'
  | 'covered-visit'
  | 'includes-labour'
  | 'approved-out-of-scope'
  | 'rate-override'
  | 'modifier'
  | 'seasonal'
  | 'warranty-labour'
  | 'warranty-part'
  | 'price-list'
  | 'travel-per'
  | 'part-of-covered-visit'
  | 'monthly-fee'
  | 'prorated'
  | 'approved-quote'
  | 'correction-of'
  | 'credit'
  | 'credit-reversal'
  | 'cap-exceeded'
  | 'overrun'
  | 'labour-at'
  | 'minimum-per-job'
  | 'prepaid-bank'
  | 'uplift'
  | 'quoted-by-requester';

/**
 * Values as data: `month` is YYYY-MM, `minutes` a duration, `mult`, `km` and `hours` decimals as
 * the contract wrote them, `mod` a modifier's name, `per` a period or unit, dates YYYY-MM-DD or
 * MM-DD; everything else (ids, codes, sites, names) is shown as written.
 */
export type LineWordValues = Record<string, string | number>;

export interface LinePhrase {
  key: LineWordKey;
  values: LineWordValues;
}

/** A piece of a line's text: a phrase to word, or data shown as written. */
export type LinePart = LinePhrase | string;

export interface LineWords {
  /** the description's pieces, joined by ", " */
  description: LinePart[];
  /** the rule's pieces (tags, then the version's label and the clause), joined by ", " */
  rule: LinePart[];
  /** engine text this reader did not recognise (kept as written in `description` or `rule`) */
  unread: string[];
}

export interface LineText {
  kind: LineKind;
  description: string;
  rule: string;
}

const phrase = (key: LineWordKey, values: LineWordValues = {}): LinePhrase => ({ key, values });
const NUM = String.raw`-?\d+(?:\.\d+)?`;
const LABEL = /^\S+ v\d+$/;
const MOD = MODS.join('|');
const TRAVEL_KM = new RegExp(`^(.*), (${NUM}) km to (\\S+)$`);
const UPLIFT_ON_PREPAID = new RegExp(`^(.*), (${MOD}) uplift on prepaid hours$`);

/** Whole-tag patterns, each to its phrase. */
const TAGS: readonly [RegExp, (m: RegExpExecArray) => LinePhrase][] = [
  [/^standard rate$/, () => phrase('standard-rate')],
  [/^covered$/, () => phrase('covered')],
  [/^covered visit$/, () => phrase('covered-visit')],
  [/^price list$/, () => phrase('price-list')],
  [/^part of covered visit$/, () => phrase('part-of-covered-visit')],
  [/^monthly fee$/, () => phrase('monthly-fee')],
  [/^includes (\S+) labour$/, (m) => phrase('includes-labour', { minutes: m[1]! })],
  [/^approved out-of-scope quote \((.+)\)$/, (m) => phrase('approved-quote', { id: m[1]! })],
  [/^approved out-of-scope \((.+)\)$/, (m) => phrase('approved-out-of-scope', { id: m[1]! })],
  [/^rate override (\S+) approved$/, (m) => phrase('rate-override', { id: m[1]! })],
  [new RegExp(`^(${MOD}) uplift ×(${NUM}) on prepaid hours$`), (m) => phrase('uplift', { mod: m[1]!, mult: m[2]! })],
  [new RegExp(`^(${MOD}) ×(${NUM})$`), (m) => phrase('modifier', { mod: m[1]!, mult: m[2]! })],
  [new RegExp(`^seasonal ×(${NUM}) \\((\\d\\d-\\d\\d)\\.\\.(\\d\\d-\\d\\d)\\)$`), (m) => phrase('seasonal', { mult: m[1]!, from: m[2]!, to: m[3]! })],
  [/^warranty labour \((.+) part on job\)$/, (m) => phrase('warranty-labour', { pattern: m[1]! })],
  [/^warranty (.+) until (\d{4}-\d\d-\d\d)$/, (m) => phrase('warranty-part', { pattern: m[1]!, until: m[2]! })],
  [/^travel per (km|visit) \(rates\.(.+)\)$/, (m) => phrase('travel-per', { per: m[1]!, code: m[2]! })],
  [/^prorated (\d+)\/(\d+) days$/, (m) => phrase('prorated', { days: Number(m[1]), dim: Number(m[2]) })],
  [/^correction of (time entry T|part use P)(\S+) on (.+)$/, (m) => phrase('correction-of', { subject: m[1] === 'part use P' ? 'part' : 'time', id: m[2]!, invoice: m[3]! })],
  [/^(SLA|goodwill) credit reversal of (\S+)$/, (m) => phrase('credit-reversal', { credit: m[1] === 'SLA' ? 'sla' : 'goodwill', of: m[2]! })],
  [/^(SLA|goodwill) credit$/, (m) => phrase('credit', { credit: m[1] === 'SLA' ? 'sla' : 'goodwill' })],
  [
    /^capExceeded: (\S+) covered visit (\d+) of (\d+) per (month|quarter|year)$/,
    (m) => phrase('cap-exceeded', { site: m[1]!, n: Number(m[2]), max: Number(m[3]), per: m[4]! }),
  ],
  [/^overrun beyond (\S+) included in (\S+)$/, (m) => phrase('overrun', { minutes: m[1]!, code: m[2]! })],
  [/^(\S+) labour at (\S+)$/, (m) => phrase('labour-at', { code: m[1]!, target: m[2]! })],
  [/^minimum (\S+) per job$/, (m) => phrase('minimum-per-job', { minutes: m[1]! })],
  [
    new RegExp(`^prepaid hours bank (\\d+) \\((${NUM})h (\\d{4}-\\d\\d-\\d\\d)\\.\\.(\\d{4}-\\d\\d-\\d\\d)\\)$`),
    (m) => phrase('prepaid-bank', { n: Number(m[1]), hours: m[2]!, from: m[3]!, until: m[4]! }),
  ],
];

/**
 * The patterns by a tag's first word (a month's lines hold hundreds of thousands of tags); a tag
 * starting with a code ("HVAC-PM labour at HVAC-LAB") is tried against those that start with one.
 */
const TAGS_BY_WORD = new Map<string, (typeof TAGS)[number][]>();
const TAGS_AFTER_CODE: (typeof TAGS)[number][] = [];
for (const t of TAGS) {
  const word = /^\^([A-Za-z:-]+)[ $]/.exec(t[0].source)?.[1] ?? /^\^\((\w[\w|-]*)\)/.exec(t[0].source)?.[1];
  if (word === undefined) TAGS_AFTER_CODE.push(t);
  for (const w of word?.split('|') ?? []) {
    const list = TAGS_BY_WORD.get(w);
    if (list) list.push(t);
    else TAGS_BY_WORD.set(w, [t]);
  }
}

/** A rule's tag as a phrase, or undefined when it is not one the engine writes. */
function readTag(tag: string): LinePhrase | undefined {
  const space = tag.indexOf(' ');
  const patterns = TAGS_BY_WORD.get(space < 0 ? tag : tag.slice(0, space)) ?? TAGS_AFTER_CODE;
  for (const [re, make] of patterns) {
    const m = re.exec(tag);
    if (m) return make(m);
  }
  return patterns === TAGS_AFTER_CODE ? undefined : readAfterCode(tag);
}

function readAfterCode(tag: string): LinePhrase | undefined {
  for (const [re, make] of TAGS_AFTER_CODE) {
    const m = re.exec(tag);
    if (m) return make(m);
  }
  return undefined;
}

/** A capped visit's prefix ("capExceeded: PAR-HQ covered visit 15 of 14 per year") as its phrase. */
export function readCapTag(tag: string): LinePhrase | undefined {
  const phrase = readTag(tag);
  return phrase?.key === 'cap-exceeded' ? phrase : undefined;
}

/** A duration as `fmtMinutes` wrote it, back in minutes. */
export function minutesOf(text: string): number | undefined {
  const m = /^(?:(\d+)h)?(?:(\d+)m)?$/.exec(text);
  return m && (m[1] !== undefined || m[2] !== undefined) ? Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0) : undefined;
}

/**
 * A line's description and rule as phrases and data. A rule reads "<tags>, <label>, <clause>"
 * (the label is the version's, "ACME-HVAC v1"); a text that does not read so is kept whole.
 */
export function readLineWords(line: LineText): LineWords {
  const unread: string[] = [];
  const rule = readRule(line.rule, unread);
  const prepaid = rule.some((p) => typeof p !== 'string' && p.key === 'prepaid-bank');
  return { description: readDescription(line, prepaid, unread), rule, unread };
}

function readRule(text: string, unread: string[]): LinePart[] {
  const quoted = /^quoted by the requester; not in (\S+ v\d+) rates$/.exec(text);
  if (quoted) return [phrase('quoted-by-requester', { label: quoted[1]! })];
  const parts = text.split(', ');
  const at = parts.findIndex((p) => LABEL.test(p));
  if (at < 0) {
    unread.push(text);
    return [text];
  }
  const out: LinePart[] = [];
  for (let i = 0; i < at; i++) {
    const tag = readTag(parts[i]!);
    if (!tag) unread.push(parts[i]!);
    out.push(tag ?? parts[i]!);
  }
  out.push(parts[at]!);
  if (at + 1 < parts.length) out.push(parts.slice(at + 1).join(', '));
  return out;
}

function readDescription(line: LineText, prepaid: boolean, unread: string[]): LinePart[] {
  const d = line.description;
  switch (line.kind) {
    case 'fee': {
      const m = /^Monthly fee (\w+) (\d{4})(?: \((\d+) of (\d+) days in term\))?$/.exec(d);
      const month = m ? MONTHS.indexOf(m[1] as (typeof MONTHS)[number]) + 1 : 0;
      if (!m || month === 0) {
        unread.push(d);
        return [d];
      }
      const ym = `${m[2]}-${String(month).padStart(2, '0')}`;
      return [m[3] === undefined ? phrase('fee-month', { month: ym }) : phrase('fee-month-partial', { month: ym, days: Number(m[3]), dim: Number(m[4]) })];
    }
    case 'travel': {
      const m = TRAVEL_KM.exec(d);
      return m ? [m[1]!, phrase('km-to-site', { km: m[2]!, site: m[3]! })] : [d];
    }
    case 'uplift': {
      const m = UPLIFT_ON_PREPAID.exec(d);
      if (!m) {
        unread.push(d);
        return [d];
      }
      return [m[1]!, phrase('uplift-on-prepaid', { mod: m[2]! })];
    }
    case 'labour':
    case 'minimum':
    case 'visit': {
      let name = d;
      const tail: LinePart[] = [];
      if (prepaid && name.endsWith(`, ${FROM_PREPAID}`)) {
        name = name.slice(0, -(FROM_PREPAID.length + 2));
        tail.unshift(phrase('from-prepaid'));
      }
      if (line.kind === 'minimum') {
        if (name.endsWith(`, ${MINIMUM_TOP_UP}`)) {
          name = name.slice(0, -(MINIMUM_TOP_UP.length + 2));
          tail.unshift(phrase('minimum-top-up'));
        } else unread.push(d);
      }
      return [name, ...tail];
    }
    case 'credit': {
      const m = /^(response|restore) breach on (\S+) \((P\d+)\)(?:; capped by creditCap \(rule gives (-?\d+)\))?$/.exec(d);
      if (!m) return [d];
      return [m[4] === undefined ? phrase('sla-breach', { window: m[1]!, job: m[2]!, priority: m[3]! }) : phrase('sla-breach-capped', { window: m[1]!, job: m[2]!, priority: m[3]!, uncapped: Number(m[4]) })];
    }
    default:
      return [d];
  }
}
