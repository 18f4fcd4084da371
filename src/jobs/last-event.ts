import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { jobEvents } from '../../db/schema.js';

export async function lastEventAt(db: DbOrTx, jobId: number): Promise<Date> {
  const [r] = await db.select({ at: jobEvents.at }).from(jobEvents).where(eq(jobEvents.jobId, jobId)).orderBy(desc(jobEvents.at)).limit(1);
  return r?.at ?? new Date(0);
}
