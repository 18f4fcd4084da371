/** Cells and files as spreadsheets really write them; pure, no database. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalDecimal, readDateCell, readDurationCell, readMoneyCell } from '../../src/import/cells.js';
import { readCsv } from '../../src/import/csv-read.js';
import { COLUMNS } from '../../src/import/kinds.js';
import { isNeutralised, neutraliseCell, toSafeCsv } from '../../src/export/csv-safe.js';

describe('money cells', () => {
  it('reads decimal commas, thousands separators and currency signs', () => {
    const minor = (s: string) => {
      const r = readMoneyCell(s);
      return r.ok ? r.value.minor : r.error;
    };
    expect(minor('85,00')).toBe(8500);
    expect(minor('85.5')).toBe(8550);
    expect(minor('1 234,56')).toBe(123456);
    expect(minor('1.234,56')).toBe(123456);
    expect(minor('1,234.56')).toBe(123456);
    expect(minor("1'234.50")).toBe(123450);
    expect(minor('€ 85,00')).toBe(8500);
    expect(minor('1.234.567')).toBe(123456700);
    expect(minor('0')).toBe(0);
  });

  it('refuses what could mean two things, or is no amount', () => {
    const err = (s: string) => {
      const r = readMoneyCell(s);
      return r.ok ? 'accepted' : r.error;
    };
    expect(err('1,234')).toMatch(/more than 2 decimals.*write 1234/);
    expect(err('12.345')).toMatch(/more than 2 decimals/);
    expect(err('-5,00')).toMatch(/negative/);
    expect(err('abc')).toMatch(/not an amount/);
    expect(err('1,2,3.4,5')).toMatch(/not an amount/);
  });

  it('reads back any amount written with either decimal separator and any grouping', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999_999 }), fc.constantFrom(',', '.'), fc.boolean(), (minor, dec, group) => {
        const units = String(Math.floor(minor / 100));
        const grouped = group ? units.replace(/\B(?=(\d{3})+(?!\d))/g, dec === ',' ? '.' : ',') : units;
        const text = `${grouped}${dec}${String(minor % 100).padStart(2, '0')}`;
        const r = readMoneyCell(text);
        expect(r.ok && r.value.minor).toBe(minor);
      }),
    );
  });

  it('keeps the sign and the digits of plain decimals', () => {
    expect(canonicalDecimal('-0,5')).toBe('-0.5');
    expect(canonicalDecimal('007')).toBe('7');
    expect(canonicalDecimal('')).toBeUndefined();
  });
});

describe('durations and dates', () => {
  it('reads contract durations, clock times, decimal hours and bare minutes', () => {
    const m = (s: string) => {
      const r = readDurationCell(s);
      return r.ok ? r.value.text : r.error;
    };
    expect(m('15m')).toBe('15m');
    expect(m('1h30m')).toBe('1h30m');
    expect(m('1:30')).toBe('1h30m');
    expect(m('1,5h')).toBe('1h30m');
    expect(m('90')).toBe('1h30m');
    expect(m('2 hours')).toBe('2h');
    expect(m('0')).toMatch(/longer than 0m/);
    expect(m('soon')).toMatch(/not a duration/);
  });

  it('reads ISO and European dates, refuses a day/month that could be either', () => {
    const d = (s: string) => {
      const r = readDateCell(s);
      return r.ok ? r.value : r.error;
    };
    expect(d('2026-12-31')).toBe('2026-12-31');
    expect(d('31.12.2026')).toBe('2026-12-31');
    expect(d('31/12/2026')).toBe('2026-12-31');
    expect(d('03/04/2026')).toMatch(/could be 2026-04-03 or 2026-03-04/);
    expect(d('2026-02-30')).toMatch(/not a real date/);
  });
});

describe('reading a CSV file', () => {
  it('names unknown and missing columns, matching headers case-insensitively', () => {
    const r = readCsv({ name: 'rates.csv', data: 'CONTRACT,Prise,Colour\nACME-HVAC,1,red\n' }, COLUMNS.rates);
    expect(r.table).toBeUndefined();
    expect(r.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/unknown columns "Prise" \(did you mean price\?\), "Colour"\. Known columns: contract, code, name/),
      'missing column: code',
    ]);
  });

  it('accepts other spellings of a column, skips # columns, and finds rows after quoted line breaks', () => {
    const text = 'Contract ID;Task code;Unit price;#notes\r\nA;X;"1,00";"two\r\nlines"\r\n\r\nA;Y;2;\r\n;;;\r\n';
    const r = readCsv({ name: 'rates.csv', data: Buffer.from(`\uFEFF${text}`) }, COLUMNS.rates);
    expect(r.problems).toEqual([]);
    expect(r.table!.delimiter).toBe(';');
    expect(r.table!.rows.map((x) => [x.line, x.cells.get('code'), x.cells.get('price')])).toEqual([
      [2, 'X', '1,00'],
      [5, 'Y', '2'],
    ]);
  });

  it('reads UTF-16 and Windows-1252 exports', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('contract\tsku\tname\r\nA\tB\tCafé\r\n', 'utf16le')]);
    expect(readCsv({ name: 'parts.csv', data: utf16 }, COLUMNS.parts).table!.rows[0]!.cells.get('name')).toBe('Café');
    const cp1252 = Buffer.from('contract,sku,name\nA,B,Caf\xe9\n', 'latin1');
    const t = readCsv({ name: 'parts.csv', data: cp1252 }, COLUMNS.parts).table!;
    expect([t.encoding, t.rows[0]!.cells.get('name')]).toEqual(['windows-1252', 'Café']);
  });

  it('points at the line where an unclosed quote opens', () => {
    const r = readCsv({ name: 'rates.csv', data: 'contract,code,name\nA,B,ok\nA,C,"broken\nA,D,x\n' }, COLUMNS.rates);
    expect(r.problems).toEqual([expect.objectContaining({ line: 3, message: expect.stringMatching(/never closed/) })]);
  });
});

describe('CSV export safety', () => {
  it('puts an apostrophe before every cell a spreadsheet would run', () => {
    for (const bad of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx', '=HYPERLINK("http://evil","click")']) expect(neutraliseCell(bad)).toBe(`'${bad}`);
    for (const fine of ['85.00', '-36.00', '+5', 'Corrective labour', '', "it's"]) expect(neutraliseCell(fine)).toBe(fine);
    expect(neutraliseCell(null)).toBe('');
  });

  it('writes whole files safe, and the importer takes the apostrophe off again', () => {
    const csv = toSafeCsv(['name', 'price'], [['=cmd|"/c calc"!A1', -5], ['ok', '12.50']], { bom: true });
    expect(csv.startsWith('\uFEFFname,price\r\n')).toBe(true);
    expect(csv).toContain(`"'=cmd|""/c calc""!A1",-5\r\n`);
    for (const line of csv.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean)) {
      for (const cell of line.split(',')) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+@\t\r]|^-(?!\d)/);
    }
    expect(isNeutralised(`'=cmd`)).toBe(true);
    expect(isNeutralised(`'-5`)).toBe(false);
  });
});
