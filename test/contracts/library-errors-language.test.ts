/**
 * What a parser says about a broken file, in the reader's language: a French admin amending a
 * contract with broken YAML, broken JSON or a template with an unclosed tag, or importing a CSV
 * with a ragged row, reads French with the line and column of the mistake, and none of the
 * libraries' English; the same files in English still name the line and the column.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cardText } from '../proof/helpers.js';
import { testKit, type TestKit } from '../support/app.js';
import { pilotText } from '../support/pilots.js';

/** The libraries' own English (yaml, JSON.parse, mustache, csv-parse) and the bot's English frame. */
const ENGLISH =
  /\b(implicit|keys?|need|nested|mappings?|allowed|compact|unexpected|token|expected|property|after|value|position|unclosed|unopened|invalid|record|length|expect|got|quote|closed|missing|line|column|cells?|header|columns?|must|never|is|not|the|at|of|in|or|and|file|parsing|finished|opening)\b/i;

const acme = pilotText('ACME-HVAC');

/** 1-based line and column of the first occurrence of `needle` in `text`. */
function where(text: string, needle: string): { line: number; column: number } {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" is not in the text`);
  const before = text.slice(0, at);
  return { line: before.split('\n').length, column: at - before.lastIndexOf('\n') };
}

/** ACME-HVAC's `team:` line without its colon. */
const brokenYaml = acme.replace(/\nteam: /, '\nteam ');
const yamlAt = where(brokenYaml, '\nteam ');

/** ACME-HVAC as JSON with the comma after `"id"` left out. */
const json = JSON.stringify(parse(acme), null, 2);
const brokenJson = json.replace(/("id": "ACME-HVAC"),\n/, '$1\n');
const jsonAt = where(brokenJson, '"customer"');

/** ACME-HVAC's confirmation message with its last placeholder left open. */
const brokenTemplate = acme.replace('{{job.restoreDue}}.', '{{job.restoreDue.');
const template = (parse(brokenTemplate) as { templates: { confirmation: string } }).templates.confirmation;
const templateAt = where(template, '{{job.restoreDue.');

/** A rate file whose third line has one cell more than the header. */
const raggedCsv = 'contract;code;name;unit;price\nACME-HVAC;HVAC-LAB;Dépannage;hour;92,50\nACME-HVAC;HVAC-PM;Entretien;visit;0;oui\n';

describe('a broken file read by a parser', () => {
  let kit: TestKit;
  beforeAll(async () => {
    kit = await testKit();
  });
  afterAll(async () => kit?.close());
  beforeEach(async () => {
    await kit.reset();
    kit.clock.set('2026-10-06T08:00:00Z');
  });

  async function amend(lang: 'en' | 'fr', name: string, text: string): Promise<string> {
    const ada = await kit.as('ada');
    await kit.app.dispatch(ada, `/language ${lang}`);
    const file = { name, contentType: name.endsWith('.json') ? 'application/json' : 'application/yaml', data: Buffer.from(text) };
    return cardText(await kit.app.dispatch(await kit.as('ada'), '/contract amend ACME-HVAC 2026-11-01 new prices', [file]));
  }

  async function importRates(lang: 'en' | 'fr', text: string): Promise<string> {
    const ada = await kit.as('ada');
    await kit.app.dispatch(ada, `/language ${lang}`);
    const file = { name: 'rates.csv', contentType: 'text/csv', data: Buffer.from(text) };
    return cardText(await kit.app.dispatch(await kit.as('ada'), '/import rates', [file]));
  }

  /** The reply's lines that match, French no-break spaces read as spaces. */
  function problemLines(reply: string, start: RegExp): string[] {
    return reply
      .replace(/[\u00a0\u202f]/g, ' ')
      .split('\n')
      .filter((l) => start.test(l));
  }

  it('YAML: a key without its colon', async () => {
    const fr = problemLines(await amend('fr', 'acme-hvac.yaml', brokenYaml), /^\W*ligne \d+/);
    expect(fr).toHaveLength(1);
    expect(fr[0]).toContain(
      `ligne ${yamlAt.line + 1} : une clé doit tenir sur une ligne, suivie d’un deux-points (manque-t-il un deux-points, ou une valeur sans guillemets court-elle sur deux lignes ?) (colonne 1)`,
    );
    expect(fr[0]).not.toMatch(ENGLISH);
    const en = await amend('en', 'acme-hvac.yaml', brokenYaml);
    expect(en).toContain(`line ${yamlAt.line + 1}: a key must be on one line, followed by ":" (is a ":" missing, or an unquoted value running over two lines?) (column 1)`);
  });

  it('JSON: a missing comma', async () => {
    const fr = problemLines(await amend('fr', 'acme-hvac.json', brokenJson), /^\W*ligne \d+/);
    expect(fr).toHaveLength(1);
    expect(fr[0]).toContain(`ligne ${jsonAt.line} : JSON non valide : il manque une virgule ou } après une valeur (colonne ${jsonAt.column})`);
    expect(fr[0]!.replace('JSON', '')).not.toMatch(ENGLISH);
    const en = await amend('en', 'acme-hvac.json', brokenJson);
    expect(en).toContain(`line ${jsonAt.line}: not valid JSON: a comma or } is missing after a value (column ${jsonAt.column})`);
  });

  it('a template with a tag left open', async () => {
    const fr = problemLines(await amend('fr', 'acme-hvac.yaml', brokenTemplate), /templates\.confirmation/);
    expect(fr).toHaveLength(1);
    expect(fr[0]).toContain(
      `templates.confirmation : n’est pas un modèle valide (la balise {{job.restoreDue. ligne ${templateAt.line}, colonne ${templateAt.column} du modèle n’est jamais fermée)`,
    );
    expect(templateAt.line).toBe(2);
    expect(fr[0]!.replace(/templates\.confirmation|\{\{[^ ]*/g, '')).not.toMatch(ENGLISH);
    const en = await amend('en', 'acme-hvac.yaml', brokenTemplate);
    expect(en).toContain(`templates.confirmation: is not a valid template (the tag {{job.restoreDue. at line 2, column ${templateAt.column} of the template is never closed)`);
  });

  it('CSV: a row with a cell more than the header', async () => {
    const fr = problemLines(await importRates('fr', raggedCsv), /rates\.csv/);
    expect(fr).toEqual([expect.stringContaining('rates.csv ligne 3 : a 6 cellules mais l’en-tête a 5 colonnes (un « ; » dans une valeur doit être entre guillemets)')]);
    expect(fr[0]!.replace('rates.csv', '')).not.toMatch(ENGLISH);
    const en = problemLines(await importRates('en', raggedCsv), /rates\.csv/);
    expect(en).toEqual([expect.stringContaining('rates.csv line 3: has 6 cells but the header has 5 columns (a ";" inside a value must be in quotes)')]);
  });

  it('CSV: a quote left open names the line it opens on', async () => {
    const text = 'contract,code,name\nACME-HVAC,HVAC-LAB,ok\nACME-HVAC,HVAC-PM,"Entretien\nACME-HVAC,TRAVEL,x\n';
    const fr = problemLines(await importRates('fr', text), /rates\.csv/);
    expect(fr).toEqual([expect.stringContaining('rates.csv ligne 3 : une cellule entre guillemets qui commence ici n’est jamais fermée')]);
    expect(fr[0]!.replace('rates.csv', '')).not.toMatch(ENGLISH);
  });
});
