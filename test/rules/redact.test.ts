/**
 * Redaction rules: case-insensitive unless a rule says `caseSensitive: true`, and the St Luke's
 * example contract's rules catch the forms people actually type.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseContractText } from '../../src/rules/contract-schema.js';
import type { Contract, Redaction } from '../../src/rules/contract-types.js';
import { redactionHits, redactText } from '../../src/rules/redact.js';

function example(name: string): Contract {
  const r = parseContractText(readFileSync(new URL(`../../examples/contracts/${name}.yaml`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.contract;
}

const rule = (over: Partial<Redaction> = {}): Redaction => ({ name: 'ticket', pattern: 'TKT-\\d+', replacement: '[ticket]', caseSensitive: false, ...over });

describe('a redaction rule', () => {
  it('matches regardless of letter case by default', () => {
    expect(redactText([rule()], 'see TKT-12, tkt-13 and Tkt-14')).toBe('see [ticket], [ticket] and [ticket]');
    expect(redactionHits([rule()], 'about tkt-9')).toEqual(['ticket']);
  });

  it('matches only the case written when it sets caseSensitive: true', () => {
    const strict = rule({ caseSensitive: true });
    expect(redactText([strict], 'see TKT-12, tkt-13')).toBe('see [ticket], tkt-13');
    expect(redactionHits([strict], 'about tkt-9')).toEqual([]);
  });

  it('the format reads caseSensitive, false when absent, and refuses anything but true or false', () => {
    const yaml = readFileSync(new URL('../../examples/contracts/stluke-health.yaml', import.meta.url), 'utf8');
    const strict = parseContractText(yaml.replace('replacement: "[MRN redacted]" }', 'replacement: "[MRN redacted]", caseSensitive: true }'));
    expect(strict.ok && strict.contract.redaction.map((r) => r.caseSensitive)).toEqual([true, false]);
    const wrong = parseContractText(yaml.replace('replacement: "[MRN redacted]" }', 'replacement: "[MRN redacted]", caseSensitive: "yes" }'));
    expect(wrong.ok).toBe(false);
  });
});

describe("STLUKE-BIOMED's rules", () => {
  const rules = example('stluke-health').redaction;

  it.each([
    ['MRN: 1234567', '[MRN redacted]'],
    ['mrn 1234567', '[MRN redacted]'],
    ['MRN#1234567', '[MRN redacted]'],
    ['MRN-12345678', '[MRN redacted]'],
    ['Mrn no. 1234567', '[MRN redacted]'],
    ['MRN 123456789012', '[MRN redacted]'],
    ['Patient: JOHN SMITH', 'patient: [redacted]'],
    ['patient: john smith', 'patient: [redacted]'],
    ['PATIENT#Mary Ann Lee', 'patient: [redacted]'],
  ])('redact %j', (text, out) => {
    expect(redactText(rules, `Pump alarm, ${text}, bed 4`)).toBe(`Pump alarm, ${out}, bed 4`);
  });

  it('redacts a name and an MRN typed together, and leaves ordinary words alone', () => {
    expect(redactText(rules, 'Infusion pump alarm in bed 4, Patient: John Smith MRN 12345678')).toBe('Infusion pump alarm in bed 4, patient: [redacted] [MRN redacted]');
    for (const plain of ['Device removed from patient use and tagged', 'Patient monitor rebooted', 'MRN scanner offline', 'Order 12345678 shipped', 'This report contains no patient-identifying information.']) {
      expect(redactText(rules, plain)).toBe(plain);
    }
  });
});
