/**
 * Rows of contracts, sites, rates and parts files -> for each contract they touch, the terms it
 * would have after the import, checked by the contract loader, and what changed row by row.
 * Nothing is written here; import-csv.ts writes the plan (create or amend) or shows it (dry run).
 *
 * A contracts row maps to a whole contract this way (docs/import.md):
 * - an existing contract: its current terms, with the row's columns replacing customer name,
 *   currency, term, fee, team and home time zone;
 * - a new contract: the current terms of the `template` contract (calendars, SLA, rates, parts,
 *   modifiers, approvals, checklists, message templates, redaction), minus what belongs to the
 *   template's customer (contacts, sites, recurring visits, prepaid hours and warranties), plus the
 *   row; its sites come from a sites file imported with it.
 */
import { DateTime } from 'luxon';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { contracts, contractVersions } from '../../db/schema.js';
import { closest } from '../rules/closest.js';
import type { Ctx } from '../context.js';
import { firstZone } from '../contracts/save-terms.js';
import { getVersion } from '../contracts/store.js';
import { parseContract } from '../rules/contract-schema.js';
import { phraseText } from '../contracts/problem-text.js';
import { readerDate } from '../i18n/format.js';
import { t } from '../i18n/t.js';
import type { Contract } from '../rules/contract-types.js';
import { asTyped, readDateCell, readEnumCell, readIdCell, readMoneyCell, readNumberCell, readZoneCell, type Read } from './cells.js';
import type { CsvRow, CsvTable, ImportProblem } from './csv-read.js';
import { decimalText, diffEntity, ENTITY_KINDS, cellProblem, requiredProblem, type Column, type Entity, type EntityKind, type ListKind } from './entities.js';
import type { ImportKind } from './kinds.js';

export interface FieldChange {
  field: string;
  from: string;
  to: string;
}

export interface RowChange {
  file: string;
  /** undefined for an item removed because the file left it out (replace mode) */
  line?: number;
  kind: ImportKind;
  contract?: string;
  key: string;
  action: 'new' | 'changed' | 'unchanged' | 'removed';
  fields: FieldChange[];
}

export interface ContractPlan {
  id: string;
  action: 'create' | 'amend' | 'none';
  /** the version the import starts from (amend) */
  fromVersion?: number;
  /** the version it writes (create: 1, amend: next) */
  version?: number;
  effectiveFrom?: string;
  template?: string;
  raw: Record<string, unknown>;
  /** what the import changes, in English, for the stored reason of the version it writes */
  summary: string;
}

interface Header {
  id: string;
  customer: string;
  currency: string;
  start: string;
  end: string;
  renewal: string;
  noticeDays: number;
  fee: number;
  team: string;
  timezone: string;
}

const HEADER_COLUMNS: Column<Header>[] = [
  { name: 'id', show: (h) => h.id, ref: true },
  { name: 'customer', show: (h) => h.customer },
  { name: 'currency', show: (h) => h.currency },
  { name: 'start', show: (h) => h.start },
  { name: 'end', show: (h) => h.end },
  { name: 'renewal', show: (h) => h.renewal },
  { name: 'notice days', show: (h) => String(h.noticeDays) },
  { name: 'fee', show: (h) => decimalText(h.fee) },
  { name: 'team', show: (h) => h.team },
  { name: 'timezone', show: (h) => h.timezone },
];

export function headerOf(c: Contract): Header {
  return {
    id: c.id,
    customer: c.customer.name,
    currency: c.currency,
    start: c.term.start,
    end: c.term.end,
    renewal: c.term.renewal,
    noticeDays: c.term.noticeDays,
    fee: c.fee.amount,
    team: c.team,
    timezone: firstZone(c),
  };
}

/** The cells a contracts export writes for a contract (the same text the import compares). */
export function contractCells(c: Contract): Record<string, string> {
  const h = headerOf(c);
  return { ...Object.fromEntries(HEADER_COLUMNS.map((col) => [col.name, col.show(h)])), template: '' };
}

type Raw = Record<string, unknown>;

