/**
 * The redaction boundary: one redactor applies the contracts' `redaction` patterns to whatever
 * leaves the bot (API responses, webhook payloads, channel cards). It holds the patterns of every
 * version of every contract, so an amendment can add a pattern but never make a surface show what
 * an earlier version hid.
 *
 * Keyed by contract where the data says which: an object with a `contract` field (a job, an
 * approval, an invoice) and everything inside it is redacted with that contract's patterns. Text
 * whose contract is not named is redacted with the patterns of all contracts, so a new field or
 * surface is covered by default.
 */
import type { Card } from '../../cards/card.js';
import type { DbOrTx } from '../../db/client.js';
import { eq } from 'drizzle-orm';
import { jobs } from '../../db/schema.js';
import { everyVersion, getVersion } from '../contracts/store.js';
import { redact } from '../messages/template.js';
import type { Contract, Redaction } from '../rules/contract-types.js';

/** Card fields that are not text a person reads: signed payloads, file paths, links. */
const CARD_KEYS_KEPT = new Set(['id', 'ref', 'path', 'url', 'moreUrl', 'link', 'kind', 'visibility', 'tone', 'style', 'type', 'time']);

export interface Redactor {
  /** true when no contract has a pattern: every method returns its input */
  readonly empty: boolean;
  /** one text, with the contract's patterns, or every contract's when the contract is not known */
  text(s: string, contractId?: string | null): string;
  /** every string of a JSON value; objects with a `contract` field use that contract's patterns */
  json<T>(value: T, contractId?: string | null): T;
  /** the text a card shows (titles, blocks, labels, context); action ids and links are kept */
  card(c: Card, contractId?: string | null): Card;
}

function dedupe(rules: Redaction[]): Redaction[] {
  const seen = new Set<string>();
  return rules.filter((r) => {
    const k = `${r.pattern}\u0000${r.replacement}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** A redactor from (contract id → patterns); `loadRedactor` reads them from the database. */
export function makeRedactor(byContract: Map<string, Redaction[]>): Redactor {
  const all = dedupe([...byContract.values()].flat());
  // `redact` reads only the contract's patterns.
  const asContract = (redaction: Redaction[]) => ({ redaction }) as Pick<Contract, 'redaction'> as Contract;
  const everyContract = asContract(all);
  const perContract = new Map([...byContract].map(([id, rules]) => [id.toLowerCase(), asContract(dedupe(rules))]));
  const rulesFor = (id?: string | null): Contract => (id && perContract.get(id.toLowerCase())) || everyContract;

  const walk = (v: unknown, rules: Contract, kept: Set<string> | null): unknown => {
    if (typeof v === 'string') return redact(rules, v);
    if (Array.isArray(v)) return v.map((x) => walk(x, rules, kept));
    if (v === null || typeof v !== 'object' || v instanceof Date || v instanceof Uint8Array) return v;
    const o = v as Record<string, unknown>;
    const own = typeof o.contract === 'string' ? rulesFor(o.contract) : rules;
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, kept?.has(k) ? x : walk(x, own, kept)]));
  };

  if (!all.length) return { empty: true, text: (s) => s, json: (v) => v, card: (c) => c };
  return {
    empty: false,
    text: (s, id) => redact(rulesFor(id), s),
    json: <T>(v: T, id?: string | null) => walk(v, rulesFor(id), null) as T,
    card: (c, id) => walk(c, rulesFor(id), CARD_KEYS_KEPT) as Card,
  };
}

/** The patterns of every stored contract version (versions are parsed once per process). */
export async function loadRedactor(db: DbOrTx): Promise<Redactor> {
  const byContract = new Map<string, Redaction[]>();
  for (const v of await everyVersion(db)) byContract.set(v.contractId, [...(byContract.get(v.contractId) ?? []), ...v.contract.redaction]);
  return makeRedactor(byContract);
}

/** Cards a command or button shows to the whole channel pass the boundary; private replies do not. */
export async function redactChannelCards(db: DbOrTx, cards: Card[]): Promise<Card[]> {
  if (!cards.some((c) => c.visibility === 'channel')) return cards;
  const r = await loadRedactor(db);
  return cards.map((c) => (c.visibility === 'channel' ? r.card(c) : c));
}

/** The job's assigned technician, on a contract whose `privacy.technicianSeesOriginal` is true. */
export async function technicianSeesOriginal(db: DbOrTx, jobRef: string, personId: number): Promise<boolean> {
  const [j] = await db.select({ contractId: jobs.contractId, version: jobs.contractVersion, assigneeId: jobs.assigneeId }).from(jobs).where(eq(jobs.ref, jobRef));
  if (!j || j.assigneeId !== personId) return false;
  const v = await getVersion(db, j.contractId);
  return v.contract.privacy?.technicianSeesOriginal === true;
}
