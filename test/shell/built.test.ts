/**
 * `npm start` runs the bundle (scripts/build.ts → build/main.js, plain node), not the TypeScript:
 * build it the same way (into a folder of its own under build/) and drive the built bot in the
 * terminal chat. A bundle that breaks at run time fails here: a file found relative to the module
 * (migrations, the demo contracts, the fonts of the renewal PDF and its chart), a package that
 * does not load from node_modules, a chunk loaded on first use. On Postgres the bot runs on a fresh
 * database of the test server, else on PGlite in a data directory of its own.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildBot, ROOT } from '../../scripts/build.js';
import { startChild } from '../support/child.js';
import { testDatabase } from '../support/db.js';

const outdir = join('build', `test-${process.pid}-${Date.now()}`);
const dataDir = mkdtempSync(join(tmpdir(), 'contract-ops-built-'));
let dbUrl: string | undefined;
let closeDb: (() => Promise<void>) | undefined;

beforeAll(async () => {
  await buildBot(outdir);
  if (inject('dbMode') === 'postgres') {
    const db = await testDatabase({ empty: true });
    dbUrl = db.url;
    closeDb = () => db.close();
  }
}, 120_000);

afterAll(async () => {
  await closeDb?.();
  rmSync(join(ROOT, outdir), { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

function runBuilt(input: string): Promise<{ code: number | null; out: string; err: string }> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    DATA_DIR: dataDir,
    PORT: '0',
    TZ: 'UTC',
    // the demo's contracts and people without its weeks of history, as the assertions expect
    DEMO_HISTORY: '0',
    ...(dbUrl ? { DATABASE_URL: dbUrl, SEED_DEMO: '1', TERMINAL_CHAT: '1' } : {}),
  };
  // As `npm start` runs it: plain node on the bundle, no tsx.
  const run = startChild(['--enable-source-maps', join(outdir, 'main.js')], ROOT, env);
  run.child.stdin.end(input);
  return run.done;
}

describe('the bundled bot (what npm start runs)', () => {
  it('migrates, seeds the demo contracts, answers commands and writes a renewal PDF with its chart', async () => {
    const r = await runBuilt('/help\n/contract show acme-hvac\n/as max\n/renewal ACME-HVAC\n');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\/job\s+Create, show/);
    expect(r.out).toContain('ACME-HVAC: Acme Facilities SAS');
    // A long path goes to the next line when the output is wrapped to the terminal width.
    const png = /\] saved to\s+(\S+\.png)/.exec(r.out)?.[1];
    const pdf = /PDF saved to\s+(\S+\.pdf)/.exec(r.out)?.[1];
    expect(png && existsSync(png)).toBe(true);
    expect(pdf && readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    // The PDF embeds the Liberation Sans shipped in src/kpi/fonts (found from the project root).
    expect(readFileSync(pdf!).toString('latin1')).toContain('LiberationSans');
  }, 120_000);
});
