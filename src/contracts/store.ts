/**
 * Reading contracts back. Versions are immutable, so their parsed, normalized form is kept for
 * the life of the process, keyed by (contract, version) and checked against the stored terms, so
 * that a process that talks to more than one database (tests, a restored backup) never gets
 * another database's version.
 */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { contracts, contractVersions } from '../../db/schema.js';
import { notFound } from '../errors.js';
import { parseContract } from '../rules/contract-schema.js';
import type { Contract } from '../rules/contract-types.js';
import { closest } from '../rules/closest.js';
import { t } from '../i18n/t.js';
import { inLanguage } from '../i18n/current.js';
import { problemText } from './problem-text.js';

export interface ContractVersion {
  contractId: string;
  version: number;
  effectiveFrom: string;
  reason: string;
  createdByLabel: string;
  createdAt: Date;
  contract: Contract;
}

const cache = new Map<string, { terms: string; contract: Contract }>();

function parseStored(contractId: string, version: number, terms: unknown): Contract {
  const key = `${contractId}@${version}`;
  const text = JSON.stringify(terms);
  const hit = cache.get(key);
  if (hit?.terms === text) return hit.contract;
  const parsed = parseContract(terms);
  // Stored terms were validated on the way in; failing here means the schema itself changed.
  if (!parsed.ok) throw new Error(`stored contract ${key} no longer validates: ${parsed.problems[0] ? inLanguage('en', () => problemText(parsed.problems[0]!)) : ''}`);
  cache.set(key, { terms: text, contract: parsed.contract });
  return parsed.contract;
}

/** The contract row for an id typed in any case, or a not-found error with the closest ids. */
export async function findContract(db: DbOrTx, id: string) {
  const [row] = await db
    .select()
    .from(contracts)
    .where(sql`lower(${contracts.id}) = lower(${id})`);
  if (row) return row;
  const all = await db.select({ id: contracts.id }).from(contracts);
  const near = closest(id, all.map((r) => r.id));
  throw notFound(t('errors-contracts.no-contract', { id }), near.length ? [t('errors-contracts.closest', { ids: near.join(', ') })] : [t('errors-contracts.known', { ids: all.map((r) => r.id).join(', ') || t('errors-contracts.none-yet') })]);
}

type VersionRow = typeof contractVersions.$inferSelect;

function toVersion(r: VersionRow): ContractVersion {
  return {
    contractId: r.contractId,
    version: r.version,
    effectiveFrom: r.effectiveFrom,
    reason: r.reason,
    createdByLabel: r.createdByLabel,
    createdAt: r.createdAt,
    contract: parseStored(r.contractId, r.version, r.terms),
  };
}

/** A version by number, or the newest recorded (which may not be in force yet: see version-at.ts). */
export async function getVersion(db: DbOrTx, contractId: string, version?: number): Promise<ContractVersion> {
  const rows = await db
    .select()
    .from(contractVersions)
    .where(version === undefined ? eq(contractVersions.contractId, contractId) : and(eq(contractVersions.contractId, contractId), eq(contractVersions.version, version)))
    .orderBy(desc(contractVersions.version))
    .limit(1);
  const r = rows[0];
  if (!r) throw notFound(t('errors-contracts.no-version-of', { version: String(version ?? ''), contract: contractId }));
  return toVersion(r);
}

export async function allVersions(db: DbOrTx, contractId: string): Promise<ContractVersion[]> {
  const rows = await db.select().from(contractVersions).where(eq(contractVersions.contractId, contractId)).orderBy(asc(contractVersions.version));
  return rows.map(toVersion);
}

/** Every version of every contract (the redaction boundary reads all their patterns). */
export async function everyVersion(db: DbOrTx): Promise<ContractVersion[]> {
  const rows = await db.select().from(contractVersions).orderBy(asc(contractVersions.contractId), asc(contractVersions.version));
  return rows.map(toVersion);
}

/** Case-insensitive look-up of an id in a list the contract defines (sites, codes, skus). */
export function matchId<T>(items: T[], key: (t: T) => string, typed: string): T | undefined {
  const l = typed.toLowerCase();
  return items.find((i) => key(i).toLowerCase() === l);
}
