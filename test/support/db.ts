/** A fresh, migrated database for one test file, on PGlite or on the real server. */
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../db/client.js';

export async function testDatabase(): Promise<Database & { url?: string }> {
  if (inject('dbMode') === 'postgres') {
    const url = process.env.DATABASE_URL!;
    const name = `contract_ops_t_${randomBytes(5).toString('hex')}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}" template "${inject('pgTemplate')}"`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    const db = await openDatabase({ url: u.toString(), max: 5, migrate: false });
    return {
      ...db,
      url: u.toString(),
      close: async () => {
        await db.close();
        await admin.unsafe(`drop database if exists "${name}" with (force)`);
        await admin.end();
      },
    };
  }
  const snap = readFileSync(inject('pgliteSnapshot'));
  return openDatabase({ loadDataDir: new Blob([snap]), migrate: false });
}

/** Empty every table between tests of one file (the schema stays). */
export async function truncateAll(db: Database): Promise<void> {
  const rows = (await db.db.execute(sql`select tablename from pg_tables where schemaname = 'public'`)) as unknown;
  const list = (Array.isArray(rows) ? rows : (rows as { rows: { tablename: string }[] }).rows) as { tablename: string }[];
  const names = list.map((r) => `"${r.tablename}"`).join(', ');
  if (names) await db.db.execute(sql.raw(`truncate ${names} restart identity cascade`));
}
