/**
 * Invoice CSV: the shared writer (src/export/csv-safe.ts) neutralises spreadsheet formulas the same
 * way for every export, so a negative amount like -36.00 still imports as a number and a cell
 * starting with = + - @, a tab or a carriage return gets a leading apostrophe. This module only adds
 * what invoices need on top: money as plain decimals.
 */
import { type Cell, neutraliseCell, toSafeCsv } from '../export/csv-safe.js';

/** One text cell made safe to open in a spreadsheet (the shared rule). */
export function neutralise(cell: string): string {
  return neutraliseCell(cell);
}

/** Header and rows, every cell neutralised, CRLF line ends. */
export function toCsv(columns: string[], rows: Cell[][]): string {
  return toSafeCsv(columns, rows);
}

/** Minor units as a plain decimal for finance tools: 123456 -> "1234.56", -3600 -> "-36.00". */
export function decimal(minor: number): string {
  const neg = minor < 0;
  const abs = Math.abs(minor);
  return `${neg ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
