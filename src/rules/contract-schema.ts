/**
 * Loading a contract file (docs/contract-format.md) into the normalized `Contract`.
 *
 * The zod schema below is the authority on syntax: it checks each field on its own, and rejects
 * unknown keys so typos surface. The checks that relate fields to each other live in
 * contract-checks.ts and run on the raw input regardless, so one load reports every problem.
 * zod's own English never reaches a user: each issue becomes a problem with a path like
 * `rates[2].price` and a phrase (a `contract-checks` catalog key and its values) that the caller
 * words in the reader's language (src/contracts/problem-text.ts). Pure: no I/O, no clock.
 *
 * Where the format is silent, the loader decides (and the tests pin down; docs/contract-format.md
 * lists these under "Loading"):
 * - references (calendar, site, code, tier) match case-insensitively and are rewritten to the
 *   defined spelling; `24x7` may be referenced without being defined under `calendars`.
 * - hours are strictly "HH:MM-HH:MM"; a range past midnight must be split across two days.
 * - `pauseOn` takes only waiting_* statuses; pausing on work in progress would hide it.
 * - every priority written must have both windows; P4 (or any priority) may be left out, but a
 *   tier a site uses must have every priority that another tier has.
 * - a warranty pattern must match a listed part; an `includes` needs an hour-unit `overrun`.
 * - a recurring rule is a plain RRULE body at most daily, and must be able to fall in the term.
 */
import { isScalar, parseDocument, visit, type Document } from 'yaml';
import { z } from 'zod';
import {
  ALWAYS,
  checkRelations,
  collectDefinitions,
  describe,
  isRecord,
  oneOf,
  quote,
  readCurrency,
  readDate,
  readDayRanges,
  readDuration,
  readEmail,
  readGlob,
  readId,
  readIdList,
  readLocale,
  readMoney,
  readMonthDay,
  readMultiplier,
  readNumber,
  readPattern,
  readPauseOn,
  readPercentOfFee,
  readPriorities,
  readRegion,
  readRRule,
  readTemplate,
  readText,
  readTimezone,
  readWarnAt,
  readWhole,
  resolveCalendar,
  unknownField,
  type Definitions,
  type PathSeg,
  type Push,
  type RawProblem,
  type Reader,
} from './contract-checks.js';
import { say, type Phrase } from './contract-problem.js';
import { jsonPhrase, lineColumn, yamlPhrase } from './library-errors.js';
import { fallbackSchema } from './fallbacks.js';
import { DEFAULT_CONTRACT_LOCALE } from './locale.js';
import {
  PRIORITIES,
  ROLES,
  TAX_CATEGORIES,
  TEMPLATE_KINDS,
  WEEKDAYS,
  type CalendarSpec,
  type Contract,
  type ContractProblem,
  type ParseResult,
  type Priority,
  type SlaWindow,
  type TaxTerms,
} from './contract-types.js';

export { KNOWN_PLACEHOLDERS } from './contract-checks.js';


// ---------------------------------------------------------------------------------------------
// Schema building blocks

// A custom issue carries its phrase (key and values) in its params as `why`, so the problem
// reaches the caller as data.

/** Wraps a reader as a zod type; its problems become custom issues carrying the reader's phrases. */
function value<T>(read: Reader<T>) {
  return z.any().transform((v: unknown, ctx): T => {
    let failed = false;
    const push: Push = (why, at = []) => {
      failed = true;
      ctx.issues.push({ code: 'custom', params: { why }, input: v, path: at });
    };
    if (v === undefined) {
      push(say('required'));
      return z.NEVER;
    }
    const out = read(v, push);
    if (failed || out === undefined) {
      if (!failed) push(say('invalid'));
      return z.NEVER;
    }
    return out;
  });
}

// zod reports unknown keys without the allowed ones; each strict object leaves a token in the
// issue's message that leads back to its field list, for "did you mean" suggestions.
const FIELDS_TOKEN = '\u0000fields:';
const fieldLists: string[][] = [];

