import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Contract, ContractProblem } from '../../src/rules/contract-types.js';
import { redactText } from '../../src/rules/redact.js';
import {
  KNOWN_PLACEHOLDERS,
  parseContract,
  parseContractText,
  readContractText,
} from '../../src/rules/contract-schema.js';
import { formatProblems, phraseText, problemText } from '../../src/contracts/problem-text.js';
import { PILOT_IDS, pilotText, type PilotId } from '../support/pilots.js';

const text = pilotText;

/** A fresh, mutable copy of a pilot as plain data (what a test edits to break it). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function data(pilot: PilotId): any {
  const r = readContractText(text(pilot));
  if (!r.ok) throw new Error(formatProblems(r.problems));
  return structuredClone(r.data);
}

function load(pilot: PilotId): Contract {
  const r = parseContractText(text(pilot));
  if (!r.ok) throw new Error(`${pilot}:\n${formatProblems(r.problems)}`);
  return r.contract;
}

/** The problems of a contract that must fail, one formatted line each. */
function lines(raw: unknown): string[] {
  const r = parseContract(raw);
  expect(r.ok).toBe(false);
  return r.ok ? [] : formatProblems(r.problems).split('\n');
}

describe('the five pilot contracts', () => {
  it.each(PILOT_IDS)('%s loads unchanged with no problems', (pilot) => {
    const r = parseContractText(text(pilot));
    expect(r.ok ? [] : r.problems).toEqual([]);
  });

  it('ACME-HVAC: money in cents, durations in minutes, percentages as fractions', () => {
    const c = load('ACME-HVAC');
    const lab = c.rates.find((r) => r.code === 'HVAC-LAB')!;
    expect(lab).toEqual({
      code: 'HVAC-LAB',
      name: 'Corrective labour',
      unit: 'hour',
      price: 8500,
      covered: false,
      outOfScope: false,
      billing: { increment: 15, minimum: 30 },
    });
    expect(c.rates.find((r) => r.code === 'HVAC-PM')).toMatchObject({ covered: true, includes: 120, overrun: 'HVAC-LAB', price: 0 });
    expect(c.rates.find((r) => r.code === 'DUCT-CLEAN')).toMatchObject({ outOfScope: true, covered: false });
    // The flow-map comma inside "(flat, per visit)" belongs to the name, not a new key.
    expect(c.rates.find((r) => r.code === 'TRAVEL')!.name).toBe('Travel (flat, per visit)');
    expect(c.fee).toEqual({ amount: 180000, per: 'month' });
    expect(c.term).toEqual({ start: '2026-01-01', end: '2026-12-31', renewal: 'auto', noticeDays: 60 });
    expect(c.calendars.always).toBe('24x7');
    expect(c.calendars.office).toEqual({
      timezone: 'Europe/Paris',
      weekly: { mon: ['08:00-18:00'], tue: ['08:00-18:00'], wed: ['08:00-18:00'], thu: ['08:00-18:00'], fri: ['08:00-17:00'] },
      holidays: { region: 'FR', dates: ['2026-12-24'] },
    });
    expect(c.sla.warnAt).toEqual([0.75]);
    expect(c.sla.pauseOn).toEqual({ response: ['waiting_customer', 'waiting_parts'], restore: ['waiting_customer', 'waiting_parts'] });
    expect(c.sla.priorities?.P4).toEqual({ response: 2400, restore: 4800, calendar: 'office' });
    expect(c.sla.tiers).toBeUndefined();
    expect(c.sla.credits).toEqual([
      { when: 'restore_breach', priority: ['P1'], percentOfFee: 0.05 },
      { when: 'response_breach', priority: ['P1', 'P2'], percentOfFee: 0.02 },
    ]);
    expect(c.sla.creditCap).toEqual({ percentOfFee: 0.15, per: 'month' });
    expect(c.modifiers.overtime).toEqual({ multiplier: 1.5, afterPerDay: 480 });
    expect(c.modifiers.seasonal).toEqual([{ from: '06-01', to: '08-31', multiplier: 1.15, codes: ['HVAC-LAB'] }]);
    expect(c.parts.find((p) => p.sku === 'FILTER-20X25')!.price).toBe(1850);
    expect(c.approvals.outOfScope).toEqual({ approvers: ['manager'], autoApproveUnder: 15000 });
    expect(c.checklists['HVAC-PM']![4]).toEqual({ step: 'Log readings and photograph nameplate', required: false, safety: false, proof: 'photo' });
    expect(c.entitlements).toEqual({ prepaidHours: [], warranty: [{ parts: ['COMP-*'], until: '2027-06-30', labour: true }] });
    expect(c.redaction).toEqual([]);
  });

  it('BRIGHTDESK-IT: missing optional sections become empty', () => {
    const c = load('BRIGHTDESK-IT');
    expect(c.fee.amount).toBe(0);
    expect(c.sla.credits).toEqual([]);
    expect(c.sla.subcontractors).toEqual([]);
    expect(c.sla.creditCap).toBeUndefined();
    expect(c.entitlements).toEqual({ prepaidHours: [], warranty: [] });
    expect(c.modifiers.seasonal).toEqual([]);
    expect(c.checklists).toEqual({});
    expect(c.recurring).toEqual([]);
    expect(c.redaction).toEqual([]);
    expect(c.approvals.rateOverride).toBeUndefined();
    expect(c.rates.find((r) => r.code === 'IT-LAB')!.billing).toEqual({ increment: 15, minimum: 60 });
    expect(c.rates.find((r) => r.code === 'IT-REMOTE')!.billing).toEqual({ increment: 15 });
  });

  it('NORTHWIND-TEL: windows per tier, credits per tier as lists', () => {
    const c = load('NORTHWIND-TEL');
    expect(c.sla.priorities).toBeUndefined();
    expect(Object.keys(c.sla.tiers!)).toEqual(['gold', 'silver', 'bronze']);
    expect(c.sla.tiers!.gold!.P1).toEqual({ response: 15, restore: 120, calendar: 'always' });
    expect(c.sla.tiers!.bronze!.P3).toEqual({ response: 960, restore: 3600, calendar: 'office' });
    expect(c.sites.map((s) => [s.id, s.tier])).toEqual([
      ['LDN-CORE', 'gold'],
      ['MAN-AGG', 'silver'],
      ['LDS-EDGE', 'bronze'],
    ]);
    expect(c.sla.credits).toEqual([
      { when: 'restore_breach', priority: ['P1'], tier: ['gold'], percentOfFee: 0.1 },
      { when: 'restore_breach', priority: ['P1'], tier: ['silver', 'bronze'], percentOfFee: 0.05 },
      { when: 'response_breach', priority: ['P1', 'P2'], percentOfFee: 0.01 },
    ]);
    expect(c.sla.warnAt).toEqual([0.7]);
    expect(c.entitlements.prepaidHours).toEqual([{ hours: 60, codes: ['NET-ENG'], from: '2026-04-01', until: '2027-03-31' }]);
    expect((c.calendars.office as { holidays?: unknown }).holidays).toEqual({ region: 'GB-ENG' });
  });

  it('PETRA-OG: access calendar, outside-access permit, per-km travel, safety steps', () => {
    const c = load('PETRA-OG');
    const ref = c.sites.find((s) => s.id === 'PTX-REF')!;
    expect(ref).toEqual({ id: 'PTX-REF', name: 'Port Arthur refinery', address: 'Hwy 73, Port Arthur, TX', calendar: 'office', access: 'refinery-access' });
    expect(c.sites.find((s) => s.id === 'PIPE-KP112')).toMatchObject({ calendar: 'always', travelKm: 68 });
    expect(c.sites.find((s) => s.id === 'HOU-TERM')!.access).toBeUndefined();
    expect(c.calendars['refinery-access']).toEqual({
      timezone: 'America/Chicago',
      weekly: {
        mon: ['22:00-24:00'],
        tue: ['00:00-06:00', '22:00-24:00'],
        wed: ['00:00-06:00', '22:00-24:00'],
        thu: ['00:00-06:00', '22:00-24:00'],
        fri: ['00:00-06:00', '22:00-24:00'],
        sat: ['00:00-06:00'],
      },
      holidays: { dates: ['2026-11-26', '2026-12-25'] },
    });
    expect(c.modifiers.outsideAccess).toEqual({ multiplier: 2, requiresApproval: true });
    expect(c.modifiers.travel).toEqual({ code: 'MILEAGE', per: 'km' });
    expect(c.rates.find((r) => r.code === 'MILEAGE')!.price).toBe(110);
    expect(c.sla.pauseOn.restore).toEqual(['waiting_customer', 'waiting_permit']);
    expect(c.sla.credits[0]).toEqual({ when: 'restore_breach', priority: ['P1'], amount: 150000 });
    expect(c.sla.creditCap).toEqual({ amount: 600000, per: 'month' });
    expect(c.checklists['VALVE-SVC']!.filter((s) => s.safety).map((s) => s.proof ?? null)).toEqual([null, 'reading', 'photo', 'signature']);
    expect(c.checklists['VALVE-SVC']![3]).toEqual({ step: 'Service valve and stroke-test', required: false, safety: false });
    expect(c.recurring).toEqual([{ code: 'INSTR-CAL', sites: ['PTX-REF'], rule: 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=10', priority: 'P3' }]);
    expect(c.templates.departure).toContain('{{job.permit}}');
  });

  it('modifiers.travel.includedInCoveredVisit: true is kept; false or absent leaves travel billed for a covered visit', () => {
    const c = data('ACME-HVAC');
    c.modifiers.travel.includedInCoveredVisit = true;
    const r = parseContract(c);
    expect(r.ok && r.contract.modifiers.travel).toEqual({ code: 'TRAVEL', per: 'visit', includedInCoveredVisit: true });
    c.modifiers.travel.includedInCoveredVisit = false;
    const off = parseContract(c);
    expect(off.ok && off.contract.modifiers.travel).toEqual({ code: 'TRAVEL', per: 'visit' });
    expect(load('ACME-HVAC').modifiers.travel).toEqual({ code: 'TRAVEL', per: 'visit' });
    c.modifiers.travel.includedInCoveredVisit = 'yes';
    expect(lines(c)).toEqual([expect.stringMatching(/^modifiers\.travel\.includedInCoveredVisit: /)]);
  });

  it('STLUKE-BIOMED: redaction patterns kept verbatim and usable', () => {
    const c = load('STLUKE-BIOMED');
    expect(c.redaction).toEqual([
      { name: 'patient MRN', pattern: "\\bMRN\\s*(?:no\\.?|number)?\\s*[-:#]?\\s*\\d{6,}\\b", replacement: '[MRN redacted]', caseSensitive: false },
      { name: 'patient name tag', pattern: "\\bpatient\\s*[:#]\\s*[a-z][a-z'-]*(?:[ \\t]+[a-z][a-z'-]*){0,2}", replacement: 'patient: [redacted]', caseSensitive: false },
    ]);
    const scrub = (s: string): string => redactText(c.redaction, s);
    expect(scrub('Pump for Patient: Jane Doe, MRN-00123456, bed 4')).toBe('Pump for patient: [redacted], [MRN redacted], bed 4');
    expect(c.sla.warnAt).toEqual([0.6]);
    expect(c.entitlements.warranty).toEqual([{ parts: ['PUMP-*'], until: '2027-01-14', labour: true }]);
    expect(c.checklists['BIOMED-SVC']![3]).toEqual({ step: 'Clinical sign-off by charge nurse', required: true, safety: false, proof: 'signature' });
    expect(c.recurring[0]!.rule).toBe('FREQ=MONTHLY;BYDAY=1TU');
  });

  it('warnAt: one share or a list, always ascending fractions', () => {
    const c = data('ACME-HVAC');
    c.sla.warnAt = ['80%', '50%'];
    const r = parseContract(c);
    expect(r.ok && r.contract.sla.warnAt).toEqual([0.5, 0.8]);
    c.sla.warnAt = '100%';
    const r2 = parseContract(c);
    expect(r2.ok && r2.contract.sla.warnAt).toEqual([1]);
    c.sla.warnAt = ['0%', '120%', 75, '60%', '60%'];
    expect(lines(c)).toEqual([
      'sla.warnAt[0]: must be a percentage above 0% and up to 100%, like 75%',
      'sla.warnAt[1]: must be a percentage above 0% and up to 100%, like 75%',
      'sla.warnAt[2]: must be a percentage above 0% and up to 100%, like 75% (write the % sign)',
      'sla.warnAt[4]: 60% is listed twice',
    ]);
  });

  it('pauseOn: a map sets each window; only waiting statuses pause', () => {
    const c = data('ACME-HVAC');
    c.sla.pauseOn = { response: ['waiting_customer'], restore: ['waiting_customer', 'waiting_parts'] };
    const r = parseContract(c);
    expect(r.ok && r.contract.sla.pauseOn).toEqual({ response: ['waiting_customer'], restore: ['waiting_customer', 'waiting_parts'] });
    c.sla.pauseOn = { restore: ['waiting_permit'] };
    const r2 = parseContract(c);
    expect(r2.ok && r2.contract.sla.pauseOn).toEqual({ response: [], restore: ['waiting_permit'] });
    c.sla.pauseOn = { respond: ['waiting_customer'], restore: ['on_site', 'lunch'] };
    expect(lines(c)).toEqual([
      'sla.pauseOn: unknown field "respond" (did you mean "response"?)',
      'sla.pauseOn.restore[0]: on_site cannot pause a clock; must be one of: waiting_customer, waiting_parts, waiting_permit',
      'sla.pauseOn.restore[1]: must be one of: waiting_customer, waiting_parts, waiting_permit',
    ]);
  });
});

describe('broken copies of each pilot report every injected problem at once', () => {
  it('ACME-HVAC', () => {
    const c = data('ACME-HVAC');
    c.rates[1].price = -85.125;
    c.rates[1].prise = 85;
    c.sites[0].calendar = 'ofice';
    c.calendars.office.weekly.mon = ['08:00-12:00', '11:00-18:00'];
    c.calendars.office.holidays.region = 'XX-YY';
    c.templates.confirmation += 'Ref {{job.idd}}';
    c.redaction = [{ name: 'card', pattern: '(\\d{4}', replacement: '[card]' }];
    expect(lines(c)).toEqual([
      'calendars.office.weekly.mon[1]: overlaps "08:00-12:00"',
      'calendars.office.holidays.region: unknown holiday region "XX-YY" (no country "XX")',
      'sites[0].calendar: unknown calendar "ofice" (known: office, always)',
      'rates[1].price: must be an amount of at least 0 with at most 2 decimals',
      'rates[1]: unknown field "prise" (did you mean "price"?)',
      'templates.confirmation: unknown placeholder {{job.idd}} (did you mean {{job.id}}?)',
      'redaction[0].pattern: must be a valid regular expression (a "(" is never closed)',
    ]);
  });

  it('BRIGHTDESK-IT', () => {
    const c = data('BRIGHTDESK-IT');
    c.calendars.office.weekly.fri = ['09:00-13:00', '12:30-17:00'];
    c.calendars.office.holidays.region = 'XX-YY';
    c.sites[0].adress = 'somewhere';
    c.sla.priorities.P2.calendar = 'offce';
    c.rates[0].price = -120.005;
    c.templates.closing = 'Ticket {{job.idd}} closed.';
    c.redaction = [{ name: 'ssn', pattern: '[a-z', replacement: 'x' }];
    expect(lines(c)).toEqual([
      'calendars.office.weekly.fri[1]: overlaps "09:00-13:00"',
      'calendars.office.holidays.region: unknown holiday region "XX-YY" (no country "XX")',
      'sites[0]: unknown field "adress" (did you mean "address"?)',
      'sla.priorities.P2.calendar: unknown calendar "offce" (known: office)',
      'rates[0].price: must be an amount of at least 0 with at most 2 decimals',
      'templates.closing: unknown placeholder {{job.idd}} (did you mean {{job.id}}?)',
      'redaction[0].pattern: must be a valid regular expression (a "[" is never closed)',
    ]);
  });

  it('NORTHWIND-TEL', () => {
    const c = data('NORTHWIND-TEL');
    c.calendars.office.weekly.sat = ['09:00-13:00', '09:00-10:00'];
    c.calendars.office.holidays.region = 'XX-YY';
    c.sla.tiers.gold.P3.calendar = 'ofice';
    c.sla.credits[0].percentOfFe = 10;
    c.parts[0].price = -140.001;
    c.templates.departure = 'Engineer for {{job.idd}}.';
    c.redaction = [{ name: 'circuit', pattern: '*CCT', replacement: 'x' }];
    expect(lines(c)).toEqual([
      'calendars.office.weekly.sat[1]: overlaps "09:00-13:00"',
      'calendars.office.holidays.region: unknown holiday region "XX-YY" (no country "XX")',
      'sla.tiers.gold.P3.calendar: unknown calendar "ofice" (known: office, always)',
      'sla.credits[0]: unknown field "percentOfFe" (did you mean "percentOfFee"?)',
      'parts[0].price: must be an amount of at least 0 with at most 2 decimals',
      'templates.departure: unknown placeholder {{job.idd}} (did you mean {{job.id}}?)',
      'redaction[0].pattern: must be a valid regular expression (*, + or ? must follow something to repeat; write \\* for the character itself)',
    ]);
  });

  it('PETRA-OG', () => {
    const c = data('PETRA-OG');
    c.calendars.office.holidays.region = 'XX-YY';
    c.calendars['refinery-access'].weekly.tue = ['00:00-06:00', '05:00-24:00'];
    c.sites[0].access = 'refinery-acess';
    c.rates[3].price = -1.105;
    c.checklists['VALVE-SVC'][0].saftey = true;
    c.templates.departure += ' {{job.idd}}';
    c.redaction = [{ name: 'permit', pattern: 'PTW-\\d+)', replacement: 'x' }];
    expect(lines(c)).toEqual([
      'calendars.office.holidays.region: unknown holiday region "XX-YY" (no country "XX")',
      'calendars.refinery-access.weekly.tue[1]: overlaps "00:00-06:00"',
      'sites[0].access: unknown calendar "refinery-acess" (known: office, refinery-access, always)',
      'rates[3].price: must be an amount of at least 0 with at most 2 decimals',
      'checklists.VALVE-SVC[0]: unknown field "saftey" (did you mean "safety"?)',
      'templates.departure: unknown placeholder {{job.idd}} (did you mean {{job.id}}?)',
      'redaction[0].pattern: must be a valid regular expression (a ")" closes no "(")',
    ]);
  });

  it('STLUKE-BIOMED', () => {
    const c = data('STLUKE-BIOMED');
    c.calendars['hospital-days'].weekly.wed = ['07:30-19:30', '19:00-20:00'];
    c.calendars['hospital-days'].holidays.region = 'XX-YY';
    c.sla.priorities.P3.calendar = 'hospital-day';
    c.rates[2].price = -40.125;
    c.redaction[0].replacment = '[MRN]';
    c.redaction[1].pattern = '(?<name';
    c.templates.closing += '{{job.idd}}';
    expect(lines(c)).toEqual([
      'calendars.hospital-days.weekly.wed[1]: overlaps "07:30-19:30"',
      'calendars.hospital-days.holidays.region: unknown holiday region "XX-YY" (no country "XX")',
      'sla.priorities.P3.calendar: unknown calendar "hospital-day" (known: hospital-days, always)',
      'rates[2].price: must be an amount of at least 0 with at most 2 decimals',
      'redaction[0]: unknown field "replacment" (did you mean "replacement"?)',
      'redaction[1].pattern: must be a valid regular expression (the name of a named group must be letters and digits, between < and >)',
      'templates.closing: unknown placeholder {{job.idd}} (did you mean {{job.id}}?)',
    ]);
  });
});

describe('checks beyond shape', () => {
  it('references to codes, sites, tiers and parts everywhere they occur', () => {
    const c = data('ACME-HVAC');
    c.rates[0].overrun = 'HVAC-LABOR';
    c.modifiers.seasonal[0].codes = ['HVAC-LAB', 'HVAC-LB'];
    c.modifiers.travel.code = 'TRAVL';
    c.entitlements.prepaidHours = [{ hours: 10, codes: ['DUCT-CLEEN'], from: '2026-01-01', until: '2026-12-31' }];
    c.entitlements.warranty[0].parts = ['CMP-*'];
    c.checklists['HVAC-P'] = [{ step: 'x' }];
    c.recurring[0].code = 'HVAC-PN';
    c.recurring[0].sites = ['PAR-HQ', 'LYON'];
    c.sla.credits[0].tier = 'gold';
    expect(lines(c)).toEqual([
      'sla.credits[0].tier: unknown tier "gold" (none defined)',
      'rates[0].overrun: unknown code "HVAC-LABOR" (known: HVAC-PM, HVAC-LAB, HVAC-CALL, TRAVEL, DUCT-CLEAN)',
      'modifiers.seasonal[0].codes[1]: unknown code "HVAC-LB" (known: HVAC-PM, HVAC-LAB, HVAC-CALL, TRAVEL, DUCT-CLEAN)',
      'modifiers.travel.code: unknown code "TRAVL" (known: HVAC-PM, HVAC-LAB, HVAC-CALL, TRAVEL, DUCT-CLEAN)',
      'entitlements.warranty[0].parts[0]: "CMP-*" matches no part in parts (known: FILTER-20X25, BELT-A42, COMP-5T, R410A-KG)',
      'entitlements.prepaidHours[0].codes[0]: unknown code "DUCT-CLEEN" (known: HVAC-PM, HVAC-LAB, HVAC-CALL, TRAVEL, DUCT-CLEAN)',
      'checklists.HVAC-P: unknown code "HVAC-P" (known: HVAC-PM, HVAC-LAB, HVAC-CALL, TRAVEL, DUCT-CLEAN)',
      'recurring[0].code: unknown code "HVAC-PN" (known: HVAC-PM, HVAC-LAB, HVAC-CALL, TRAVEL, DUCT-CLEAN)',
      'recurring[0].sites[1]: unknown site "LYON" (known: PAR-HQ, LYO-DC)',
    ]);
  });

  it('tiers: sites need a known tier, and a used tier needs every priority another tier has', () => {
    const c = data('NORTHWIND-TEL');
    c.sites[1].tier = 'silvr';
    delete c.sites[2].tier;
    delete c.sla.tiers.bronze.P2;
    c.sites.push({ id: 'BRS-EDGE', name: 'Bristol', address: 'Bristol', calendar: 'office', tier: 'bronze' });
    c.sla.credits[1].tier = ['silver', 'platinum'];
    c.sla.credits[2].priority = ['P1', 'P4'];
    expect(lines(c)).toEqual([
      'sites[1].tier: unknown tier "silvr" (known: gold, silver, bronze)',
      'sites[2].tier: is required because the SLA is set per tier (known: gold, silver, bronze)',
      'sla.tiers.bronze: has no P2 window, but gold has one and site BRS-EDGE uses bronze',
      'sla.credits[1].tier[1]: unknown tier "platinum" (known: gold, silver, bronze)',
      'sla.credits[2].priority[1]: no SLA window for P4, so this credit can never be owed',
    ]);
  });

  it('SLA structure: priorities or tiers, restore not shorter than response, windows complete', () => {
    const c = data('ACME-HVAC');
    c.sla.priorities.P2.restore = '2h';
    delete c.sla.priorities.P3.calendar;
    c.sla.priorities.P5 = c.sla.priorities.P4;
    c.sla.priorities.P1.response = '1 hour';
    c.recurring[0].priority = 'P4';
    expect(lines(c)).toEqual([
      'sla.priorities.P1.response: must be a duration like 15m, 2h or 1h30m',
      'sla.priorities.P2.restore: must not be shorter than response (4h)',
      'sla.priorities.P3.calendar: is required',
      'sla.priorities: unknown field "P5" (allowed: P1, P2, P3, P4)',
    ]);
    const d = data('BRIGHTDESK-IT');
    d.sla.tiers = { gold: d.sla.priorities };
    d.recurring = [{ code: 'IT-LAB', sites: ['BD-NYC'], rule: 'FREQ=MONTHLY;BYMONTHDAY=1', priority: 'P4' }];
    expect(lines(d)).toEqual([
      'sites[0].tier: is required because the SLA is set per tier (known: gold)',
      'sla.tiers: use either sla.priorities or sla.tiers, not both',
    ]);
    delete d.sla.tiers;
    delete d.sla.priorities;
    expect(lines(d)).toEqual(['sla: needs response and restore windows under priorities (or tiers)']);
  });

  it('a priority used by a recurring visit or a credit needs a window (P4 may be left out)', () => {
    const b = data('BRIGHTDESK-IT');
    b.recurring = [{ code: 'IT-LAB', sites: ['BD-NYC'], rule: 'FREQ=MONTHLY;BYMONTHDAY=1', priority: 'P4' }];
    b.sla.credits = [{ when: 'response_breach', priority: 'P4', amount: 50 }];
    expect(lines(b)).toEqual([
      'sla.credits[0].priority: no SLA window for P4, so this credit can never be owed',
      'recurring[0].priority: no SLA window for P4',
    ]);
    const n = data('NORTHWIND-TEL');
    n.sla.tiers.gold.P4 = { response: '1d', restore: '5d', calendar: 'office' };
    n.recurring = [{ code: 'NET-SWAP', sites: ['LDN-CORE', 'MAN-AGG'], rule: 'FREQ=YEARLY', priority: 'P4' }];
    expect(lines(n)).toEqual([
      'sla.tiers.silver: has no P4 window, but gold has one and site MAN-AGG uses silver',
      'sla.tiers.bronze: has no P4 window, but gold has one and site LDS-EDGE uses bronze',
      'recurring[0].priority: no SLA window for P4 at site MAN-AGG (tier silver)',
    ]);
  });

  it('rates: includes, overrun and billing fit the code', () => {
    const c = data('ACME-HVAC');
    c.rates[0].overrun = 'HVAC-CALL';
    c.rates[1].includes = '1h';
    c.rates[2].outOfScope = true;
    c.rates[3].billing = { increment: '15m' };
    c.rates[4].unit = 'hours';
    c.rates.push({ code: 'hvac-lab', name: 'dup', unit: 'hour', price: 1 });
    expect(lines(c)).toEqual([
      'rates[0].overrun: HVAC-CALL bills per visit; the overrun code must bill per hour',
      'rates[1].includes: only covered codes include labour (set covered: true or remove includes)',
      'rates[2].outOfScope: a code cannot be both covered and out of scope',
      'rates[3].billing: only hour-unit codes have billing increments (this one bills per visit)',
      'rates[4].unit: must be one of: hour, visit, each, day, km',
      'rates[5].code: duplicate code "hvac-lab" (also rates[1])',
    ]);
  });

  it('modifiers, entitlements, approvals, fallbacks', () => {
    const c = data('PETRA-OG');
    c.modifiers.travel.per = 'visit';
    c.modifiers.seasonal = [
      { from: '12-01', to: '02-28', multiplier: 1.2, codes: ['VALVE-SVC'] },
      { from: '02-01', to: '02-30', multiplier: 1.1, codes: ['VALVE-SVC'] },
      { from: '02-15', to: '03-15', multiplier: 1.1, codes: ['valve-svc'] },
    ];
    c.entitlements.prepaidHours = [{ hours: 10, codes: ['INSTR-CAL'], from: '2026-03-01', until: '2026-02-01' }];
    c.approvals.goodwill = { approvers: ['manager', 'boss'], autoApproveUnder: 2000, limit: 1000 };
    c.sla.fallbacks = ['reassign', 'subcontract', 'pray'];
    delete c.sla.subcontractors;
    expect(lines(c)).toEqual([
      'sla.fallbacks[1]: subcontract needs at least one entry in sla.subcontractors',
      'sla.fallbacks[2]: must be one of: reassign, escalate, notify_customer, subcontract',
      'modifiers.travel.code: MILEAGE bills per km; travel per visit needs a code that bills per visit',
      'modifiers.seasonal[1].to: "02-30" is not a real month and day',
      'modifiers.seasonal[2]: overlaps seasonal[0] for VALVE-SVC',
      'entitlements.prepaidHours[0].codes[0]: INSTR-CAL bills per each; prepaid hours apply to hour-unit codes',
      'entitlements.prepaidHours[0].until: must not be before from (2026-03-01)',
      'approvals.goodwill.approvers[1]: must be one of: technician, dispatcher, manager, finance, admin',
      'approvals.goodwill.autoApproveUnder: must not be above limit (1000)',
      'approvals.goodwill.above: is required with limit: the roles that approve beyond it',
    ]);
  });

  it('calendars: HH:MM ranges, reversed ranges, zones, regions, dates, duplicates', () => {
    const c = data('PETRA-OG');
    c.calendars.office.timezone = 'America/Chicag';
    c.calendars.office.weekly.mon = ['7:00-17:00'];
    c.calendars.office.weekly.tue = ['22:00-06:00'];
    c.calendars.office.holidays = { region: 'US-TZ', dates: ['2026-02-30', '2026-12-25'] };
    c.calendars.Office = '24x7';
    c.calendars['refinery-access'] = { timezone: 'America/Chicago', weekly: {} };
    c.term.end = '2026-01-31';
    expect(lines(c)).toEqual([
      'term.end: must not be before term.start (2026-02-01)',
      'calendars.office.timezone: unknown time zone "America/Chicag" (use an IANA name like Europe/Paris)',
      'calendars.office.weekly.mon[0]: must be a time range like "08:00-18:00" (HH:MM-HH:MM; the end may be 24:00)',
      'calendars.office.weekly.tue[0]: "22:00-06:00" ends before it starts; split a range past midnight into two days (22:00-24:00, then 00:00-06:00)',
      'calendars.office.holidays.region: unknown holiday region "US-TZ" (US has no state "TZ")',
      'calendars.office.holidays.dates[0]: "2026-02-30" is not a real date',
      'calendars.refinery-access.weekly: must open on at least one day',
      'calendars.Office: duplicate calendar name "Office" (also "office")',
    ]);
  });

  it('holiday regions as date-holidays names them: country, state', () => {
    const c = data('BRIGHTDESK-IT');
    for (const region of ['US', 'US-TX', 'GB-ENG', 'CA-ON', 'FR', 'DE-BY']) {
      c.calendars.office.holidays.region = region;
      expect(parseContract(c).ok, region).toBe(true);
    }
    c.calendars.office.holidays.region = 'gb-eng';
    expect(lines(c)).toEqual(['calendars.office.holidays.region: unknown holiday region "gb-eng" (no country "gb"; did you mean GB?)']);
  });

  it('recurring rules: RFC 5545 syntax, and a rule must be able to fall within the term', () => {
    const c = data('STLUKE-BIOMED');
    const rules = [
      'FREQ=MONTHY',
      'FREQ=DAILY;INTERVAL=-1',
      'RRULE:FREQ=DAILY',
      'BYMONTHDAY=5',
      'FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30',
      'FREQ=WEEKLY;BYDAY=1MO',
      'FREQ=HOURLY',
      'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29',
      'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
    ];
    c.recurring = rules.map((rule) => ({ code: 'PM-INFUSION', sites: ['SLR-ICU'], rule, priority: 'P3' }));
    expect(lines(c)).toEqual([
      'recurring[0].rule: must be a recurrence rule like FREQ=MONTHLY;BYMONTHDAY=5 (FREQ "MONTHY" must be one of: DAILY, WEEKLY, MONTHLY, YEARLY)',
      'recurring[1].rule: must be a recurrence rule like FREQ=MONTHLY;BYMONTHDAY=5 (INTERVAL must be a whole number from 1 to 9999)',
      'recurring[2].rule: must be a recurrence rule like FREQ=MONTHLY;BYMONTHDAY=5 (write only the rule body, without RRULE:, DTSTART or extra lines)',
      'recurring[3].rule: must be a recurrence rule like FREQ=MONTHLY;BYMONTHDAY=5 (FREQ is required)',
      'recurring[4].rule: never falls between term.start 2026-01-15 and term.end 2027-01-14',
      'recurring[5].rule: must be a recurrence rule like FREQ=MONTHLY;BYMONTHDAY=5 (an nth weekday in BYDAY needs FREQ=MONTHLY or FREQ=YEARLY)',
      'recurring[6].rule: must be a recurrence rule like FREQ=MONTHLY;BYMONTHDAY=5 (FREQ visits repeat at most daily)',
      // 2026-01-15..2027-01-14 holds no 29 February
      'recurring[7].rule: never falls between term.start 2026-01-15 and term.end 2027-01-14',
    ]);
  });

  it('templates: only known placeholders, valid mustache, known message kinds', () => {
    const c = data('ACME-HVAC');
    c.templates.delay = 'Sorry {{contact.name}}, {{#job.eta}}new ETA {{.}}{{/job.eta}}{{^job.eta}}no ETA yet{{/job.eta}}.';
    expect(parseContract(c).ok).toBe(true);
    c.templates.departure = '{{#job.eta}}unclosed';
    c.templates.closing = '{{> footer}} {{{customer.nme}}} {{zzz}}';
    c.templates.reminder = 'x';
    expect(lines(c)).toEqual([
      'templates.departure: is not a valid template (the section {{#job.eta}} at line 1, column 1 of the template is never closed with {{/job.eta}})',
      'templates.closing: uses the partial {{>footer}}; partials are not supported',
      'templates.closing: unknown placeholder {{customer.nme}} (did you mean {{customer.name}}?)',
      `templates.closing: unknown placeholder {{zzz}} (known: ${KNOWN_PLACEHOLDERS.join(', ')})`,
      'templates: unknown field "reminder" (allowed: confirmation, departure, closing, delay, subcontract, invoice, credit_note)',
    ]);
  });

  it('types and required fields read as sentences, never zod English', () => {
    const c = data('BRIGHTDESK-IT');
    delete c.id;
    c.team = 42;
    c.sites = [];
    c.rates[0].covered = 'yes';
    c.rates[1].billing = '15m';
    c.parts[0].sku = 1234;
    c.fee.per = 'week';
    c.customer.contacts = null;
    c.sla.priorities.P1.restore = 480;
    expect(lines(c)).toEqual([
      'id: is required',
      'customer.contacts: is empty; must be a list',
      'fee.per: must be month',
      'team: must be text; put it in quotes',
      'sites: must list at least one item',
      'sla.priorities.P1.restore: must be a duration like 15m, 2h or 1h30m',
      'rates[0].covered: must be true or false, not text',
      'rates[1].billing: must be a set of fields, not text',
      'parts[0].sku: must be text; put it in quotes so YAML keeps it exactly as written',
    ]);
  });
});

describe('normalization details', () => {
  it('references ignore case and take the defined spelling; 24x7 works without a definition', () => {
    const c = data('PETRA-OG');
    c.sites[0].calendar = 'OFFICE';
    c.sites[0].access = 'Refinery-Access';
    c.sites[2].calendar = '24x7';
    c.modifiers.travel.code = 'mileage';
    c.recurring[0].sites = ['ptx-ref'];
    c.checklists['valve-svc'] = c.checklists['VALVE-SVC'];
    delete c.checklists['VALVE-SVC'];
    delete c.calendars.always;
    c.sla.priorities.P1.calendar = '24x7';
    c.sla.priorities.P2.calendar = '24x7';
    const r = parseContract(c);
    if (!r.ok) throw new Error(formatProblems(r.problems));
    expect(r.contract.sites[0]).toMatchObject({ calendar: 'office', access: 'refinery-access' });
    expect(r.contract.sites[2]!.calendar).toBe('24x7');
    expect(r.contract.calendars['24x7']).toBe('24x7');
    expect(r.contract.modifiers.travel!.code).toBe('MILEAGE');
    expect(r.contract.recurring[0]!.sites).toEqual(['PTX-REF']);
    expect(Object.keys(r.contract.checklists)).toEqual(['VALVE-SVC']);
    expect(r.contract.id).toBe('PETRA-OG');
  });

  it('Date objects become YYYY-MM-DD; string amounts are exact', () => {
    const c = data('NORTHWIND-TEL');
    c.term.start = new Date(Date.UTC(2026, 3, 1));
    c.entitlements.prepaidHours[0].until = new Date(Date.UTC(2027, 2, 31));
    c.fee.amount = '4200.10';
    c.rates[0].price = 0.29;
    const r = parseContract(c);
    if (!r.ok) throw new Error(formatProblems(r.problems));
    expect(r.contract.term.start).toBe('2026-04-01');
    expect(r.contract.entitlements.prepaidHours[0]!.until).toBe('2027-03-31');
    expect(r.contract.fee.amount).toBe(420010);
    expect(r.contract.rates[0]!.price).toBe(29);
  });

  it('a recurring visit cannot use an out-of-scope code', () => {
    const c = data('ACME-HVAC');
    c.recurring[0].code = 'duct-clean';
    expect(lines(c)).toEqual(['recurring[0].code: DUCT-CLEAN is out of scope; a scheduled visit would use it without an approved request']);
  });

  it('a contract does not share objects with its input', () => {
    const c = data('PETRA-OG');
    const r = parseContract(c);
    if (!r.ok) throw new Error('expected ok');
    c.calendars.office.weekly.mon.push('20:00-21:00');
    c.sla.pauseOn.push('waiting_parts');
    expect((r.contract.calendars.office as { weekly: { mon: string[] } }).weekly.mon).toEqual(['07:00-17:00']);
    expect(r.contract.sla.pauseOn.response).toEqual(['waiting_customer', 'waiting_permit']);
  });
});

describe('text input', () => {
  it('YAML syntax errors come back with line numbers', () => {
    const broken = text('ACME-HVAC').replace('  - { code: HVAC-LAB, name: Corrective labour,', '  - { code: HVAC-LAB, name: [Corrective labour,');
    const r = parseContractText(broken);
    expect(r.ok).toBe(false);
    const first = r.ok ? undefined : r.problems[0];
    expect(problemText(first!)).toMatch(/^line \d+: /);
    expect(first!.line).toBeGreaterThanOrEqual(49);
  });

  it('a key written twice is an error with its line', () => {
    const broken = text('BRIGHTDESK-IT').replace('team: it-field\n', 'team: it-field\nteam: other\n');
    const r = parseContractText(broken);
    const line = broken.split('\n').indexOf('team: other') + 1;
    expect(line).toBe(12);
    expect(r.ok ? [] : r.problems.map(problemText)).toEqual([`line ${line}: this key appears twice in the same mapping (column 1)`]);
  });

  it('JSON is detected, loads the same, and reports syntax errors and duplicate keys by line', () => {
    const json = JSON.stringify(data('STLUKE-BIOMED'), null, 2);
    const fromJson = parseContractText(json);
    expect(fromJson).toEqual(parseContractText(text('STLUKE-BIOMED')));
    const trailing = parseContractText('{\n  "id": "X",\n  "team": "t",\n}', 'json');
    expect(trailing.ok ? [] : trailing.problems.map((p) => p.line)).toEqual([4]);
    const dup = parseContractText('{\n  "id": "X",\n  "id": "Y"\n}');
    expect(dup.ok ? [] : dup.problems.map(problemText)).toEqual(['line 3: this key appears twice in the same mapping (column 3)']);
  });

  it('a comma inside parentheses in a flow map stays in the text; other bare keys stay errors', () => {
    const yaml = text('BRIGHTDESK-IT')
      .replace('name: On-site IT labour,', 'name: On-site IT labour (incl. setup, testing, handover),')
      .replace('name: Remote support,', 'name: Remote support, covered,');
    const r = parseContractText(yaml);
    expect(r.ok ? [] : formatProblems(r.problems).split('\n')).toEqual(['rates[1].covered: is empty; must be true or false']);
    const fixed = parseContractText(yaml.replace('name: Remote support, covered,', 'name: Remote support,'));
    expect(fixed.ok && fixed.contract.rates[0]!.name).toBe('On-site IT labour (incl. setup, testing, handover)');
  });

  it('an empty file says so', () => {
    const r = parseContractText('# nothing here\n');
    expect(r.ok ? '' : formatProblems(r.problems)).toBe('the contract is empty; expected fields like id, customer, calendars, sites, sla and rates');
  });
});

describe('formatProblems and KNOWN_PLACEHOLDERS', () => {
  it('one line per problem, path: message', () => {
    const problems: ContractProblem[] = [
      { path: 'rates[2].price', why: { key: 'contract-checks.money' } },
      { path: '', line: 7, column: 3, why: { key: 'contract-checks.yaml-duplicate-key' } },
      { path: '', why: { key: 'contract-checks.contract-invalid' } },
    ];
    expect(formatProblems(problems)).toBe(
      'rates[2].price: must be an amount of at least 0 with at most 2 decimals\nline 7: this key appears twice in the same mapping (column 3)\nis not a valid contract',
    );
    expect(formatProblems([])).toBe('');
  });

  it('lists the placeholders of docs/contract-format.md', () => {
    expect(KNOWN_PLACEHOLDERS).toHaveLength(38);
    expect(KNOWN_PLACEHOLDERS).toContain('job.id');
    expect(KNOWN_PLACEHOLDERS).toContain('report.signoff');
    expect(KNOWN_PLACEHOLDERS).toContain('invoice.number');
    expect(readFileSync(new URL('../../docs/contract-format.md', import.meta.url), 'utf8').replace(/\s+/g, ' ')).toContain(
      KNOWN_PLACEHOLDERS.map((p) => `\`${p}\``).join(', '),
    );
  });
});

describe('robustness', () => {
  const clean = (problems: ContractProblem[]): void => {
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) {
      expect(typeof p.path).toBe('string');
      expect(problemText(p)).not.toMatch(/internal error|Invalid input|expected .*, received|Unrecognized key|\n/);
      expect(phraseText(p.why).length).toBeGreaterThan(0);
    }
  };

  it('random junk never throws and always returns problems', () => {
    fc.assert(
      fc.property(fc.anything({ withDate: true, withMap: true, withSet: true, withNullPrototype: true, withBigInt: true }), (junk) => {
        const r = parseContract(junk);
        expect(r.ok).toBe(false);
        if (!r.ok) clean(r.problems);
      }),
      { numRuns: 300 },
    );
  });

  it('random text never throws and always returns problems', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 200 }), (s) => {
        const r = parseContractText(s);
        expect(r.ok).toBe(false);
        if (!r.ok) clean(r.problems);
      }),
      { numRuns: 300 },
    );
  });

  it('a pilot with any one value replaced by junk never throws; problems stay readable', () => {
    const base = data('NORTHWIND-TEL');
    const paths: (string | number)[][] = [];
    const walk = (v: unknown, path: (string | number)[]): void => {
      paths.push(path);
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
    };
    walk(base, []);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: paths.length - 1 }), fc.anything({ withDate: true }), (i, junk) => {
        const c = structuredClone(base);
        const path = paths[i]!;
        let node = c;
        for (const seg of path.slice(0, -1)) node = node[seg];
        node[path[path.length - 1]!] = junk;
        const r = parseContract(c);
        if (!r.ok) clean(r.problems);
      }),
      { numRuns: 400 },
    );
  });
});