interface Draft {
  id: string;
  isNew: boolean;
  fromVersion?: number;
  currentEffective?: string;
  /** normalized terms now (existing) or the template's (new): what rows merge over */
  baseline: Contract;
  raw: Raw;
  template?: string;
  touched: boolean;
  /** terms path -> the row that wrote it, so loader problems point at a line */
  origin: Map<string, { file: string; line: number }>;
  headerRow?: { file: string; line: number };
  /** every file that touched it, for problems no row explains */
  files: Set<string>;
  notes: string[];
  /** a row for it was refused: checking the whole contract would report what that row caused */
  rowFailed?: boolean;
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const lower = (s: string) => s.toLowerCase();

export interface PlanOptions {
  effectiveFrom?: string;
  replace?: boolean;
  /** lock the contract rows: the plan is about to be written */
  lock: boolean;
}

export interface ContractsPlan {
  changes: RowChange[];
  contracts: ContractPlan[];
  problems: ImportProblem[];
  notes: string[];
}

export async function planContracts(ctx: Ctx, tables: { kind: Exclude<ImportKind, 'people'>; table: CsvTable }[], opts: PlanOptions): Promise<ContractsPlan> {
  const problems: ImportProblem[] = [];
  const changes: RowChange[] = [];
  const drafts = new Map<string, Draft>();
  const allIds = (await ctx.db.select({ id: contracts.id }).from(contracts)).map((r) => r.id);
  const rowProblem = (file: string, line: number, message: string) => problems.push({ file, line, message });

  // Lock every existing contract any file names, in id order (two imports never deadlock), so a
  // concurrent amendment cannot slip between reading the terms and writing the next version.
  if (opts.lock) {
    const named = new Set<string>();
    for (const { kind, table } of tables) for (const r of table.rows) named.add(lower(r.cells.get(kind === 'contracts' ? 'id' : 'contract') ?? ''));
    const ids = allIds.filter((id) => named.has(lower(id))).sort();
    if (ids.length) await ctx.db.select({ id: contracts.id }).from(contracts).where(inArray(contracts.id, ids)).orderBy(contracts.id).for('update');
  }

  async function existingDraft(typed: string): Promise<Draft | undefined> {
    const hit = drafts.get(lower(typed));
    if (hit) return hit;
    const [row] = await ctx.db.select().from(contracts).where(sql`lower(${contracts.id}) = lower(${typed})`);
    if (!row) return undefined;
    const [v] = await ctx.db
      .select({ terms: contractVersions.terms, effectiveFrom: contractVersions.effectiveFrom })
      .from(contractVersions)
      .where(and(eq(contractVersions.contractId, row.id), eq(contractVersions.version, row.currentVersion)));
    const current = await getVersion(ctx.db, row.id, row.currentVersion);
    const d: Draft = {
      id: row.id,
      isNew: false,
      fromVersion: row.currentVersion,
      currentEffective: v!.effectiveFrom,
      baseline: current.contract,
      raw: clone(v!.terms as Raw),
      touched: false,
      origin: new Map(),
      files: new Set(),
      notes: [],
    };
    drafts.set(lower(row.id), d);
    return d;
  }

  /** `no contract X (did you mean …?)` */
  const noContract = (typed: string) => {
    const near = closest(typed, [...allIds, ...[...drafts.values()].filter((d) => d.isNew).map((d) => d.id)]);
    return t('import-rows.no-contract', { id: typed, near: near.length ? near.join(', ') : 'none' });
  };
  const unknownContract = (typed: string) => t('import-rows.add-contract', { missing: noContract(typed) });

  // Contracts first: a new contract must exist before its sites and rates can land on it.
  for (const { table } of tables.filter((t) => t.kind === 'contracts')) {
    const seen = new Map<string, number>();
    for (const row of table.rows) {
      const idRead = readIdCell(row.cells.get('id') ?? '');
      if (!idRead.ok) {
        rowProblem(table.file, row.line, cellProblem('id', idRead.error));
        continue;
      }
      const typed = idRead.value;
      if (seen.has(lower(typed))) {
        rowProblem(table.file, row.line, t('import-rows.contract-twice', { id: typed, line: String(seen.get(lower(typed))) }));
        continue;
      }
      seen.set(lower(typed), row.line);
      let d = await existingDraft(typed);
      if (d && d.isNew) {
        rowProblem(table.file, row.line, t('import-rows.contract-created-by', { id: typed, file: String(d.headerRow?.file), line: String(d.headerRow?.line) }));
        continue;
      }
      const templateCell = row.cells.get('template') ?? '';
      if (!d) {
        if (!templateCell) {
          rowProblem(table.file, row.line, t('import-rows.needs-template', { id: typed }));
          continue;
        }
        const tpl = await existingDraft(templateCell);
        if (!tpl || tpl.isNew) {
          rowProblem(table.file, row.line, cellProblem('template', noContract(templateCell)));
          continue;
        }
        d = newFromTemplate(typed, tpl);
        drafts.set(lower(typed), d);
      } else if (templateCell && lower(templateCell) !== lower(d.id)) {
        d.notes.push(t('import-rows.note-template-ignored', { id: d.id, template: templateCell }));
      }
      d.headerRow = { file: table.file, line: row.line };
      d.files.add(table.file);
      const before = headerOf(d.baseline);
      if (d.isNew) before.id = d.id;
      const merged = mergeHeader(row, before, d.isNew);
      if (merged.errors.length) {
        for (const e of merged.errors) rowProblem(table.file, row.line, e);
        d.rowFailed = true;
        continue;
      }
      const after = merged.value!;
      const fields = diffEntity(HEADER_COLUMNS, before, after).filter((f) => f.field !== 'id');
      const action = d.isNew ? 'new' : fields.length ? 'changed' : 'unchanged';
      changes.push({ file: table.file, line: row.line, kind: 'contracts', contract: d.id, key: d.id, action, fields: d.isNew ? [] : fields });
      if (d.isNew || fields.length) {
        writeHeader(d, before, after);
        d.touched = true;
      }
      for (const p of ['id', 'customer', 'currency', 'term', 'fee', 'team']) d.origin.set(p, { file: table.file, line: row.line });
    }
  }

  for (const { kind, table } of tables) {
    if (kind === 'contracts') continue;
    const ek = ENTITY_KINDS[kind] as unknown as EntityKind<Entity>;
    const seen = new Map<string, number>();
    const listed = new Map<Draft, Set<string>>();
    const rowsOf: { d: Draft; key: string; line: number }[] = [];
    for (const row of table.rows) {
      const c = readIdCell(row.cells.get('contract') ?? '');
      const k = readIdCell(row.cells.get(ek.key) ?? '');
      if (!c.ok) rowProblem(table.file, row.line, cellProblem('contract', c.error));
      if (!k.ok) rowProblem(table.file, row.line, cellProblem(ek.key, k.error));
      if (!c.ok || !k.ok) continue;
      const d = await existingDraft(c.value);
      if (!d) {
        rowProblem(table.file, row.line, unknownContract(c.value));
        continue;
      }
      const dupKey = `${lower(d.id)}\u0000${lower(k.value)}`;
      if (seen.has(dupKey)) {
        rowProblem(table.file, row.line, t('import-rows.item-twice', { contract: d.id, key: k.value, line: String(seen.get(dupKey)) }));
        continue;
      }
      seen.set(dupKey, row.line);
      d.files.add(table.file);
      if (!listed.has(d)) listed.set(d, new Set());
      listed.get(d)!.add(lower(k.value));
      const list = entitiesOf(d.baseline, kind, d.isNew);
      const existing = list.find((e) => lower(ek.keyOf(e)) === lower(k.value));
      const merged = ek.merge(row, existing, { calendar: defaultCalendar(d.raw) });
      if (merged.errors.length) {
        for (const e of merged.errors) rowProblem(table.file, row.line, e);
        d.rowFailed = true;
        continue;
      }
      const value = merged.value!;
      const fields = existing ? diffEntity(ek.columns, existing, value) : [];
      const action = d.isNew || !existing ? 'new' : fields.length ? 'changed' : 'unchanged';
      changes.push({ file: table.file, line: row.line, kind, contract: d.id, key: ek.keyOf(value), action, fields: d.isNew ? [] : fields });
      if (action !== 'unchanged') {
        upsertRaw(d.raw, kind, ek.key, ek.toRaw(value));
        d.touched = true;
      }
      rowsOf.push({ d, key: ek.keyOf(value), line: row.line });
    }
    if (opts.replace) {
      for (const [d, keys] of listed) {
        for (const e of entitiesOf(d.baseline, kind, d.isNew)) {
          const key = ek.keyOf(e);
          if (keys.has(lower(key))) continue;
          removeRaw(d.raw, kind, ek.key, key);
          d.touched = true;
          changes.push({ file: table.file, kind, contract: d.id, key, action: 'removed', fields: [] });
        }
      }
    }
    // Indexes are final only after removals: point each list entry at the row that wrote it.
    for (const r of rowsOf) {
      const i = rawList(r.d.raw, kind).findIndex((x) => lower(String(x[ek.key] ?? '')) === lower(r.key));
      if (i >= 0) r.d.origin.set(`${kind}[${i}]`, { file: table.file, line: r.line });
    }
  }

  const plans: ContractPlan[] = [];
  const notes: string[] = [];
  for (const d of drafts.values()) {
    notes.push(...d.notes);
    if (d.rowFailed) continue;
    if (!d.touched) {
      if (d.headerRow || d.files.size) plans.push({ id: d.id, action: 'none', fromVersion: d.fromVersion, raw: d.raw, summary: 'no change' });
      continue;
    }
    if (d.isNew && rawList(d.raw, 'sites').length === 0) {
      rowProblem(d.headerRow!.file, d.headerRow!.line, t('import-rows.no-sites', { id: d.id }));
      continue;
    }
    const parsed = parseContract(d.raw);
    if (!parsed.ok) {
      for (const p of parsed.problems) {
        const at = originOf(d.origin, p.path);
        const problem = p.path ? t('contract-checks.at-path', { path: readablePath(d.raw, p.path), why: phraseText(p.why) }) : phraseText(p.why);
        if (at) problems.push({ file: at.file, line: at.line, message: t('contract-checks.import-invalid', { contract: d.id, problem }) });
        else problems.push({ file: [...d.files][0] ?? '', message: t('contract-checks.import-invalid-after', { contract: d.id, problem }) });
      }
      continue;
    }
    const sameAsNow = !d.isNew && JSON.stringify(parsed.contract) === JSON.stringify(d.baseline);
    const mine = changes.filter((c) => c.contract === d.id && c.action !== 'unchanged');
    const summary = summarise(mine);
    if (sameAsNow) {
      plans.push({ id: d.id, action: 'none', fromVersion: d.fromVersion, raw: d.raw, summary: 'no change' });
      continue;
    }
    if (d.isNew) {
      const effectiveFrom = opts.effectiveFrom ?? parsed.contract.term.start;
      plans.push({ id: d.id, action: 'create', version: 1, effectiveFrom, template: d.template, raw: d.raw, summary });
      notes.push(t('import-rows.note-from-template', { id: d.id, template: String(d.template) }));
      continue;
    }
    const today = DateTime.fromJSDate(ctx.clock.now()).setZone(firstZone(d.baseline)).toISODate()!;
    const effectiveFrom = opts.effectiveFrom ?? (today < d.currentEffective! ? d.currentEffective! : today);
    if (effectiveFrom < d.currentEffective!) {
      problems.push({
        file: [...d.files][0] ?? '',
        message: t('import-rows.effective-before', { id: d.id, date: readerDate(effectiveFrom), version: String(d.fromVersion), current: readerDate(d.currentEffective!) }),
      });
      continue;
    }
    plans.push({ id: d.id, action: 'amend', fromVersion: d.fromVersion, version: d.fromVersion! + 1, effectiveFrom, raw: d.raw, summary });
  }
  return { changes, contracts: plans.sort((a, b) => a.id.localeCompare(b.id)), problems, notes };
}

function newFromTemplate(id: string, tpl: Draft): Draft {
  const raw = clone(tpl.raw);
  raw.id = id;
  raw.customer = { name: (raw.customer as Raw | undefined)?.name ?? id };
  raw.sites = [];
  delete raw.recurring;
  delete raw.entitlements;
  return {
    id,
    isNew: true,
    baseline: { ...tpl.baseline, id, sites: [], recurring: [], entitlements: { prepaidHours: [], warranty: [] }, customer: { name: tpl.baseline.customer.name, contacts: [] } },
    raw,
    template: tpl.id,
    touched: true,
    origin: new Map(),
    files: new Set(),
    notes: [],
  };
}

function entitiesOf(c: Contract, kind: ListKind, isNew: boolean): Entity[] {
  if (kind === 'sites') return isNew ? [] : c.sites;
  return kind === 'rates' ? c.rates : c.parts;
}

function rawList(raw: Raw, kind: ListKind): Raw[] {
  const l = raw[kind];
  return Array.isArray(l) ? (l as Raw[]) : [];
}

function upsertRaw(raw: Raw, kind: ListKind, key: string, entry: Raw): void {
  const list = rawList(raw, kind);
  const i = list.findIndex((x) => lower(String(x[key] ?? '')) === lower(String(entry[key])));
  if (i >= 0) list[i] = entry;
  else list.push(entry);
  raw[kind] = list;
}

function removeRaw(raw: Raw, kind: ListKind, key: string, value: string): void {
  raw[kind] = rawList(raw, kind).filter((x) => lower(String(x[key] ?? '')) !== lower(value));
}

/** A new site's calendar when the row names none: the contract's first calendar with hours. */
function defaultCalendar(raw: Raw): string | undefined {
  const cals = Object.entries((raw.calendars as Raw | undefined) ?? {});
  return (cals.find(([, v]) => v !== '24x7') ?? cals[0])?.[0];
}

/** `rates[2].overrun` -> `rates[HVAC-PM].overrun`: a row's key, not a position nobody sees. */
function readablePath(raw: Raw, path: string): string {
  return path.replace(/^(rates|sites|parts)\[(\d+)\]/, (whole, kind: ListKind, i: string) => {
    const key = ENTITY_KINDS[kind].key;
    const v = rawList(raw, kind)[Number(i)]?.[key];
    return typeof v === 'string' ? `${kind}[${v}]` : whole;
  });
}

/** `rates[2].overrun` -> the row of `rates[2]`; `term.end` -> the contracts row. */
function originOf(origin: Map<string, { file: string; line: number }>, path: string) {
  let p = path;
  for (;;) {
    const hit = origin.get(p);
    if (hit) return hit;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    if (cut <= 0) return undefined;
    p = p.slice(0, cut);
  }
}

function mergeHeader(row: CsvRow, before: Header, isNew: boolean): { value?: Header; errors: string[] } {
  const errors: string[] = [];
  const h = { ...before };
  const take = <T>(col: string, read: (c: string) => Read<T>, set: (v: T) => void, requiredWhenNew = false) => {
    const cell = row.cells.get(col);
    if (cell === undefined || cell === '') {
      if (isNew && requiredWhenNew) errors.push(requiredProblem(col, 'contract', cell === undefined));
      return;
    }
    const r = read(cell);
    if (r.ok) set(r.value);
    else errors.push(cellProblem(col, r.error));
  };
  const text = (c: string): Read<string> => ({ ok: true, value: c.replace(/\s+/g, ' ').trim() });
  take('customer', text, (v) => (h.customer = v), true);
  take('currency', (c) => (/^[A-Za-z]{3}$/.test(c.trim()) ? { ok: true, value: c.trim().toUpperCase() } : { ok: false, error: t('import-rows.not-currency', { cell: asTyped(c) }) }), (v) => (h.currency = v));
  take('start', readDateCell, (v) => (h.start = v), true);
  take('end', readDateCell, (v) => (h.end = v), true);
  take('renewal', (c) => readEnumCell(c, ['auto', 'manual'] as const), (v) => (h.renewal = v));
  take('notice days', (c) => readNumberCell(c, { min: 0, whole: true }), (v) => (h.noticeDays = v));
  take('fee', (c) => {
    const r = readMoneyCell(c);
    return r.ok ? { ok: true, value: r.value.minor } : r;
  }, (v) => (h.fee = v));
  take('team', (c) => (/^\S+$/.test(c.trim()) ? { ok: true, value: c.trim() } : { ok: false, error: t('import-rows.not-team-id', { cell: asTyped(c) }) }), (v) => (h.team = v));
  take('timezone', readZoneCell, (v) => (h.timezone = v));
  return errors.length ? { errors } : { value: h, errors };
}

function writeHeader(d: Draft, before: Header, after: Header): void {
  const raw = d.raw;
  raw.customer = { ...((raw.customer as Raw | undefined) ?? {}), name: after.customer };
  raw.currency = after.currency;
  raw.term = { ...((raw.term as Raw | undefined) ?? {}), start: after.start, end: after.end, renewal: after.renewal, noticeDays: after.noticeDays };
  raw.fee = { ...((raw.fee as Raw | undefined) ?? {}), amount: decimalText(after.fee) };
  raw.team = after.team;
  if (after.timezone !== before.timezone) {
    // The home zone is the first zoned calendar's; every calendar in that zone moves with it, a
    // calendar deliberately kept in another zone (a remote help desk) stays where it is.
    const cals = (raw.calendars as Record<string, unknown> | undefined) ?? {};
    for (const cal of Object.values(cals)) {
      if (cal && typeof cal === 'object' && (cal as Raw).timezone === before.timezone) (cal as Raw).timezone = after.timezone;
    }
    d.origin.set('calendars', d.headerRow!);
  }
}

/** What the import changes, in English: the stored reason of the version it writes (data, not a reply). */
function summarise(list: RowChange[]): string {
  const parts = list.map((c) => {
    const what = c.kind === 'contracts' ? 'terms' : c.key;
    if (c.action === 'changed') return `${what} ${c.fields.map((f) => f.field).join(', ')}`;
    return `${what} ${c.action}`;
  });
  const text = parts.slice(0, 12).join('; ');
  return parts.length > 12 ? `${text}; and ${parts.length - 12} more` : text || 'no change';
}