function fields<S extends z.ZodRawShape>(shape: S) {
  const id = fieldLists.push(Object.keys(shape)) - 1;
  return z.strictObject(shape, {
    error: (iss) => (iss.code === 'unrecognized_keys' ? `${FIELDS_TOKEN}${id}` : undefined),
  });
}

const text = value(readText);
const id = value(readId);
const money = value(readMoney);
const duration = value(readDuration);
const date = value(readDate);
const multiplier = fields({ multiplier: value(readMultiplier) });
const period = z.enum(['month', 'quarter', 'year']);
const bool = z.boolean().optional();

const weekly = fields(Object.fromEntries(WEEKDAYS.map((d) => [d, value(readDayRanges).optional()])) as {
  [K in (typeof WEEKDAYS)[number]]: z.ZodOptional<ReturnType<typeof value<string[]>>>;
});

const calendarSpec = fields({
  timezone: value(readTimezone),
  weekly,
  holidays: fields({ region: value(readRegion).optional(), dates: z.array(date).optional() }).optional(),
});

/** `24x7` or a calendar; read by hand so a wrong value gets one sentence, not a union's two. */
const calendar = z.any().transform((v: unknown, ctx): CalendarSpec | typeof ALWAYS => {
  if (v === ALWAYS) return ALWAYS;
  if (!isRecord(v)) {
    ctx.issues.push({ code: 'custom', params: { why: say('calendar-shape', { always: ALWAYS }) }, input: v, path: [] });
    return z.NEVER;
  }
  const r = calendarSpec.safeParse(v, { reportInput: true });
  if (!r.success) {
    for (const issue of r.error.issues) ctx.issues.push(issue as unknown as (typeof ctx.issues)[number]);
    return z.NEVER;
  }
  const spec: CalendarSpec = { timezone: r.data.timezone, weekly: r.data.weekly };
  if (r.data.holidays) {
    spec.holidays = {};
    if (r.data.holidays.region !== undefined) spec.holidays.region = r.data.holidays.region;
    if (r.data.holidays.dates !== undefined) spec.holidays.dates = r.data.holidays.dates;
  }
  return spec;
});

const site = fields({
  id,
  name: text,
  address: text,
  calendar: id,
  access: id.optional(),
  tier: id.optional(),
  caps: fields({ visits: value(readWhole(1)), per: period }).optional(),
  travelKm: value(readNumber(0, true)).optional(),
});

const window = fields({ response: duration, restore: duration, calendar: id });
const windows = fields(Object.fromEntries(PRIORITIES.map((p) => [p, window.optional()])) as {
  [K in Priority]: z.ZodOptional<typeof window>;
});

const percentOfFee = value(readPercentOfFee);

const sla = fields({
  warnAt: value(readWarnAt).optional(),
  pauseOn: value(readPauseOn).optional(),
  priorities: windows.optional(),
  tiers: z.record(z.string(), windows).optional(),
  fallbacks: z.array(fallbackSchema).optional(),
  subcontractors: z.array(fields({ name: text, contact: text, email: value(readEmail).optional() })).optional(),
  credits: z
    .array(
      fields({
        when: z.enum(['response_breach', 'restore_breach']),
        priority: value(readPriorities).optional(),
        tier: value(readIdList).optional(),
        percentOfFee: percentOfFee.optional(),
        amount: money.optional(),
      }),
    )
    .optional(),
  creditCap: fields({ percentOfFee: percentOfFee.optional(), amount: money.optional(), per: period }).optional(),
});

const rate = fields({
  code: id,
  name: text,
  unit: z.enum(['hour', 'visit', 'each', 'day', 'km']),
  price: money,
  covered: bool,
  includes: duration.optional(),
  overrun: id.optional(),
  outOfScope: bool,
  billing: fields({ increment: duration.optional(), minimum: duration.optional() }).optional(),
});

