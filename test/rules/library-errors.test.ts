/**
 * The parsers' errors as phrases (src/rules/library-errors.ts): each error a contract or an import
 * commonly meets gets its own sentence in both languages, with its line and column; one the module
 * does not know quotes the library's words after a sentence in the reader's language.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import Mustache from 'mustache';
import { describe, expect, it } from 'vitest';
import { formatProblems, phraseText } from '../../src/contracts/problem-text.js';
import { inLanguage } from '../../src/i18n/index.js';
import { readContractText } from '../../src/rules/contract-schema.js';
import type { Phrase } from '../../src/rules/contract-problem.js';
import { csvCells, csvPhrase, jsonPhrase, jsonStopsAt, lineColumn, patternPhrase, templatePhrase, yamlPhrase } from '../../src/rules/library-errors.js';

const fr = (p: Phrase) => inLanguage('fr', () => phraseText(p)).replace(/[\u00a0\u202f]/g, ' ');
const en = (p: Phrase) => inLanguage('en', () => phraseText(p));

/** French with the quoted library words taken out must not read as the libraries' English. */
const LIBRARY_ENGLISH = /\b(implicit|keys?|need|nested|mappings?|allowed|compact|unexpected|token|expected|property|after|value|position|unclosed|unopened|invalid|missing|must|the|at|of|in|is|not|flow|sequence|tabs?|indentation|column|line|block|collections?)\b/i;

function yamlProblems(text: string) {
  const r = readContractText(text, 'yaml');
  if (r.ok) throw new Error(`${JSON.stringify(text)} was read`);
  return r.problems;
}

describe('YAML', () => {
  /** A broken text for each sentence, with where the parser says the mistake is. */
  const CASES: [text: string, key: string, line: number, column: number][] = [
    ['a: 1\nb\nc: 2\n', 'yaml.no-colon', 2, 1],
    ['a: b: c\n', 'yaml.nested-compact', 1, 4],
    ['a:\n\tb: 1\n', 'yaml.tab', 2, 1],
    ['a: "abc\n', 'yaml.quote-not-closed', 2, 1],
    ['a: [1, 2\nb: 3\n', 'yaml.flow-not-closed', 2, 1],
    ['a: { x: 1, y: 2\nb: 3\n', 'yaml.flow-not-closed', 2, 1],
    ['a: @x\n', 'yaml.value-start', 1, 4],
    ['a: {x: 1,, y: 2}\n', 'yaml.flow-extra-comma', 1, 10],
    ['key with\n  newline: 1\n', 'yaml.key-one-line', 1, 1],
    ['a: b\n---\nc: d\n', 'yaml.documents', 2, 1],
    ['a:\n  b: 1\n c: 2\n', 'yaml.indent-map', 3, 1],
    ['a: "\\q"\n', 'yaml.escape', 1, 5],
    ['a: {x: 1 y: 2}\n', 'yaml.block-in-flow', 1, 8],
    ['- a\nb: 1\n', 'yaml.text-after-value', 2, 1],
  ];

  it.each(CASES)('%j reads as %s at its line and column', (text, key, line, column) => {
    const [first] = yamlProblems(text);
    expect(first!.why.key).toBe(`library-errors.${key}`);
    expect([first!.line, first!.column]).toEqual([line, column]);
  });

  it('reads French with no English of the parser left, and English naming line and column', () => {
    for (const [text, , line, column] of CASES) {
      const problems = yamlProblems(text);
      const french = inLanguage('fr', () => formatProblems(problems)).replace(/[\u00a0\u202f]/g, ' ');
      expect(french, text).toMatch(new RegExp(`^ligne ${line} : .* \\(colonne ${column}\\)`));
      expect(french.replace(/«[^»]*»/g, ''), text).not.toMatch(LIBRARY_ENGLISH);
      expect(formatProblems(problems), text).toMatch(new RegExp(`^line ${line}: .* \\(column ${column}\\)`));
    }
  });

  it('an alias without its anchor is named', () => {
    const [p] = yamlProblems('a: *nope\n');
    expect(fr(p!.why)).toBe('l’alias *nope n’a pas d’ancre &nope avant lui');
  });

  it('a message it does not know is quoted after a sentence in the reader’s language', () => {
    const why = yamlPhrase('SOMETHING_NEW', 'Frobnicated scalar at line 3, column 1:\n\nfoo: bar\n^^^\n');
    expect(fr(why)).toBe('YAML illisible ici (le lecteur YAML dit : « Frobnicated scalar »)');
    expect(en(why)).toBe('the YAML cannot be read here (the YAML reader says: "Frobnicated scalar")');
  });
});

