/** A quote the rating engine cannot price is refused with the engine's reasons in the reader's language. */
import { describe, expect, it } from 'vitest';
import { quoteLibraryWork } from '../../src/approvals/quote.js';
import { inLanguage } from '../../src/i18n/index.js';
import type { Lang } from '../../src/i18n/lang.js';
import { loadPilot } from '../support/pilots.js';

const { contract } = loadPilot('ACME-HVAC');
const labour = contract.rates.find((r) => r.code === 'HVAC-LAB')!;
const AT = new Date('2026-11-18T09:00:00Z');

/** What quoting 1h30 of corrective labour at a site version 2 of the contract no longer lists answers. */
function refusal(lang: Lang): string {
  try {
    inLanguage(lang, () => quoteLibraryWork(contract, 2, 'PAR-OLD', labour, 1.5, AT));
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('the quote was priced');
}

describe('quote refusals', () => {
  it('gives the French reader the reason in French', () => {
    expect(refusal('fr')).toBe('HVAC-LAB ne peut pas être chiffré\u00a0: le site PAR-OLD ne figure pas dans ACME-HVAC v2.');
  });

  it('reads as before in English', () => {
    expect(refusal('en')).toBe('HVAC-LAB cannot be quoted: site PAR-OLD is not in ACME-HVAC v2.');
  });
});
