/**
 * The import summary is written in the reader's language: the chat card's lines in French for a
 * French reader, the same lines in English (what the CLI and the API print) otherwise.
 */
import { describe, expect, it } from 'vitest';
import { inLanguage } from '../../src/i18n/index.js';
import type { ImportResult } from '../../src/import/import-csv.js';
import { summaryLines } from '../../src/import/summary.js';

const result: ImportResult = {
  dryRun: true,
  applied: false,
  files: [],
  changes: [
    { file: 'sites.csv', line: 3, kind: 'sites', contract: 'ACME-HVAC', key: 'LYO-2', action: 'new', fields: [] },
    { file: 'rates.csv', line: 5, kind: 'rates', contract: 'ACME-HVAC', key: 'HVAC-LAB', action: 'changed', fields: [{ field: 'price', from: '85.00', to: '' }] },
  ],
  contracts: [{ id: 'ACME-HVAC', action: 'amend', fromVersion: 1, version: 2, effectiveFrom: '2026-12-01', summary: 'LYO-2 new; HVAC-LAB price' }],
  counts: { new: 1, changed: 1, unchanged: 4, removed: 0 },
  notes: [],
};

describe('the import summary', () => {
  it('reads as before in English', () => {
    expect(summaryLines(result)).toEqual([
      'Dry run: 1 new, 1 changed, 4 unchanged. Nothing was written; run again without --dry-run to import.',
      'ACME-HVAC would be amended: version 1 -> 2, in force from 2026-12-01 (LYO-2 new; HVAC-LAB price)',
      'sites.csv line 3: ACME-HVAC LYO-2 new',
      'rates.csv line 5: ACME-HVAC HVAC-LAB changed: price 85.00 -> (empty)',
    ]);
  });

  it('reads in French for a French reader', () => {
    expect(inLanguage('fr', () => summaryLines(result))).toEqual([
      'Essai à blanc\u00a0: nouvelles\u00a0: 1, modifiées\u00a0: 1, inchangées\u00a0: 4. Rien n’a été écrit\u202f; relancez sans --dry-run pour importer.',
      'ACME-HVAC serait modifié\u00a0: version 1 -> 2, en vigueur le 1er décembre 2026 (LYO-2 nouvelle\u202f; HVAC-LAB modifiée (price))',
      'sites.csv ligne 3\u00a0: ACME-HVAC LYO-2 nouvelle',
      'rates.csv ligne 5\u00a0: ACME-HVAC HVAC-LAB modifiée\u00a0: price 85.00 -> (vide)',
    ]);
  });

  it('lists at most twelve of a contract\'s changes, then how many more, in the reader\'s language', () => {
    const many: ImportResult = {
      ...result,
      changes: Array.from({ length: 14 }, (_, i) => ({ file: 'sites.csv', line: i + 2, kind: 'sites' as const, contract: 'ACME-HVAC', key: `S-${i + 1}`, action: 'new' as const, fields: [] })),
    };
    const amended = (lang: 'en' | 'fr') => inLanguage(lang, () => summaryLines(many))[1];
    expect(amended('en')).toMatch(/\(S-1 new; .*; S-12 new; and 2 more\)$/);
    expect(amended('fr')).toMatch(/\(S-1 nouvelle\u202f; .*\u202f; S-12 nouvelle\u202f; et 2 de plus\)$/);
  });
});
