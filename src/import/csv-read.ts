/**
 * A spreadsheet export -> header-checked rows with the line each row starts on. Handles what real
 * exports contain: a UTF-8 BOM (Excel's "CSV UTF-8"), UTF-16 (Excel's "Unicode text"), Windows-1252
 * (Excel's plain "CSV" on Windows), `;` or tab separators (European locales), quoted cells with
 * line breaks, blank lines and rows of empty cells at the end, and the apostrophe our own exports
 * put before a formula-like cell. Parsing is csv-parse's; this module adds the decoding, the
 * separator detection and the line numbers people need to find a row in their sheet.
 */
import { parse } from 'csv-parse/sync';
import { phraseText } from '../contracts/problem-text.js';
import { t } from '../i18n/t.js';
import { closest } from '../rules/closest.js';
import { csvCells, csvPhrase } from '../rules/library-errors.js';
import { isNeutralised } from '../export/csv-safe.js';
import { normHeader, type ColumnSpec } from './kinds.js';

export interface ImportProblem {
  file: string;
  /** the line the row starts on in the file (1 = the header) */
  line?: number;
  message: string;
}

export interface CsvRow {
  line: number;
  /** canonical column name -> trimmed cell; only columns the file has */
  cells: Map<string, string>;
}

export interface CsvTable {
  file: string;
  delimiter: string;
  encoding: 'utf-8' | 'utf-16' | 'windows-1252';
  /** canonical names of the columns the file has */
  columns: Set<string>;
  rows: CsvRow[];
  /** the header row as written */
  headers: string[];
}

/** Bytes -> text, the BOM dropped. Invalid UTF-8 is read as Windows-1252, which every byte is. */
export function decode(data: Buffer | string): { text: string; encoding: CsvTable['encoding'] } {
  if (typeof data === 'string') return { text: data.replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  if (data[0] === 0xff && data[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(data.subarray(2)), encoding: 'utf-16' };
  if (data[0] === 0xfe && data[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(data.subarray(2)), encoding: 'utf-16' };
  const body = data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? data.subarray(3) : data;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(body), encoding: 'windows-1252' };
  }
}

/** The separator of the header line: the most frequent of `,` `;` tab `|` outside quotes. */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0], ['|', 0]]);
  let inQuotes = false;
  for (const ch of text) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) {
      if ([...counts.values()].some((n) => n > 0)) break;
    } else if (!inQuotes && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

/** Byte offset -> 1-based line number, counting CRLF, LF and lone CR as one break each. */
function lineIndex(buf: Buffer): (offset: number) => number {
  const starts: number[] = [0];
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i];
    if (b === 0x0a || (b === 0x0d && buf[i + 1] !== 0x0a)) starts.push(i + 1);
  }
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

type Parsed = { record: string[]; info: { bytes: number } };

/** Offset of the quote left open at the end of the text, if any ("" inside quotes toggles twice). */
function unclosedQuoteAt(text: string): number | undefined {
  let open: number | undefined;
  for (let i = 0; i < text.length; i++) if (text[i] === '"') open = open === undefined ? i : undefined;
  return open;
}

