/**
 * Chat interaction latency: signed Slack button clicks (Acknowledge on an SLA alert) fired with
 * autocannon at the real HTTP server, the bot on a real Postgres. Two times per click:
 *  - ack: the HTTP answer to Slack (Bolt acks before any work; Slack allows 3 s). Target: p99 under
 *    300 ms at 50 concurrent clicks.
 *  - update: from sending the click to Slack receiving the chat.update that rewrites the alert for
 *    everyone (person look-up, the verb's transaction, the card, the Web API call).
 * Bursts of 1, 10 and 50 simultaneous clicks (each burst waits for the previous one's updates), and
 * a sustained run of 50 connections clicking back to back (the throughput the bot keeps up with).
 * Baseline: GET /healthz (HTTP plus one query) on the same server at the same concurrency.
 *
 * The bot runs in a child process (bench/bot.ts: what `npm start` composes for Slack over HTTP,
 * bundled by scripts/build.ts and run with plain node as `npm start` runs src/main.ts), so
 * autocannon and the fake Slack Web API (test/slack/fake-slack.ts, in this process) do not share
 * its event loop or memory (they do share the machine's cores). bench/memory.ts reuses that child
 * for RSS. Run alone: `npx tsx bench/chat.ts` (BENCH_CHILD_PROF=<dir> writes the bot child's CPU
 * profile there). Any failed click (not acked, or its message never updated) fails the section.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildBot, ROOT } from '../scripts/build.js';
import { FakeSlack } from '../test/slack/fake-slack.js';
import { blockActions, form, sign } from '../test/slack/payloads.js';
import type { FromChild, ToChild } from './bot.js';
import { quantile, type BenchRow } from './lib.js';
import { benchPostgres } from './postgres.js';

const BOT_TOKEN = 'xoxb-bench-bot-token';
const SIGNING_SECRET = 'bench-signing-secret';
const CHANNEL = 'C0DISPATCH';
const CLICKER = 'U0DANA';
const ACK_TARGET_MS = 300;

// ---------------------------------------------------------------------------------------------
// The parent: start the child, fire clicks, measure.

export interface BotChild {
  port: number;
  pid: number;
  child: ChildProcess;
  seed(n: number): Promise<string[]>;
  idle(): Promise<void>;
  /** a full GC in the child; its memoryUsage() after */
  gc(): Promise<NodeJS.MemoryUsage>;
  stop(): Promise<void>;
}

const BENCH_BUILD = 'build/bench';
let built: Promise<void> | undefined;

/**
 * bench/bot.ts and bench/empty-pglite.ts bundled into build/bench/ (once per run), as `npm start`
 * bundles src/main.ts: the children run the same compiled JavaScript, not TypeScript through tsx's
 * loader (~40 MB more RSS). Returns the path of the built `name` (bot.js, empty-pglite.js).
 */
export async function builtBenchChild(name: 'bot.js' | 'empty-pglite.js'): Promise<string> {
  await (built ??= buildBot(BENCH_BUILD, ['bench/bot.ts', 'bench/empty-pglite.ts']));
  return join(ROOT, BENCH_BUILD, name);
}

/**
 * The bot in a child process, on `db` (a postgres:// URL, or a PGlite data directory). `seed`
 * false starts it as a restart would (SEED_DEMO=0 on a database that has the demo already).
 */
