/**
 * What a parser says when it refuses a contract's text, a template, a pattern or a CSV file
 * (src/rules/library-errors.ts reads each library's error into one of these keys; a contract's
 * problem or an import's line words it). `*.other` quotes the library's own words.
 */
export const libraryErrors = {
  'library-errors.yaml.no-colon': 'a key must be followed by ":" and its value',
  'library-errors.yaml.quote-not-closed': 'a quoted value is never closed (a {quote} is missing)',
  'library-errors.yaml.flow-comma': "a comma is missing between two items of {flow, select, map {a '{ … }' map} other {a [ … ] list}}",
  'library-errors.yaml.flow-colon-space': "a space is missing after a \":\" in {flow, select, map {a '{ … }' map} other {a [ … ] list}}",
  'library-errors.yaml.flow-not-closed':
    "{flow, select, map {a '{ … }' map} other {a [ … ] list}} is not closed with {close}, or its next lines are not indented more than its key",
  'library-errors.yaml.flow-extra-comma': "a comma too many in {flow, select, map {a '{ … }' map} other {a [ … ] list}}",
  'library-errors.yaml.comment-space': 'a # comment needs a space before it',
  'library-errors.yaml.sequence-dash': 'a list item is missing its "-"',
  'library-errors.yaml.indent-map': 'this field is not indented like the fields before it',
  'library-errors.yaml.indent-list': 'this list item is not indented like the items before it',
  'library-errors.yaml.indent': 'the indentation is wrong here',
  'library-errors.yaml.tab': 'a tab is used to indent; YAML indents with spaces only',
  'library-errors.yaml.block-in-flow': "a [ … ] list or a '{ … }' map cannot hold indented fields or \"-\" items (is a comma missing?)",
  'library-errors.yaml.key-one-line': 'a key must be on one line, followed by ":" (is a ":" missing, or an unquoted value running over two lines?)',
  'library-errors.yaml.nested-compact': 'a value on the same line as its key cannot hold another "key: value"; put the value in quotes, or the nested fields on lines of their own',
  'library-errors.yaml.block-key': 'a list cannot be a key',
  'library-errors.yaml.value-start': 'a value cannot start with {char} unless it is in quotes',
  'library-errors.yaml.text-after-value': 'unexpected text after a value (wrong indentation, or a missing ":"?)',
  'library-errors.yaml.unexpected': 'unexpected "{text}" here',
  'library-errors.yaml.documents': 'the file holds more than one document (a "---" line); a contract is one document',
  'library-errors.yaml.escape': '{escape} is not an escape a double-quoted value may hold (write \\\\ for a backslash, or use single quotes)',
  'library-errors.yaml.alias': 'the alias *{name} has no anchor &{name} before it',
  'library-errors.yaml.aliases': 'too many aliases (*name); the file is refused',
  'library-errors.yaml.tag': 'unknown tag {tag}',
  'library-errors.yaml.other': 'the YAML cannot be read here (the YAML reader says: "{said}")',

  'library-errors.json.end': 'the text ends before the JSON does (a closing bracket or quote is missing)',
  'library-errors.json.string-not-closed': 'a string is never closed (a " is missing)',
  'library-errors.json.control': 'a line break or a tab inside a string must be written \\n or \\t',
  'library-errors.json.escape': 'a backslash in a string starts no valid escape (write \\\\ for a backslash)',
  'library-errors.json.comma': 'a comma or {close} is missing after a value',
  'library-errors.json.name': 'a field name in double quotes is expected here (JSON allows no comma after the last item, and no unquoted names)',
  'library-errors.json.colon': 'a ":" is missing after the field name',
  'library-errors.json.after': 'unexpected text after the end of the JSON',
  'library-errors.json.number': 'not a valid number',
  'library-errors.json.unexpected': 'unexpected "{token}"',
  'library-errors.json.other': 'the JSON reader says: "{said}"',

  'library-errors.template.tag-not-closed': 'the tag {tag} at line {line}, column {column} of the template is never closed',
  'library-errors.template.section-not-closed': 'the section {open} at line {line}, column {column} of the template is never closed with {close}',
  'library-errors.template.section-crossed':
    '{closing} at line {line}, column {column} of the template closes another section while {open} (line {openLine}, column {openColumn}) is open; close it with {close} first',
  'library-errors.template.section-not-opened': '{close} at line {line}, column {column} of the template closes a section that was never opened',
  'library-errors.template.other': 'the template reader says: "{said}"',

  'library-errors.csv.quote-not-closed': 'a quoted cell starting here is never closed (a " is missing), so the rest of the file is one cell',
  'library-errors.csv.cells':
    'has {cells, plural, one {# cell} other {# cells}} but the header has {columns, plural, one {# column} other {# columns}} ({delimiter, select, tab {a tab} other {a "{delimiter}"}} inside a value must be in quotes)',
  'library-errors.csv.other': 'the file is not valid CSV (the CSV reader says: "{said}")',

  'library-errors.pattern.group-not-closed': 'a "(" is never closed',
  'library-errors.pattern.group-not-opened': 'a ")" closes no "("',
  'library-errors.pattern.nothing-to-repeat': '*, + or ? must follow something to repeat; write \\* for the character itself',
  'library-errors.pattern.class-not-closed': 'a "[" is never closed',
  'library-errors.pattern.trailing-backslash': 'it ends with a lone \\',
  'library-errors.pattern.count-order': "a repetition like '{2,5}' has its numbers the wrong way round",
  'library-errors.pattern.range-order': 'a range in [ ] goes backwards, like z-a',
  'library-errors.pattern.lone-brace': "a brace is not part of a repetition like '{2,5}'; write \\'{' for the character itself",
  'library-errors.pattern.group': 'a "(?" starts no known kind of group',
  'library-errors.pattern.group-name': 'the name of a named group must be letters and digits, between < and >',
  'library-errors.pattern.group-name-twice': 'two named groups have the same name',
  'library-errors.pattern.other': 'the regular expression reader says: "{said}"',

  'library-errors.rrule.other': 'the recurrence rule reader says: "{said}"',
} as const;
