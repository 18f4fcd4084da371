/**
 * The fast engine (engine.ts) against the reference engine (reference.ts), line for line, on random
 * months of work over the five pilot contracts: whatever the speed work does, the invoice must read
 * exactly as the plain reading of the rules gives it.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { rateInvoice } from '../../../src/rules/rating/index.js';
import { rateInvoiceReference } from '../../../src/rules/rating/reference.js';
import { build, month } from './months.js';
import { loadPilot, PILOT_IDS } from './pilots.js';

describe('the fast engine rates like the reference engine', () => {
  test.each(PILOT_IDS)('%s: random months give the same invoice', (id) => {
    const c = loadPilot(id).contract;
    fc.assert(
      fc.property(month(c, { wide: true }), (m) => {
        const input = build(c, m);
        expect(rateInvoice(input)).toEqual(rateInvoiceReference(input));
      }),
      { numRuns: 200 },
    );
  });
});
