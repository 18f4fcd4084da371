/**
 * A person's export as the two files chat hands over: JSON (the export as the API gives it) and
 * CSV (one row per field: table, row id, field, value). Both pass the redaction boundary like the
 * API's answer, and are written under ATTACHMENTS_DIR/exports.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Ctx } from '../context.js';
import { toSafeCsv, type Cell } from '../export/csv-safe.js';
import { loadRedactor } from '../privacy/redactor.js';
import { stampWritten } from '../privacy/file-retention.js';
import type { PersonExport } from './export-person.js';

export interface ExportFiles {
  json: string;
  csv: string;
}

const cell = (v: unknown): Cell => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : (v as Cell));

/** The export as CSV: `table,row,field,value`, the person first, then every table in export order. */
export function exportCsv(data: PersonExport): string {
  const rows: Cell[][] = [];
  for (const [table, list] of Object.entries(data.tables)) {
    for (const [i, r] of list.entries()) {
      const row = r.id === undefined ? String(i + 1) : String(r.id as string | number);
      for (const [field, v] of Object.entries(r)) rows.push([table, row, field, cell(v)]);
    }
  }
  rows.push(['locations', '', 'stored', data.locations]);
  return toSafeCsv(['table', 'row', 'field', 'value'], rows, { bom: true });
}

export async function writeExportFiles(ctx: Ctx, data: PersonExport): Promise<ExportFiles> {
  const redacted = (await loadRedactor(ctx.db)).json(JSON.parse(JSON.stringify(data)) as PersonExport);
  const stamp = data.exportedAt.toISOString().replace(/[:.]/g, '-');
  const dir = join(ctx.services.attachmentsDir, 'exports');
  mkdirSync(dir, { recursive: true });
  const base = join(dir, `person-${data.person.id}-${stamp}`);
  const files = { json: `${base}.json`, csv: `${base}.csv` };
  writeFileSync(files.json, `${JSON.stringify(redacted, null, 2)}\n`, { mode: 0o600 });
  writeFileSync(files.csv, exportCsv(redacted), { mode: 0o600 });
  stampWritten(ctx, files.json, files.csv);
  return files;
}
