import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config.js';
import { readDurationCell } from '../../src/import/cells.js';
import { inLanguage } from '../../src/i18n/current.js';
import { parseContractText } from '../../src/rules/contract-schema.js';
import { formatProblems } from '../../src/contracts/problem-text.js';
import { readDuration } from '../../src/i18n/duration-reading.js';
import { parseDuration } from '../../src/rules/units.js';

describe('durations', () => {
  it('reads the usual forms, spaced forms and the French 1h30', () => {
    expect(['15m', '2h', '1h30m', '1d2h', '90m', '25h', '1h30', '1 h 30', '1 h 30 m', '1h 30m', '2H'].map(parseDuration)).toEqual([15, 120, 90, 1560, 90, 1500, 90, 90, 90, 90, 120]);
    expect(readDuration('0m')).toEqual({ minutes: 0 });
  });

  it('reads a duration written the French way as the English one', () => {
    expect(['1h30', '1 h 30', '1h30m', '1 h 30 min', '1h30min', '1 h 30 mn', '45 min', '1j2h', '1 j 2 h'].map(parseDuration)).toEqual([90, 90, 90, 90, 90, 90, 45, 1560, 1560]);
    expect(readDuration('1 h 75 min')).toEqual({ problem: '"1 h 75 min" cannot be: 75m is a whole hour or more; did you mean 2h15m?' });
    expect(['1 h 30 minutes', 'jh', 'min', '1 mi'].map(parseDuration)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('says why a duration that cannot be is refused', () => {
    expect(readDuration('1h75m')).toEqual({ problem: '"1h75m" cannot be: 75m is a whole hour or more; did you mean 2h15m?' });
    expect(readDuration('90m15m')).toEqual({ problem: '"90m15m" gives the minutes twice; write each unit once, like 1h45m.' });
    expect(readDuration('-1h')).toEqual({ problem: '"-1h" is negative; a duration is a length of time, like 1h.' });
    expect(readDuration('30m1h')).toEqual({ problem: '"30m1h" puts hours after minutes; write the larger unit first, like 1h30m.' });
    expect(readDuration('1d24h')).toMatchObject({ problem: expect.stringMatching(/24h is a whole day or more/) });
    expect(readDuration('1d5')).toMatchObject({ problem: expect.stringMatching(/number without a unit/) });
    for (const t of ['1h75m', '90m15m', '-1h']) expect(parseDuration(t)).toBeUndefined();
  });

  it('leaves text that is not written like a duration to the caller', () => {
    for (const t of ['', '30', 'belt', '50.00', 'HVAC-LAB', '08:00-10:30']) expect(readDuration(t)).toBeUndefined();
  });

  it('a contract, a CSV cell and a setting refuse an impossible duration with the same reason', () => {
    const yaml = readFileSync(new URL('../../examples/contracts/acme-hvac.yaml', import.meta.url), 'utf8').replace('P2: { response: 4h,', 'P2: { response: 1h75m,');
    const r = parseContractText(yaml);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(formatProblems(r.problems)).toMatch(/"1h75m" cannot be: 75m is a whole hour or more; did you mean 2h15m\?/);
    expect(readDurationCell('90m15m')).toMatchObject({ ok: false });
    expect(JSON.stringify(readDurationCell('90m15m'))).toMatch(/gives the minutes twice/);
    expect(() => parseConfig({ APPROVAL_REMIND_AFTER: '1h75m' })).toThrow(ConfigError);
    expect(() => parseConfig({ APPROVAL_EXPIRE_AFTER: '0m' })).toThrow(/APPROVAL_EXPIRE_AFTER: must be longer than 0m/);
  });

  it('says why in the reader\'s language: a French import of a contract with an impossible duration reads French', () => {
    const yaml = readFileSync(new URL('../../examples/contracts/acme-hvac.yaml', import.meta.url), 'utf8').replace('P2: { response: 4h, restore: 10h,', 'P2: { response: 1h75m, restore: 0m,');
    const r = parseContractText(yaml);
    expect(r.ok).toBe(false);
    const text = r.ok ? '' : inLanguage('fr', () => formatProblems(r.problems));
    expect(text).toContain('sla.priorities.P2.response\u00a0: «\u202f1h75m\u202f» est impossible\u00a0: 75m font une heure entière ou plus\u202f; vouliez-vous dire 2h15m\u202f?');
    expect(text).toContain('sla.priorities.P2.restore\u00a0: doit être plus longue que 0 min');
    expect(text).not.toMatch(/cannot be|whole hour|did you mean|longer than/);
    expect(inLanguage('fr', () => [readDuration('90m15m'), readDuration('30m1h'), readDuration('-1h'), readDuration('1d5')])).toEqual([
      { problem: '«\u202f90m15m\u202f» donne les minutes deux fois\u202f; écrivez chaque unité une fois, comme 1h45m.' },
      { problem: '«\u202f30m1h\u202f» met les heures après les minutes\u202f; écrivez la plus grande unité d’abord, comme 1h30m.' },
      { problem: '«\u202f-1h\u202f» est négatif\u202f; une durée est un laps de temps, comme 1h.' },
      { problem: '«\u202f1d5\u202f» a un nombre sans unité\u202f; écrivez chaque partie avec j, h ou min, comme 1h30.' },
    ]);
  });
});