const modifiers = fields({
  afterHours: multiplier.optional(),
  weekend: multiplier.optional(),
  holiday: multiplier.optional(),
  overtime: fields({ multiplier: value(readMultiplier), afterPerDay: duration }).optional(),
  outsideAccess: fields({ multiplier: value(readMultiplier), requiresApproval: bool }).optional(),
  seasonal: z
    .array(fields({ from: value(readMonthDay), to: value(readMonthDay), multiplier: value(readMultiplier), codes: z.array(id).min(1) }))
    .optional(),
  travel: fields({ code: id, per: z.enum(['visit', 'km']), includedInCoveredVisit: bool }).optional(),
});

const entitlements = fields({
  prepaidHours: z
    .array(fields({ hours: value(readNumber(0, false)), codes: z.array(id).min(1), from: date, until: date }))
    .optional(),
  warranty: z.array(fields({ parts: z.array(value(readGlob)).min(1), until: date, labour: bool })).optional(),
});

const roles = z.array(z.enum(ROLES)).min(1);
const policy = fields({ approvers: roles, autoApproveUnder: money.optional(), limit: money.optional(), above: roles.optional() });

const address = fields({
  street: text,
  city: text,
  postcode: text,
  region: text.optional(),
  country: value((v, push) => {
    const t = readText(v, push);
    if (t !== undefined && !/^[A-Z]{2}$/.test(t)) push(say('country-code', { value: t }));
    return t;
  }),
});

const billing = fields({
  legalName: text,
  address,
  vatId: text.optional(),
  registrationId: text.optional(),
  buyerReference: text.optional(),
  email: value(readEmail),
});

const taxRate = z
  .number()
  .min(0)
  .max(100)
  .refine((n) => Number.isInteger(Math.round(n * 100)) && Math.abs(n * 100 - Math.round(n * 100)) < 1e-9, { params: { why: say('tax-decimals') } });

const taxShape = { category: z.enum(TAX_CATEGORIES), rate: taxRate.optional(), reason: text.optional() };

/** Only standard-rated lines carry a rate; every line without tax says why on the invoice. */
function checkTaxTerms(t: { category: TaxTerms['category']; rate?: number | undefined; reason?: string | undefined }, ctx: z.RefinementCtx): void {
  if (t.category === 'standard' && !(t.rate && t.rate > 0)) ctx.addIssue({ code: 'custom', path: ['rate'], params: { why: say('tax-standard-rate') } });
  if (t.category !== 'standard' && t.rate) ctx.addIssue({ code: 'custom', path: ['rate'], params: { why: say('tax-no-rate', { category: t.category }) } });
  if ((t.category === 'exempt' || t.category === 'outside_scope') && !t.reason) ctx.addIssue({ code: 'custom', path: ['reason'], params: { why: say('tax-reason', { category: t.category }) } });
}

const tax = fields({ ...taxShape, codes: z.array(fields({ ...taxShape, codes: z.array(id).min(1) }).superRefine(checkTaxTerms)).optional() }).superRefine(checkTaxTerms);

