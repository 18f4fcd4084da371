/** /import: the card's title and the files it read. */
export const repliesImport = {
  'replies-import.title': '{dry, select, yes {Import: dry run} other {Import}}',
  'replies-import.file': '{name}: {kind}, {rows, plural, other {{rows} rows}}',
} as const;
