/**
 * The terms that govern what leaves the system about a job today: the version in force now (its
 * contacts and wording), with the redaction patterns of the job's own version added. An amendment
 * may add a pattern; none may make a report carry what an earlier version removed.
 */
import { DateTime } from 'luxon';
import type { DbOrTx } from '../../db/client.js';
import { firstZone } from '../contracts/save-terms.js';
import { getVersion, versionInForce } from '../contracts/store.js';
import type { JobRow } from '../jobs/job-store.js';
import type { Contract } from '../rules/contract-types.js';

export async function outboundContract(db: DbOrTx, job: Pick<JobRow, 'contractId' | 'contractVersion'>, now: Date): Promise<Contract> {
  const pinned = await getVersion(db, job.contractId, job.contractVersion);
  const today = await versionInForce(db, job.contractId, DateTime.fromJSDate(now, { zone: firstZone(pinned.contract) }).toISODate()!);
  const seen = new Set(today.contract.redaction.map((r) => r.pattern));
  const extra = pinned.contract.redaction.filter((r) => !seen.has(r.pattern));
  return extra.length ? { ...today.contract, redaction: [...today.contract.redaction, ...extra] } : today.contract;
}