const contractSchema = fields({
  id,
  customer: fields({
    name: text,
    contacts: z.array(fields({ name: text, email: value(readEmail), role: text.optional() })).optional(),
  }),
  currency: value(readCurrency),
  locale: value(readLocale).optional(),
  term: fields({ start: date, end: date, renewal: z.enum(['auto', 'manual']), noticeDays: value(readWhole(0)) }),
  fee: fields({ amount: money, per: z.literal('month') }),
  team: text,
  calendars: z.record(z.string(), calendar),
  sites: z.array(site).min(1),
  sla,
  rates: z.array(rate),
  modifiers: modifiers.optional(),
  entitlements: entitlements.optional(),
  parts: z.array(fields({ sku: id, name: text, price: money })).optional(),
  checklists: z
    .record(
      z.string(),
      z.array(fields({ step: text, required: bool, safety: bool, proof: z.enum(['photo', 'reading', 'signature']).optional() })).min(1),
    )
    .optional(),
  approvals: fields({ outOfScope: policy.optional(), goodwill: policy.optional(), rateOverride: policy.optional(), permit: policy.optional() }).optional(),
  recurring: z.array(fields({ code: id, sites: z.array(id).min(1), rule: value(readRRule), priority: z.enum(PRIORITIES) })).optional(),
  skills: z.array(fields({ skill: id, codes: z.array(id).optional() })).optional(),
  templates: fields(Object.fromEntries(TEMPLATE_KINDS.map((k) => [k, value(readTemplate).optional()])) as {
    [K in (typeof TEMPLATE_KINDS)[number]]: z.ZodOptional<ReturnType<typeof value<string>>>;
  }).optional(),
  redaction: z.array(fields({ name: text, pattern: value(readPattern), replacement: z.string().optional(), caseSensitive: bool })).optional(),
  billing: billing.optional(),
  tax: tax.optional(),
  privacy: fields({ technicianSeesOriginal: bool }).optional(),
});

/** A contract file as the schema reads it, before `normalize` resolves references and fills defaults into `Contract`. */
export type ParsedContract = z.output<typeof contractSchema>;
type Parsed = ParsedContract;

// ---------------------------------------------------------------------------------------------
// zod issues -> phrases


function issueProblems(issue: z.core.$ZodIssue): RawProblem[] {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)) as PathSeg[];
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = issue.message.startsWith(FIELDS_TOKEN) ? (fieldLists[Number(issue.message.slice(FIELDS_TOKEN.length))] ?? []) : [];
      return issue.keys.map((key) => ({ path, why: unknownField(key, allowed), sortAt: [...path, key] }));
    }
    case 'invalid_type': {
      const noun = say('expected', { noun: issue.expected });
      if (input === undefined) return [{ path, why: say('required') }];
      if (input === null) return [{ path, why: say('empty-must-be', { noun }) }];
      return [{ path, why: say('type-must-be', { noun, kind: describe(input) }) }];
    }
    case 'invalid_value': {
      return [{ path, why: oneOf(issue.values.map(String)) }];
    }
    case 'too_small':
      return [{ path, why: issue.origin === 'array' ? say('list-min') : say('at-least', { min: String(issue.minimum) }) }];
    case 'too_big':
      return [{ path, why: say('at-most', { max: String(issue.maximum) }) }];
    case 'custom':
      return [{ path, why: (issue.params?.why as Phrase | undefined) ?? say('invalid') }];
    default:
      return [{ path, why: say('invalid-kind', { kind: describe(input) }) }];
  }
}

// ---------------------------------------------------------------------------------------------
// Paths and document order

const PLAIN_KEY = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;

