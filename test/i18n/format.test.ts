import { describe, expect, it } from 'vitest';
import { formatInstant } from '../../cards/time.js';
import { formatDateTimeIn, formatDurationIn, formatMoneyIn, inLanguage } from '../../src/i18n/index.js';

// Intl separates French thousands with a narrow no-break space and puts a no-break space before "€".
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const at = new Date('2026-12-07T03:31:00Z');

describe('formats in the reader\'s locale', () => {
  it('writes money as each locale does', () => {
    expect(plain(formatMoneyIn('fr-FR', 180000, 'EUR'))).toBe('1 800,00 €');
    expect(plain(formatMoneyIn('fr-CA', 180000, 'CAD'))).toBe('1 800,00 $');
    expect(formatMoneyIn('en-GB', 180000, 'EUR')).toBe('€1,800.00');
    expect(formatMoneyIn('en-GB', -4550, 'GBP')).toBe('-£45.50');
  });

  it('writes dates and durations as each locale does', () => {
    expect(formatDateTimeIn('fr-FR', at, 'Europe/Paris')).toBe('lundi 7 décembre 2026 à 04:31');
    expect(formatDateTimeIn('en-GB', at, 'Europe/Paris')).toBe('Monday, 7 December 2026 at 04:31');
    expect(plain(formatDurationIn('fr-FR', 90))).toBe('1 h 30');
    expect(plain(formatDurationIn('fr-FR', 65))).toBe('1 h 05');
    expect(plain(formatDurationIn('fr-CA', 45))).toBe('45 min');
    expect(plain(formatDurationIn('fr-FR', 120))).toBe('2 h');
    expect(plain(formatDurationIn('fr-FR', 1590))).toBe('26 h 30');
    expect(formatDurationIn('en-GB', 120)).toBe('2 hrs');
  });

  it('shows card instants in French for a French reader, English otherwise', () => {
    expect(formatInstant(at, 'Europe/Paris')).toBe('Mon 7 Dec 04:31 CET');
    expect(inLanguage('fr', () => formatInstant(at, 'Europe/Paris'))).toBe('lun. 7 déc. 04:31 CET');
  });
});
