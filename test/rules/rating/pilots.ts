/**
 * The five pilot contracts of shared/contracts: `loadPilot()` reads the files with the project's
 * parser (the month tests run on them), and hand-normalized copies (cents, minutes, fractions) keep
 * the unit and property tests readable; a test checks the copies still match the files.
 */
import { readFileSync } from 'node:fs';
import { parseContractText } from '../../../src/rules/contract-schema.js';
import type { CalendarSpec, Contract, Rate } from '../../../src/rules/contract-types.js';

const H = 60;
const wk = (r: string) => ({ mon: [r], tue: [r], wed: [r], thu: [r], fri: [r] });

function base(p: Partial<Contract> & Pick<Contract, 'id' | 'currency' | 'term' | 'fee' | 'calendars' | 'sites' | 'rates'>): Contract {
  return {
    customer: { name: p.id, contacts: [] },
    team: 'field',
    sla: { warnAt: [0.75], pauseOn: { response: [], restore: [] }, fallbacks: [], subcontractors: [], credits: [] },
    modifiers: { seasonal: [] },
    entitlements: { prepaidHours: [], warranty: [] },
    parts: [],
    checklists: {},
    approvals: {},
    recurring: [],
    templates: {},
    redaction: [],
    ...p,
  };
}

const rate = (code: string, unit: Rate['unit'], price: number, more: Partial<Rate> = {}): Rate => ({
  code,
  name: code,
  unit,
  price,
  covered: false,
  outOfScope: false,
  ...more,
});

const parisOffice: CalendarSpec = {
  timezone: 'Europe/Paris',
  weekly: { mon: ['08:00-18:00'], tue: ['08:00-18:00'], wed: ['08:00-18:00'], thu: ['08:00-18:00'], fri: ['08:00-17:00'] },
  holidays: { region: 'FR', dates: ['2026-12-24'] },
};

export const acmeHand: Contract = base({
  id: 'ACME-HVAC',
  currency: 'EUR',
  term: { start: '2026-01-01', end: '2026-12-31', renewal: 'auto', noticeDays: 60 },
  fee: { amount: 180000, per: 'month' },
  calendars: { office: parisOffice, always: '24x7' },
  sites: [
    { id: 'PAR-HQ', name: 'Acme HQ', address: '', calendar: 'office', caps: { visits: 14, per: 'year' } },
    { id: 'LYO-DC', name: 'Acme Lyon data centre', address: '', calendar: 'office', caps: { visits: 14, per: 'year' } },
  ],
  rates: [
    rate('HVAC-PM', 'visit', 0, { name: 'Preventive maintenance visit', covered: true, includes: 2 * H, overrun: 'HVAC-LAB' }),
    rate('HVAC-LAB', 'hour', 8500, { name: 'Corrective labour', billing: { increment: 15, minimum: 30 } }),
    rate('HVAC-CALL', 'visit', 0, { name: 'Call-out (corrective visit)', covered: true }),
    rate('TRAVEL', 'visit', 4500, { name: 'Travel (flat, per visit)' }),
    rate('DUCT-CLEAN', 'hour', 9500, { name: 'Duct cleaning (add-on)', outOfScope: true }),
  ],
  modifiers: {
    afterHours: { multiplier: 1.5 },
    holiday: { multiplier: 2.0 },
    overtime: { afterPerDay: 8 * H, multiplier: 1.5 },
    seasonal: [{ from: '06-01', to: '08-31', multiplier: 1.15, codes: ['HVAC-LAB'] }],
    travel: { code: 'TRAVEL', per: 'visit' },
  },
  entitlements: { prepaidHours: [], warranty: [{ parts: ['COMP-*'], until: '2027-06-30', labour: true }] },
  parts: [
    { sku: 'FILTER-20X25', name: 'Pleated filter 20x25', price: 1850 },
    { sku: 'BELT-A42', name: 'Drive belt A42', price: 2200 },
    { sku: 'COMP-5T', name: 'Scroll compressor 5 ton', price: 240000 },
    { sku: 'R410A-KG', name: 'R-410A refrigerant (kg)', price: 6400 },
  ],
});

