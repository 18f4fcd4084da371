/**
 * The parts of a contract that spreadsheets carry as one row each: rate codes, sites and parts.
 * For each: how a row merges into the entity the contract has now (columns the file lacks keep
 * their value; an empty cell unsets an optional field and keeps a required one), how the entity is
 * shown in a cell (the same text the export writes, so export -> import compares equal), and how
 * it is written back into the contract's terms.
 */
import { t } from '../i18n/t.js';
import type { Part, Rate, RateUnit, Site } from '../rules/contract-types.js';
import { readBoolCell, readDurationCell, readEnumCell, readIdCell, readMoneyCell, readNumberCell, type Read } from './cells.js';
import type { CsvRow } from './csv-read.js';

export type ListKind = 'rates' | 'sites' | 'parts';
export type Entity = Rate | Site | Part;

/** Minor units -> "85.00", the decimal text exports write. */
export function decimalText(minor: number): string {
  const neg = minor < 0;
  const abs = Math.abs(minor);
  return `${neg ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const mins = (m: number | undefined) => (m === undefined ? '' : fmtMinutes(m));
function fmtMinutes(m: number): string {
  const h = Math.floor(m / 60);
  const r = m % 60;
  return h === 0 ? `${r}m` : r === 0 ? `${h}h` : `${h}h${String(r).padStart(2, '0')}m`;
}
const bool = (b: boolean | undefined) => (b ? 'true' : 'false');

export interface Column<N> {
  /** canonical column name (kinds.ts) */
  name: string;
  show(n: N): string;
  /** references compare case-insensitively: the contract resolves them that way */
  ref?: boolean;
}

export interface Defaults {
  /** the calendar a new site gets when the row names none */
  calendar?: string;
}

export interface EntityKind<N extends Entity> {
  kind: ListKind;
  /** the column and terms field that identify an entity within its contract */
  key: 'code' | 'id' | 'sku';
  noun: RequiredFor;
  columns: Column<N>[];
  keyOf(n: N): string;
  /** merge a row over the entity (undefined: a new one); errors name the column, in the reader's language */
  merge(row: CsvRow, existing: N | undefined, defaults: Defaults): { value?: N; errors: string[] };
  toRaw(n: N): Record<string, unknown>;
}

/** The noun a required cell's problem names (`import-rows.required`). */
export type RequiredFor = 'code' | 'site' | 'part' | 'contract' | 'person';

/** A problem with one column of a row: `price: "abc" is not an amount`. */
export function cellProblem(column: string, why: string): string {
  return t('import-rows.cell', { column, why });
}

/** `column: is required for a new site`, and why when the file lacks the column. */
export function requiredProblem(column: string, noun: RequiredFor, absent: boolean): string {
  return cellProblem(column, t('import-rows.required', { noun, absent: absent ? 'yes' : 'no' }));
}

/** Reads a row's cells with the shared empty-cell rule. */
class RowReader {
  readonly errors: string[] = [];
  /** the columns already refused, so a required one is not also called missing */
  private readonly refused = new Set<string>();
  constructor(
    private row: CsvRow,
    private isNew: boolean,
    private noun: RequiredFor,
  ) {}

  /** `column: why` for this row. */
  refuse(column: string, why: string): void {
    this.refused.add(column);
    this.errors.push(cellProblem(column, why));
  }

  failed(column: string): boolean {
    return this.refused.has(column);
  }

  /** undefined: column absent (keep); null: empty cell (unset); else the value */
  get<T>(column: string, read: (cell: string) => Read<T>): T | null | undefined {
    if (!this.row.cells.has(column)) return undefined;
    const cell = this.row.cells.get(column)!;
    if (cell === '') return null;
    const r = read(cell);
    if (!r.ok) {
      this.refuse(column, r.error);
      return undefined;
    }
    return r.value;
  }

  /** A required field: empty or absent keeps the current value; a new entity must have it. */
  required<T>(column: string, current: T | undefined, read: (cell: string) => Read<T>): T | undefined {
    const v = this.get(column, read);
    if (v !== undefined && v !== null) return v;
    if (current !== undefined) return current;
    if (this.isNew && !this.failed(column)) {
      this.refused.add(column);
      this.errors.push(requiredProblem(column, this.noun, !this.row.cells.has(column)));
    }
    return undefined;
  }

  /** An optional field: empty unsets, absent keeps. */
  optional<T>(column: string, current: T | undefined, read: (cell: string) => Read<T>): T | undefined {
    const v = this.get(column, read);
    if (v === null) return undefined;
    return v === undefined ? current : v;
  }
}

// A quoted cell may hold line breaks: a name reads as one line, an address keeps its lines as ", ".
const text = (cell: string): Read<string> => ({ ok: true, value: cell.replace(/\s*[\r\n]+\s*/g, ' ').trim() });
const address = (cell: string): Read<string> => ({ ok: true, value: cell.split(/\s*[\r\n]+\s*/).filter(Boolean).join(', ').trim() });
const money = (cell: string): Read<number> => {
  const r = readMoneyCell(cell);
  return r.ok ? { ok: true, value: r.value.minor } : r;
};
const duration = (cell: string): Read<number> => {
  const r = readDurationCell(cell);
  return r.ok ? { ok: true, value: r.value.minutes } : r;
};
const UNITS: readonly RateUnit[] = ['hour', 'visit', 'each', 'day', 'km'];
const PERIODS = ['month', 'quarter', 'year'] as const;

export const rateKind: EntityKind<Rate> = {
  kind: 'rates',
  key: 'code',
  noun: 'code',
  keyOf: (r) => r.code,
  columns: [
    { name: 'code', show: (r) => r.code, ref: true },
    { name: 'name', show: (r) => r.name },
    { name: 'unit', show: (r) => r.unit },
    { name: 'price', show: (r) => decimalText(r.price) },
    { name: 'covered', show: (r) => bool(r.covered) },
    { name: 'includes', show: (r) => mins(r.includes) },
    { name: 'overrun', show: (r) => r.overrun ?? '', ref: true },
    { name: 'out of scope', show: (r) => bool(r.outOfScope) },
    { name: 'billing increment', show: (r) => mins(r.billing?.increment) },
    { name: 'billing minimum', show: (r) => mins(r.billing?.minimum) },
  ],
  merge(row, existing) {
    const rr = new RowReader(row, !existing, 'code');
    const code = existing?.code ?? row.cells.get('code')!;
    const name = rr.required('name', existing?.name, text);
    const unit = rr.required('unit', existing?.unit, (c) => readEnumCell(c, UNITS));
    const price = rr.required('price', existing?.price, money);
    const covered = rr.optional('covered', existing?.covered, readBoolCell) ?? false;
    const includes = rr.optional('includes', existing?.includes, duration);
    const overrun = rr.optional('overrun', existing?.overrun, readIdCell);
    const outOfScope = rr.optional('out of scope', existing?.outOfScope, readBoolCell) ?? false;
    const increment = rr.optional('billing increment', existing?.billing?.increment, duration);
    const minimum = rr.optional('billing minimum', existing?.billing?.minimum, duration);
    if (rr.errors.length || name === undefined || unit === undefined || price === undefined) return { errors: rr.errors };
    const r: Rate = { code, name, unit, price, covered, outOfScope };
    if (includes !== undefined) r.includes = includes;
    if (overrun !== undefined) r.overrun = overrun;
    if (increment !== undefined || minimum !== undefined) {
      r.billing = {};
      if (increment !== undefined) r.billing.increment = increment;
      if (minimum !== undefined) r.billing.minimum = minimum;
    }
    return { value: r, errors: [] };
  },
  toRaw(r) {
    const out: Record<string, unknown> = { code: r.code, name: r.name, unit: r.unit, price: decimalText(r.price) };
    if (r.covered) out.covered = true;
    if (r.includes !== undefined) out.includes = fmtMinutes(r.includes);
    if (r.overrun !== undefined) out.overrun = r.overrun;
    if (r.outOfScope) out.outOfScope = true;
    if (r.billing && (r.billing.increment !== undefined || r.billing.minimum !== undefined)) {
      const b: Record<string, string> = {};
      if (r.billing.increment !== undefined) b.increment = fmtMinutes(r.billing.increment);
      if (r.billing.minimum !== undefined) b.minimum = fmtMinutes(r.billing.minimum);
      out.billing = b;
    }
    return out;
  },
};

export const siteKind: EntityKind<Site> = {
  kind: 'sites',
  key: 'id',
  noun: 'site',
  keyOf: (s) => s.id,
  columns: [
    { name: 'id', show: (s) => s.id, ref: true },
    { name: 'name', show: (s) => s.name },
    { name: 'address', show: (s) => s.address },
    { name: 'calendar', show: (s) => s.calendar, ref: true },
    { name: 'access', show: (s) => s.access ?? '', ref: true },
    { name: 'tier', show: (s) => s.tier ?? '', ref: true },
    { name: 'cap visits', show: (s) => (s.caps ? String(s.caps.visits) : '') },
    { name: 'cap per', show: (s) => s.caps?.per ?? '' },
    { name: 'travel km', show: (s) => (s.travelKm === undefined ? '' : String(s.travelKm)) },
  ],
  merge(row, existing, defaults) {
    const rr = new RowReader(row, !existing, 'site');
    const id = existing?.id ?? row.cells.get('id')!;
    const name = rr.required('name', existing?.name, text);
    const addr = rr.required('address', existing?.address, address);
    const calendar = rr.required('calendar', existing?.calendar ?? defaults.calendar, readIdCell);
    const access = rr.optional('access', existing?.access, readIdCell);
    const tier = rr.optional('tier', existing?.tier, readIdCell);
    const visits = rr.optional('cap visits', existing?.caps?.visits, (c) => readNumberCell(c, { min: 1, whole: true }));
    let per = rr.optional('cap per', existing?.caps?.per, (c) => readEnumCell(c, PERIODS));
    const travelKm = rr.optional('travel km', existing?.travelKm, (c) => readNumberCell(c, { min: 0 }));
    if (visits !== undefined && per === undefined && !rr.failed('cap per')) rr.refuse('cap per', t('import-rows.cap-per'));
    if (visits === undefined) per = undefined;
    if (rr.errors.length || name === undefined || addr === undefined || calendar === undefined) return { errors: rr.errors };
    const s: Site = { id, name, address: addr, calendar };
    if (access !== undefined) s.access = access;
    if (tier !== undefined) s.tier = tier;
    if (visits !== undefined && per !== undefined) s.caps = { visits, per };
    if (travelKm !== undefined) s.travelKm = travelKm;
    return { value: s, errors: [] };
  },
  toRaw(s) {
    const out: Record<string, unknown> = { id: s.id, name: s.name, address: s.address, calendar: s.calendar };
    if (s.access !== undefined) out.access = s.access;
    if (s.tier !== undefined) out.tier = s.tier;
    if (s.caps) out.caps = { visits: s.caps.visits, per: s.caps.per };
    if (s.travelKm !== undefined) out.travelKm = s.travelKm;
    return out;
  },
};

export const partKind: EntityKind<Part> = {
  kind: 'parts',
  key: 'sku',
  noun: 'part',
  keyOf: (p) => p.sku,
  columns: [
    { name: 'sku', show: (p) => p.sku, ref: true },
    { name: 'name', show: (p) => p.name },
    { name: 'price', show: (p) => decimalText(p.price) },
  ],
  merge(row, existing) {
    const rr = new RowReader(row, !existing, 'part');
    const sku = existing?.sku ?? row.cells.get('sku')!;
    const name = rr.required('name', existing?.name, text);
    const price = rr.required('price', existing?.price, money);
    if (rr.errors.length || name === undefined || price === undefined) return { errors: rr.errors };
    return { value: { sku, name, price }, errors: [] };
  },
  toRaw: (p) => ({ sku: p.sku, name: p.name, price: decimalText(p.price) }),
};

export const ENTITY_KINDS = { rates: rateKind, sites: siteKind, parts: partKind } as const;

/** Field-by-field differences, as the dry run shows them: `price: 85.00 -> 90.00`. */
export function diffEntity<N>(columns: Column<N>[], before: N, after: N): { field: string; from: string; to: string }[] {
  const out: { field: string; from: string; to: string }[] = [];
  for (const c of columns) {
    const a = c.show(before);
    const b = c.show(after);
    if (c.ref ? a.toLowerCase() !== b.toLowerCase() : a !== b) out.push({ field: c.name, from: a, to: b });
  }
  return out;
}

/** For the import key cell: an id as contracts write them. */
export const readKeyCell = readIdCell;
