/**
 * The README's promise, end to end: `npm start` with no settings opens the terminal chat on an
 * embedded database, answers piped commands, and exits at the end of input.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startChild } from '../support/child.js';

const root = new URL('../../', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'contract-ops-shell-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

type Script = string | ((out: string) => string | undefined);

/**
 * Run the bot with piped stdin. Each step is a line, or a function of the output so far that
 * returns the next line once what it waits for has been printed (a choice number, say).
 */
function runBot(input: string | Script[]): Promise<{ code: number | null; out: string; err: string }> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DATA_DIR: dataDir, PORT: '0', TZ: 'UTC', DEMO_HISTORY: '0' };
  const { child, out, done } = startChild(['--import', 'tsx', 'src/main.ts'], root, env);
  if (typeof input === 'string') {
    child.stdin.end(input);
    return done;
  }
  const steps = [...input];
  const pump = () => {
    while (steps.length) {
      const step = steps[0]!;
      const line = typeof step === 'string' ? step : step(out());
      if (line === undefined) return;
      steps.shift();
      child.stdin.write(`${line}\n`);
    }
    child.stdin.end();
  };
  child.stdout.on('data', pump);
  pump();
  return done;
}

/** The number the terminal printed for a choice, once it is on screen. */
const choice = (label: RegExp) => (out: string) => {
  const m = new RegExp(`\\[(\\d+)\\] ${label.source}`).exec(out);
  return m?.[1];
};

let created = 'J-1001';

describe('terminal chat (npm start with no settings)', () => {
  it('answers /help and /contract show from piped stdin, then a P1 job shows a risk alert whose fallback updates it', async () => {
    const r = await runBot(['/help', '/contract show acme-hvac', '/job new ACME-HVAC PAR-HQ P1 Data room too hot', '/clock +50m', choice(/Escalate to lead \(Lee Lead\)/), '/bogus']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('/contract');
    expect(r.out).toMatch(/\/job\s+Create, show/);
    expect(r.out).toContain('ACME-HVAC: Acme Facilities SAS');
    expect(r.out).toMatch(/HVAC-LAB\s+Corrective labour\s+hour\s+85\.00/);
    // Preventive visits may have been generated first, so the job number is read from the screen.
    const ref = /Created (J-\d+): Data room too hot/.exec(r.out)?.[1];
    expect(ref).toBeDefined();
    created = ref!;
    expect(r.out).toContain(`SLA at risk (75%): ${ref} response`);
    expect(r.out).toContain('Escalated by Dana Dispatcher');
    expect(r.out).toContain('Unknown command /bogus');
  }, 120_000);

  it('keeps its data across restarts', async () => {
    const r = await runBot(`/job show ${created}\n`);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`${created}: Data room too hot`);
  }, 120_000);
});
