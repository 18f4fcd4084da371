/**
 * Hourly work -> time lines: the hot path of rating (a month is ~100,000 entries and as many lines).
 *
 * A piece of hourly work lands on the line identified by: kind, job, date, code, version, the span's
 * tags, extra tags, the winning modifier, the seasonal rule, and the bucket (warranty, a prepaid
 * bank, its uplift, or cash). The first piece to reach an identity decides the line's text and
 * price. That identity is a number here (interned family x small fields x day), so a piece costs a
 * couple of Map lookups instead of building and hashing a long string, and a line's rule text is
 * built once per template (see lines.ts), not once per line.
 */
import type { Rate } from '../contract-types.js';
import type { VersionCtx } from './context.js';
import type { LocalDay } from './days.js';
import type { PrepaidBanks, WarrantyHit } from './entitlements.js';
import { basePrice, fullPrice, upliftPrice } from './labour.js';
import { LineIndex } from './line-index.js';
import { type LineBook, type LineNo, type LineTemplate, type Template, type TemplateScope, ruleText, tagsRuleText } from './lines.js';
import { minimumDescription, modTag as modWords, prepaidBankTag, prepaidDescription, seasonalTag, upliftDescription, upliftTag, warrantyLabourTag } from './line-words.js';
import { type ModName, type Piece, type Seasonal, modifierRef } from './modifiers.js';
import { cached, innerMap } from './maps.js';
import type { Ratio } from './ratio.js';

export interface WarrantyRef {
  hit: WarrantyHit;
  v: VersionCtx;
}

/** Tags and warranty that name every line of a stretch of work. Interned: see SpanCtxs. */
export interface SpanCtx {
  readonly tags: readonly string[];
  /** tags joined: part of a line's identity (see ctxKey; joined when first needed) */
  key: string | undefined;
  readonly warranty?: WarrantyRef;
  /** where its line templates are interned, when not invoice-wide (see LineBook.template) */
  readonly scope?: TemplateScope;
  /** a scoped context's labour pricings (see TimeLines.pricing) */
  pricings: Pricing[] | undefined;
}

export const PLAIN: SpanCtx = { tags: [], key: '', warranty: undefined, scope: undefined, pricings: undefined };

/**
 * A context of its own. Line texts only depend on a context's content (lines.ts interns templates),
 * so a context need not be interned for correctness: SpanCtxs only saves rebuilding the same texts.
 */
export function spanCtx(tags: readonly string[], warranty: WarrantyRef | undefined, scope?: TemplateScope): SpanCtx {
  return { tags, key: undefined, warranty, scope, pricings: undefined };
}

function ctxKey(ctx: SpanCtx): string {
  return (ctx.key ??= ctx.tags.join('|'));
}

/**
 * One SpanCtx per distinct (tags, warranty clause): line templates are memoized per context, so
 * every entry with the same approval or the same overrun tag shares them.
 */
export class SpanCtxs {
  private readonly known = new Map<string, SpanCtx>();

  get(tags: readonly string[], warranty: WarrantyRef | undefined): SpanCtx {
    if (tags.length === 0 && !warranty) return PLAIN;
    // Only the clause's index and pattern reach a line (its text), so they are what tells contexts apart.
    const k = JSON.stringify([warranty ? warranty.hit.index : -1, warranty ? warranty.hit.pattern : '', tags]);
    let ctx = this.known.get(k);
    if (!ctx) this.known.set(k, (ctx = spanCtx(tags, warranty)));
    return ctx;
  }
}

export interface Stats {
  logged: number;
  billed: number;
  covered: number;
  unbilled: number;
  added: number;
}

/**
 * Zeroed counters, their fields already of the kind that holds any number. Minutes come from
 * divisions, so V8 stores them as doubles; counters made as `{ logged: 0, ... }` began as small
 * integers, changed kind during the first invoice, and the next invoice's fresh counters no longer
 * matched what the optimized pricing code expected of the run's `stats`: that code was thrown away
 * and compiled again at the start of the second invoice.
 */
export function newStats(): Stats {
  const s: Stats = { logged: 0.5, billed: 0.5, covered: 0.5, unbilled: 0.5, added: 0.5 };
  s.logged = s.billed = s.covered = s.unbilled = s.added = 0;
  return s;
}

