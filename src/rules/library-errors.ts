/**
 * What the parsers a contract or an import goes through (yaml, JSON.parse, mustache, csv-parse,
 * RegExp, rrule) say when they refuse a text, as phrases: a `library-errors` catalog key and its
 * values, worded in the reader's language where they are shown (src/contracts/problem-text.ts).
 * Each library's error is read by its code (yaml, csv-parse) or by the shape of its message
 * (V8's JSON.parse and RegExp, mustache); one this module does not know becomes a generic
 * sentence with the library's own words quoted after it. Positions are data: a JSON or template
 * offset becomes a line and a column here. Pure: the catalog is only named (its key type).
 */
import type { MessageKey } from '../errors.js';
import type { Phrase, PhraseValue } from './contract-problem.js';

/** The keys of the `library-errors` catalog area, without the area. */
type LibraryKey = { [K in MessageKey]: K extends `library-errors.${infer S}` ? S : never }[MessageKey];

function lib(key: LibraryKey, values?: Record<string, PhraseValue>): Phrase {
  return values ? { key: `library-errors.${key}`, values } : { key: `library-errors.${key}` };
}

/** Text on one line, cut to `max` characters. */
function short(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** The library's own words, for the generic sentences that quote them. */
const said = (message: string) => short(message, 200);

/** 1-based line and column of an offset in a text; a CRLF counts as one break. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const breaks = before.match(/\r\n|\n|\r/g)?.length ?? 0;
  const lastBreak = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
  return { line: breaks + 1, column: before.length - lastBreak };
}

// ---------------------------------------------------------------------------------------------
// YAML (the `yaml` package): by error code, then by the message's shape within a code

type Shape = { codes?: readonly string[]; shape: RegExp; phrase: (m: RegExpExecArray) => Phrase };

const flow = (word: string | undefined) => (word === 'map' ? 'map' : 'list');

const YAML_SHAPES: readonly Shape[] = [
  { codes: ['MISSING_CHAR'], shape: /^Implicit map keys need to be followed by map values/, phrase: () => lib('yaml.no-colon') },
  { codes: ['MISSING_CHAR'], shape: /^Missing closing (["'])quote/, phrase: (m) => lib('yaml.quote-not-closed', { quote: m[1]! }) },
  { codes: ['MISSING_CHAR'], shape: /^Missing , (?:or : )?between flow (map|sequence) items/, phrase: (m) => lib('yaml.flow-comma', { flow: flow(m[1]) }) },
  { codes: ['MISSING_CHAR'], shape: /^Missing space after : in flow (map|sequence)/, phrase: (m) => lib('yaml.flow-colon-space', { flow: flow(m[1]) }) },
  { codes: ['MISSING_CHAR'], shape: /^Comments must be separated/, phrase: () => lib('yaml.comment-space') },
  { codes: ['MISSING_CHAR'], shape: /^Sequence item without - indicator/, phrase: () => lib('yaml.sequence-dash') },
  {
    codes: ['MISSING_CHAR', 'BAD_INDENT'],
    shape: /^Flow (map|sequence) (?:in block collection must be sufficiently indented and |must )end with an? ([}\]])/,
    phrase: (m) => lib('yaml.flow-not-closed', { flow: flow(m[1]), close: m[2]! }),
  },
  { codes: ['BAD_INDENT'], shape: /^All mapping items must start at the same column/, phrase: () => lib('yaml.indent-map') },
  { codes: ['BAD_INDENT'], shape: /^All sequence items must start at the same column/, phrase: () => lib('yaml.indent-list') },
  { codes: ['BAD_INDENT'], shape: /^/, phrase: () => lib('yaml.indent') },
  { codes: ['TAB_AS_INDENT'], shape: /^/, phrase: () => lib('yaml.tab') },
  { codes: ['BLOCK_IN_FLOW'], shape: /^/, phrase: () => lib('yaml.block-in-flow') },
  { codes: ['MULTILINE_IMPLICIT_KEY'], shape: /^/, phrase: () => lib('yaml.key-one-line') },
  { codes: ['BLOCK_AS_IMPLICIT_KEY'], shape: /^Nested mappings/, phrase: () => lib('yaml.nested-compact') },
  { codes: ['BLOCK_AS_IMPLICIT_KEY'], shape: /^/, phrase: () => lib('yaml.block-key') },
  { codes: ['BAD_SCALAR_START'], shape: /^Plain value cannot start with (?:reserved character|block scalar indicator) (.)$/, phrase: (m) => lib('yaml.value-start', { char: m[1]! }) },
  { codes: ['UNEXPECTED_TOKEN'], shape: /^Unexpected , in flow (map|sequence)/, phrase: (m) => lib('yaml.flow-extra-comma', { flow: flow(m[1]) }) },
  { codes: ['UNEXPECTED_TOKEN'], shape: /^Unexpected scalar at node end/, phrase: () => lib('yaml.text-after-value') },
  { codes: ['UNEXPECTED_TOKEN'], shape: /^Unexpected [\w-]+ token in YAML stream: ("(?:[^"\\]|\\.)*")$/, phrase: (m) => lib('yaml.unexpected', { text: short(JSON.parse(m[1]!) as string, 30) }) },
  { codes: ['MULTIPLE_DOCS'], shape: /^/, phrase: () => lib('yaml.documents') },
  { codes: ['BAD_DQ_ESCAPE'], shape: /^Invalid escape sequence (.+)$/, phrase: (m) => lib('yaml.escape', { escape: m[1]! }) },
  { codes: ['TAG_RESOLVE_FAILED'], shape: /^Unresolved tag: (.+)$/, phrase: (m) => lib('yaml.tag', { tag: m[1]! }) },
  // Thrown while building the values (no code): aliases.
  { shape: /^Unresolved alias \(the anchor must be set before the alias\): \*?(.+)$/, phrase: (m) => lib('yaml.alias', { name: m[1]! }) },
  { shape: /^Excessive alias count/, phrase: () => lib('yaml.aliases') },
];

/**
 * A YAML error as a phrase: a `YAMLParseError` (its `code` and `message`; the position is on the
 * error's `linePos`) or what building the values threw (`code` undefined). A key written twice
 * (`DUPLICATE_KEY`) is the loader's own phrase, not one of these.
 */
export function yamlPhrase(code: string | undefined, message: string): Phrase {
  // The message's first line, without the position the prettified error appends.
  const text = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?\s*$/, '').trim();
  for (const s of YAML_SHAPES) {
    if (s.codes ? code === undefined || !s.codes.includes(code) : code !== undefined) continue;
    const m = s.shape.exec(text);
    if (m) return s.phrase(m);
  }
  return lib('yaml.other', { said: said(text) });
}

