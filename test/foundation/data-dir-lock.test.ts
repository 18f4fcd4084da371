/**
 * One process per PGlite data directory: a second is refused while the first lives; the lock of a
 * process that died (kill -9) is taken over.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from '../../db/lock.js';

const dir = () => join(mkdtempSync(join(tmpdir(), 'co-lock-')), 'pglite');

describe('the data directory lock', () => {
  it('refuses a second process while the owner lives, naming it and what to do instead', () => {
    const d = dir();
    writeFileSync(`${d}.lock`, `${process.ppid}\n`); // a live process that is not this one
    let err: unknown;
    try {
      lockDataDir(d);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataDirLockedError);
    expect((err as Error).message).toMatch(new RegExp(`in use by process ${process.ppid}.*one process per data directory.*stop that process first`));
    expect(readFileSync(`${d}.lock`, 'utf8').trim()).toBe(String(process.ppid));
  });

  it('refuses a second open in the same process, and frees the directory on release', () => {
    const d = dir();
    const release = lockDataDir(d);
    expect(() => lockDataDir(d)).toThrow(DataDirLockedError);
    release();
    expect(existsSync(`${d}.lock`)).toBe(false);
    lockDataDir(d)();
  });

  it('takes over the lock of a process that is gone', () => {
    const d = dir();
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid!;
    writeFileSync(`${d}.lock`, `${dead}\n`);
    const release = lockDataDir(d);
    expect(readFileSync(`${d}.lock`, 'utf8').trim()).toBe(String(process.pid));
    release();
  });
});
