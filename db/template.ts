/**
 * The PGlite template: a data directory already migrated, dumped at build time to
 * build/pglite-template.tar and unpacked beside it (build/pglite-template/), so a bot on an empty
 * DATA_DIR copies that folder (a file copy, a fraction of a second) instead of running every
 * migration (most of a fresh start) or unpacking the tar through PGlite's file system (seconds).
 * Its stamp (a hash of the migrations folder) says which migrations it holds; a template with
 * another stamp is not used.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sql } from 'drizzle-orm';
import { projectPath } from '../src/project-root.js';
import { MIGRATIONS_DIR, openDatabase, type Database } from './client.js';
import { rowsOf } from './rows.js';

export const TEMPLATE_FILE = projectPath('build', 'pglite-template.tar');
const stampFile = (tar: string) => `${tar}.stamp`;

/** A hash of every file in the migrations folder (SQL and drizzle's journal). */
export function migrationsStamp(dir = MIGRATIONS_DIR): string {
  const h = createHash('sha256');
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else h.update(e.name).update(readFileSync(p));
    }
  };
  walk(dir);
  return h.digest('hex');
}

const readStamp = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined);

/** The data directory a template tar is unpacked to: the tar's path without `.tar`. */
export const unpackedDir = (tar: string) => tar.replace(/\.tar$/, '');

/** Whether the template tar there was written with `stamp`. */
export const tarIsCurrent = (tar: string, stamp: string) => existsSync(tar) && readStamp(stampFile(tar)) === stamp;

/**
 * How the folder is unpacked (its WAL cut to one segment), in its stamp beside the tar's: a folder
 * whose stamp lacks the layout is unpacked again.
 */
const UNPACKED_LAYOUT = 'one-wal-segment';
const unpackedStamp = (stamp: string) => `${stamp} ${UNPACKED_LAYOUT}`;

/** The unpacked template's folder when it was unpacked from a tar stamped `stamp`; else undefined. */
export function currentUnpacked(tar: string, stamp: string): string | undefined {
  const dir = unpackedDir(tar);
  return readStamp(stampFile(dir)) === unpackedStamp(stamp) && existsSync(join(dir, 'PG_VERSION')) ? dir : undefined;
}

/** The migrated template's folder, when it holds exactly the current migrations; else undefined. */
export function currentTemplateDir(tar = TEMPLATE_FILE): string | undefined {
  return currentUnpacked(tar, migrationsStamp());
}

/**
 * Write `dump` as the template `tar` with its `stamp`, and unpack it to its folder: PGlite opens a
 * folder of its own on the dump and closes it cleanly. Both are written aside then renamed, so a
 * bot starting meanwhile never reads half a file or half a folder.
 */
export async function writeTemplate(tar: string, dump: Buffer, stamp: string): Promise<void> {
  mkdirSync(dirname(tar), { recursive: true });
  writeFileSync(`${tar}.tmp`, dump);
  renameSync(`${tar}.tmp`, tar);
  writeFileSync(stampFile(tar), `${stamp}\n`);
  await unpackTemplate(tar, stamp);
}

/** Unpack `tar` (stamped `stamp`) to its folder, unless that folder is from the same stamp. */
export async function unpackTemplate(tar: string, stamp: string): Promise<void> {
  if (currentUnpacked(tar, stamp)) return;
  const dir = unpackedDir(tar);
  const tmp = `${dir}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  const db = await openDatabase({ dataDir: tmp, loadDataDir: new Blob([readFileSync(tar)]), migrate: false });
  let current: string;
  try {
    current = await walToOneSegment(db);
  } finally {
    await db.close();
  }
  for (const f of readdirSync(join(tmp, 'pg_wal'))) if (WAL_SEGMENT.test(f) && f > current) rmSync(join(tmp, 'pg_wal', f));
  rmSync(stampFile(dir), { force: true });
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  writeFileSync(stampFile(dir), `${unpackedStamp(stamp)}\n`);
}

const WAL_SEGMENT = /^[0-9A-F]{24}$/;

/**
 * Move the database's WAL to a segment of its own and checkpoint: the segment then holds little
 * more than the checkpoint (the rest zero-filled, left as holes by the copy, db/copy-dir.ts), and
 * nothing before it is needed. Returns that segment's file name; the segments after it are ones
 * postgres made ready for later, and it makes them again when it needs them, so the caller
 * removes them once the database is closed. A fresh data directory then copies about 16 MB less.
 */
async function walToOneSegment(db: Database): Promise<string> {
  await db.db.execute(sql`select pg_switch_wal()`);
  await db.db.execute(sql`checkpoint`);
  const [row] = await rowsOf(db.db, sql`select pg_walfile_name(pg_current_wal_lsn()) as name`);
  return row!.name as string;
}

/** Dump an open PGlite database (a data-directory tar). */
export async function dumpPglite(db: Database): Promise<Buffer> {
  const pg = (db.db as unknown as { $client: { dumpDataDir(c: 'none'): Promise<Blob> } }).$client;
  return Buffer.from(await (await pg.dumpDataDir('none')).arrayBuffer());
}

/** Write the template (and its folder) unless the one there is current; returns whether it was written. */
export async function ensureTemplate(tar = TEMPLATE_FILE): Promise<boolean> {
  if (tarIsCurrent(tar, migrationsStamp())) {
    await unpackTemplate(tar, migrationsStamp());
    return false;
  }
  const db = await openDatabase({});
  try {
    await writeTemplate(tar, await dumpPglite(db), migrationsStamp());
  } finally {
    await db.close();
  }
  return true;
}