export const brightdeskHand: Contract = base({
  id: 'BRIGHTDESK-IT',
  currency: 'USD',
  term: { start: '2026-01-01', end: '2026-12-31', renewal: 'manual', noticeDays: 30 },
  fee: { amount: 0, per: 'month' },
  calendars: { office: { timezone: 'America/New_York', weekly: wk('09:00-17:00'), holidays: { region: 'US' } } },
  sites: [{ id: 'BD-NYC', name: 'BrightDesk Manhattan office', address: '', calendar: 'office' }],
  rates: [
    rate('IT-LAB', 'hour', 12000, { name: 'On-site IT labour', billing: { increment: 15, minimum: 60 } }),
    rate('IT-REMOTE', 'hour', 9000, { name: 'Remote support', billing: { increment: 15 } }),
    rate('TRAVEL', 'visit', 6000, { name: 'Travel (flat, per visit)' }),
  ],
  modifiers: { afterHours: { multiplier: 1.5 }, seasonal: [], travel: { code: 'TRAVEL', per: 'visit' } },
  parts: [
    { sku: 'SSD-1TB', name: '1 TB SSD', price: 9500 },
    { sku: 'PSU-650', name: '650 W power supply', price: 11000 },
  ],
});

export const northwindHand: Contract = base({
  id: 'NORTHWIND-TEL',
  currency: 'GBP',
  term: { start: '2026-04-01', end: '2027-03-31', renewal: 'manual', noticeDays: 90 },
  fee: { amount: 420000, per: 'month' },
  calendars: {
    office: { timezone: 'Europe/London', weekly: { ...wk('08:00-18:00'), sat: ['09:00-13:00'] }, holidays: { region: 'GB-ENG' } },
    always: '24x7',
  },
  sites: [
    { id: 'LDN-CORE', name: 'London core PoP', address: '', calendar: 'always', tier: 'gold' },
    { id: 'MAN-AGG', name: 'Manchester aggregation site', address: '', calendar: 'office', tier: 'silver' },
    { id: 'LDS-EDGE', name: 'Leeds edge cabinet', address: '', calendar: 'office', tier: 'bronze' },
  ],
  rates: [
    rate('NET-ENG', 'hour', 11000, { name: 'Network engineer labour', billing: { increment: 30, minimum: 60 } }),
    rate('NET-SWAP', 'visit', 0, { name: 'Hardware swap (like for like)', covered: true }),
    rate('FIBRE-SPLICE', 'each', 3500, { name: 'Fibre splicing' }),
    rate('SURVEY', 'visit', 45000, { name: 'Site survey for upgrade', outOfScope: true }),
  ],
  modifiers: { afterHours: { multiplier: 1.5 }, weekend: { multiplier: 1.75 }, holiday: { multiplier: 2.0 }, seasonal: [] },
  entitlements: { prepaidHours: [{ hours: 60, codes: ['NET-ENG'], from: '2026-04-01', until: '2027-03-31' }], warranty: [] },
  parts: [
    { sku: 'SFP-10G-LR', name: '10G LR SFP+ optic', price: 14000 },
    { sku: 'LC-PATCH-3M', name: 'LC-LC patch lead 3 m', price: 900 },
  ],
});

export const petraHand: Contract = base({
  id: 'PETRA-OG',
  currency: 'USD',
  term: { start: '2026-02-01', end: '2027-01-31', renewal: 'manual', noticeDays: 45 },
  fee: { amount: 950000, per: 'month' },
  calendars: {
    office: { timezone: 'America/Chicago', weekly: wk('07:00-17:00'), holidays: { region: 'US-TX' } },
    'refinery-access': {
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
    },
    always: '24x7',
  },
  sites: [
    { id: 'PTX-REF', name: 'Port Arthur refinery', address: '', calendar: 'office', access: 'refinery-access' },
    { id: 'HOU-TERM', name: 'Houston terminal', address: '', calendar: 'office' },
    { id: 'PIPE-KP112', name: 'Pipeline valve station KP 112', address: '', calendar: 'always', travelKm: 68 },
  ],
  rates: [
    rate('VALVE-SVC', 'hour', 14500, { name: 'Valve service technician', billing: { increment: 15, minimum: 2 * H } }),
    rate('INSTR-CAL', 'each', 26000, { name: 'Instrument calibration' }),
    rate('HOTWORK-STANDBY', 'hour', 7500, { name: 'Hot-work fire watch', outOfScope: true }),
    rate('MILEAGE', 'km', 110, { name: 'Travel mileage' }),
  ],
  modifiers: {
    outsideAccess: { multiplier: 2.0, requiresApproval: true },
    weekend: { multiplier: 1.5 },
    holiday: { multiplier: 2.0 },
    overtime: { afterPerDay: 10 * H, multiplier: 1.5 },
    seasonal: [],
    travel: { code: 'MILEAGE', per: 'km' },
  },
  entitlements: { prepaidHours: [], warranty: [{ parts: ['ACT-*'], until: '2026-12-31', labour: false }] },
  parts: [
    { sku: 'ACT-PNEU-4', name: 'Pneumatic actuator 4 in', price: 310000 },
    { sku: 'GASKET-RTJ-R24', name: 'RTJ gasket R24', price: 4800 },
    { sku: 'PT-0-100BAR', name: 'Pressure transmitter 0-100 bar', price: 69000 },
  ],
});

