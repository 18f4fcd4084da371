/**
 * The terms that govern what leaves the system about a job today: the version in force now (its
 * contacts and wording), with the redaction patterns of the job's own version added. An amendment
 * may add a pattern; none may make a report carry what an earlier version removed.
 */
import type { DbOrTx } from '../../db/client.js';
import { getVersion } from '../contracts/store.js';
import { termsOf, versionAt } from '../contracts/version-at.js';
import type { JobRow } from '../jobs/job-store.js';
import type { Contract } from '../rules/contract-types.js';

export async function outboundContract(db: DbOrTx, job: Pick<JobRow, 'contractId' | 'contractVersion' | 'siteId'>, now: Date): Promise<Contract> {
  const terms = await termsOf(db, job.contractId);
  const pinned = terms.versions.find((v) => v.version === job.contractVersion) ?? (await getVersion(db, job.contractId, job.contractVersion));
  const today = versionAt(terms, now, job.siteId);
  const seen = new Set(today.contract.redaction.map((r) => r.pattern));
  const extra = pinned.contract.redaction.filter((r) => !seen.has(r.pattern));
  return extra.length ? { ...today.contract, redaction: [...today.contract.redaction, ...extra] } : today.contract;
}
