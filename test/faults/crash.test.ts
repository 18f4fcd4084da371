/**
 * The bot process is killed (SIGKILL) between writing an alert and delivering it: the real bot
 * (src/main.ts) runs as a child process on a throwaway database with Slack pointed at a fake that
 * holds the alert's chat.postMessage open; once the alert row exists and its post is in flight,
 * the child is killed. A second child picks the alert up when the delivery lease runs out (the
 * test moves the lease's expiry to now instead of waiting its 60 s) and posts it exactly once.
 *
 * On Postgres the child shares a fresh database on the test server; on PGlite it owns a data
 * directory, so the test also shows the embedded database surviving a SIGKILL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type Database } from '../../db/client.js';
import { alerts, outbox, postedMessages, teamChannels } from '../../db/schema.js';
import { createApp } from '../../src/app.js';
import { FakeClock } from '../../src/clock.js';
import { parseConfig } from '../../src/config.js';
import { createJob } from '../../src/jobs/create-job.js';
import { silentLogger } from '../../src/log.js';
import { personByHandle } from '../../src/people/person.js';
import { seedDemo } from '../../src/seed/demo.js';
import { testKit, type TestKit } from '../support/app.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHANNEL = 'C0DISPATCH';

/** Just enough Slack Web API for the bot's start and its posts; SLA posts can be held open. */
class HoldingSlack {
  hold = true;
  held: ServerResponse[] = [];
  posted: { text: string; ts: string }[] = [];
  aborted = 0;
  private seq = 0;
  private server: Server;
  private waiters: (() => void)[] = [];

