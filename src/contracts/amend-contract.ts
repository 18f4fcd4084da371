import { eq } from 'drizzle-orm';
import { contracts } from '../../db/schema.js';
import { audit } from '../audit.js';
import { requireRole } from '../auth.js';
import type { Ctx } from '../context.js';
import { invalid } from '../errors.js';
import { inTransaction } from '../verb.js';
import { emitContractAmended } from '../webhooks/emit.js';
import { reversionJobs } from '../jobs/re-version.js';
import { findContract, getVersion } from './store.js';
import { type TermsInput, validateTerms, writeVersion } from './save-terms.js';
import { t } from '../i18n/t.js';
import { readerDate } from '../i18n/format.js';

export interface AmendContractInput {
  id: string;
  terms: TermsInput;
  effectiveFrom: string;
  reason: string;
}

/**
 * A contract changes only by a new version; nothing edits an old one. The effective date may not
 * precede the current version's, so the history of what was in force stays a straight line.
 */
export async function amendContract(ctx: Ctx, input: AmendContractInput) {
  requireRole(ctx, ['admin', 'manager'], 'amend-contracts');
  if (!input.reason.trim()) throw invalid(t('errors-contracts.amend-why'));
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.effectiveFrom)) throw invalid(t('errors-contracts.effective-shape', { typed: input.effectiveFrom }));
  const { contract, raw } = validateTerms(input.terms);
  return inTransaction(ctx, async (tx) => {
    const row = await findContract(tx.db, input.id);
    if (contract.id.toLowerCase() !== row.id.toLowerCase()) {
      throw invalid(t('errors-contracts.other-contract', { terms: contract.id, contract: row.id }));
    }
    // Lock the contract row so two amendments cannot both take the next number.
    await tx.db.select().from(contracts).where(eq(contracts.id, row.id)).for('update');
    const current = await getVersion(tx.db, row.id);
    if (input.effectiveFrom < current.effectiveFrom) {
      throw invalid(t('errors-contracts.effective-before', { date: readerDate(input.effectiveFrom), version: String(current.version), from: readerDate(current.effectiveFrom) }));
    }
    const version = current.version + 1;
    await writeVersion(tx, { ...contract, id: row.id }, raw, { version, effectiveFrom: input.effectiveFrom, reason: input.reason });
    await tx.db.update(contracts).set({ currentVersion: version, customerName: contract.customer.name, team: contract.team }).where(eq(contracts.id, row.id));
    await audit(tx, 'contract.amended', { kind: 'contract', id: row.id }, { version, effectiveFrom: input.effectiveFrom, reason: input.reason });
    await emitContractAmended(tx, { id: row.id, version, effectiveFrom: input.effectiveFrom, reason: input.reason });
    // Jobs reported on or after the effective date are now governed by this version.
    const jobs = await reversionJobs(tx, row.id, input.effectiveFrom);
    return { id: row.id, version, effectiveFrom: input.effectiveFrom, jobs };
  });
}