// ---------------------------------------------------------------------------------------------
// JSON (V8's JSON.parse): by the message's shape; the offset from the message, else found here

/** The word or character at an offset, as a JSON reader would call the unexpected token. */
function tokenAt(text: string, offset: number): string {
  return /^(?:"[^"\n]{0,20}"?|[\w.+-]{1,20}|[^\s])/.exec(text.slice(offset))?.[0] ?? '';
}

const JSON_SHAPES: readonly { shape: RegExp; phrase: (m: RegExpExecArray) => Phrase }[] = [
  { shape: /^Unexpected end of JSON input/, phrase: () => lib('json.end') },
  { shape: /^Unterminated string/, phrase: () => lib('json.string-not-closed') },
  { shape: /^Bad control character in string literal/, phrase: () => lib('json.control') },
  { shape: /^Bad (?:escaped character|Unicode escape)/, phrase: () => lib('json.escape') },
  { shape: /^Expected ',' or '([}\]])' after (?:property value|array element)/, phrase: (m) => lib('json.comma', { close: m[1]! }) },
  { shape: /^Expected (?:double-quoted property name|property name or '\}')/, phrase: () => lib('json.name') },
  { shape: /^Expected ':' after property name/, phrase: () => lib('json.colon') },
  { shape: /^Unexpected non-whitespace character after JSON/, phrase: () => lib('json.after') },
  { shape: /^(?:No number after minus sign|Unterminated fractional number|Exponent part is missing a number)/, phrase: () => lib('json.number') },
];