/**
 * A job, as its time lines are found: by its number and a key (see TimeLines.line and LineIndex).
 * Keys >= 0 are a line identity -> the line its first piece opened; -1 - (template, day) -> the
 * line reading so, through which pieces that read the same share one line.
 */
export interface JobLines {
  readonly id: string;
  /** its number in the run (see LineIndex) */
  readonly index: number;
}

/** Everything that names the lines of one (kind, version, code, context): built once per run. */
export interface Pricing {
  readonly kind: 'labour' | 'minimum';
  readonly v: VersionCtx;
  readonly rate: Rate;
  readonly ctx: SpanCtx;
  readonly extraTags: readonly string[];
  /** interned kind|code|version|tags|extra tags */
  readonly family: number;
  /** templates by small key (modifier, seasonal, bucket): [small, template, ...], a few per pricing */
  templates: (number | Template)[] | undefined;
}

const MOD_INDEX: Record<ModName, number> = { holiday: 1, weekend: 2, 'after-hours': 3, overtime: 4, 'outside-access': 5 };
const MODS = 6;
const WARRANTY = 0;
const CASH = 1;
const bank = (i: number): number => 2 + 2 * i;
const uplift = (i: number): number => 3 + 2 * i;

type PieceMods = Pick<Piece, 'mod' | 'seasonal'>;

export const warrantyTag = (w: WarrantyRef): string => warrantyLabourTag(w.hit.pattern);
const warrantyRef = (w: WarrantyRef): string => `entitlements.warranty[${w.hit.index}]`;
export const modTag = (p: PieceMods): string | undefined => (p.mod ? modWords(p.mod.name, p.mod.mult) : undefined);
export const seasTag = (seasonal: Seasonal | undefined): string | undefined => (seasonal ? seasonalTag(seasonal.mult, seasonal.from, seasonal.to) : undefined);

export interface TimeLinesShape {
  /** first local day number a time line can have, and how many days from there */
  firstDay: number;
  days: number;
  /** 1 + the longest seasonal list of any version */
  seasons: number;
  /** the most prepaid banks of any version */
  banks: number;
  /** how many entries will be priced (sizes the line index) */
  entries: number;
}

const NO_TAGS: readonly string[] = [];

export class TimeLines {
  /** family ids: minimum top-ups by joined key, labour by tags, code and version (see labourFamily) */
  private readonly families = new Map<string, number>();
  private readonly labour = new Map<string, { code: string; version: number; id: number }[]>();
  private count = 0;
  private readonly pricings = new Map<VersionCtx, Map<Rate, Map<SpanCtx, Pricing>>>();
  private readonly buckets: number;
  private readonly small: number;
  /** texts that name a modifier, a seasonal rule, a rate: built once, not once per line */
  private readonly modTexts = new Map<string, Map<number, string>>();
  private readonly seasTexts = new Map<Seasonal, string>();
  private readonly rateRefs = new Map<Rate, string>();
  /** a job's time lines by identity (>= 0) and by reading (< 0): see JobLines */
  private readonly index: LineIndex;

  constructor(
    private readonly book: LineBook,
    private readonly banks: PrepaidBanks | undefined,
    private readonly stats: Stats,
    private readonly shape: TimeLinesShape,
  ) {
    this.buckets = 2 + 2 * shape.banks;
    this.small = MODS * shape.seasons * this.buckets;
    this.index = new LineIndex(2 * shape.entries);
  }

  /** Gives the line index back (see LineIndex.release): no piece is priced after this. */
  release(): void {
    this.index.release();
  }

  /** The pricing of `kind` work on `rate` under `v` in `ctx`; labour without extra tags is memoized. */
  pricing(kind: 'labour' | 'minimum', v: VersionCtx, rate: Rate, ctx: SpanCtx, extraTags: readonly string[] = NO_TAGS): Pricing {
    const memo = kind === 'labour' && extraTags.length === 0;
    if (memo && ctx.scope) return this.scopedPricing(v, rate, ctx);
    if (memo) {
      const hit = this.pricings.get(v)?.get(rate)?.get(ctx);
      if (hit) return hit;
    }
    const family = memo ? this.labourFamily(rate.code, v.version, ctxKey(ctx)) : this.family(`${kind}\u0001${rate.code}\u0001${v.version}\u0001${ctxKey(ctx)}\u0001${extraTags.join('|')}`);
    const p: Pricing = { kind, v, rate, ctx, extraTags, family, templates: undefined };
    if (memo) {
      innerMap(innerMap(this.pricings, v), rate).set(ctx, p);
    }
    return p;
  }

