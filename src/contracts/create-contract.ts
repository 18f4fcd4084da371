import { contracts } from '../../db/schema.js';
import { audit } from '../audit.js';
import { requireRole } from '../auth.js';
import type { Ctx } from '../context.js';
import { conflict } from '../errors.js';
import { inTransaction } from '../verb.js';
import { findContract } from './store.js';
import { type TermsInput, validateTerms, writeVersion } from './save-terms.js';
import { t } from '../i18n/t.js';

export interface CreateContractInput {
  terms: TermsInput;
  reason?: string;
  /** defaults to the term start */
  effectiveFrom?: string;
}

/** Load a new contract: version 1, its sites and team. */
export async function createContract(ctx: Ctx, input: CreateContractInput) {
  if (ctx.actor.via !== 'scheduler') requireRole(ctx, ['admin', 'manager'], 'load-contracts');
  const { contract, raw } = validateTerms(input.terms);
  return inTransaction(ctx, async (tx) => {
    const existing = await findContract(tx.db, contract.id).catch(() => undefined);
    if (existing) throw conflict(t('errors-contracts.exists', { contract: existing.id }));
    await tx.db.insert(contracts).values({ id: contract.id, customerName: contract.customer.name, team: contract.team, currentVersion: 1 });
    const effectiveFrom = input.effectiveFrom ?? contract.term.start;
    await writeVersion(tx, contract, raw, { version: 1, effectiveFrom, reason: input.reason ?? 'initial load' });
    await audit(tx, 'contract.created', { kind: 'contract', id: contract.id }, { version: 1, effectiveFrom });
    return { id: contract.id, version: 1, effectiveFrom, contract };
  });
}
