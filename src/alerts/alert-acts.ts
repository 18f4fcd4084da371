/** The acts taken on alerts (fallbacks and acknowledge), oldest first, with who took them. */
import { asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { alertActs, people } from '../../db/schema.js';

export interface AlertActRow {
  alertId: number;
  act: string;
  personId: number | null;
  /** the person's name; undefined when nobody is recorded */
  by?: string;
  at: Date;
  detail: string | null;
  messageId: number | null;
}

export async function actsOf(db: DbOrTx, alertIds: number[]): Promise<AlertActRow[]> {
  if (!alertIds.length) return [];
  const rows = await db
    .select({ a: alertActs, name: people.name })
    .from(alertActs)
    .leftJoin(people, eq(people.id, alertActs.personId))
    .where(inArray(alertActs.alertId, alertIds))
    .orderBy(asc(alertActs.at), asc(alertActs.id));
  return rows.map(({ a, name }) => ({ alertId: a.alertId, act: a.act, personId: a.personId, ...(name ? { by: name } : {}), at: a.at, detail: a.detail, messageId: a.messageId }));
}