/** `rates[2].price`, `calendars.office.weekly.mon[0]`; odd keys in brackets: `checklists["a b"]`. */
export function formatPath(path: readonly PathSeg[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (PLAIN_KEY.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${quote(seg)}]`;
  }
  return out;
}

/** Each node's position in a depth-first walk: the order a reader meets them in the file. */
function documentOrder(raw: unknown): Map<string, number> {
  const order = new Map<string, number>();
  const seen = new Set<unknown>();
  const walk = (v: unknown, path: PathSeg[]): void => {
    order.set(formatPath(path), order.size);
    if (typeof v !== 'object' || v === null || seen.has(v)) return;
    seen.add(v);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (isRecord(v)) for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(raw, []);
  return order;
}

function sortAndFormat(raw: unknown, problems: RawProblem[]): ContractProblem[] {
  const order = documentOrder(raw);
  const position = (p: RawProblem): number => {
    const at = p.sortAt ?? p.path;
    for (let n = at.length; n >= 0; n--) {
      const o = order.get(formatPath(at.slice(0, n)));
      if (o !== undefined) return o;
    }
    return 0;
  };
  const seen = new Set<string>();
  return problems
    .map((p, i) => ({ p, i, pos: position(p) }))
    .sort((a, b) => a.pos - b.pos || a.i - b.i)
    .map(({ p }) => ({ path: formatPath(p.path), why: p.why }))
    .filter((p) => {
      const key = `${p.path}\u0000${JSON.stringify(p.why)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

// ---------------------------------------------------------------------------------------------
// Normalization (runs only on a contract with no problems)

function normalize(d: Parsed, defs: Definitions): Contract {
  // References resolve case-insensitively and take the spelling of the definition, so rule modules
  // can look them up exactly.
  const cal = (n: string): string => resolveCalendar(defs, n) ?? n;
  const code = (n: string): string => defs.codes.resolve(n) ?? n;
  const siteId = (n: string): string => defs.sites.resolve(n) ?? n;
  const tier = (n: string): string => defs.tiers.resolve(n) ?? n;
  const windowsOf = (w: Partial<Record<Priority, { response: number; restore: number; calendar: string }>>) => {
    const out: Partial<Record<Priority, SlaWindow>> = {};
    for (const p of PRIORITIES) {
      const x = w[p];
      if (x) out[p] = { response: x.response, restore: x.restore, calendar: cal(x.calendar) };
    }
    return out;
  };

  const calendars: Contract['calendars'] = { ...d.calendars };
  const usesAlways = [
    ...d.sites.flatMap((s) => [s.calendar, s.access]),
    ...Object.values(d.sla.priorities ?? {}).map((w) => w?.calendar),
    ...Object.values(d.sla.tiers ?? {}).flatMap((t) => Object.values(t).map((w) => w?.calendar)),
  ].some((n) => n !== undefined && cal(n) === ALWAYS);
  if (usesAlways && !(ALWAYS in calendars)) calendars[ALWAYS] = ALWAYS;

  const m = d.modifiers;
  const modifiers: Contract['modifiers'] = {
    seasonal: (m?.seasonal ?? []).map((s) => ({ from: s.from, to: s.to, multiplier: s.multiplier, codes: s.codes.map(code) })),
  };
  if (m?.afterHours) modifiers.afterHours = { multiplier: m.afterHours.multiplier };
  if (m?.weekend) modifiers.weekend = { multiplier: m.weekend.multiplier };
  if (m?.holiday) modifiers.holiday = { multiplier: m.holiday.multiplier };
  if (m?.overtime) modifiers.overtime = { multiplier: m.overtime.multiplier, afterPerDay: m.overtime.afterPerDay };
  if (m?.outsideAccess) {
    // Outside-access work needs an approved permit first unless the contract says not
    // (docs/contract-format.md "modifiers").
    modifiers.outsideAccess = { multiplier: m.outsideAccess.multiplier, requiresApproval: m.outsideAccess.requiresApproval ?? true };
  }
  if (m?.travel) {
    modifiers.travel = { code: code(m.travel.code), per: m.travel.per };
    if (m.travel.includedInCoveredVisit) modifiers.travel.includedInCoveredVisit = true;
  }

  const sla: Contract['sla'] = {
    warnAt: d.sla.warnAt ?? [],
    pauseOn: d.sla.pauseOn ?? { response: [], restore: [] },
    fallbacks: d.sla.fallbacks ?? [],
    subcontractors: (d.sla.subcontractors ?? []).map((s) => (s.email === undefined ? { name: s.name, contact: s.contact } : { name: s.name, contact: s.contact, email: s.email })),
    credits: (d.sla.credits ?? []).map((c) => {
      const out: Contract['sla']['credits'][number] = { when: c.when };
      if (c.priority) out.priority = c.priority;
      if (c.tier) out.tier = c.tier.map(tier);
      if (c.percentOfFee !== undefined) out.percentOfFee = c.percentOfFee;
      if (c.amount !== undefined) out.amount = c.amount;
      return out;
    }),
  };
  if (d.sla.priorities) sla.priorities = windowsOf(d.sla.priorities);
  if (d.sla.tiers) sla.tiers = Object.fromEntries(Object.entries(d.sla.tiers).map(([t, w]) => [t, windowsOf(w)]));
  if (d.sla.creditCap) {
    const cap: NonNullable<Contract['sla']['creditCap']> = { per: d.sla.creditCap.per };
    if (d.sla.creditCap.percentOfFee !== undefined) cap.percentOfFee = d.sla.creditCap.percentOfFee;
    if (d.sla.creditCap.amount !== undefined) cap.amount = d.sla.creditCap.amount;
    sla.creditCap = cap;
  }

  const approvals: Contract['approvals'] = {};
  for (const [kind, p] of Object.entries(d.approvals ?? {}) as [keyof Contract['approvals'], NonNullable<typeof policy._zod.output>][]) {
    if (!p) continue;
    const out: NonNullable<Contract['approvals'][typeof kind]> = { approvers: p.approvers };
    if (p.autoApproveUnder !== undefined) out.autoApproveUnder = p.autoApproveUnder;
    if (p.limit !== undefined) out.limit = p.limit;
    if (p.above !== undefined) out.above = p.above;
    approvals[kind] = out;
  }

  const templates: Contract['templates'] = {};
  for (const k of TEMPLATE_KINDS) {
    const t = d.templates?.[k];
    if (t !== undefined) templates[k] = t;
  }

  const taxTerms = (t: { category: TaxTerms['category']; rate?: number | undefined; reason?: string | undefined }): TaxTerms => {
    const out: TaxTerms = { category: t.category, rate: t.category === 'standard' ? (t.rate ?? 0) : 0 };
    if (t.reason !== undefined) out.reason = t.reason;
    else if (t.category === 'reverse_charge') out.reason = 'Reverse charge';
    return out;
  };
  const extra: Pick<Contract, 'billing' | 'tax'> = {};
  if (d.billing) {
    const b = d.billing;
    const addr: NonNullable<Contract['billing']>['address'] = { street: b.address.street, city: b.address.city, postcode: b.address.postcode, country: b.address.country };
    if (b.address.region !== undefined) addr.region = b.address.region;
    const party: NonNullable<Contract['billing']> = { legalName: b.legalName, address: addr, email: b.email };
    if (b.vatId !== undefined) party.vatId = b.vatId;
    if (b.registrationId !== undefined) party.registrationId = b.registrationId;
    if (b.buyerReference !== undefined) party.buyerReference = b.buyerReference;
    extra.billing = party;
  }
  if (d.tax) extra.tax = { ...taxTerms(d.tax), codes: (d.tax.codes ?? []).map((c) => ({ ...taxTerms(c), codes: c.codes.map(code) })) };

  return {
    ...extra,
    id: d.id,
    customer: {
      name: d.customer.name,
      contacts: (d.customer.contacts ?? []).map((c) => (c.role === undefined ? { name: c.name, email: c.email } : { name: c.name, email: c.email, role: c.role })),
    },
    currency: d.currency,
    locale: d.locale ?? DEFAULT_CONTRACT_LOCALE,
    term: { start: d.term.start, end: d.term.end, renewal: d.term.renewal, noticeDays: d.term.noticeDays },
    fee: { amount: d.fee.amount, per: d.fee.per },
    team: d.team,
    calendars,
    sites: d.sites.map((s) => {
      const out: Contract['sites'][number] = { id: s.id, name: s.name, address: s.address, calendar: cal(s.calendar) };
      if (s.access !== undefined) out.access = cal(s.access);
      if (s.tier !== undefined) out.tier = tier(s.tier);
      if (s.caps) out.caps = { visits: s.caps.visits, per: s.caps.per };
      if (s.travelKm !== undefined) out.travelKm = s.travelKm;
      return out;
    }),
    sla,
    rates: d.rates.map((r) => {
      const out: Contract['rates'][number] = {
        code: r.code,
        name: r.name,
        unit: r.unit,
        price: r.price,
        covered: r.covered ?? false,
        outOfScope: r.outOfScope ?? false,
      };
      if (r.includes !== undefined) out.includes = r.includes;
      if (r.overrun !== undefined) out.overrun = code(r.overrun);
      if (r.billing) {
        out.billing = {};
        if (r.billing.increment !== undefined) out.billing.increment = r.billing.increment;
        if (r.billing.minimum !== undefined) out.billing.minimum = r.billing.minimum;
      }
      return out;
    }),
    modifiers,
    entitlements: {
      prepaidHours: (d.entitlements?.prepaidHours ?? []).map((b) => ({ hours: b.hours, codes: b.codes.map(code), from: b.from, until: b.until })),
      warranty: (d.entitlements?.warranty ?? []).map((w) => ({ parts: w.parts, until: w.until, labour: w.labour ?? false })),
    },
    parts: (d.parts ?? []).map((p) => ({ sku: p.sku, name: p.name, price: p.price })),
    checklists: Object.fromEntries(
      Object.entries(d.checklists ?? {}).map(([c, steps]) => [
        code(c),
        steps.map((s) => {
          const out: Contract['checklists'][string][number] = { step: s.step, required: s.required ?? false, safety: s.safety ?? false };
          if (s.proof !== undefined) out.proof = s.proof;
          return out;
        }),
      ]),
    ),
    approvals,
    recurring: (d.recurring ?? []).map((r) => ({ code: code(r.code), sites: r.sites.map(siteId), rule: r.rule, priority: r.priority })),
    skills: (d.skills ?? []).map((r) => ({ skill: r.skill.toLowerCase(), codes: (r.codes ?? []).map(code) })),
    templates,
    // A redaction without a replacement still has to leave a visible mark that something was removed.
    redaction: (d.redaction ?? []).map((r) => ({ name: r.name, pattern: r.pattern, replacement: r.replacement ?? '[redacted]', caseSensitive: r.caseSensitive ?? false })),
    privacy: { technicianSeesOriginal: d.privacy?.technicianSeesOriginal ?? false },
  };
}

// ---------------------------------------------------------------------------------------------
// Public API

/** Validates and normalizes an already-parsed YAML/JSON value. Never throws. */
export function parseContract(raw: unknown): ParseResult {
  try {
    if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
      return { ok: false, problems: [{ path: '', why: say('contract-empty') }] };
    }
    if (!isRecord(raw)) {
      return { ok: false, problems: [{ path: '', why: say('contract-not-fields', { kind: describe(raw) }) }] };
    }
    const result = contractSchema.safeParse(raw, { reportInput: true });
    const problems: RawProblem[] = result.success ? [] : result.error.issues.flatMap(issueProblems);
    problems.push(...checkRelations(raw));
    if (problems.length > 0 || !result.success) {
      const formatted = sortAndFormat(raw, problems);
      return { ok: false, problems: formatted.length > 0 ? formatted : [{ path: '', why: say('contract-invalid') }] };
    }
    return { ok: true, contract: normalize(result.data, collectDefinitions(raw)) };
  } catch (e) {
    // Last resort so a loader bug becomes a reported problem, never a crashed chat command.
    return { ok: false, problems: [{ path: '', why: say('internal', { detail: String((e as Error)?.message ?? e) }) }] };
  }
}

/** A syntax problem at a line (and column) of the text, when the parser knows where. */
function lineProblem(line: number | undefined, col: number | undefined, why: Phrase): ContractProblem {
  if (line === undefined) return { path: '', why };
  return col === undefined ? { path: '', line, why } : { path: '', line, column: col, why };
}

/**
 * `{ name: Travel (flat, per visit), unit: visit }` is, to YAML, a name "Travel (flat" and a
 * key-only entry "per visit)". The pilot files do this, and the open parenthesis shows what the
 * author meant, so such a bare key is put back into the text value, verbatim. Only after an
 * unclosed parenthesis: `{ name: Foo, covered }` must stay an error rather than quietly become
 * the name "Foo, covered", and `price: 1,200.00` must never become text.
 */
function rejoinFlowCommas(doc: Document, text: string): void {
  visit(doc, {
    Map(_, map) {
      if (!map.flow) return;
      for (let i = 1; i < map.items.length; i++) {
        const prev = map.items[i - 1]!;
        const pair = map.items[i]!;
        const pv = prev.value;
        const key = pair.key;
        if (pair.value !== null || !isScalar(key) || key.type !== 'PLAIN' || !key.range) continue;
        if (!isScalar(pv) || pv.type !== 'PLAIN' || typeof pv.value !== 'string' || !pv.range) continue;
        if (pv.value.split('(').length <= pv.value.split(')').length) continue;
        pv.value = text.slice(pv.range[0], key.range[1]).replace(/\s*\n\s*/g, ' ');
        pv.range = [pv.range[0], key.range[1], key.range[2]];
        map.items.splice(i, 1);
        i--;
      }
    },
  });
}

function readYaml(text: string, only?: string): { problems: ContractProblem[]; value: unknown } {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true, strict: true, version: '1.2' });
  const problems = doc.errors
    .filter((e) => only === undefined || e.code === only)
    .map((e) => lineProblem(e.linePos?.[0]?.line, e.linePos?.[0]?.col, e.code === 'DUPLICATE_KEY' ? say('yaml-duplicate-key') : yamlPhrase(e.code, e.message)));
  if (problems.length > 0 || only !== undefined) return { problems, value: undefined };
  try {
    rejoinFlowCommas(doc, text);
    return { problems: [], value: doc.toJS({ maxAliasCount: 100 }) };
  } catch (e) {
    return { problems: [lineProblem(undefined, undefined, yamlPhrase(undefined, String((e as Error).message)))], value: undefined };
  }
}

