/**
 * The rows of a raw `sql` statement. The two drivers answer differently (postgres.js: an array of
 * rows; PGlite: `{ rows }`), so raw statements read their result through this.
 */
import type { SQL } from 'drizzle-orm';
import type { DbOrTx } from './client.js';

export type Row = Record<string, unknown>;

export async function rowsOf(db: DbOrTx, q: SQL): Promise<Row[]> {
  const r = (await db.execute(q)) as unknown;
  return (Array.isArray(r) ? r : (r as { rows: Row[] }).rows) as Row[];
}
