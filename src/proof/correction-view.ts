/** A correction request with what it points at, for its card and for `/mydata flags`. */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { correctionRequests, jobs, people } from '../../db/schema.js';
import { notFound } from '../errors.js';
import { t } from '../i18n/index.js';

export type CorrectionRow = typeof correctionRequests.$inferSelect;

export interface CorrectionView {
  row: CorrectionRow;
  person: string;
  job?: string;
  resolvedBy?: string;
}

export async function loadCorrection(db: DbOrTx, id: number): Promise<CorrectionView> {
  const [r] = await db.select({ c: correctionRequests, person: people.name }).from(correctionRequests).innerJoin(people, eq(people.id, correctionRequests.personId)).where(eq(correctionRequests.id, id));
  if (!r) throw notFound(t('errors-proof.no-correction', { id: String(id) }));
  const [job] = r.c.jobId ? await db.select({ ref: jobs.ref }).from(jobs).where(eq(jobs.id, r.c.jobId)) : [];
  const [by] = r.c.resolvedBy ? await db.select({ name: people.name }).from(people).where(eq(people.id, r.c.resolvedBy)) : [];
  return { row: r.c, person: r.person, ...(job ? { job: job.ref } : {}), ...(by ? { resolvedBy: by.name } : {}) };
}
