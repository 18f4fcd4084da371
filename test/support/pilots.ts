/**
 * The five pilot contracts of examples/contracts, by contract id, for tests: the text as stored,
 * and the contract as the project's own loader reads it.
 */
import { readFileSync } from 'node:fs';
import { parseContractText } from '../../src/rules/contract-schema.js';
import { formatProblems } from '../../src/contracts/problem-text.js';
import type { Contract } from '../../src/rules/contract-types.js';

const FILES = {
  'ACME-HVAC': 'acme-hvac.yaml',
  'BRIGHTDESK-IT': 'brightdesk-it.yaml',
  'NORTHWIND-TEL': 'northwind-telecom.yaml',
  'PETRA-OG': 'petra-oilgas.yaml',
  'STLUKE-BIOMED': 'stluke-health.yaml',
} as const;

export type PilotId = keyof typeof FILES;

/** The pilot ids in the order the examples folder lists their files. */
export const PILOT_IDS = Object.keys(FILES) as PilotId[];

const DIR = new URL('../../examples/contracts/', import.meta.url);

/** The file name of a pilot under examples/contracts (`acme-hvac.yaml`); an unknown id throws. */
export function pilotFile(id: PilotId | (string & {})): string {
  const file = (FILES as Record<string, string>)[id];
  if (file === undefined) throw new Error(`no pilot contract ${id}; pilots: ${PILOT_IDS.join(', ')}`);
  return file;
}

/** The pilot's YAML exactly as stored. */
export function pilotText(id: PilotId | (string & {})): string {
  return readFileSync(new URL(pilotFile(id), DIR), 'utf8');
}

/** The pilot as the project's loader reads it; a pilot that does not load fails the test. */
export function loadPilot(id: PilotId | (string & {})): { contract: Contract } {
  const r = parseContractText(pilotText(id));
  if (!r.ok) throw new Error(`examples/contracts/${pilotFile(id)} does not load:\n${formatProblems(r.problems)}`);
  return { contract: r.contract };
}
