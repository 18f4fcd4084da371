/**
 * A clone of the repository with nothing beside it builds, runs and passes its tests: no tracked
 * file may read or cite a folder next to the checkout. The pilot contracts live in
 * examples/contracts and their format in docs/contract-format.md.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

// Built from parts so this file does not match itself.
const FORBIDDEN = [['..', 'shared'].join('/'), ['shared', 'contracts'].join('/')];

/** Lock files name registry paths, not project files. */
const EXEMPT = new Set(['package-lock.json']);

/** The files git tracks; outside a git checkout, the tree minus what .gitignore leaves out. */
function trackedFiles(): string[] {
  try {
    return execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .split('\0')
      .filter((f) => f !== '');
  } catch {
    const skip = new Set(['.git', 'node_modules', 'build', 'data', 'devTools', 'test-output', 'scratch', 'dist']);
    return readdirSync(ROOT, { recursive: true, encoding: 'utf8' })
      .filter((f) => !f.split(sep).some((part) => skip.has(part)))
      .filter((f) => statSync(join(ROOT, f)).isFile())
      .map((f) => relative(ROOT, join(ROOT, f)).split(sep).join('/'));
  }
}

describe('the repository stands alone', () => {
  it('no file reads or cites a shared folder beside the checkout', () => {
    const files = trackedFiles().filter((f) => !EXEMPT.has(f));
    expect(files).toContain('examples/contracts/acme-hvac.yaml');
    const hits: string[] = [];
    for (const f of files) {
      let text: string;
      try {
        text = readFileSync(join(ROOT, f), 'utf8');
      } catch {
        continue; // listed by git but deleted in the work tree
      }
      text.split('\n').forEach((line, i) => {
        if (FORBIDDEN.some((s) => line.includes(s))) hits.push(`${f}:${i + 1}: ${line.trim().slice(0, 120)}`);
      });
    }
    expect(hits).toEqual([]);
  });
});
