/**
 * Every text the rating engine writes on a line reads back into phrases (src/rules/rating/line-words.ts)
 * and is worded in the customer's language (src/billing/line-text.ts): the pilots' random months
 * of the engine's property tests, rated, leave no engine text unread, English worded back is the
 * engine's text byte for byte, and French replaces every phrase. A new tag without its words fails here.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { lineWording, wordLine, wordLines, wordQuoteLine } from '../../src/billing/line-text.js';
import { rateInvoice, type InvoiceLine } from '../../src/rules/rating/index.js';
import { readLineWords, type LineWordKey } from '../../src/rules/rating/line-words.js';
import { build, month } from '../rules/rating/months.js';
import { loadPilot, PILOT_IDS } from '../rules/rating/pilots.js';

function pilotLines(): InvoiceLine[] {
  const lines: InvoiceLine[] = [];
  for (const id of PILOT_IDS) {
    const c = loadPilot(id).contract;
    for (const opts of [{ wide: true }, { hourlyOnly: true }, {}]) {
      for (const m of fc.sample(month(c, opts), { numRuns: 40, seed: 7 })) lines.push(...rateInvoice(build(c, m)).lines);
    }
    // A term that starts within the month: its fee is prorated.
    const late = { ...c, term: { ...c.term, start: '2026-10-12' } };
    for (const m of fc.sample(month(late), { numRuns: 5, seed: 7 })) lines.push(...rateInvoice(build(late, m)).lines);
  }
  return lines;
}

const lines = pilotLines();

describe('invoice line words', () => {
  test('every description and rule the engine writes reads back completely', () => {
    const unread = new Set<string>();
    for (const l of lines) for (const u of readLineWords(l).unread) unread.add(`${l.kind}: ${u}`);
    expect([...unread]).toEqual([]);
    expect(lines.length).toBeGreaterThan(1000);
  });

  test('the phrases cover the engine’s tags (fee, modifiers, travel, parts, warranty, banks, caps, credits, corrections)', () => {
    const keys = new Set<LineWordKey>();
    for (const l of lines) {
      const w = readLineWords(l);
      for (const p of [...w.description, ...w.rule]) if (typeof p !== 'string') keys.add(p.key);
    }
    const expected: LineWordKey[] = [
      'fee-month', 'fee-month-partial', 'km-to-site', 'minimum-top-up', 'from-prepaid', 'uplift-on-prepaid', 'standard-rate', 'covered', 'covered-visit',
      'includes-labour', 'approved-out-of-scope', 'rate-override', 'modifier', 'warranty-part', 'price-list', 'travel-per', 'monthly-fee', 'prorated',
      'approved-quote', 'correction-of', 'credit', 'cap-exceeded', 'overrun', 'labour-at', 'minimum-per-job', 'prepaid-bank', 'uplift',
    ];
    expect(expected.filter((k) => !keys.has(k))).toEqual([]);
  });

  test('worded in English, a line reads exactly as the engine wrote it', () => {
    const differs = lines.map((l) => ({ l, w: lineWording(l, 'en-GB') })).filter(({ l, w }) => w.description !== l.description || w.rule !== l.rule);
    expect(differs.slice(0, 3).map(({ l, w }) => [l.description, w.description, l.rule, w.rule])).toEqual([]);
    const l = lines[0]!;
    expect(wordLine(l, 'en-US')).toEqual(l);
  });

  test('a month worded at once reads as each line worded alone (capped visits’ counts included)', () => {
    const all = wordLines(lines, 'fr-FR', 'EUR');
    const alone = lines.map((l) => lineWording(l, 'fr-FR', 'EUR'));
    expect(all.map((l) => [l.description, l.rule])).toEqual(alone.map((w) => [w.description, w.rule]));
    expect(all.some((l) => /^plafond dépassé\u00a0: \S+ visite couverte n°\u00a0\d+ sur \d+ par /.test(l.rule))).toBe(true);
  });

  test('worded in French, no English phrase of the engine is left', () => {
    const english = /\b(Monthly fee|days in term|standard rate|covered visit|price list|travel per|prorated|monthly fee|uplift|prepaid hours|minimum charge|labour|overrun|capExceeded|credit|correction of|approved|warranty|seasonal|km to|per job)\b/;
    const left = new Set<string>();
    for (const l of lines) {
      const w = lineWording(l, 'fr-FR', 'EUR');
      // Rate and part names are the contract's data: take the description's first part (a name) out.
      const read = readLineWords(l);
      const data = read.description.filter((p): p is string => typeof p === 'string');
      let desc = w.description;
      for (const d of data) desc = desc.replace(d, '');
      const tags = w.rule.split(', ').slice(0, read.rule.findIndex((p) => typeof p === 'string' && /^\S+ v\d+$/.test(p)));
      for (const text of [desc, ...tags]) if (english.test(text)) left.add(text);
    }
    expect([...left].slice(0, 10)).toEqual([]);
  });
});

describe('a line in French', () => {
  const label = 'ACME-HVAC v1';
  const fr = (kind: InvoiceLine['kind'], description: string, rule: string, locale = 'fr-FR') => lineWording({ kind, description, rule }, locale, 'EUR');

  test('the monthly fee names the month and the days in term', () => {
    expect(fr('fee', 'Monthly fee November 2026 (12 of 30 days in term)', `monthly fee, prorated 12/30 days, ${label}, fee`)).toEqual({
      description: 'Redevance mensuelle novembre 2026 (12 jours sur 30 dans la période)',
      rule: `redevance mensuelle, au prorata de 12/30 jours, ${label}, fee`,
      unread: [],
    });
  });

  test('a modifier, a duration and a decimal as French writes them; names, codes and the clause as written', () => {
    expect(fr('minimum', 'HVAC technician, minimum charge top-up', `after-hours ×1.5, minimum 1h30m per job, ${label}, rates.HVAC-LAB`)).toEqual({
      description: 'HVAC technician, complément au minimum facturable',
      rule: `majoration hors heures ouvrées ×1,5, minimum 1\u202fh\u00a030 par intervention, ${label}, rates.HVAC-LAB`,
      unread: [],
    });
    expect(fr('travel', 'Travel, 12.5 km to PAR-HQ', `travel per km (rates.TRAVEL-KM), ${label}, modifiers.travel`).description).toBe('Travel, 12,5\u202fkm jusqu’à PAR-HQ');
    expect(fr('labour', 'HVAC technician, from prepaid hours', `prepaid hours bank 1 (20.5h 2026-01-01..2026-12-31), ${label}, prepaid[0]`).rule).toBe(`banque d’heures prépayées 1 (20,5\u202fh du 1er janvier 2026 au 31 décembre 2026), ${label}, prepaid[0]`);
    expect(fr('part', 'Filter F7', `price list, ${label}, parts.FILTER`).rule).toBe(`tarif des pièces, ${label}, parts.FILTER`);
  });

  test('a seasonal rate names its days as French writes them, the first of a month as « 1er »', () => {
    expect(fr('labour', 'HVAC technician', `seasonal ×1.2 (06-01..08-31), ${label}, modifiers.seasonal[0]`).rule).toBe(`tarif saisonnier ×1,2 (du 1er juin au 31 août), ${label}, modifiers.seasonal[0]`);
  });

  test('an SLA credit: its reason and its rule, the clause kept as the contract wrote it', () => {
    expect(fr('credit', 'restore breach on J-1001 (P1)', `SLA credit, ${label}, sla.credits[0]: restore breach, P1: 5% of fee`)).toEqual({
      description: 'délai de rétablissement dépassé sur J-1001 (P1)',
      rule: `crédit SLA, ${label}, sla.credits[0]: restore breach, P1: 5% of fee`,
      unread: [],
    });
  });

  test('Canadian French writes the same words with its own formats', () => {
    const capped = lineWording({ kind: 'credit', description: 'restore breach on J-1001 (P1); capped by creditCap (rule gives 4500)', rule: `SLA credit, ${label}, sla.credits[0]` }, 'fr-CA', 'CAD');
    expect(capped.description).toBe('délai de rétablissement dépassé sur J-1001 (P1)\u202f; plafonné par creditCap (la règle donne 45,00\u00a0$)');
    expect(fr('labour', 'HVAC technician', `after-hours ×1.5, ${label}, rates.HVAC-LAB`, 'fr-CA').rule).toBe(`majoration hors heures ouvrées ×1,5, ${label}, rates.HVAC-LAB`);
    expect(fr('part', 'Filter', `warranty FILTER-* until 2027-01-31, ${label}, entitlements.warranty[0]`, 'fr-CA').rule).toBe(`garantie FILTER-* jusqu’au 31 janvier 2027, ${label}, entitlements.warranty[0]`);
  });

  test('text the engine did not write is kept as stored and reported', () => {
    const w = fr('labour', 'HVAC technician', `something new, ${label}, rates.HVAC-LAB`);
    expect(w.rule).toBe(`something new, ${label}, rates.HVAC-LAB`);
    expect(w.unread).toEqual(['something new']);
  });

  test('a quoted line (approval card, quote page) reads as an invoice line of its kind', () => {
    const quoted = { kind: 'minimum' as const, description: 'Duct cleaning, minimum charge top-up', quantity: 0.5, unit: 'hour', unitPrice: 9500, amount: 4750, rule: 'after-hours ×1.5, minimum 1h per job, ACME-HVAC v1, rates.DUCT-CLEAN' };
    expect(wordQuoteLine(quoted, 'fr-FR', 'EUR')).toEqual({ ...quoted, description: 'Duct cleaning, complément au minimum facturable', rule: 'majoration hors heures ouvrées ×1,5, minimum 1\u202fh par intervention, ACME-HVAC v1, rates.DUCT-CLEAN' });
    expect(wordQuoteLine(quoted, 'en-GB')).toEqual(quoted);
    // A quote stored before quoted lines kept their kind reads as labour; what the requester typed stays as typed.
    const typed = { description: 'Replace damper actuator', quantity: 1, unit: 'each', unitPrice: 24000, amount: 24000, rule: 'quoted by the requester; not in ACME-HVAC v1 rates' };
    expect(wordQuoteLine(typed, 'fr-FR', 'EUR')).toEqual({ ...typed, rule: 'prix donné par le demandeur\u202f; hors des tarifs du contrat ACME-HVAC v1' });
  });
});