/** Where a strict JSON reader stops in a text that does not parse; undefined when it reads to the end. */
export function jsonStopsAt(text: string): number | undefined {
  let i = 0;
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const string = (): boolean => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) return false;
      if (text[i] === '\\') {
        const esc = /^\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/.exec(text.slice(i, i + 6));
        if (!esc) return false;
        i += esc[0].length;
      } else i++;
    }
    if (i >= text.length) return false;
    i++;
    return true;
  };
  const word = (): boolean => {
    const w = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)(?![\w.])/.exec(text.slice(i));
    if (!w) return false;
    i += w[0].length;
    return true;
  };
  /** An object's member up to its value: the name and the colon. */
  const member = (): boolean => {
    space();
    if (text[i] !== '"' || !string()) return false;
    space();
    if (text[i] !== ':') return false;
    i++;
    return true;
  };
  // The closing characters of the objects and arrays being read, innermost last: an explicit stack,
  // so nesting as deep as the text goes cannot overflow the call stack.
  const open: ('}' | ']')[] = [];
  const value = (): boolean => {
    for (;;) {
      space();
      const c = text[i];
      if (c === '{' || c === '[') {
        const close = c === '{' ? '}' : ']';
        i++;
        space();
        if (text[i] !== close) {
          open.push(close);
          if (close === '}' && !member()) return false;
          continue;
        }
        i++;
      } else if (c === '"') {
        if (!string()) return false;
      } else if (!word()) return false;
      // A value ended: close the containers it ends, or read on after a comma.
      for (;;) {
        const close = open.at(-1);
        if (close === undefined) return true;
        space();
        if (text[i] === close) {
          i++;
          open.pop();
          continue;
        }
        if (text[i] !== ',') return false;
        i++;
        if (close === '}' && !member()) return false;
        break;
      }
    }
  };
  if (!value()) return i;
  space();
  return i < text.length ? i : undefined;
}

/** A JSON.parse error as a phrase and the offset it points at (from the message, else `jsonStopsAt`). */
export function jsonPhrase(text: string, message: string): { why: Phrase; offset?: number } {
  const pos = /at position (\d+)/.exec(message);
  const offset = pos ? Number(pos[1]) : jsonStopsAt(text);
  const found = (why: Phrase) => (offset === undefined ? { why } : { why, offset });
  // Node 20 quotes the text after the token ("Unexpected token '}', "{…}" is not valid JSON").
  const first = message.replace(/, .* is not valid JSON$/s, '').replace(/ in JSON at position \d+.*$/s, '');
  for (const s of JSON_SHAPES) {
    const m = s.shape.exec(first);
    if (m) return found(s.phrase(m));
  }
  if (/^Unexpected (?:token|number|string|character)\b/.test(first)) {
    // Read at the offset, so the token and the column agree; else as V8 names it ('}' or }).
    const token = offset !== undefined ? tokenAt(text, offset) : (/^Unexpected token '?(.+?)'?$/.exec(first)?.[1] ?? '');
    if (token !== '') return found(lib('json.unexpected', { token }));
  }
  return found(lib('json.other', { said: said(first) }));
}

// ---------------------------------------------------------------------------------------------
// Mustache templates: by the shape of the parser's message; its position becomes the template's
// line and column

/** A tag as written from `at`, cut at the end of its line or after 30 characters. */
function tagAt(template: string, at: number): string {
  return short(/^[^\r\n]*/.exec(template.slice(at))![0], 30);
}

/** Where the section `name` was opened (`{{#name}}` or `{{^name}}`) last before `before`. */
function sectionOpening(template: string, name: string, before: number): { at: number; tag: string } | undefined {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`\\{\\{\\s*[#^]\\s*${escaped}\\s*\\}\\}`, 'g');
  let found: { at: number; tag: string } | undefined;
  for (let m = re.exec(template); m && m.index < before; m = re.exec(template)) found = { at: m.index, tag: m[0] };
  return found;
}

