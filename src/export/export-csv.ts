/**
 * Spreadsheets out: contracts, sites, the rate library, parts price lists and people, with exactly
 * the columns the importer reads and the same cell text it compares, so exporting, editing a few
 * cells and importing again changes those cells and nothing else (and an untouched export imports
 * as "unchanged"). Every cell goes through csv-safe.ts.
 */
import { asc } from 'drizzle-orm';
import { contracts, people } from '../../db/schema.js';
import type { Ctx } from '../context.js';
import { findContract, getVersion } from '../contracts/store.js';
import { invalid } from '../errors.js';
import { requireRole } from '../auth.js';
import type { Contract } from '../rules/contract-types.js';
import { ENTITY_KINDS, type Entity, type EntityKind } from '../import/entities.js';
import { COLUMNS, IMPORT_KINDS, type ImportKind } from '../import/kinds.js';
import { contractCells } from '../import/plan-contracts.js';
import { personCells, personFields, PEOPLE_EXPORT_COLUMNS } from '../import/plan-people.js';
import { toSafeCsv, type Cell } from './csv-safe.js';
import { t } from '../i18n/t.js';

export interface ExportInput {
  kind: ImportKind;
  /** only this contract (all contracts when absent; ignored for people) */
  contract?: string;
  delimiter?: ',' | ';';
}

export interface ExportResult {
  fileName: string;
  csv: string;
  rows: number;
}

export async function exportCsv(ctx: Ctx, input: ExportInput): Promise<ExportResult> {
  if (!(IMPORT_KINDS as readonly string[]).includes(input.kind)) throw invalid(t('errors-teams.export-what', { kinds: IMPORT_KINDS.join(', ') }));
  if (input.kind === 'people') {
    // E-mails and chat ids are personal data: the same people who may import them.
    requireRole(ctx, ['admin'], 'export-people');
    const rows = await ctx.db.select().from(people).orderBy(asc(people.id));
    const table = rows.map((r) => personCells(personFields(r)));
    return done('people.csv', PEOPLE_EXPORT_COLUMNS, table.map((t) => PEOPLE_EXPORT_COLUMNS.map((c) => t[c])), input);
  }
  // The newest version, amendments not yet in force included: the one a re-import amends.
  const list: Contract[] = [];
  if (input.contract) {
    const row = await findContract(ctx.db, input.contract);
    list.push((await getVersion(ctx.db, row.id, row.currentVersion)).contract);
  } else {
    for (const r of await ctx.db.select().from(contracts).orderBy(asc(contracts.id))) list.push((await getVersion(ctx.db, r.id, r.currentVersion)).contract);
  }
  const base = input.contract ? `${list[0]!.id}-${input.kind}` : input.kind;
  if (input.kind === 'contracts') {
    const cols = COLUMNS.contracts.map((c) => c.name);
    return done(`${base}.csv`, cols, list.map((c) => cols.map((k) => contractCells(c)[k])), input);
  }
  const ek = ENTITY_KINDS[input.kind] as unknown as EntityKind<Entity>;
  const cols = ['contract', ...ek.columns.map((c) => c.name)];
  const rows: Cell[][] = [];
  for (const c of list) {
    const items = (input.kind === 'rates' ? c.rates : input.kind === 'sites' ? c.sites : c.parts) as Entity[];
    for (const item of items) rows.push([c.id, ...ek.columns.map((col) => col.show(item))]);
  }
  return done(`${base}.csv`, cols, rows, input);
}

function done(fileName: string, columns: string[], rows: Cell[][], input: ExportInput): ExportResult {
  // The BOM makes Excel on Windows read accents (Réparation, Müller) as UTF-8; the importer drops it.
  return { fileName, csv: toSafeCsv(columns, rows, { delimiter: input.delimiter ?? ',', bom: true }), rows: rows.length };
}
