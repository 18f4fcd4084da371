/**
 * The README's terminal session, run verbatim: the ```text block after "A full session" is piped
 * into a fresh bot (comments stripped) and what its comments promise is checked on the output.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startChild } from '../support/child.js';

const root = new URL('../../', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'contract-ops-readme-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** The README's session: the first ```text block, each line without its `# comment`. */
function readmeSession(readme: string): string[] {
  const block = /```text\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error('README.md has no ```text block');
  return block
    .split('\n')
    .map((l) => l.replace(/\s+#.*$/, '').trim())
    .filter(Boolean);
}

describe("the README's terminal session", () => {
  it('runs as written on a fresh data directory and does what its comments say', async () => {
    const lines = readmeSession(readFileSync(join(root, 'README.md'), 'utf8'));
    expect(lines).toEqual(['/job new ACME-HVAC PAR-HQ P1 Data room too hot', '/clock +50m', '1', '/queue', '/job show J-1001']);
    const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DATA_DIR: dataDir, PORT: '0', TZ: 'UTC', DEMO_HISTORY: '0' };
    const { child, done } = startChild(['--import', 'tsx', 'src/main.ts'], root, env);
    child.stdin.end(lines.map((l) => `${l}\n`).join(''));
    const { code, out, err } = await done;
    expect(err).toBe('');
    expect(code).toBe(0);
    const after = (line: string) => out.slice(out.indexOf(`> ${line}\n`) + line.length + 3);
    const upTo = (s: string, line: string) => s.slice(0, s.indexOf(`> ${line}\n`));

    // "(the number it printed)": the demo's first job is J-1001.
    expect(out).toContain('== Created J-1001: Data room too hot ==');

    // /clock +50m: "75% of the P1 one-hour response: a breach-risk alert appears", before the next prompt.
    const clock = upTo(after('/clock +50m'), '1');
    expect(clock).toContain('== ! SLA at risk (75%): J-1001 response ==');
    // ...and its first choice is the one the README types: a reassignment to the best-placed
    // technician, with why. Who that is depends on the hour the test runs (Tess works office hours,
    // Tom covers evenings and weekends on call), so the line is read, not assumed.
    const first = /\[1\] Reassign: (Tess Technician|Tom Technician): (on shift until [0-9:]+|on call[^,]*|off until [^,]+), \d+ open jobs?\n/.exec(clock);
    expect(first, clock).not.toBeNull();
    const chosen = first![1]!;
    const ranked = [...clock.matchAll(/\[\d+\] Reassign: [^:]+: (on shift|on call|off)/g)].map((m) => m[1]);
    expect(ranked, 'reassign choices are ordered on shift, then on call, then off').toEqual([...ranked].sort((a, b) => ['on shift', 'on call', 'off'].indexOf(a!) - ['on shift', 'on call', 'off'].indexOf(b!)));

    // 1: 'pick the first choice: Reassign to the best-placed technician; the card updates'.
    const picked = upTo(after('1'), '/queue');
    expect(picked).toContain('>> (card updated)');
    expect(picked).toMatch(new RegExp(`Reassign(ed)?[^\\n]*${chosen}`));
    expect(picked).not.toMatch(/Sent to|e-mailed/i);

    // /queue: "your teams' open jobs, soonest breach first".
    const queue = upTo(after('/queue'), '/job show J-1001');
    expect(queue).toContain('Queue:');
    expect(queue).toMatch(new RegExp(`J-1001\\s+P1\\s+PAR-HQ[^\\n]*${chosen.split(' ')[0]}\\s`));

    // /job show J-1001: "due times, and why: calendars, closed spans, pauses".
    const show = after('/job show J-1001');
    expect(show).toContain('== J-1001: Data room too hot ==');
    expect(show).toMatch(new RegExp(`Assigned\\s+${chosen}`));
    expect(show).toMatch(/Response: due/);
    expect(show).toContain('Why these times');
  }, 120_000);
});
