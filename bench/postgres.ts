/**
 * A Postgres server for benchmarks: BENCH_DATABASE_URL or DATABASE_URL when set, else a throwaway
 * cluster started here from Debian's binaries (as the postgres user when run as root), stopped by
 * its own PID afterwards. Each benchmark gets a fresh database on it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, chownSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';

export interface BenchPostgres {
  url: string;
  /** a new empty database on the server; returns its URL */
  freshDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

function pgBin(): string | undefined {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const v = readdirSync(base).sort((a, b) => Number(b) - Number(a))[0];
  return v ? join(base, v, 'bin') : undefined;
}

function asPostgres(cmd: string[]): void {
  const root = process.getuid?.() === 0;
  const r = root ? spawnSync('su', ['postgres', '-s', '/bin/sh', '-c', cmd.map((c) => `'${c}'`).join(' ')], { stdio: 'pipe' }) : spawnSync(cmd[0]!, cmd.slice(1), { stdio: 'pipe' });
  if (r.status !== 0) throw new Error(`${cmd[0]} failed: ${r.stderr?.toString()}`);
}

export async function benchPostgres(): Promise<BenchPostgres | undefined> {
  let url = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  let stop = async () => {};
  if (!url) {
    const bin = pgBin();
    if (!bin) return undefined;
    const dir = mkdtempSync(join(tmpdir(), 'contract-ops-bench-pg-'));
    if (process.getuid?.() === 0) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), Number(execFileSync('id', ['-g', 'postgres']).toString().trim()));
    const port = 54000 + Math.floor(Math.random() * 900);
    asPostgres([join(bin, 'initdb'), '-D', dir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
    asPostgres([join(bin, 'pg_ctl'), '-D', dir, '-l', join(dir, 'log'), '-w', '-o', `-p ${port} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c shared_buffers=512MB`, 'start']);
    url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    stop = async () => {
      asPostgres([join(bin, 'pg_ctl'), '-D', dir, '-m', 'fast', 'stop']);
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  const created: string[] = [];
  return {
    url,
    async freshDatabase(name) {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.unsafe(`create database "${name}"`);
      created.push(name);
      const u = new URL(url!);
      u.pathname = `/${name}`;
      return u.toString();
    },
    async stop() {
      for (const n of created) await admin.unsafe(`drop database if exists "${n}" with (force)`).catch(() => {});
      await admin.end();
      await stop();
    },
  };
}
