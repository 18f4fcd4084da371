/**
 * A contract's problems in the reader's language: the loader returns each problem as a catalog key
 * and values, so a French admin amending a contract in chat reads French problems, while the same
 * faulty file read in English (the CLI, the API) reads as before.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formatProblems } from '../../src/contracts/problem-text.js';
import { CATALOGS, inLanguage } from '../../src/i18n/index.js';
import { parseContractText } from '../../src/rules/contract-schema.js';
import { cardText } from '../proof/helpers.js';
import { testKit, type TestKit } from '../support/app.js';
import { pilotText } from '../support/pilots.js';

/** ACME-HVAC with five mistakes: a duration, a calendar reference, a percentage, a date order and an unknown field. */
const faulty = pilotText('ACME-HVAC')
  .replace('P2: { response: 4h, restore: 10h,', 'P2: { response: 1h75m, restore: 10h,')
  .replace('name: Acme HQ, address: "12 rue de la Paix, 75002 Paris", calendar: office', 'name: Acme HQ, address: "12 rue de la Paix, 75002 Paris", calendar: offfice')
  .replace('warnAt: 75%', 'warnAt: 0.75')
  .replace('end: 2026-12-31', 'end: 2025-12-31')
  .replace('\nteam: ', '\nteams: x\nteam: ');

function problems(): string {
  const r = parseContractText(faulty);
  if (r.ok) throw new Error('the faulty contract loaded');
  return formatProblems(r.problems);
}

/** Words of the English problems; none may be left in the French ones. */
const ENGLISH = /\b(must|unknown|known|field|did you mean|not before|percentage|cannot be|whole hour)\b/;

describe('contract problems', () => {
  it('read English outside any reader, as the CLI and the API show them', () => {
    const text = problems();
    expect(text).toContain('term.end: must not be before term.start (2026-01-01)');
    expect(text).toContain('sla.warnAt: must be a percentage above 0% and up to 100%, like 75% (write the % sign)');
    expect(text).toContain('sla.priorities.P2.response: "1h75m" cannot be: 75m is a whole hour or more; did you mean 2h15m?');
    expect(text).toContain('unknown field "teams" (did you mean "team"?)');
    expect(text).toMatch(/unknown calendar "offfice" \(known: [^)]*office/);
  });

  it('read French for a French reader, every one of them', () => {
    const r = parseContractText(faulty);
    expect(r.ok).toBe(false);
    const english = r.ok ? '' : formatProblems(r.problems);
    const text = r.ok ? '' : inLanguage('fr', () => formatProblems(r.problems));
    expect(text.split('\n')).toHaveLength(english.split('\n').length);
    expect(text).toContain('term.end\u00a0: ne doit pas être avant term.start (2026-01-01)');
    expect(text).toContain('sla.warnAt\u00a0: doit être un pourcentage au-dessus de 0\u202f% et jusqu’à 100\u202f%, comme 75% (écrivez le signe %)');
    expect(text).toContain('sla.priorities.P2.response\u00a0: «\u202f1h75m\u202f» est impossible\u00a0: 75m font une heure entière ou plus\u202f; vouliez-vous dire 2h15m\u202f?');
    expect(text).toContain('champ inconnu «\u202fteams\u202f» (vouliez-vous dire «\u202fteam\u202f»\u202f?)');
    expect(text).toMatch(/calendrier «\u202fofffice\u202f» inconnu \(définis\u00a0: [^)]*office/);
    expect(text).not.toMatch(ENGLISH);
  });

  it('has a French sentence for every problem key', () => {
    const keys = Object.keys(CATALOGS.en).filter((k) => k.startsWith('contract-checks.') || k.startsWith('library-errors.'));
    expect(keys.length).toBeGreaterThan(100);
    const fr = CATALOGS.fr as Record<string, string>;
    for (const k of keys) expect(fr[k], k).toBeTruthy();
    // A French sentence identical to the English would be a key left untranslated.
    const same = keys.filter((k) => fr[k] === (CATALOGS.en as Record<string, string>)[k]);
    expect(same).toEqual([]);
  });
});

describe('a French admin amending a contract in chat', () => {
  let kit: TestKit;
  beforeAll(async () => {
    kit = await testKit();
  });
  afterAll(async () => kit?.close());
  beforeEach(async () => {
    await kit.reset();
    kit.clock.set('2026-10-06T08:00:00Z');
  });

  it('reads the problems of a faulty file in French, and nothing is saved', async () => {
    const ada = await kit.as('ada');
    await kit.app.dispatch(ada, '/language fr');
    const file = { name: 'acme-hvac.yaml', contentType: 'application/yaml', data: Buffer.from(faulty) };
    const reply = cardText(await kit.app.dispatch(await kit.as('ada'), '/contract amend ACME-HVAC 2026-11-01 new prices', [file]));
    expect(reply).toMatch(/Le contrat a \d+ problèmes\u202f; rien n’a été enregistré\./);
    expect(reply).toContain('term.end\u00a0: ne doit pas être avant term.start (2026-01-01)');
    expect(reply).toContain('champ inconnu «\u202fteams\u202f» (vouliez-vous dire «\u202fteam\u202f»\u202f?)');
    expect(reply).not.toMatch(ENGLISH);
    const shown = cardText(await kit.app.dispatch(await kit.as('ada'), '/contract show ACME-HVAC'));
    expect(shown).not.toMatch(/version 2/i);
  });
});