describe('JSON', () => {
  function v8(text: string): string {
    try {
      JSON.parse(text);
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error(`${text} parsed`);
  }

  it('finds the position V8 leaves out, so the unexpected token has its line and column', () => {
    const text = '{\n  "a": 1,\n  "b": }';
    const { why, offset } = jsonPhrase(text, v8(text));
    expect(offset).toBe(text.indexOf('}'));
    expect(lineColumn(text, offset!)).toEqual({ line: 3, column: 8 });
    expect(fr(why)).toBe('« } » inattendu');
    expect(en(why)).toBe('unexpected "}"');
  });

  it('stops where V8 says it stops', () => {
    const stops: [string, number][] = [['{"a": 1 "b": 2}', 8], ['{"a": "x', 8], ['{"a": 1}}', 8], ['{"a" 1}', 5], ['{a: 1}', 1], ['{\n  "id": "X",\n}', 15]];
    let compared = 0;
    for (const [text, at] of stops) {
      expect(jsonStopsAt(text), text).toBe(at);
      const pos = /at position (\d+)/.exec(v8(text));
      if (pos) {
        expect(at, `V8 on ${text}`).toBe(Number(pos[1]));
        compared++;
      }
    }
    // Node 20's V8 gives a position for most of these; the table agrees with it where it does.
    expect(compared).toBeGreaterThanOrEqual(4);
    expect(jsonStopsAt('{"a": [1, 2.5e3, true, null, "x\\u00e9"]}')).toBeUndefined();
  });

  it('finds where nesting thousands deep stops without exhausting the stack', () => {
    const deep = '['.repeat(20000) + 'x';
    expect(jsonStopsAt(deep)).toBe(20000);
    expect(jsonStopsAt('{"a":'.repeat(20000) + '1' + '}'.repeat(20000))).toBeUndefined();
    expect(jsonStopsAt('[{"a": [1, {"b": {}}]}, [], "c"]')).toBeUndefined();
    const { why, offset } = jsonPhrase(deep, v8(deep));
    expect(offset).toBe(20000);
    expect(en(why)).toBe('unexpected "x"');
    const read = readContractText(deep);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(inLanguage('en', () => formatProblems(read.problems))).toBe('line 1: not valid JSON: unexpected "x" (column 20001)');
  });

  it('each common mistake has its sentence', () => {
    const cases: [string, string][] = [
      ['{"a": 1 "b": 2}', 'il manque une virgule ou } après une valeur'],
      ['{"a": "x', 'une chaîne n’est jamais fermée (il manque un ")'],
      ['{"a": 1}}', 'texte inattendu après la fin du JSON'],
      ['{"a" 1}', 'il manque un deux-points après le nom du champ'],
      ['{\n  "id": "X",\n}', 'un nom de champ entre guillemets doubles est attendu ici (JSON n’admet ni virgule après le dernier élément, ni nom sans guillemets)'],
      ['{"a": tru}', '« tru » inattendu'],
      ['{"a": "x\ny"}', 'un saut de ligne ou une tabulation dans une chaîne s’écrit \\n ou \\t'],
    ];
    for (const [text, french] of cases) expect(fr(jsonPhrase(text, v8(text)).why), text).toBe(french);
  });

  it('Node 18’s wording reads the same', () => {
    expect(fr(jsonPhrase('{"a": }', 'Unexpected token } in JSON at position 6').why)).toBe('« } » inattendu');
  });
});

describe('templates', () => {
  function mustache(template: string): string {
    try {
      new Mustache.Writer().parse(template);
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error(`${template} parsed`);
  }
  const say = (template: string) => templatePhrase(template, mustache(template));

  it('an unclosed tag names where it opens', () => {
    const t = 'Bonjour {{contact.name}},\nvotre demande {{job.id est enregistrée.';
    expect(en(say(t))).toBe('the tag {{job.id est enregistrée. at line 2, column 15 of the template is never closed');
  });

  it('an unclosed section names its opening tag and how to close it', () => {
    const t = 'Bonjour,\n{{^job.eta}}pas encore d’heure';
    expect(fr(say(t))).toBe('la section {{^job.eta}} ligne 2, colonne 1 du modèle n’est jamais fermée par {{/job.eta}}');
  });

  it('sections closed in the wrong order name both places', () => {
    const t = '{{#job.eta}}\nETA {{#site.name}}{{.}}{{/job.eta}}{{/site.name}}';
    expect(en(say(t))).toBe(
      '{{/job.eta}} at line 2, column 24 of the template closes another section while {{#site.name}} (line 2, column 5) is open; close it with {{/site.name}} first',
    );
  });

  it('a section closed but never opened', () => {
    expect(fr(say('Merci.\n  {{/job.eta}}'))).toBe('{{/job.eta}} ligne 2, colonne 3 du modèle ferme une section jamais ouverte');
  });
});

describe('csv-parse', () => {
  /** csv-parse with the import's options (src/import/csv-read.ts). */
  const IMPORT_OPTIONS = { relax_column_count: true, relax_quotes: true, skip_empty_lines: true };
  function csvError(text: string) {
    try {
      parseCsv(text, { delimiter: ',', ...IMPORT_OPTIONS });
    } catch (e) {
      return e as { code?: string; message?: string };
    }
    throw new Error(`${text} parsed`);
  }

  it('says where a quote is left open, the one error the import\'s options leave', () => {
    expect(en(csvPhrase(csvError('a,b\n"x\n')))).toMatch(/^a quoted cell starting here is never closed/);
    expect(fr(csvPhrase(csvError('a,b\n"x\n')))).toMatch(/^une cellule entre guillemets qui commence ici n’est jamais fermée/);
    // Stray quotes and ragged rows are read, not refused (the import counts a row's cells itself).
    for (const text of ['a,b\n"x"y,2\n', 'a,b\nx"y,2\n', 'a,b\n1,2,3\n']) expect(() => parseCsv(text, { delimiter: ',', ...IMPORT_OPTIONS }), text).not.toThrow();
  });

  it('counts a row\'s cells against the header\'s columns', () => {
    expect(fr(csvCells(3, 2, ';'))).toBe('a 3 cellules mais l’en-tête a 2 colonnes (un « ; » dans une valeur doit être entre guillemets)');
    expect(en(csvCells(3, 2, '\t'))).toBe('has 3 cells but the header has 2 columns (a tab inside a value must be in quotes)');
  });

  it('quotes what it does not know', () => {
    expect(fr(csvPhrase({ code: 'CSV_SOMETHING', message: 'Something went wrong' }))).toBe('le fichier n’est pas un CSV valide (le lecteur CSV dit : « Something went wrong »)');
  });
});

describe('regular expressions', () => {
  function regexError(pattern: string): string {
    try {
      new RegExp(pattern, 'g');
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error(`${pattern} compiled`);
  }

  it('each common mistake has its sentence, without V8’s words', () => {
    for (const pattern of ['(\\d{4}', '[a-z', '*x', 'a)', 'a\\', 'a{3,1}', '[z-a]', '(?<1a>x)', '(?<a>x)(?<a>y)', '(?x)']) {
      const why = patternPhrase(regexError(pattern));
      expect(why.key, pattern).not.toBe('library-errors.pattern.other');
      expect(fr(why).replace(/«[^»]*»/g, ''), pattern).not.toMatch(LIBRARY_ENGLISH);
    }
    expect(fr(patternPhrase(regexError('(\\d{4}')))).toBe('une « ( » n’est jamais fermée');
  });
});
