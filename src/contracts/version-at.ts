/**
 * Which contract version governs a moment. A version takes effect on a local date
 * (`effectiveFrom`, FORMAT.md "Change control"), so an instant is first read as a local date:
 * in the site's zone when a site is named (a job's SLA, its outbound wording), else in the
 * contract's main zone, the zone the rating engine reads work dates in. Before the first
 * effective date the first version governs. Every path that picks a version goes through here;
 * only amending and importing (which build on the newest version) read `contracts.currentVersion`.
 */
import { DateTime } from 'luxon';
import type { DbOrTx } from '../../db/client.js';
import { notFound } from '../errors.js';
import { contractZone } from '../rules/rating/context.js';
import { siteZone } from './save-terms.js';
import { allVersions, type ContractVersion } from './store.js';
import { t } from '../i18n/t.js';

/** A contract's versions, oldest first as stored. */
export interface ContractTerms {
  contractId: string;
  versions: ContractVersion[];
}

export async function termsOf(db: DbOrTx, contractId: string): Promise<ContractTerms> {
  const versions = await allVersions(db, contractId);
  if (!versions.length) throw notFound(t('errors-contracts.no-versions', { contract: contractId }));
  return { contractId, versions };
}

function onDate(versions: readonly ContractVersion[], date: string): ContractVersion {
  let found: ContractVersion | undefined;
  for (const v of versions) {
    // Equal effective dates: the later version (the correction) wins.
    if (v.effectiveFrom <= date && (!found || v.effectiveFrom > found.effectiveFrom || (v.effectiveFrom === found.effectiveFrom && v.version > found.version))) found = v;
  }
  if (found) return found;
  let first = versions[0]!;
  for (const v of versions) if (v.effectiveFrom < first.effectiveFrom) first = v;
  return first;
}

function utcDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}

function localDateIn(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toISODate()!;
}

/** The zone an instant is read in: the site's (by the version in force around it), else the main zone. */
export function zoneAt(terms: Pick<ContractTerms, 'versions'>, at: Date, siteId?: string): string {
  const around = onDate(terms.versions, utcDate(at)).contract;
  if (siteId !== undefined) {
    const site = around.sites.find((s) => s.id.toLowerCase() === siteId.toLowerCase());
    if (site) return siteZone(around, site.calendar);
  }
  return contractZone(around);
}

/** The local date of an instant at a site (or in the contract's main zone). */
export function localDateAt(terms: Pick<ContractTerms, 'versions'>, at: Date, siteId?: string): string {
  return localDateIn(at, zoneAt(terms, at, siteId));
}

/**
 * The version that governs a local date ("2026-12-20"), or an instant read at a site (or in the
 * main zone when no site is named).
 */
export function versionAt(terms: Pick<ContractTerms, 'versions'>, when: string | Date, siteId?: string): ContractVersion {
  const date = typeof when === 'string' ? when : localDateAt(terms, when, siteId);
  return onDate(terms.versions, date);
}

/** The locale a contract's documents are written in: its newest version's, as the printed invoice's (e-invoice.ts). */
export function documentLocale(terms: Pick<ContractTerms, 'versions'>): string {
  let newest = terms.versions[0]!;
  for (const v of terms.versions) if (v.version > newest.version) newest = v;
  return newest.contract.locale;
}

/** The zone the engine reads period dates in (the first site's calendar zone) on a local date. */
export function mainZone(terms: Pick<ContractTerms, 'versions'>, date: string): string {
  return contractZone(versionAt(terms, date).contract);
}

/** `versionAt` straight from the database, for a contract id as stored. */
export async function governingVersion(db: DbOrTx, contractId: string, when: string | Date, siteId?: string): Promise<ContractVersion> {
  return versionAt(await termsOf(db, contractId), when, siteId);
}
