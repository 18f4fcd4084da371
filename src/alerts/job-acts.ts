/** What dispatchers did about a job's alerts, oldest first, with the state of any message an act wrote (for `/job show`). */
import { asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { alerts, customerMessages } from '../../db/schema.js';
import { actsOf, type AlertActRow } from './alert-acts.js';

export interface JobAct extends AlertActRow {
  window: string;
  level: string;
  /** draft | sending | sent | failed | discarded, for an act that wrote a message */
  messageStatus?: string;
}

export async function jobActs(db: DbOrTx, jobId: number): Promise<JobAct[]> {
  const raised = await db.select({ id: alerts.id, window: alerts.window, level: alerts.level }).from(alerts).where(eq(alerts.jobId, jobId)).orderBy(asc(alerts.id));
  const acts = await actsOf(db, raised.map((a) => a.id));
  const ids = acts.flatMap((a) => (a.messageId ? [a.messageId] : []));
  const msgs = ids.length ? await db.select({ id: customerMessages.id, status: customerMessages.status }).from(customerMessages).where(inArray(customerMessages.id, ids)) : [];
  return acts.map((a) => {
    const alert = raised.find((r) => r.id === a.alertId)!;
    const status = msgs.find((m) => m.id === a.messageId)?.status;
    return { ...a, window: alert.window, level: alert.level, ...(status ? { messageStatus: status } : {}) };
  });
}