  /**
   * Labour in a scoped context (capped visits': their lines carry the visit's count as a prefix and
   * their templates are interned apart). Its pricings and families live on the context: families
   * by code and version, as labourFamily would intern them, without joining its tags into a key
   * string and hashing it into the invoice-wide maps.
   */
  private scopedPricing(v: VersionCtx, rate: Rate, ctx: SpanCtx): Pricing {
    const list = ctx.pricings;
    let family = -1;
    if (list) {
      for (let i = 0; i < list.length; i++) {
        const p = list[i]!;
        if (p.v === v && p.rate === rate) return p;
        if (p.rate.code === rate.code && p.v.version === v.version) family = p.family;
      }
    }
    const p: Pricing = { kind: 'labour', v, rate, ctx, extraTags: NO_TAGS, family: family >= 0 ? family : this.count++, templates: undefined };
    if (list) list.push(p);
    else ctx.pricings = [p];
    return p;
  }

  /** Families are interned by kind|code|version|tags|extra tags: what a line's identity names. */
  private family(key: string): number {
    let id = this.families.get(key);
    if (id === undefined) this.families.set(key, (id = this.count++));
    return id;
  }

  /**
   * The family of labour without extra tags, interned by its parts (tags, code, version) rather than
   * by a joined string: a month has a context per capped visit, and each would cost a new string.
   */
  private labourFamily(code: string, version: number, tagsKey: string): number {
    let list = this.labour.get(tagsKey);
    if (!list) this.labour.set(tagsKey, (list = []));
    // A context prices one or two codes: a short list beats two more maps per context.
    for (let i = 0; i < list.length; i++) if (list[i]!.code === code && list[i]!.version === version) return list[i]!.id;
    const id = this.count++;
    list.push({ code, version, id });
    return id;
  }

  /**
   * `logged` (+`round`) minutes of work on `day`, drawn first from prepaid banks, then billed.
   * Under warranty everything is covered and no bank is drawn. `entry`: the number of the time
   * entry `source` is, or -1 (see LineBook.addTime).
   */
  price(pr: Pricing, job: JobLines, siteId: string | undefined, p: PieceMods, day: LocalDay, logged: number, round: number, source: string | readonly string[], entry: number, prepaid: boolean, prefix?: string): void {
    const total = logged + round;
    const small = ((p.mod ? MOD_INDEX[p.mod.name] : 0) * this.shape.seasons + (p.seasonal ? p.seasonal.index + 1 : 0)) * this.buckets;
    if (pr.ctx.warranty) {
      this.book.addTime(this.line(pr, job, siteId, p, day, small + WARRANTY, prefix), source, total, round, entry);
      this.stats.covered += logged;
      return;
    }
    // Logged minutes are drawn before the increment's added minutes, which come last in time.
    let loggedLeft = logged;
    let roundLeft = round;
    if (prepaid && this.banks) {
      // Indexed, not for-of: an iterator per piece is garbage a month makes 100,000 times.
      const draws = this.banks.draw(pr.v, pr.rate.code, day.date, total);
      for (let k = 0; k < draws.length; k++) {
        const d = draws[k]!;
        const l = Math.min(loggedLeft, d.minutes);
        const rr = Math.min(roundLeft, d.minutes - l);
        loggedLeft -= l;
        roundLeft -= rr;
        this.stats.covered += l;
        this.book.addTime(this.line(pr, job, siteId, p, day, small + bank(d.index), prefix), source, d.minutes, rr, entry);
        if (p.mod && upliftPrice(pr.rate, p)) this.book.addTime(this.line(pr, job, siteId, p, day, small + uplift(d.index), prefix), source, d.minutes, rr, entry);
      }
    }
    const cash = loggedLeft + roundLeft;
    if (cash > 0) {
      this.book.addTime(this.line(pr, job, siteId, p, day, small + CASH, prefix), source, cash, roundLeft, entry);
      this.stats.billed += loggedLeft;
    }
  }

