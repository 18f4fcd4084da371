/**
 * CSV that a spreadsheet opens as data, never as code. A cell a spreadsheet would read as a
 * formula (starting with = + - @, a tab or a carriage return: OWASP "CSV injection") gets a leading
 * apostrophe. Plain numbers are left alone: a negative amount like -36.00 must import as a number,
 * and a cell that is only a number cannot run anything.
 */
import { stringify } from 'csv-stringify/sync';

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

export function neutralise(cell: string): string {
  return FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell;
}

export function toCsv(columns: string[], rows: (string | number | boolean | null | undefined)[][]): string {
  const clean = rows.map((r) => r.map((v) => neutralise(v === null || v === undefined ? '' : String(v))));
  // CRLF: what RFC 4180 and spreadsheet imports expect.
  return stringify([columns, ...clean], { record_delimiter: '\r\n' });
}

/** Minor units as a plain decimal for finance tools: 123456 -> "1234.56", -3600 -> "-36.00". */
export function decimal(minor: number): string {
  const neg = minor < 0;
  const abs = Math.abs(minor);
  return `${neg ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
