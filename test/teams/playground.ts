/**
 * The Microsoft 365 Agents Playground (Microsoft's local Teams client, `@microsoft/m365agentsplayground`)
 * as a child process pointed at the bot, with a Teams context of demo people, and the headless
 * Chromium that drives its web UI. Each start returns a stop() that ends exactly what it started.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

const CLI = fileURLToPath(new URL('../../node_modules/@microsoft/m365agentsplayground/cli.js', import.meta.url));

export const PLAYGROUND_BOT = { id: '00000000-0000-0000-0000-0000000000b0', name: 'contract-ops' };
export const TEAM = { id: '19:field-ops-general@thread.tacv2', name: 'Field Ops' };

/** A demo person as a Playground user: ids the Playground accepts, e-mails the seed knows. */
export function playgroundUser(handle: string, name: string, n: number) {
  const [given, surname] = name.split(' ');
  return { id: `user-${handle}`, name, userPrincipleName: `${handle}@demo.example`, aadObjectId: `00000000-0000-0000-0000-0000000000${(0xa0 + n).toString(16)}`, givenName: given, surname, email: `${handle}@demo.example` };
}

export const USERS = {
  lee: playgroundUser('lee', 'Lee Lead', 1),
  dana: playgroundUser('dana', 'Dana Dispatcher', 2),
  tom: playgroundUser('tom', 'Tom Technician', 3),
  tess: playgroundUser('tess', 'Tess Technician', 4),
  max: playgroundUser('max', 'Max Manager', 5),
  fiona: playgroundUser('fiona', 'Fiona Finance', 6),
};

function yamlUser(u: ReturnType<typeof playgroundUser>, indent: string): string {
  return Object.entries(u)
    .map(([k, v], i) => `${i === 0 ? indent.slice(0, -2) + '- ' : indent}${k}: ${v}`)
    .join('\n');
}

/** The Playground's context file (.m365agentsplayground.yml, format 0.1.1): who is typing, who else is around. */
function contextFile(current: ReturnType<typeof playgroundUser>, others: ReturnType<typeof playgroundUser>[]): string {
  return [
    'version: "0.1.1"',
    'tenantId: 00000000-0000-0000-0000-0000000000c1',
    'bot:',
    `  id: ${PLAYGROUND_BOT.id}`,
    `  name: ${PLAYGROUND_BOT.name}`,
    'currentUser:',
    ...Object.entries(current).map(([k, v]) => `  ${k}: ${v}`),
    'users:',
    ...others.map((u) => yamlUser(u, '    ')),
    'personalChat:',
    '  id: personal-chat',
    'groupChat:',
    '  id: group-chat',
    '  name: Dispatch chat',
    'team:',
    `  id: ${TEAM.id}`,
    `  name: ${TEAM.name}`,
    '  aadGroupId: 00000000-0000-0000-0000-0000000000d1',
    '  channels:',
    '    - id: 19:field-ops-approvals@thread.tacv2',
    '      name: Approvals',
    '',
  ].join('\n');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface Playground {
  url: string;
  port: number;
  pid: number | undefined;
  /** its console output and log file */
  log(): string;
  stop(): Promise<void>;
}

/** Start the Playground on `port`, talking to the bot at `botUrl`; resolves once it listens. */
export async function startPlayground(opts: { botUrl: string; port: number; current?: keyof typeof USERS }): Promise<Playground> {
  const dir = mkdtempSync(join(tmpdir(), 'contract-ops-playground-'));
  const current = USERS[opts.current ?? 'lee'];
  // The Playground wants exactly five other people.
  const others = Object.values(USERS).filter((u) => u !== current);
  const config = join(dir, '.m365agentsplayground.yml');
  writeFileSync(config, contextFile(current, others));
  let out = '';
  const logFile = join(dir, 'playground.log');
  const child: ChildProcess = spawn(process.execPath, [CLI, '-e', opts.botUrl, '-c', 'msteams', '--dt', '-p', String(opts.port)], {
    cwd: dir, // devTools/ (its log) lands here, not in the repository
    env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none', M365_AGENTS_PLAYGROUND_CONFIG_PATH: config, M365_AGENTS_PLAYGROUND_LOGFILE: logFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const stop = async () => {
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
    rmSync(dir, { recursive: true, force: true });
  };
  // It prints "Listening" before reading its context file, and reports a bad one only in its log.
  const fileLog = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the Playground exited: ${out}`);
    if (/Failed to start/.test(fileLog()) || Date.now() > deadline) {
      const why = `${out}\n${fileLog()}`;
      await stop();
      throw new Error(`the Playground did not start: ${why}`);
    }
    const up = out.includes(`Listening on ${opts.port}`) && (await fetch(`http://127.0.0.1:${opts.port}/`).then((r) => r.ok, () => false));
    if (up) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url: `http://localhost:${opts.port}`, port: opts.port, pid: child.pid, log: () => `${out}\n${fileLog()}`, stop };
}

/** Headless Chromium as the brief asks: no network beyond localhost (the Playground's web fonts are blocked). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost',
];