const at = (template: string, offset: number) => {
  const { line, column } = lineColumn(template, offset);
  return { line: String(line), column: String(column) };
};

/** A mustache parse error of `template` as a phrase. */
export function templatePhrase(template: string, message: string): Phrase {
  const tag = /^Unclosed tag at (\d+)$/.exec(message);
  if (tag) {
    // The tag left open is the first "{{" with no "}}" after it; mustache names where it gave up.
    let open = template.indexOf('{{');
    while (open >= 0 && template.indexOf('}}', open + 2) >= 0) open = template.indexOf('{{', open + 2);
    const from = open >= 0 ? open : Number(tag[1]);
    return lib('template.tag-not-closed', { tag: tagAt(template, from), ...at(template, from) });
  }
  const section = /^(Unclosed|Unopened) section "(.*)" at (\d+)$/s.exec(message);
  if (section) {
    const name = section[2]!;
    const offset = Number(section[3]);
    if (section[1] === 'Unopened') return lib('template.section-not-opened', { close: tagAt(template, offset).replace(/\}\}.*$/, '}}'), ...at(template, offset) });
    const opening = sectionOpening(template, name, offset);
    const open = opening?.tag ?? `{{#${name}}}`;
    const close = `{{/${name}}}`;
    const openAt = at(template, opening?.at ?? offset);
    if (offset >= template.length || opening === undefined) return lib('template.section-not-closed', { open, close, ...openAt });
    // Mustache met the closing tag of another section while this one was open.
    return lib('template.section-crossed', {
      closing: tagAt(template, offset).replace(/\}\}.*$/, '}}'),
      ...at(template, offset),
      open,
      close,
      openLine: openAt.line,
      openColumn: openAt.column,
    });
  }
  return lib('template.other', { said: said(message) });
}

// ---------------------------------------------------------------------------------------------
// csv-parse: by error code (the line is the caller's, which knows where a record starts)

/**
 * A csv-parse error as a phrase. With the import's options (quotes relaxed, rows of any length) a
 * quote left open is the one error a file can cause; anything else is quoted as the reader says it.
 */
export function csvPhrase(err: { code?: string; message?: string }): Phrase {
  if (err.code === 'CSV_QUOTE_NOT_CLOSED') return lib('csv.quote-not-closed');
  return lib('csv.other', { said: said(String(err.message ?? '')) });
}

/** A row with more cells than the header has columns. */
export function csvCells(cells: number, columns: number, delimiter: string): Phrase {
  return lib('csv.cells', { cells, columns, delimiter: delimiter === '\t' ? 'tab' : delimiter });
}

// ---------------------------------------------------------------------------------------------
// Regular expressions (V8's RegExp) and recurrence rules (rrule)

const PATTERN_SHAPES: readonly [RegExp, LibraryKey][] = [
  [/^Unterminated group/, 'pattern.group-not-closed'],
  [/^Unmatched '\)'/, 'pattern.group-not-opened'],
  [/^Nothing to repeat/, 'pattern.nothing-to-repeat'],
  [/^Unterminated character class/, 'pattern.class-not-closed'],
  [/^\\ at end of pattern/, 'pattern.trailing-backslash'],
  [/^numbers out of order in \{\} quantifier/, 'pattern.count-order'],
  [/^Range out of order in character class/, 'pattern.range-order'],
  [/^Lone quantifier brackets/, 'pattern.lone-brace'],
  [/^Invalid capture group name/, 'pattern.group-name'],
  [/^Duplicate capture group name/, 'pattern.group-name-twice'],
  [/^Invalid group/, 'pattern.group'],
];

/** Why `new RegExp(pattern)` threw, as a phrase. */
export function patternPhrase(message: string): Phrase {
  const why = message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
  for (const [shape, key] of PATTERN_SHAPES) if (shape.test(why)) return lib(key);
  return lib('pattern.other', { said: said(why) });
}

/** Why rrule refused a rule body the loader's own checks let through, quoted. */
export function rrulePhrase(message: string): Phrase {
  return lib('rrule.other', { said: said(message) });
}
