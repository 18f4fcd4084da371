/**
 * A throwaway Postgres cluster that a fault test may stop and start at will. Never the shared
 * server: in CI the other test worker is using that one at the same moment, so stopping it would
 * fail their tests, not ours. Binaries from CI_PG_BIN (set by .ci/run), else the newest
 * /usr/lib/postgresql/<v>/bin; as the postgres user when running as root. Stopped by its own PID.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';

export interface Cluster {
  url: string;
  /** the postmaster's PID (from postmaster.pid), undefined when stopped */
  pid(): number | undefined;
  /** stop it: `immediate` is a crash (SIGQUIT, no checkpoint), `fast` a clean shutdown (SIGINT) */
  stop(mode?: 'immediate' | 'fast'): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

export function pgBinDir(): string | undefined {
  if (process.env.CI_PG_BIN && existsSync(join(process.env.CI_PG_BIN, 'initdb'))) return process.env.CI_PG_BIN;
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const v = readdirSync(base).sort((a, b) => Number(b) - Number(a))[0];
  return v && existsSync(join(base, v, 'bin', 'initdb')) ? join(base, v, 'bin') : undefined;
}

/** Why the fault tests that need a Postgres server cannot run here, or undefined when they can. */
export function serverFaultsSkipReason(): string | undefined {
  if (inject('dbMode') !== 'postgres') return 'runs with DATABASE_URL set (the PGlite run has no server to lose: it lives in the bot process)';
  if (!pgBinDir()) return 'needs the PostgreSQL server binaries (initdb, pg_ctl) to start a throwaway cluster';
  return undefined;
}

const asRoot = () => process.getuid?.() === 0;

function run(cmd: string[]): void {
  const r = asRoot() ? spawnSync('su', ['postgres', '-s', '/bin/sh', '-c', cmd.map((c) => `'${c}'`).join(' ')], { stdio: 'pipe' }) : spawnSync(cmd[0]!, cmd.slice(1), { stdio: 'pipe' });
  if (r.status !== 0) throw new Error(`${cmd.join(' ')} failed: ${r.stderr?.toString()}${r.stdout?.toString()}`);
}

export async function startCluster(): Promise<Cluster> {
  const bin = pgBinDir();
  if (!bin) throw new Error('no PostgreSQL binaries');
  const dir = mkdtempSync(join(tmpdir(), 'contract-ops-fault-pg-'));
  if (asRoot()) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), Number(execFileSync('id', ['-g', 'postgres']).toString().trim()));
  const port = 55000 + Math.floor(Math.random() * 4000);
  run([join(bin, 'initdb'), '-D', dir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
  // -t 300: on a loaded machine a cold start can take longer than pg_ctl's default 60 s wait.
  const start = async () => run([join(bin, 'pg_ctl'), '-D', dir, '-l', join(dir, 'log'), '-w', '-t', '300', '-o', `-p ${port} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`, 'start']);
  const pid = () => {
    try {
      return Number(readFileSync(join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    } catch {
      return undefined;
    }
  };
  const stop = async (mode: 'immediate' | 'fast' = 'immediate') => {
    const p = pid();
    if (!p) return;
    process.kill(p, mode === 'immediate' ? 'SIGQUIT' : 'SIGINT');
    for (let i = 0; i < 300; i++) {
      try {
        process.kill(p, 0);
      } catch {
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    // An immediate stop leaves postmaster.pid behind; pg_ctl start checks that the PID is gone.
  };
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    pid,
    stop,
    start,
    async destroy() {
      await stop('immediate');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
