import { describe, expect, it } from 'vitest';
import { CATALOGS, inLanguage, tIn, type MessageKey } from '../../src/i18n/index.js';
import { exampleCards } from '../../cards/examples.js';
import { renderText } from '../../cards/text.js';

const NBSP = '\u00a0';
const NNBSP = '\u202f';

/**
 * Text a person types as it is shown, where French typography does not apply: code spans, a
 * command's quoted argument, URLs, and these snippets of contract YAML and readings.
 */
const CODE = [/`[^`]*`/g, /"[^"]*"/g, /https?:\/\/\S+/g];
const TYPED_AS_SHOWN = ['covered: true', 'comme 75%', '[50%, 80%]', '12 %LIE', '12 %LEL'];

/** In a usage line or an example, a line that starts with a command is command syntax. */
const isCommandLine = (key: string, line: string) => /\.(usage|example)$/.test(key) && /^\/[a-z]/.test(line);

/** What is wrong with a French message's typography, one phrase per fault. */
function typographyFaults(key: string, message: string): string[] {
  const faults: string[] = [];
  for (const line of message.split('\n')) {
    if (isCommandLine(key, line)) continue;
    let prose = line;
    for (const re of CODE) prose = prose.replace(re, '·');
    for (const s of TYPED_AS_SHOWN) prose = prose.split(s).join('·');
    const near = (i: number) => JSON.stringify(prose.slice(Math.max(0, i - 12), i + 4));
    const each = (re: RegExp, what: string) => {
      for (const m of prose.matchAll(re)) faults.push(`${what} at ${near(m.index + m[0].length - 1)}`);
    };
    each(/[ \t\u202f]:/g, 'a space other than U+00A0 before ":"');
    each(/[\p{L}\p{N}}»)\]’]:(?=\s|$)/gu, 'no space before ":"');
    each(/[ \t\u00a0][;?!]/g, 'a space other than U+202F before ; ? !');
    each(/[\p{L}\p{N}}»)\]’][;?!](?=\s|$)/gu, 'no space before ; ? !');
    each(/«(?!\u202f)/g, 'no U+202F after «');
    each(/(?<!\u202f)»/g, 'no U+202F before »');
    each(/[\p{N}}][ \t\u00a0]?%/gu, 'no U+202F before %');
  }
  return faults;
}

describe('French typography', () => {
  it('writes U+00A0 before ":" and U+202F before ; ? ! and % and inside « », in every French message', () => {
    const catalog = CATALOGS.fr as Record<string, string>;
    const faults = Object.entries(catalog).flatMap(([key, message]) => typographyFaults(key, message).map((f) => `${key}: ${f}`));
    expect(faults).toEqual([]);
  });

  it('flags each fault the check is for, and leaves command syntax and typed values alone', () => {
    const faults = (m: string, key = 'area.text') => typographyFaults(key, m).length;
    expect(faults('Pourquoi refuser ?')).toBe(1);
    expect(faults('Pourquoi refuser?')).toBe(1);
    expect(faults(`Pourquoi refuser${NBSP}?`)).toBe(1);
    expect(faults('Langue : français.')).toBe(1);
    expect(faults(`Langue${NNBSP}: français.`)).toBe(1);
    expect(faults('Langue: français.')).toBe(1);
    expect(faults('{a} ; {b}')).toBe(1);
    expect(faults('touchez « Valider »')).toBe(2);
    expect(faults('soit {share}%')).toBe(1);
    expect(faults('à 20 % restants')).toBe(1);

    expect(faults(`Langue${NBSP}: français${NNBSP}; touchez «${NNBSP}Valider${NNBSP}»${NNBSP}! Soit 20${NNBSP}%${NNBSP}?`)).toBe(0);
    expect(faults('comme FREQ=MONTHLY;BYMONTHDAY=5, sans RRULE:, en HH:MM')).toBe(0);
    expect(faults('entre 08:00 et 10:30, comme https://erp.example.com:8443/x?y=1')).toBe(0);
    expect(faults('ajoutez `billing:` au contrat, ou /log edit T12 "motif ; autre"')).toBe(0);
    expect(faults('/tokens new <nom> <droits : read, write>\ntypes : x', 'area.usage')).toBe(1);
  });

  it('keeps the spaces when a message is rendered, and leaves English as it was', () => {
    expect(tIn('fr', 'common.language.set', { lang: 'fr' })).toBe(`Langue${NBSP}: français.`);
    expect(tIn('fr', 'check.which-job')).toBe(`Quelle intervention${NNBSP}? /check J-1001`);
    expect(tIn('en', 'check.which-job')).toBe('Which job? /check J-1001');
    const key: MessageKey = 'notices.prepaid-low.title';
    expect(tIn('fr', key, { threshold: 20, contract: 'ACME-HVAC' })).toBe(`Heures prépayées à 20${NNBSP}% ou moins${NBSP}: ACME-HVAC`);
  });

  it('writes a rate multiplier with the reader\'s decimal comma in French ("×1,5") and as written in English', () => {
    const read = (lang: 'en' | 'fr') =>
      inLanguage(lang, () =>
        exampleCards()
          .filter((c) => c.kind === 'contract' || c.kind === 'approval')
          .map((c) => renderText(c, { width: 400 }))
          .join('\n'),
      );
    const fr = read('fr');
    expect(fr).toContain('week-end ×1,5');
    expect(fr).toContain('LAB/TRV ×1,2');
    expect(fr).toContain('majoration hors accès ×1,5');
    expect(fr).not.toMatch(/×\d+\.\d/);
    const en = read('en');
    expect(en).toContain('weekend ×1.5');
    expect(en).toContain('LAB/TRV ×1.2');
  });
});
