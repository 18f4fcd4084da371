/**
 * The build's PGlite templates, unpacked to a folder a fresh data directory starts as a copy of
 * (db/template.ts, openDatabase's copyDataDir): the copy holds the template's rows, writes to it
 * never reach the template, a later start keeps its own data, and a stale stamp is not used. The
 * template keeps one WAL segment, and the copy leaves that segment's unwritten zeros as a hole.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { copyDataDir } from '../../db/copy-dir.js';
import { currentUnpacked, dumpPglite, unpackedDir, writeTemplate } from '../../db/template.js';

const names = async (dataDir: string, copyDataDir?: string): Promise<string[]> => {
  const db = await openDatabase({ dataDir, copyDataDir, migrate: false });
  try {
    const rows = (await db.db.execute(sql`select name from kept order by name`)) as unknown as { rows: { name: string }[] };
    return rows.rows.map((r) => r.name);
  } finally {
    await db.close();
  }
};

describe('a fresh data directory from the unpacked template', () => {
  it('starts as a copy of the template, keeps its own writes, and leaves the template as it was', async () => {
    const root = mkdtempSync(join(tmpdir(), 'co-template-'));
    const tar = join(root, 'pglite-t.tar');
    const source = await openDatabase({ migrate: false });
    await source.db.execute(sql`create table kept (name text)`);
    await source.db.execute(sql`insert into kept values ('from the template')`);
    await writeTemplate(tar, await dumpPglite(source), 'stamp-1');
    await source.close();

    const template = currentUnpacked(tar, 'stamp-1');
    expect(template).toBe(unpackedDir(tar));
    expect(currentUnpacked(tar, 'stamp-2')).toBeUndefined();

    const segments = (dir: string) => readdirSync(join(dir, 'pg_wal')).filter((f) => /^[0-9A-F]{24}$/.test(f));
    expect(segments(template!)).toHaveLength(1);

    const data = join(root, 'data', 'pglite');
    expect(await names(data, template)).toEqual(['from the template']);
    // Copied, the segment reads the same, but only its written part takes room on disk.
    const [segment] = segments(template!);
    const copy = mkdtempSync(join(tmpdir(), 'co-copy-'));
    copyDataDir(template!, join(copy, 'pglite'));
    const copied = join(copy, 'pglite', 'pg_wal', segment!);
    expect(readFileSync(copied).equals(readFileSync(join(template!, 'pg_wal', segment!)))).toBe(true);
    expect(statSync(copied).blocks * 512).toBeLessThan(statSync(copied).size / 2);
    const db = await openDatabase({ dataDir: data, copyDataDir: template, migrate: false });
    await db.db.execute(sql`insert into kept values ('written after the start')`);
    await db.close();
    // A restart on the same folder keeps what was written; the template did not get it.
    expect(await names(data, template)).toEqual(['from the template', 'written after the start']);
    expect(await names(template!)).toEqual(['from the template']);
  }, 60_000);

  it('refuses a folder that holds files but no database, naming it', async () => {
    const root = mkdtempSync(join(tmpdir(), 'co-template-'));
    const data = join(root, 'pglite');
    mkdirSync(data);
    writeFileSync(join(data, 'stray.txt'), 'x');
    await expect(openDatabase({ dataDir: data, copyDataDir: root, migrate: false })).rejects.toThrow(`${data} holds files but no database`);
  });
});
