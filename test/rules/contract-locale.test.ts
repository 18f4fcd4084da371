import { describe, expect, it } from 'vitest';
import { parseContractText } from '../../src/rules/contract-schema.js';
import { problemText } from '../../src/contracts/problem-text.js';
import { pilotText } from '../support/pilots.js';

/** BrightDesk's file with its `locale:` line replaced (or removed, for `undefined`). */
function withLocale(locale: string | undefined) {
  const text = pilotText('BRIGHTDESK-IT').replace(/^locale: .*\n/m, locale === undefined ? '' : `locale: ${locale}\n`);
  return parseContractText(text);
}

/** A failed load's problems, one worded line each (an empty list when it loaded). */
function problems(r: ReturnType<typeof parseContractText>): string[] {
  return r.ok ? [] : r.problems.map(problemText);
}

describe("a contract's locale", () => {
  it('is what the pilots write: the language and formats their customers read', () => {
    expect(['ACME-HVAC', 'NORTHWIND-TEL', 'STLUKE-BIOMED', 'PETRA-OG', 'BRIGHTDESK-IT'].map((id) => {
      const r = parseContractText(pilotText(id));
      return r.ok ? r.contract.locale : r.problems;
    })).toEqual(['fr-FR', 'en-GB', 'en-CA', 'en-US', 'en-US']);
  });

  it('defaults to en-GB and is read in its canonical spelling', () => {
    expect(withLocale(undefined)).toMatchObject({ ok: true, contract: { locale: 'en-GB' } });
    expect(withLocale('fr-ca')).toMatchObject({ ok: true, contract: { locale: 'fr-CA' } });
    expect(withLocale('fr_FR')).toMatchObject({ ok: true, contract: { locale: 'fr-FR' } });
  });

  it('refuses a tag that is not a locale, or a language the bot does not write, saying what to write', () => {
    expect(problems(withLocale('"french please"'))).toEqual(['locale: "french please" is not a locale; write a language and a country, like fr-FR or en-GB']);
    expect(problems(withLocale('de-DE'))).toEqual(['locale: "de-DE" is in a language the bot does not write; use en or fr with a country, like fr-FR or en-GB']);
  });
});