  constructor() {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  async start(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  /** Resolves at the next held or posted SLA message. */
  next(): Promise<void> {
    return new Promise((r) => this.waiters.push(r));
  }

  slaPosts(): string[] {
    return this.posted.filter((p) => /SLA/.test(p.text)).map((p) => p.text);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const args = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
    const method = (req.url ?? '').replace(/^\/api\//, '');
    const json = (body: unknown): void => void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (method === 'auth.test') return json({ ok: true, user_id: 'U0BOT', bot_id: 'B0BOT', team_id: 'T0DEMO', url: 'https://demo.slack.example/' });
    if (method === 'chat.postMessage') {
      const text = String(args.text ?? '');
      if (/SLA/.test(text) && this.hold) {
        // Slack never answers: the bot is killed while it waits. Nothing was posted.
        this.held.push(res);
        req.socket.on('close', () => this.aborted++);
        this.wake();
        return;
      }
      const ts = `1795500000.${String(++this.seq).padStart(6, '0')}`;
      this.posted.push({ text, ts });
      if (/SLA/.test(text)) this.wake();
      return json({ ok: true, channel: args.channel, ts, message: { ts } });
    }
    return json({ ok: true });
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}

let kit: TestKit | undefined;
let slackUrl: string;
let fake: HoldingSlack;
let dataDir: string | undefined;
let dbUrl: string | undefined;
const children: ChildProcess[] = [];

/** The database as the test sees it between children (PGlite admits one process at a time). */
async function withDb<T>(f: (db: Database) => Promise<T>): Promise<T> {
  if (kit) return f(kit.db);
  const db = await openDatabase({ dataDir: join(dataDir!, 'pglite') });
  try {
    return await f(db);
  } finally {
    await db.close();
  }
}

/** A P1 job reported 50 minutes ago: its 75% response warning is due now, on real time. */
async function seed(db: Database): Promise<void> {
  const clock = new FakeClock(new Date(Date.now() - 50 * 60_000));
  const app = createApp(parseConfig({ TERMINAL_CHAT: '0', SCHEDULER: '0', ACTION_SECRET: 'crash', DATA_DIR: '/tmp/contract-ops-test' }), db, clock, silentLogger, ['slack']);
  if (!(await personByHandle(db.db, 'dana'))) await seedDemo(app.ctx);
  await db.db.insert(teamChannels).values({ teamId: 'hvac-paris', purpose: 'dispatch', platform: 'slack', target: { channel: CHANNEL } });
  const person = (await personByHandle(db.db, 'dana'))!;
  await createJob({ ...app.ctx, actor: { via: 'slack', person, label: 'Dana' } }, { contract: 'ACME-HVAC', site: 'PAR-HQ', priority: 'P1', summary: 'Data room too hot' });
}

/** The bot itself, as `npm start` runs it, with Slack over HTTP and the scheduler on. */
function startBot(): { child: ChildProcess; output: () => string; exited: Promise<NodeJS.Signals | number | null> } {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    SLACK_BOT_TOKEN: 'xoxb-crash-test',
    SLACK_SIGNING_SECRET: 'crash-secret',
    SLACK_API_URL: slackUrl,
    ACTION_SECRET: 'crash',
    PORT: '0',
    HOST: '127.0.0.1',
    SCHEDULER: '1',
    MONITOR_INTERVAL_SECONDS: '1',
    TERMINAL_CHAT: '0',
    SEED_DEMO: '0',
    LOG_LEVEL: 'info',
    DATA_DIR: dataDir ?? join(tmpdir(), 'contract-ops-crash-unused'),
    ...(dbUrl ? { DATABASE_URL: dbUrl } : {}),
  };
  // node --import tsx, not the tsx CLI: SIGKILL must reach the bot, not a wrapper around it.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((r) => child.on('exit', (code, signal) => r(signal ?? code)));
  return { child, output: () => out, exited };
}

async function within<T>(p: Promise<T>, ms: number, what: string, output: () => string): Promise<T> {
  let t: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (t = setTimeout(() => reject(new Error(`${what} within ${ms} ms; bot output:\n${output().slice(-4000)}`)), ms)));
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(t);
  }
}

describe('the bot is killed between writing an alert and delivering it', () => {
  beforeAll(async () => {
    fake = new HoldingSlack();
    slackUrl = await fake.start();
    if (inject('dbMode') === 'postgres') {
      // Postgres: a fresh database of its own on the test server; the test reads it while the bot runs.
      kit = await testKit({ platforms: ['slack'] });
      dbUrl = kit.db.url;
      await seed(kit.db);
    } else {
      dataDir = mkdtempSync(join(tmpdir(), 'contract-ops-crash-'));
      await withDb(seed);
    }
  }, 120_000);

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await fake?.close();
    await kit?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('the alert is delivered once, by the next process, after the lease', async () => {
    // 1. The bot raises the alert and starts posting it; Slack holds the post; the bot is killed.
    const first = startBot();
    await within(fake.next(), 90_000, 'the alert post reaches Slack', first.output);
    expect(fake.held).toHaveLength(1);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    for (const r of fake.held.splice(0)) r.destroy();
    expect(fake.slaPosts()).toEqual([]);

    // 2. What the dead process left: the alert row, its outbox post claimed and not delivered.
    const leased = await withDb(async (db) => {
      const rows = await db.db.select().from(alerts);
      expect(rows).toHaveLength(1);
      const [post] = await db.db.select().from(outbox).where(eq(outbox.subjectKind, 'alert'));
      expect(post!.deliveredAt).toBeNull();
      expect(post!.attempts).toBe(1);
      expect(post!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 30_000);
      // The lease (60 s) runs out: moved to now rather than waited for.
      await db.db.update(outbox).set({ nextAttemptAt: new Date(Date.now() - 1000) }).where(eq(outbox.id, post!.id));
      return post!;
    });

    // 3. A new process delivers it, once.
    fake.hold = false;
    const second = startBot();
    await within(fake.next(), 90_000, 'the alert is posted by the second process', second.output);
    // A few more monitor and delivery ticks: nothing more is posted.
    await new Promise((r) => setTimeout(r, 5000));
    second.child.kill('SIGTERM');
    await within(second.exited, 30_000, 'the second process stops on SIGTERM', second.output);
    expect(fake.slaPosts()).toHaveLength(1);

    await withDb(async (db) => {
      expect(await db.db.select().from(alerts)).toHaveLength(1);
      const [post] = await db.db.select().from(outbox).where(eq(outbox.id, leased.id));
      expect(post!.deliveredAt).not.toBeNull();
      expect(post!.attempts).toBe(2);
      const refs = await db.db.select().from(postedMessages).where(eq(postedMessages.subjectKind, 'alert'));
      expect(refs).toHaveLength(1);
      expect(refs[0]!.ref).toMatchObject({ channel: CHANNEL });
    });
  }, 240_000);
});
