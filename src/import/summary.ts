/**
 * An import result in plain lines, for the CLI and the chat card: counts, then what each contract
 * gets (created, amended to version N from a date), then every row that is not unchanged.
 */
import type { ImportResult } from './import-csv.js';

export function headline(r: ImportResult): string {
  const c = r.counts;
  const what = `${c.new} new, ${c.changed} changed, ${c.unchanged} unchanged${c.removed ? `, ${c.removed} removed` : ''}`;
  if (r.dryRun) return `Dry run: ${what}. Nothing was written; run again without --dry-run to import.`;
  return c.new + c.changed + c.removed === 0 ? `Nothing to change: ${what}.` : `Imported: ${what}.`;
}

export function contractLines(r: ImportResult): string[] {
  const verb = r.dryRun ? 'would be' : 'is';
  return r.contracts
    .filter((c) => c.action !== 'none')
    .map((c) =>
      c.action === 'create'
        ? `${c.id} ${verb} created from template ${c.template} (version 1, from ${c.effectiveFrom})`
        : `${c.id} ${verb} amended: version ${c.fromVersion} -> ${c.version}, in force from ${c.effectiveFrom} (${c.summary})`,
    );
}

export function changeLines(r: ImportResult, limit = Infinity): string[] {
  const lines = r.changes
    .filter((c) => c.action !== 'unchanged')
    .map((c) => {
      const where = `${c.file}${c.line === undefined ? '' : ` line ${c.line}`}`;
      const what = c.kind === 'contracts' || c.kind === 'people' ? c.key : `${c.contract} ${c.key}`;
      const detail = c.fields.length ? `: ${c.fields.map((f) => `${f.field} ${f.from || '(empty)'} -> ${f.to || '(empty)'}`).join(', ')}` : '';
      return `${where}: ${what} ${c.action}${detail}`;
    });
  return lines.length > limit ? [...lines.slice(0, limit), `... and ${lines.length - limit} more`] : lines;
}

export function summaryLines(r: ImportResult): string[] {
  return [headline(r), ...contractLines(r), ...changeLines(r), ...r.notes.map((n) => `note: ${n}`)];
}