export function readCsv(file: { name: string; data: Buffer | string }, spec: ColumnSpec[]): { table?: CsvTable; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const fail = (message: string, line?: number) => {
    problems.push({ file: file.name, ...(line === undefined ? {} : { line }), message });
    return { problems };
  };
  const { text, encoding } = decode(file.data);
  if (text.trim() === '') return fail(t('import-read.empty'));
  const delimiter = detectDelimiter(text);
  const buf = Buffer.from(text, 'utf8');
  const lineAt = lineIndex(buf);

  let records: Parsed[];
  try {
    records = parse(buf, { delimiter, info: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true }) as unknown as Parsed[];
  } catch (err) {
    const e = err as { code?: string; message?: string; lines?: number };
    const why = phraseText(csvPhrase(e));
    if (e.code === 'CSV_QUOTE_NOT_CLOSED') {
      // csv-parse names the end of the file; the mistake is where the quote opened.
      const at = unclosedQuoteAt(text);
      return fail(why, at === undefined ? e.lines : lineAt(Buffer.byteLength(text.slice(0, at))));
    }
    return fail(why, e.lines);
  }

  // Where each record starts: after the previous record's bytes and any blank lines csv-parse skipped.
  const startLine: number[] = [];
  let prevEnd = 0;
  for (const r of records) {
    let s = prevEnd;
    while (s < r.info.bytes && (buf[s] === 0x0a || buf[s] === 0x0d)) s++;
    startLine.push(lineAt(s));
    prevEnd = r.info.bytes;
  }

  const header = records[0]!.record.map((h) => h.trim());
  const byNorm = new Map<string, ColumnSpec>();
  for (const c of spec) for (const n of [c.name, ...(c.aliases ?? [])]) byNorm.set(normHeader(n), c);

  const colOf: (string | undefined)[] = [];
  const seen = new Map<string, number>();
  const unknown: string[] = [];
  header.forEach((h, i) => {
    // `#notes` columns stay in the sheet for people and are skipped here; so are unnamed, empty columns.
    if (h.startsWith('#') || h === '') {
      colOf.push(undefined);
      if (h === '' && records.slice(1).some((r) => (r.record[i] ?? '').trim() !== '')) {
        problems.push({ file: file.name, line: 1, message: t('import-read.unnamed-column', { n: String(i + 1) }) });
      }
      return;
    }
    const c = byNorm.get(normHeader(h));
    if (!c) {
      unknown.push(h);
      colOf.push(undefined);
      return;
    }
    if (seen.has(c.name)) {
      const first = seen.get(c.name)!;
      problems.push({ file: file.name, line: 1, message: t('import-read.same-column', { first: String(first + 1), firstHeader: header[first]!, second: String(i + 1), secondHeader: h, name: c.name }) });
      colOf.push(undefined);
      return;
    }
    seen.set(c.name, i);
    colOf.push(c.name);
  });
  const missing = spec.filter((c) => c.required && !seen.has(c.name)).map((c) => c.name);
  if (unknown.length) {
    const known = spec.map((c) => c.name);
    const described = unknown.map((u) => {
      const near = closest(u, known, 1);
      return near.length ? t('import-read.unknown-column-near', { header: u, suggestion: near[0]! }) : t('import-read.unknown-column', { header: u });
    });
    problems.push({
      file: file.name,
      line: 1,
      message: t('import-read.unknown-columns', { n: unknown.length, headers: described.join(', '), known: known.join(', ') }),
    });
  }
  if (missing.length) problems.push({ file: file.name, line: 1, message: t('import-read.missing-columns', { n: missing.length, names: missing.join(', ') }) });
  if (problems.length) return { problems };

  const rows: CsvRow[] = [];
  records.slice(1).forEach((r, k) => {
    const line = startLine[k + 1]!;
    const cells = r.record.map((v) => {
      const t = v.trim();
      return isNeutralised(t) ? t.slice(1) : t;
    });
    // A row of separators only (`;;;;`) is what a spreadsheet writes for a row it once formatted.
    if (cells.every((c) => c === '')) return;
    const extra = cells.slice(colOf.length).filter((c) => c !== '');
    if (extra.length) {
      problems.push({ file: file.name, line, message: phraseText(csvCells(cells.length, colOf.length, delimiter)) });
      return;
    }
    const map = new Map<string, string>();
    colOf.forEach((name, i) => {
      if (name) map.set(name, cells[i] ?? '');
    });
    rows.push({ line, cells: map });
  });
  if (problems.length) return { problems };
  if (!rows.length) return fail(t('import-read.no-rows'));
  return { table: { file: file.name, delimiter, encoding, columns: new Set(seen.keys()), rows, headers: header }, problems };
}
