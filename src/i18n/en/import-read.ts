/**
 * Why an import cannot read a CSV file (src/import/csv-read.ts, import-csv.ts), and where: each
 * problem after its file and line. What csv-parse itself says is in `library-errors.csv.*`.
 */
export const importRead = {
  'import-read.at-line': '{file}{line, select, none {} other { line {line}}}: {message}',
  'import-read.kind-unknown': 'which kind of file is it? Say one of {kinds} (or name the file rates.csv, sites.csv...)',
  'import-read.empty': 'the file is empty; expected a header row and one row per item',
  'import-read.no-rows': 'the file has a header but no rows',
  'import-read.unnamed-column': 'column {n} has values but no header; name it, or start its header with # to skip it',
  'import-read.same-column': 'columns {first} ("{firstHeader}") and {second} ("{secondHeader}") are both {name}',
  'import-read.unknown-column': '"{header}"',
  'import-read.unknown-column-near': '"{header}" (did you mean {suggestion}?)',
  'import-read.unknown-columns':
    'unknown {n, plural, one {column} other {columns}} {headers}. Known columns: {known}. Start a header with # to keep a column the import should skip.',
  'import-read.missing-columns': 'missing {n, plural, one {column} other {columns}}: {names}',
  'import-read.not-utf8': '{file} is not UTF-8; it was read as Windows-1252 (check accented letters)',
} as const;
