/**
 * The PGlite template: a data directory already migrated, dumped at build time to
 * build/pglite-template.tar, so a bot on an empty DATA_DIR loads it (about a second) instead of
 * running every migration (most of a fresh start). Its stamp (a hash of the migrations folder)
 * says which migrations it holds; a template with another stamp is not used.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { projectPath } from '../src/project-root.js';
import { MIGRATIONS_DIR, openDatabase } from './client.js';

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

/** The template's bytes when it holds exactly the current migrations; else undefined. */
export function currentTemplate(tar = TEMPLATE_FILE): Blob | undefined {
  if (!existsSync(tar) || !existsSync(stampFile(tar))) return undefined;
  if (readFileSync(stampFile(tar), 'utf8').trim() !== migrationsStamp()) return undefined;
  return new Blob([readFileSync(tar)]);
}

/** Write the template unless the one there is current; returns whether it was written. */
export async function ensureTemplate(tar = TEMPLATE_FILE): Promise<boolean> {
  if (currentTemplate(tar)) return false;
  const db = await openDatabase({});
  try {
    const pg = (db.db as unknown as { $client: { dumpDataDir(c: 'none'): Promise<Blob> } }).$client;
    const dump = Buffer.from(await (await pg.dumpDataDir('none')).arrayBuffer());
    mkdirSync(dirname(tar), { recursive: true });
    // Written aside then renamed, so a bot starting meanwhile never reads half a file.
    writeFileSync(`${tar}.tmp`, dump);
    renameSync(`${tar}.tmp`, tar);
    writeFileSync(stampFile(tar), `${migrationsStamp()}\n`);
  } finally {
    await db.close();
  }
  return true;
}