function jsonError(text: string, e: unknown): ContractProblem {
  const { why, offset } = jsonPhrase(text, String((e as Error).message));
  const notJson = say('json-invalid', { detail: why });
  if (offset !== undefined) {
    const { line, column } = lineColumn(text, offset);
    return lineProblem(line, column, notJson);
  }
  // Without a position, the YAML parser (JSON is YAML) may still find the spot.
  const fromYaml = readYaml(text).problems[0];
  return lineProblem(fromYaml?.line, undefined, notJson);
}

export type ContractData = { ok: true; data: unknown } | { ok: false; problems: ContractProblem[] };

/**
 * The text stage of `parseContractText` alone: YAML or JSON (JSON when the text starts with `{` or
 * `[`, unless `format` says) to plain data, syntax errors as problems with paths like `line 12`.
 */
export function readContractText(text: string, format?: 'yaml' | 'json'): ContractData {
  if (typeof text !== 'string') return { ok: false, problems: [{ path: '', why: say('not-text') }] };
  const looksJson = /^\s*[{[]/.test(text);
  if (format === 'json' || (format === undefined && looksJson)) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      if (format === undefined) {
        // `{ id: X, ... }` is YAML flow style, not broken JSON.
        const y = readYaml(text);
        if (y.problems.length === 0) return { ok: true, data: y.value };
      }
      return { ok: false, problems: [jsonError(text, e)] };
    }
    // JSON.parse keeps the last of two equal keys without a word; a silently dropped calendar or
    // template is exactly the kind of mistake this loader exists to catch.
    const dupes = readYaml(text, 'DUPLICATE_KEY').problems;
    return dupes.length > 0 ? { ok: false, problems: dupes } : { ok: true, data };
  }
  const y = readYaml(text);
  return y.problems.length > 0 ? { ok: false, problems: y.problems } : { ok: true, data: y.value };
}

/** Parses YAML or JSON text (see `readContractText`) and validates it with `parseContract`. */
export function parseContractText(text: string, format?: 'yaml' | 'json'): ParseResult {
  const read = readContractText(text, format);
  return read.ok ? parseContract(read.data) : read;
}

