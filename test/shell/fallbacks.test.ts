/**
 * Alert fallbacks in the terminal chat (the bot as a child process, fed on stdin): escalate, notify
 * the customer and call the subcontractor are picked one after the other on one alert; the same
 * choice picked again says who took it; Acknowledge closes the alert. The subcontractor's e-mail
 * reaches a real SMTP server started here, and the call shows on `/job show`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChild } from '../support/child.js';
import { startSmtp, type TestSmtp } from '../proof/smtp.js';

const root = new URL('../../', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'contract-ops-fallbacks-'));
let smtp: TestSmtp;

beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(async () => {
  await smtp?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

type Step = string | ((out: string) => string | undefined);

/** Each step is a line, or a function of the output so far giving the next line once it can. */
function runBot(steps: Step[]): Promise<{ code: number | null; out: string; err: string }> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DATA_DIR: dataDir, PORT: '0', TZ: 'UTC', DEMO_HISTORY: '0', SMTP_URL: smtp.url, MAIL_FROM: 'Service desk <desk@contract-ops.test>' };
  const { child, out, done } = startChild(['--import', 'tsx', 'src/main.ts'], root, env, 110_000);
  const left = [...steps];
  const pump = () => {
    while (left.length) {
      const step = left[0]!;
      const line = typeof step === 'string' ? step : step(out());
      if (line === undefined) return;
      left.shift();
      child.stdin.write(`${line}\n`);
    }
    child.stdin.end();
  };
  child.stdout.on('data', pump);
  pump();
  return done;
}

/** The number the terminal printed for a choice (its first appearance), once it is on screen. */
const choice = (label: RegExp) => (out: string) => new RegExp(`\\[(\\d+)\\] ${label.source}`).exec(out)?.[1];
/** A line naming the job the bot created, once it has printed it. */
const withRef = (line: (ref: string) => string) => (out: string) => {
  const ref = /Created (J-\d+): Data room too hot/.exec(out)?.[1];
  return ref ? line(ref) : undefined;
};
/** Wait until `text` has been printed `n` times, then send `line`. */
const after = (text: RegExp, n: number, line: Step) => (out: string) => ((out.match(new RegExp(text.source, 'g')) ?? []).length >= n ? (typeof line === 'string' ? line : line(out)) : undefined);

describe('alert fallbacks in the terminal', () => {
  it('escalate, notify the customer, call the subcontractor on one alert; the same choice twice is refused; Acknowledge closes it', async () => {
    const r = await runBot([
      '/job new ACME-HVAC PAR-HQ P1 Data room too hot',
      withRef((ref) => `/job eta ${ref} +2h`),
      '/clock +50m',
      choice(/Escalate to lead \(Lee Lead\)/),
      after(/Escalated by Dana Dispatcher at/, 1, choice(/Notify customer/)),
      after(/Customer notice drafted by Dana Dispatcher at/, 1, choice(/Call subcontractor: CoolFix Climatisation/)),
      after(/Subcontractor called by Dana Dispatcher at/, 1, choice(/Escalate to lead \(Lee Lead\)/)),
      after(/Already handled/, 1, choice(/Acknowledge/)),
      after(/Closed by Dana Dispatcher/, 1, choice(/Reassign: Tess Technician/)),
      after(/is closed: Acknowledged/, 1, withRef((ref) => `/job show ${ref}`)),
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const ref = /Created (J-\d+)/.exec(r.out)![1]!;
    // Lines wrap at 100 columns when piped: read the output as one line.
    const out = r.out.replace(/\s+/g, ' ');
    expect(out).toContain(`SLA at risk (75%): ${ref} response`);
    // Each fallback's result: the card reprinted with what was done, the others still offered.
    expect(out).toMatch(/Escalated by Dana Dispatcher at .*: to Lee Lead/);
    expect(out).toMatch(/Customer notice drafted by Dana Dispatcher at .*: draft message #\d+ to Claire Martin/);
    expect(out).toMatch(/Subcontractor called by Dana Dispatcher at .*: CoolFix Climatisation e-mailed at dispatch@coolfix\.example \(message #\d+\)/);
    expect(out).toMatch(/Already handled: Escalated by Dana Dispatcher at \w{3} \d+ \w{3} \d\d:\d\d \w+: to Lee Lead\./);
    expect(out).toMatch(/Alert #\d+ is closed: Acknowledged by Dana Dispatcher at \w{3} \d+ \w{3} \d\d:\d\d \w+\. No more fallbacks can be taken on it\./);
    // /job show lists the acts, and the subcontractor's e-mail as sent.
    const shown = out.slice(out.lastIndexOf(`${ref}: Data room too hot`));
    expect(shown).toContain('Alert fallbacks');
    expect(shown).toMatch(/Subcontractor called by Dana Dispatcher, .*\(response 75%\): CoolFix Climatisation e-mailed at dispatch@coolfix\.example \(message #\d+\) \(e-mail sent\)/);
    expect(shown).toMatch(/Acknowledged by Dana Dispatcher, .*\(response 75%\)/);
    const mails = smtp.received.filter((m) => m.to.includes('dispatch@coolfix.example'));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe(`${ref}\u00a0: demande d’aide (Acme Facilities SAS)`);
    expect(mails[0]!.text).toContain(`Bonjour CoolFix Climatisation, nous avons besoin de votre aide sur la demande ${ref} (P1)`);
  }, 150_000);
});
