/**
 * The one CSV writer for everything the bot exports (rate library, sites, parts, people, invoices):
 * a cell a spreadsheet would read as a formula gets a leading apostrophe, so opening an export can
 * never run `=HYPERLINK(...)` or `=cmd|...` that a customer typed into a job summary or a rate name
 * (OWASP "CSV injection"). The triggers are `=`, `+`, `-`, `@`, tab and carriage return at the
 * start of a cell.
 *
 * A cell that is only a number (`-36.00`, `+5`) is left alone: spreadsheets read it as a number,
 * it cannot run anything, and finance imports need negative amounts as numbers.
 *
 * The importer (src/import/csv-read.ts) undoes exactly this: a leading apostrophe followed by one
 * of the triggers is dropped, so export -> import is a round trip.
 */
import { stringify } from 'csv-stringify/sync';

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(?:[.,]\d+)?$/;

export type Cell = string | number | boolean | null | undefined;

/** One cell made safe to open in Excel, LibreOffice or Google Sheets. */
export function neutraliseCell(value: Cell): string {
  const s = value === null || value === undefined ? '' : String(value);
  return FORMULA_START.test(s) && !PLAIN_NUMBER.test(s) ? `'${s}` : s;
}

/** True when the importer should drop the apostrophe the exporter added. */
export function isNeutralised(cell: string): boolean {
  return cell.length > 1 && cell[0] === "'" && FORMULA_START.test(cell.slice(1)) && !PLAIN_NUMBER.test(cell.slice(1));
}

export interface SafeCsvOptions {
  /** `;` for spreadsheets set to a European locale; default `,` */
  delimiter?: ',' | ';';
  /** prefix a UTF-8 BOM so Excel on Windows reads accents right; default false (some finance imports choke on it) */
  bom?: boolean;
}

/** A whole CSV file: header row, then the rows, every cell neutralised, CRLF line ends (RFC 4180). */
export function toSafeCsv(columns: string[], rows: Cell[][], opts: SafeCsvOptions = {}): string {
  const body = stringify([columns.map(neutraliseCell), ...rows.map((r) => r.map(neutraliseCell))], {
    delimiter: opts.delimiter ?? ',',
    record_delimiter: '\r\n',
  });
  return (opts.bom ? '\uFEFF' : '') + body;
}