describe('billing party and tax', () => {
  it('the pilots name their buyer and their tax: 20 % in France and the UK, HST 13 % in Ontario, exempt with a reason in Texas and New York', () => {
    expect(load('ACME-HVAC').billing).toMatchObject({ legalName: 'Acme Facilities SAS', vatId: 'FR32552081317', address: { country: 'FR' }, email: 'invoices@acme.example' });
    expect(load('ACME-HVAC').tax).toEqual({ category: 'standard', rate: 20, codes: [] });
    expect(load('NORTHWIND-TEL').tax).toMatchObject({ category: 'standard', rate: 20 });
    expect(load('STLUKE-BIOMED').tax).toMatchObject({ category: 'standard', rate: 13 });
    expect(load('STLUKE-BIOMED').billing?.address).toMatchObject({ region: 'ON', country: 'CA' });
    for (const id of ['PETRA-OG', 'BRIGHTDESK-IT'] as const) expect(load(id).tax).toMatchObject({ category: 'exempt', rate: 0, reason: expect.stringMatching(/not taxed/) });
  });

  it('refuses a tax without its rate or reason, a rate on an untaxed category, and a bad country or e-mail, each with its path', () => {
    const d = data('ACME-HVAC');
    d.tax = { category: 'exempt', rate: 5, codes: [{ codes: ['HVAC-LAB'], category: 'standard' }, { codes: ['TRAVEL'], category: 'standard', rate: 20.123 }] };
    d.billing.address.country = 'France';
    d.billing.email = 'invoices';
    expect(lines(d)).toEqual([
      'billing.address.country: "France" must be a two-letter country code like FR (ISO 3166)',
      'billing.email: "invoices" must be an email address',
      'tax.reason: exempt needs the reason printed on the invoice, like "Sales tax: services not taxable in Texas"',
      'tax.rate: exempt lines carry no tax; leave the rate out or write 0',
      'tax.codes[0].rate: a standard-rated category needs its rate above 0, like 20',
      'tax.codes[1].rate: has more than two decimals',
    ]);
  });

  it('reverse charge prints its mention; per-code exceptions resolve to the defined code', () => {
    const d = data('ACME-HVAC');
    d.tax = { category: 'reverse_charge', codes: [{ codes: ['hvac-lab'], category: 'standard', rate: 5.5 }] };
    expect(parseContract(d)).toMatchObject({ ok: true, contract: { tax: { category: 'reverse_charge', rate: 0, reason: 'Reverse charge', codes: [{ codes: ['HVAC-LAB'], category: 'standard', rate: 5.5 }] } } });
  });
});
