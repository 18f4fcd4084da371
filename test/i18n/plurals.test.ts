import { describe, expect, it } from 'vitest';
import { CATALOGS, LANGS, tIn, type MessageKey, type MessageValues } from '../../src/i18n/index.js';

// French writes a no-break space inside numbers and before some units.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

/** A count-bearing message, its other values, and what it reads for each count. */
interface Sample {
  key: MessageKey;
  count: string;
  values?: MessageValues;
  reads: Record<number, string>;
}

/** French writes the singular for 0 and 1, the plural from 2. */
const FRENCH: Sample[] = [
  { key: 'cards-checklist.progress', count: 'done', values: { total: 4 }, reads: { 0: '0 étape faite sur 4', 1: '1 étape faite sur 4', 2: '2 étapes faites sur 4' } },
  { key: 'cards-report.more-lines', count: 'n', reads: { 1: '…et 1 ligne de plus dans le PDF.', 2: '…et 2 lignes de plus dans le PDF.' } },
  { key: 'cards-job.more-signatures', count: 'n', reads: { 1: '+1 signature de plus', 2: '+2 signatures de plus' } },
  { key: 'cards-digest.raised', count: 'n', reads: { 1: ' ; 1 soulevée cette semaine', 2: ' ; 2 soulevées cette semaine' } },
  { key: 'cards-digest.lead-value', count: 'jobs', values: { median: '3 h', p90: '5 h' }, reads: { 1: 'médiane 3 h, p90 5 h (1 intervention)', 2: 'médiane 3 h, p90 5 h (2 interventions)' } },
  {
    key: 'cards-digest.renewal-value',
    count: 'n',
    values: { d: 3 },
    reads: { 1: '1 contrat sur 3 se terminant sous 30 jours a un dossier de renouvellement', 2: '2 contrats sur 3 se terminant sous 30 jours ont un dossier de renouvellement' },
  },
  { key: 'cards-digest.dispute-value', count: 'n', values: { rate: '10 %', d: 10 }, reads: { 1: '10 % (1 ligne de facture sur 10)', 2: '10 % (2 lignes de facture sur 10)' } },
  { key: 'cards-contract.caps', count: 'visits', values: { per: 'mois' }, reads: { 1: '1 visite/mois', 2: '2 visites/mois' } },
  { key: 'cards-invoice.cap', count: 'visits', values: { site: 'PAR-HQ', per: 'mois' }, reads: { 1: 'PAR-HQ : 1 visite couverte par mois', 2: 'PAR-HQ : 2 visites couvertes par mois' } },
  { key: 'field-sync.time-recorded', count: 'minutes', values: { code: 'LAB' }, reads: { 1: '1 min sur LAB enregistrée', 45: '45 min sur LAB enregistrées' } },
  { key: 'field-check.js.sent', count: 'n', values: { count: '{n}' }, reads: { 1: 'Envoyé : {n} appliqué.', 2: 'Envoyé : {n} appliqués.' } },
  { key: 'cards-render.teams.hidden-rows', count: 'rows', reads: { 1: '1 autre ligne non affichée.', 2: '2 autres lignes non affichées.' } },
];

const ENGLISH: Sample[] = [
  { key: 'cards-report.more-lines', count: 'n', reads: { 1: '…and 1 more line in the PDF.', 2: '…and 2 more lines in the PDF.' } },
  { key: 'cards-render.more-parts', count: 'n', reads: { 1: '1 more part not shown.', 2: '2 more parts not shown.' } },
  { key: 'cards-contract.term-value', count: 'days', values: { start: '2026-01-01', end: '2026-12-31', renewal: 'auto' }, reads: { 1: '2026-01-01 to 2026-12-31 (auto renewal, notice 1 day)', 30: '2026-01-01 to 2026-12-31 (auto renewal, notice 30 days)' } },
  { key: 'cards-digest.renewal-value', count: 'n', values: { d: 3 }, reads: { 1: '1 of 3 contracts ending within 30 days has a renewal pack', 2: '2 of 3 contracts ending within 30 days have a renewal pack' } },
];

describe('counts before a word', () => {
  it('no message writes a plural as "(s)": a count picks its form', () => {
    for (const lang of LANGS) {
      const catalog = CATALOGS[lang] as Record<string, string>;
      const bracketed = Object.entries(catalog).filter(([, m]) => /\p{L}\((?:s|es|x)\)/u.test(m));
      expect(bracketed.map(([k]) => `${lang} ${k}`)).toEqual([]);
    }
  });

  it.each(FRENCH)('reads $key in French with the singular for 0 and 1 and the plural from 2', ({ key, count, values, reads }) => {
    for (const [n, text] of Object.entries(reads)) expect(plain(tIn('fr', key, { ...values, [count]: Number(n) }))).toBe(text);
  });

  it.each(ENGLISH)('reads $key in English with one and many', ({ key, count, values, reads }) => {
    for (const [n, text] of Object.entries(reads)) expect(tIn('en', key, { ...values, [count]: Number(n) })).toBe(text);
  });
});
