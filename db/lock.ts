/**
 * PGlite admits one process per data directory, and a second one (`npm run token` beside the
 * running bot) would corrupt it or lose its writes. A lock file beside the directory holds the
 * owner's PID: a live owner refuses the second process with a clear message; a dead one's lock
 * (after a kill or a crash) is taken over.
 */
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by process ${pid} (a running bot?). PGlite admits one process per data directory: ` +
        'stop that process first, or do this through the running bot (the admin API, or an admin in chat), or use a Postgres server (DATABASE_URL).',
    );
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Take the data directory's lock for this process; returns its release. */
export function lockDataDir(dataDir: string): () => void {
  const file = `${dataDir}.lock`;
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw err;
    }
    let owner = NaN;
    try {
      owner = Number(readFileSync(file, 'utf8').trim());
    } catch {
      // removed meanwhile: try again
    }
    if (Number.isInteger(owner) && owner > 0 && (owner === process.pid || alive(owner))) throw new DataDirLockedError(dataDir, owner);
    // A stale lock (its process is gone): remove it and take it, once; another taker wins the race.
    try {
      unlinkSync(file);
    } catch {
      // another process removed it first
    }
  }
  return () => {
    try {
      if (Number(readFileSync(file, 'utf8').trim()) === process.pid) unlinkSync(file);
    } catch {
      // already gone
    }
  };
}