  /**
   * The line of this identity on the job: found by number, opened (or joined to an equal one) on
   * first use. `prefix` opens the rule of a new line (a capped visit's count: see LineBook); work
   * in one context on one job and day always has the same prefix.
   */
  private line(pr: Pricing, job: JobLines, siteId: string | undefined, p: PieceMods, day: LocalDay, small: number, prefix: string | undefined): LineNo {
    const offset = day.num - this.shape.firstDay;
    if (!(offset >= 0 && offset < this.shape.days)) throw new RangeError(`internal: time line date ${day.date} outside the days rated`);
    const key = (pr.family * this.small + small) * this.shape.days + offset;
    const index = this.index;
    let a = index.get(job.index, key);
    if (a >= 0) return a;
    let tpl: Template | undefined;
    const known = pr.templates;
    if (known) for (let i = 0; i < known.length; i += 2) if (known[i] === small) tpl = known[i + 1] as Template;
    if (!tpl) {
      tpl = this.book.template(this.describe(pr, p, small % this.buckets), pr.ctx.scope);
      if (known) known.push(small, tpl);
      else pr.templates = [small, tpl];
    }
    const readsSo = -1 - (tpl.id * this.shape.days + offset);
    a = index.get(job.index, readsSo);
    if (a < 0) {
      a = this.book.openTime(tpl, job.id, siteId, day.date, prefix);
      index.add(job.index, readsSo, a);
    }
    index.add(job.index, key, a);
    return a;
  }

  /** modTag, once per modifier name and multiplier (a piece's modifier is a new object). */
  private modText(p: PieceMods): string | undefined {
    const mod = p.mod;
    if (!mod) return undefined;
    return cached(innerMap(this.modTexts, mod.name), mod.mult, () => modTag(p)!);
  }

  /** seasTag, once per seasonal rule. */
  private seasText(seasonal: Seasonal | undefined): string | undefined {
    if (!seasonal) return undefined;
    let text = this.seasTexts.get(seasonal);
    if (text === undefined) this.seasTexts.set(seasonal, (text = seasTag(seasonal)!));
    return text;
  }

  /** "rates.CODE", once per rate. */
  private rateRef(rate: Rate): string {
    let text = this.rateRefs.get(rate);
    if (text === undefined) this.rateRefs.set(rate, (text = `rates.${rate.code}`));
    return text;
  }

  /** What a line of this bucket says and costs. */
  private describe(pr: Pricing, p: PieceMods, bucket: number): LineTemplate {
    const { kind, v, rate, ctx, extraTags } = pr;
    const label = kind === 'minimum' ? minimumDescription(rate.name) : rate.name;
    if (bucket === WARRANTY) {
      const w = ctx.warranty!;
      return hourLine(pr, kind, label, true, ruleText([...ctx.tags, ...extraTags, warrantyTag(w), modTag(p), seasTag(p.seasonal)], v.label, warrantyRef(w)), fullPrice(rate, p));
    }
    if (bucket === CASH) {
      return hourLine(pr, kind, label, false, tagsRuleText(ctx.tags, extraTags, this.modText(p), this.seasText(p.seasonal), v.label, this.rateRef(rate)), fullPrice(rate, p));
    }
    const index = (bucket - 2) >> 1;
    if (bucket === bank(index)) {
      const b = v.contract.entitlements.prepaidHours[index]!;
      return hourLine(
        pr,
        kind,
        prepaidDescription(label),
        true,
        ruleText([...ctx.tags, ...extraTags, prepaidBankTag(index + 1, b.hours, b.from, b.until), seasTag(p.seasonal)], v.label, `entitlements.prepaidHours[${index}]`),
        basePrice(rate, p),
      );
    }
    const mod = p.mod!;
    return hourLine(
      pr,
      'uplift',
      upliftDescription(rate.name, mod.name),
      false,
      ruleText([...ctx.tags, upliftTag(mod.name, mod.mult), seasTag(p.seasonal)], v.label, modifierRef(mod.name)),
      upliftPrice(rate, p)!,
    );
  }
}

function hourLine(pr: Pricing, kind: LineTemplate['kind'], description: string, covered: boolean, rule: string, price: Ratio): LineTemplate {
  return { kind, code: pr.rate.code, description, unit: 'hour', covered, rule, version: pr.v.version, price };
}