export const stlukeHand: Contract = base({
  id: 'STLUKE-BIOMED',
  currency: 'CAD',
  term: { start: '2026-01-15', end: '2027-01-14', renewal: 'manual', noticeDays: 60 },
  fee: { amount: 640000, per: 'month' },
  calendars: {
    'hospital-days': { timezone: 'America/Toronto', weekly: wk('07:30-19:30'), holidays: { region: 'CA-ON' } },
    always: '24x7',
  },
  sites: [
    { id: 'SLR-ICU', name: 'Intensive care unit', address: '', calendar: 'always' },
    { id: 'SLR-IMG', name: 'Imaging department', address: '', calendar: 'hospital-days' },
  ],
  rates: [
    rate('BIOMED-SVC', 'hour', 13500, { name: 'Biomedical engineer labour', billing: { increment: 15, minimum: 60 } }),
    rate('PM-INFUSION', 'each', 0, { name: 'Infusion pump preventive maintenance', covered: true }),
    rate('ELEC-SAFETY', 'each', 4000, { name: 'Electrical safety test' }),
    rate('LOANER', 'day', 5500, { name: 'Loaner device (per day)', outOfScope: true }),
  ],
  modifiers: { afterHours: { multiplier: 1.5 }, holiday: { multiplier: 2.0 }, seasonal: [] },
  entitlements: {
    prepaidHours: [{ hours: 120, codes: ['BIOMED-SVC'], from: '2026-01-15', until: '2027-01-14' }],
    warranty: [{ parts: ['PUMP-*'], until: '2027-01-14', labour: true }],
  },
  parts: [
    { sku: 'PUMP-MOD-A', name: 'Infusion pump module A', price: 185000 },
    { sku: 'BATT-LI-7', name: 'Li-ion battery pack 7 Ah', price: 21000 },
  ],
});

const FILES: Record<string, string> = {
  'ACME-HVAC': 'acme-hvac.yaml',
  'BRIGHTDESK-IT': 'brightdesk-it.yaml',
  'NORTHWIND-TEL': 'northwind-telecom.yaml',
  'PETRA-OG': 'petra-oilgas.yaml',
  'STLUKE-BIOMED': 'stluke-health.yaml',
};

const HAND: Record<string, Contract> = {
  'ACME-HVAC': acmeHand,
  'BRIGHTDESK-IT': brightdeskHand,
  'NORTHWIND-TEL': northwindHand,
  'PETRA-OG': petraHand,
  'STLUKE-BIOMED': stlukeHand,
};

/** The pilot as the project's parser reads it from shared/contracts (same layout in CI). */
export function loadPilot(id: keyof typeof FILES & string): { contract: Contract; hand: Contract } {
  const text = readFileSync(new URL(`../../../../shared/contracts/${FILES[id]}`, import.meta.url), 'utf8');
  const r = parseContractText(text);
  if (!r.ok) throw new Error(`${FILES[id]} does not load: ${JSON.stringify(r.problems)}`);
  return { contract: r.contract, hand: HAND[id]! };
}

export const PILOT_IDS = Object.keys(FILES) as (keyof typeof FILES & string)[];