export async function startBot(db: { url: string } | { dataDir: string }, slackApiUrl: string, seed = true): Promise<BotChild> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slackApiUrl,
    ACTION_SECRET: 'bench-actions',
    PORT: '0',
    HOST: '127.0.0.1',
    TERMINAL_CHAT: '0',
    SEED_DEMO: seed ? '1' : '0',
    LOG_LEVEL: 'warn',
    ...('url' in db ? { DATABASE_URL: db.url, DATA_DIR: '/tmp/contract-ops-bench-chat' } : { DATA_DIR: db.dataDir }),
  };
  const file = await builtBenchChild('bot.js');
  // Plain node on the bundle with source maps, as `npm start` runs build/main.js (--expose-gc for gc()).
  const child = spawn(process.execPath, [...(process.env.BENCH_CHILD_PROF ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.BENCH_CHILD_PROF] : []), '--expose-gc', '--enable-source-maps', file], { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiters: { resolve: (m: FromChild) => void; reject: (e: Error) => void }[] = [];
  child.on('message', (m: FromChild) => {
    if (m.type === 'error') console.error(`bench: bot child failed: ${m.message}`);
    waiters.shift()?.resolve(m);
  });
  child.on('exit', (code) => {
    for (const w of waiters.splice(0)) w.reject(new Error(`bot child exited (${code})`));
  });
  const next = () => new Promise<FromChild>((resolve, reject) => waiters.push({ resolve, reject }));
  const ready = await next();
  if (ready.type !== 'ready') throw new Error(`bot child did not start: ${JSON.stringify(ready)}`);
  return {
    port: ready.port,
    pid: child.pid!,
    child,
    async seed(n) {
      child.send({ type: 'seed', n } satisfies ToChild);
      const m = await next();
      if (m.type !== 'seeded') throw new Error(`seeding failed: ${JSON.stringify(m)}`);
      return m.values;
    },
    async idle() {
      child.send({ type: 'idle' } satisfies ToChild);
      const m = await next();
      if (m.type !== 'idle') throw new Error(`waiting for the bot failed: ${JSON.stringify(m)}`);
    },
    async gc() {
      child.send({ type: 'gc' } satisfies ToChild);
      const m = await next();
      if (m.type !== 'gc') throw new Error(`gc failed: ${JSON.stringify(m)}`);
      return m.memory;
    },
    async stop() {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.send({ type: 'stop' } satisfies ToChild);
      await exited;
    },
  };
}

/** The fake Slack Web API the bot calls, with the one user who clicks. */
export async function startFakeSlack(): Promise<FakeSlack> {
  const fake = new FakeSlack({ botToken: BOT_TOKEN, users: [{ id: CLICKER, email: 'dana@demo.example' }] });
  await fake.start();
  return fake;
}

interface Autocannon {
  (opts: Record<string, unknown>): Promise<{ errors: number; non2xx: number; timeouts: number; requests: { total: number }; duration: number }> & {
    on(event: 'response', f: (client: unknown, status: number, bytes: number, ms: number) => void): void;
  };
}
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export interface LoadResult {
  /** HTTP answer times (ms) */
  ack: number[];
  /** click sent → chat.update received (ms) */
  update: number[];
  /** clicks per second offered (sent and acked) */
  rate: number;
  /** clicks per second carried through to the message update */
  processed: number;
}

/**
 * Fire `values.length` clicks over `connections` connections (each sends its next click when the
 * previous one is answered), then wait for every message update. Throws if any click failed.
 */
export async function clickLoad(bot: BotChild, fake: FakeSlack, values: string[], connections: number): Promise<LoadResult> {
  const clicks = values.map((value) => ({ value, ts: fake.seedMessage({ channel: CHANNEL, text: 'SLA at risk' }).ts, sentAt: 0 }));
  let i = 0;
  const ack: number[] = [];
  const started = Date.now();
  const instance = autocannon({
    url: `http://127.0.0.1:${bot.port}`,
    connections,
    amount: clicks.length,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: '/slack/events',
        setupRequest: (req: Record<string, unknown>) => {
          const c = clicks[i++ % clicks.length]!;
          const payload = blockActions({ user_id: CLICKER, action: { action_id: 'co.0.b', value: c.value, text: 'Acknowledge' }, message: { ts: c.ts }, channel_id: CHANNEL, trigger_id: fake.triggerId(), response_url: fake.responseUrl() });
          const body = form({ payload: JSON.stringify(payload) });
          c.sentAt = Date.now();
          return { ...req, body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...sign(body, SIGNING_SECRET) } };
        },
      },
    ],
  });
  instance.on('response', (_c, status, _b, ms) => {
    if (status === 200) ack.push(ms);
  });
  const r = await instance;
  const elapsed = (Date.now() - started) / 1000;
  const byTs = new Map(clicks.map((c) => [c.ts, c]));
  const updated = new Map<string, number>();
  const deadline = Date.now() + 120_000;
  while (updated.size < clicks.length && Date.now() < deadline) {
    for (const call of fake.callsTo('chat.update')) if (byTs.has(String(call.args.ts)) && call.result.ok) updated.set(String(call.args.ts), call.at);
    if (updated.size < clicks.length) await new Promise((res) => setTimeout(res, 50));
  }
  await bot.idle();
  // A click that was not acked, or whose message was never rewritten, makes every number here wrong.
  const unacked = clicks.length - ack.length;
  if (unacked || r.errors || r.timeouts || updated.size < clicks.length) {
    throw new Error(`chat bench: of ${clicks.length} clicks, ${unacked} not acked with a 200 (${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts), ${clicks.length - updated.size} messages not updated within 120 s`);
  }
  const update = [...updated].map(([ts, at]) => at - byTs.get(ts)!.sentAt);
  const lastUpdate = Math.max(...updated.values());
  return {
    ack,
    update,
    rate: clicks.length / Math.max(elapsed, 0.001),
    processed: updated.size / Math.max((lastUpdate - started) / 1000, 0.001),
  };
}

