/**
 * An import result in plain lines, for the CLI and the chat card: counts, then what each contract
 * gets (created, amended to version N from a date), then every row that is not unchanged. Worded
 * in the reader's language (the CLI and the API read English).
 */
import { t } from '../i18n/t.js';
import { readerDate } from '../i18n/format.js';
import type { ImportResult } from './import-csv.js';

export function headline(r: ImportResult): string {
  const c = r.counts;
  const what = t('replies-import.counts', { new: String(c.new), changed: String(c.changed), unchanged: String(c.unchanged), removed: String(c.removed) });
  if (r.dryRun) return t('replies-import.dry-run', { what });
  return c.new + c.changed + c.removed === 0 ? t('replies-import.nothing', { what }) : t('replies-import.imported', { what });
}

export function contractLines(r: ImportResult): string[] {
  const dry = r.dryRun ? 'yes' : 'no';
  return r.contracts
    .filter((c) => c.action !== 'none')
    .map((c) =>
      c.action === 'create'
        ? t('replies-import.created', { id: c.id, dry, template: c.template ?? '', from: c.effectiveFrom ? readerDate(c.effectiveFrom) : '' })
        : t('replies-import.amended', { id: c.id, dry, fromVersion: String(c.fromVersion), version: String(c.version), from: c.effectiveFrom ? readerDate(c.effectiveFrom) : '', summary: contractSummary(r, c.id) }),
    );
}

/** The most parts a contract's summary lists before "and N more". */
const SUMMARY_PARTS = 12;

/** What the import changes in one contract, a part per changed row: "LYO-2 new; HVAC-LAB price". */
function contractSummary(r: ImportResult, contract: string): string {
  const parts = r.changes
    .filter((c) => c.contract === contract && c.action !== 'unchanged')
    .map((c) => t('replies-import.summary.part', { kind: c.kind, key: c.key, action: c.action, fields: c.fields.map((f) => f.field).join(', ') }));
  if (parts.length === 0) return t('replies-import.summary.none');
  const list = parts.slice(0, SUMMARY_PARTS).join(t('common.list-sep'));
  return parts.length > SUMMARY_PARTS ? t('replies-import.summary.more', { list, n: String(parts.length - SUMMARY_PARTS) }) : list;
}

export function changeLines(r: ImportResult, limit = Infinity): string[] {
  const empty = t('replies-import.empty');
  const lines = r.changes
    .filter((c) => c.action !== 'unchanged')
    .map((c) => {
      const where = t('replies-import.where', { file: c.file, line: c.line === undefined ? 'none' : String(c.line) });
      const what = c.kind === 'contracts' || c.kind === 'people' ? c.key : `${c.contract} ${c.key}`;
      const fields = c.fields.length ? c.fields.map((f) => t('replies-import.field', { field: f.field, from: f.from || empty, to: f.to || empty })).join(', ') : 'none';
      return t('replies-import.change', { where, what, action: c.action, fields });
    });
  return lines.length > limit ? [...lines.slice(0, limit), t('replies-import.more', { n: String(lines.length - limit) })] : lines;
}

export function summaryLines(r: ImportResult): string[] {
  return [headline(r), ...contractLines(r), ...changeLines(r), ...r.notes.map((n) => t('replies-import.note', { note: n }))];
}
