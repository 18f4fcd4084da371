/**
 * Replicas starting together on one new Postgres database: each migrates under the migration
 * advisory lock, so all start and the migrations are applied once. Postgres only (PGlite has one
 * process); runs when the suite runs on a server (DATABASE_URL).
 */
import postgres from 'postgres';
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { MIGRATIONS_DIR, openDatabase } from '../../db/client.js';

const onPostgres = inject('dbMode') === 'postgres';

describe.skipIf(!onPostgres)('migrations on start with several replicas', () => {
  it('three replicas opening an empty database at once all start, and each migration is applied once', async () => {
    const url = new URL(process.env.DATABASE_URL!);
    const name = `contract_ops_race_${process.pid}_${Date.now()}`;
    const admin = postgres(url.toString(), { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    try {
      url.pathname = `/${name}`;
      const replicas = await Promise.all([1, 2, 3].map(() => openDatabase({ url: url.toString(), max: 2 })));
      const journal = JSON.parse(readFileSync(`${MIGRATIONS_DIR}/meta/_journal.json`, 'utf8')) as { entries: unknown[] };
      const one = postgres(url.toString(), { max: 1, onnotice: () => {} });
      const [{ n }] = (await one`select count(*)::int as n from drizzle.__drizzle_migrations`) as unknown as [{ n: number }];
      await one.end();
      await Promise.all(replicas.map((r) => r.close()));
      expect(n).toBe(journal.entries.length);
    } finally {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }, 120_000);
});
