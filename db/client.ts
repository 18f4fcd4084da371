/**
 * One factory for both databases. No DATABASE_URL: PGlite (WASM Postgres) persisted in a folder,
 * or in memory for tests. With it: postgres.js on a real server. Same schema, same migrations.
 */
import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { projectPath } from '../src/project-root.js';
import { copyDataDir } from './copy-dir.js';
import { lockDataDir } from './lock.js';
import * as schema from './schema.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction has the same query surface as the database. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

export const MIGRATIONS_DIR = projectPath('db', 'migrations');

export interface DatabaseOptions {
  url?: string;
  /** PGlite folder; undefined = in memory */
  dataDir?: string;
  /** PGlite: start from a dumped data directory (tests load a migrated snapshot) */
  loadDataDir?: Blob;
  /** PGlite: an empty `dataDir` starts as a copy of this data directory (a template the build unpacked) */
  copyDataDir?: string;
  /** postgres.js pool size */
  max?: number;
  migrate?: boolean;
}

/** The advisory lock key every replica takes around its migrations (any fixed 64-bit number). */
export const MIGRATION_LOCK = 730_144_702;

/**
 * Migrate a server under a session advisory lock, on one connection of its own: replicas starting
 * together take turns, and each after the first finds the migrations applied. (Unlocked, two
 * drizzle migrators both create its schema and apply the same pending migration; one fails.)
 */
async function migrateLocked(url: string): Promise<void> {
  const one = postgres(url, { max: 1, onnotice: () => {}, connection: { TimeZone: 'UTC' } });
  try {
    await one`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migratePostgres(drizzlePostgres(one, { schema }), { migrationsFolder: MIGRATIONS_DIR });
  } finally {
    // Ending the session releases the lock too, should the unlock itself fail.
    await one`select pg_advisory_unlock(${MIGRATION_LOCK})`.catch(() => undefined);
    await one.end({ timeout: 5 });
  }
}

/**
 * Copy the data directory `from` into the empty folder `dataDir` (under its lock). Copied aside,
 * then renamed over the empty folder: a process killed while copying leaves no half database.
 */
function copyInto(from: string, dataDir: string): void {
  const there = readdirSync(dataDir);
  if (there.includes('PG_VERSION')) return;
  if (there.length) throw new Error(`${dataDir} holds files but no database (no PG_VERSION): move them away, then start again.`);
  const tmp = `${dataDir}.copying`;
  rmSync(tmp, { recursive: true, force: true });
  copyDataDir(from, tmp);
  renameSync(tmp, dataDir);
}

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.url) {
    const client = postgres(opts.url, {
      max: opts.max ?? 10,
      onnotice: () => {},
      // Money columns are bigint; keep them numbers (they stay far below 2^53 cents).
      types: { bigint: postgres.BigInt },
      connection: { TimeZone: 'UTC' },
      // postgres.js waits up to 20 s between reconnects after repeated failures, so after an
      // outage of a few seconds every query (and the scheduler) stalled that long once the server
      // was back. Two seconds at most: back within a tick or two, a handful of attempts a second.
      backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 2),
    });
    const db = drizzlePostgres(client, { schema }) as unknown as Db;
    if (opts.migrate !== false) await migrateLocked(opts.url);
    return { db, kind: 'postgres', close: () => client.end({ timeout: 5 }) };
  }
  // PGlite's WASM (9 MB) compiled by V8's baseline compiler only. Its optimizing tier otherwise
  // recompiles much of it in background threads as it starts (~1.4 s of CPU before the first prompt
  // of `npm start`, competing with the start on 2 cores). On the baseline code the bot's queries,
  // small and many, ran no slower; compute-heavy SQL repeated in one process runs ~20% slower.
  // Set before the first WASM compile, which is PGlite's below.
  setFlagsFromString('--liftoff-only');
  // Loaded only when used: the PGlite module costs ~36 MB of RSS in a bot that talks to a server.
  const [{ PGlite }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([import('@electric-sql/pglite'), import('drizzle-orm/pglite'), import('drizzle-orm/pglite/migrator')]);
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const unlock = opts.dataDir ? lockDataDir(opts.dataDir) : () => {};
  try {
    if (opts.copyDataDir && opts.dataDir) copyInto(opts.copyDataDir, opts.dataDir);
  } catch (err) {
    unlock();
    throw err;
  }
  const pg = new PGlite({ dataDir: opts.dataDir, loadDataDir: opts.loadDataDir });
  try {
    await pg.waitReady;
  } catch (err) {
    unlock();
    throw err;
  }
  await pg.exec(`SET TIME ZONE 'UTC'`);
  const db = drizzlePglite(pg, { schema }) as unknown as Db;
  if (opts.migrate !== false) await migratePglite(db as never, { migrationsFolder: MIGRATIONS_DIR });
  return {
    db,
    kind: 'pglite',
    close: async () => {
      if (!pg.closed) await pg.close();
      unlock();
    },
  };
}