/** GET /healthz at the same concurrency: the floor of an HTTP round trip with one query. */
async function healthz(port: number, connections: number, amount: number): Promise<number[]> {
  const times: number[] = [];
  const instance = autocannon({ url: `http://127.0.0.1:${port}/healthz`, connections, amount });
  instance.on('response', (_c, status, _b, ms) => {
    if (status === 200) times.push(ms);
  });
  const r = await instance;
  if (times.length < amount) throw new Error(`chat bench: /healthz answered ${times.length} of ${amount} with a 200 (${r.non2xx} non-2xx, ${r.errors} errors)`);
  return times;
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: quantile(s, 0.5), p95: quantile(s, 0.95), p99: quantile(s, 0.99) };
};

export async function benchChat(): Promise<BenchRow[]> {
  const pg = await benchPostgres();
  if (!pg) return [{ name: 'chat: Slack click ack', unit: 'ms', median: NaN, p95: NaN, note: 'skipped: no Postgres (set BENCH_DATABASE_URL or install postgresql)' }];
  const fake = await startFakeSlack();
  const rows: BenchRow[] = [];
  let bot: BotChild | undefined;
  try {
    bot = await startBot({ url: await pg.freshDatabase('contract_ops_bench_chat') }, fake.url);
    const bursts: [number, number][] = [
      [1, 40],
      [10, 12],
      [50, 6],
    ];
    const sustained = 600;
    const values = await bot.seed(bursts.reduce((n, [c, k]) => n + c * k, 0) + sustained + 20);
    let v = 0;
    const take = (n: number) => values.slice(v, (v += n));
    await clickLoad(bot, fake, take(20), 5); // warm-up: JIT, pools, the clicker's identity link

    for (const [c, k] of bursts) {
      const ack: number[] = [];
      const update: number[] = [];
      for (let b = 0; b < k; b++) {
        const r = await clickLoad(bot, fake, take(c), c);
        ack.push(...r.ack);
        update.push(...r.update);
      }
      const base = stats(await healthz(bot.port, c, Math.max(c * 10, 50)));
      const a = stats(ack);
      const u = stats(update);
      rows.push({
        name: `chat: Slack click → ack, ${c} concurrent (${ack.length} clicks, Postgres)`,
        unit: 'ms',
        median: a.median,
        p95: a.p95,
        p99: a.p99,
        baseline: { name: 'GET /healthz', median: base.median, p95: base.p95 },
        ratio: base.median / a.median,
        ...(c === 50 ? { target: `p99 < ${ACK_TARGET_MS} ms (Slack allows 3 s)`, pass: a.p99 < ACK_TARGET_MS } : {}),
      });
      rows.push({ name: `chat: Slack click → chat.update, ${c} concurrent`, unit: 'ms', median: u.median, p95: u.p95, p99: u.p99, ...(c === 1 ? { note: 'after the ack: person, the verb\'s transaction, the card, chat.update (and the App Home refresh beside it)' } : {}) });
    }

    const r = await clickLoad(bot, fake, take(sustained), 50);
    const a = stats(r.ack);
    const u = stats(r.update);
    rows.push({ name: `chat: sustained, 50 connections, ${sustained} clicks back to back → ack`, unit: 'ms', median: a.median, p95: a.p95, p99: a.p99, note: `${r.rate.toFixed(0)} clicks/s offered, ${r.processed.toFixed(0)} clicks/s carried through to the update` });
    rows.push({ name: `chat: sustained, 50 connections, ${sustained} clicks → chat.update`, unit: 'ms', median: u.median, p95: u.p95, p99: u.p99, note: 'the ack never waits for this work, so under a flood it queues here' });
  } finally {
    await bot?.stop();
    await fake.close();
    await pg.stop();
  }
  return rows;
}

// `npx tsx bench/chat.ts` runs the section alone.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { printRows } = await import('./lib.js');
  printRows(await benchChat());
}

