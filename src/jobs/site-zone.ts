import type { DbOrTx } from '../../db/client.js';
import { getVersion } from '../contracts/store.js';
import { siteZone } from '../contracts/save-terms.js';
import type { JobRow } from './job-store.js';

export async function jobZone(db: DbOrTx, job: JobRow): Promise<string> {
  const v = await getVersion(db, job.contractId, job.contractVersion);
  const site = v.contract.sites.find((s) => s.id === job.siteId);
  return site ? siteZone(v.contract, site.calendar) : 'UTC';
}
