/**
 * A fresh database for one test file, on PGlite or on the real server: migrated and seeded with
 * the demo data (test/support/global-setup.ts), or emptied with `{ empty: true }`.
 */
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../db/client.js';
import { restoreSeed, truncateAll } from './seed-state.js';

type TestDatabase = Database & { url?: string };

/**
 * Databases a finished test file gave back, kept for the next file of the same worker (test files
 * share a worker's modules: vitest runs with `isolate: false`). Reusing one costs a reset of the
 * tables the last file changed instead of a new copy of the template.
 */
const spare: TestDatabase[] = [];

export async function testDatabase(opts: { empty?: boolean } = {}): Promise<TestDatabase> {
  const reused = spare.pop();
  const db = reused ?? (await copyOfTemplate());
  if (opts.empty) await truncateAll(db);
  else if (reused) await restoreSeed(db);
  let given = false;
  return {
    ...db,
    close: async () => {
      if (given) return;
      given = true;
      spare.push(db);
    },
  };
}

async function copyOfTemplate(): Promise<TestDatabase> {
  if (inject('dbMode') === 'postgres') {
    const url = process.env.DATABASE_URL!;
    // Named after the run's template: the run's teardown drops them all.
    const name = `${inject('pgTemplate')}_${randomBytes(5).toString('hex')}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}" template "${inject('pgTemplate')}"`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${name}`;
    const db = await openDatabase({ url: u.toString(), max: 5, migrate: false });
    return { ...db, url: u.toString() };
  }
  const snap = readFileSync(inject('pgliteSnapshot'));
  return openDatabase({ loadDataDir: new Blob([snap]), migrate: false });
}
