/** /import: the card's title and the files it read. */
export const repliesImport = {
  'replies-import.title': '{dry, select, yes {Import: dry run} other {Import}}',
  'replies-import.file': '{name}: {kind}, {rows, plural, other {{rows} rows}}',
  'replies-import.counts': '{new} new, {changed} changed, {unchanged} unchanged{removed, select, 0 {} other {, {removed} removed}}',
  'replies-import.dry-run': 'Dry run: {what}. Nothing was written; run again without --dry-run to import.',
  'replies-import.nothing': 'Nothing to change: {what}.',
  'replies-import.imported': 'Imported: {what}.',
  'replies-import.created': '{id} {dry, select, yes {would be} other {is}} created from template {template} (version 1, from {from})',
  'replies-import.amended': '{id} {dry, select, yes {would be} other {is}} amended: version {fromVersion} -> {version}, in force from {from} ({summary})',
  'replies-import.where': '{file}{line, select, none {} other { line {line}}}',
  'replies-import.change': '{where}: {what} {action, select, new {new} changed {changed} removed {removed} other {{action}}}{fields, select, none {} other {: {fields}}}',
  'replies-import.field': '{field} {from} -> {to}',
  'replies-import.empty': '(empty)',
  'replies-import.more': '... and {n} more',
  'replies-import.note': 'note: {note}',
  /** what an import changes in a contract, one part per row: "LYO-2 new", "HVAC-LAB price, name", "terms fee" */
  'replies-import.summary.part': '{kind, select, contracts {terms} other {{key}}} {action, select, new {new} removed {removed} other {{fields}}}',
  'replies-import.summary.more': '{list}; and {n} more',
  'replies-import.summary.none': 'no change',
} as const;
