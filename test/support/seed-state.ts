/**
 * The seeded template's state, and putting a test database back to it cheaply. The template keeps
 * a copy of every table in the `test_seed` schema; a reset finds the tables a test changed (a row
 * written after the seed, or a row count unlike the seed's), truncates those and the tables that
 * reference them, refills them from their copy with foreign-key triggers off, and sets every
 * sequence back to its seeded value.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';

/** The instant the demo data is seeded at in the template, and the test kit's default clock. */
export const SEEDED_AT = '2026-11-23T08:00:00Z';

type Row = Record<string, unknown>;

async function rows<T extends Row>(db: Database, query: ReturnType<typeof sql>): Promise<T[]> {
  const r = (await db.db.execute(query)) as unknown;
  return (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Several statements in one round trip and one transaction (PGlite's exec, postgres.js's simple protocol). */
async function script(db: Database, statements: string[]): Promise<void> {
  const text = statements.join(';\n');
  type Sql = { unsafe(q: string): { simple(): Promise<unknown> } };
  const client = (db.db as unknown as { $client: { exec(q: string): Promise<unknown> } & { begin(f: (tx: Sql) => Promise<unknown>): Promise<unknown> } }).$client;
  if (db.kind === 'pglite') await client.exec(`begin;\n${text};\ncommit`);
  else await client.begin((tx) => tx.unsafe(text).simple());
}

/** The public tables, in a stable order. */
async function publicTables(db: Database): Promise<string[]> {
  const list = await rows<{ tablename: string }>(db, sql`select tablename from pg_tables where schemaname = 'public' order by tablename`);
  return list.map((r) => r.tablename);
}

/** In the template, after seeding: keep a copy of every table, its row count and the sequences. */
export async function recordSeed(db: Database): Promise<void> {
  const tables = await publicTables(db);
  const stmts = ['create schema test_seed', 'create table test_seed._tables (name text primary key, n bigint not null)'];
  for (const t of tables) {
    stmts.push(`create table test_seed.${ident(t)} as table public.${ident(t)}`);
    stmts.push(`insert into test_seed._tables select '${t}', count(*) from public.${ident(t)}`);
  }
  stmts.push(`create table test_seed._sequences as select sequencename as name, last_value from pg_sequences where schemaname = 'public'`);
  stmts.push(`create table test_seed._mark (xid bigint not null)`);
  await script(db, stmts);
  // Its own transaction: every seeded row was written by an earlier one.
  await script(db, [`insert into test_seed._mark select txid_current() % 4294967296`]);
}

/** The tables whose rows differ from the seed's. */
async function changedTables(db: Database): Promise<string[]> {
  const seeded = await rows<{ name: string; n: string | number }>(db, sql`select name, n from test_seed._tables order by name`);
  if (seeded.length === 0) return [];
  const parts = seeded.map(
    (s) =>
      `select '${s.name}' as name, (select count(*) from public.${ident(s.name)}) as n, ` +
      `exists (select 1 from public.${ident(s.name)} where xmin::text::bigint > m.xid) as written from test_seed._mark m`,
  );
  const now = await rows<{ name: string; n: string | number; written: boolean }>(db, sql.raw(parts.join('\nunion all\n')));
  const before = new Map(seeded.map((s) => [s.name, Number(s.n)]));
  return now.filter((r) => r.written || Number(r.n) !== before.get(r.name)).map((r) => r.name);
}

/**
 * The changed tables and every table that references one of them, directly or not: TRUNCATE
 * must empty those together. Truncating (not deleting) keeps the refilled rows in insertion order
 * on disk, as in a fresh database, so a test's unordered read sees them in the order written.
 */
async function withReferencing(db: Database, changed: string[]): Promise<string[]> {
  const fks = await rows<{ child: string; parent: string }>(
    db,
    sql`select c.relname as child, p.relname as parent from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid join pg_namespace n on n.oid = c.relnamespace where k.contype = 'f' and n.nspname = 'public'`,
  );
  const out = new Set(changed);
  for (let grew = true; grew; ) {
    grew = false;
    for (const { child, parent } of fks) {
      if (out.has(parent) && !out.has(child)) {
        out.add(child);
        grew = true;
      }
    }
  }
  return [...out].sort();
}

/** Back to the seeded state: only what changed (and what references it) is rewritten. */
export async function restoreSeed(db: Database): Promise<void> {
  const changed = await changedTables(db);
  const seqs = await rows<{ name: string; last_value: string | number | null }>(db, sql`select name, last_value from test_seed._sequences`);
  const stmts = ['set local session_replication_role = replica'];
  const tables = changed.length ? await withReferencing(db, changed) : [];
  if (tables.length) stmts.push(`truncate ${tables.map((t) => `public.${ident(t)}`).join(', ')}`);
  for (const t of tables) stmts.push(`insert into public.${ident(t)} select * from test_seed.${ident(t)}`);
  for (const s of seqs) {
    stmts.push(
      s.last_value === null
        ? `select setval('public.${ident(s.name)}', 1, false)`
        : `select setval('public.${ident(s.name)}', ${Number(s.last_value)}, true)`,
    );
  }
  // The refilled rows are the seed again: what counts as written is what comes after this.
  stmts.push(`update test_seed._mark set xid = txid_current() % 4294967296`);
  await script(db, stmts);
}

/** Empty every public table (a kit that starts with no demo data). */
export async function truncateAll(db: Database): Promise<void> {
  const names = (await publicTables(db)).map(ident).join(', ');
  if (names) await db.db.execute(sql.raw(`truncate ${names} restart identity cascade`));
}
