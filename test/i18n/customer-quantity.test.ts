/** A quantity of a contract's unit as the customer reads it: one wording for quotes, invoices and closing reports. */
import { describe, expect, it } from 'vitest';
import { customerVoice } from '../../src/i18n/customer.js';

describe('a customer quantity', () => {
  it('names every unit a contract can bill, periods included, with its plural', () => {
    const en = customerVoice('en-GB');
    expect([en.quantity(1, 'visit'), en.quantity(2, 'quarter'), en.quantity(1, 'year'), en.quantity(3, 'each'), en.quantity(12.5, 'km')]).toEqual(['1 visit', '2 quarters', '1 year', '3 each', '12.5 km']);
    const fr = customerVoice('fr-FR');
    expect([fr.quantity(1.5, 'hour'), fr.quantity(2, 'quarter'), fr.quantity(2, 'each'), fr.quantity(3, 'month')]).toEqual(['1,5 heure', '2 trimestres', '2 pièces', '3 mois']);
  });

  it('rounds to two decimals, as the invoice shows it', () => {
    expect(customerVoice('en-GB').quantity(1 / 3, 'hour')).toBe('0.33 hours');
    expect(customerVoice('fr-FR').quantity(2 / 3, 'day')).toBe('0,67 jour');
  });
});
