/**
 * Process memory (RSS) of the bot, idle and under the chat load of bench/chat.ts (bursts of 50
 * simultaneous Slack clicks), on a Postgres server and
 * on embedded PGlite. Each bot is a child process of its own (bench/bot.ts, which imports nothing of
 * the benchmark, bundled and run with plain node as `npm start` runs the bot), so the numbers hold nothing of autocannon or the fake Slack; RSS is read from
 * /proc/<pid>/status (VmRSS) every 100 ms without touching the bot.
 *
 * The bot is measured as it runs day to day: restarted on a database it has already migrated and
 * seeded (a first start also runs the migrations and the demo seed, and PGlite's initdb). After the
 * idle samples, the child does a full GC and reports process.memoryUsage(), so the note says what
 * the RSS is made of (JS heap, external memory such as PGlite's WASM heap, the rest: code, native
 * libraries, the allocator's free pages). Started with tsx instead (`node --import tsx`), the same
 * bot is ~40 MB bigger: tsx's loader runs its hooks in a thread of its own and keeps the sources it
 * compiled; hence `npm start` runs the bundle (scripts/build.ts).
 *
 * PGlite runs Postgres inside the bot process (WASM), so its RSS is reported beside an empty
 * PGlite's own (bench/empty-pglite.ts: a process that only opens the data directory), and the
 * bot's share is the difference, on a new data directory (initdb in the process) and on an existing
 * one. Targets: idle RSS under 200 MB with a Postgres server; the bot's share over PGlite under
 * 200 MB. Run alone: `npx tsx bench/memory.ts`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { builtBenchChild, clickLoad, startBot, startFakeSlack, type BotChild } from './chat.js';
import { quantile, type BenchRow } from './lib.js';
import { benchPostgres } from './postgres.js';

const TARGET_MB = 200;
const MB = 1024 * 1024;
const SETTLE_MS = 3000;
const SAMPLE_MS = 3000;

type FakeSlack = Awaited<ReturnType<typeof startFakeSlack>>;

/** VmRSS of a process, in bytes (Linux); process.memoryUsage() of a child would need its help. */
export function rssOf(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** RSS samples (MB) every `everyMs` until `until` settles (or for `until` ms when it is a number). */
async function sample(pid: number, until: Promise<unknown> | number, everyMs = 100): Promise<number[]> {
  const out: number[] = [];
  let done = false;
  const end = typeof until === 'number' ? new Promise((r) => setTimeout(r, until)) : until;
  // The caller awaits `until` itself (and sees its error); here it only ends the sampling.
  end.then(
    () => (done = true),
    () => (done = true),
  );
  while (!done) {
    const r = rssOf(pid);
    if (r !== undefined) out.push(r / MB);
    await new Promise((res) => setTimeout(res, everyMs));
  }
  await end;
  if (!out.length) throw new Error(`memory bench: no RSS sample of process ${pid}`);
  return out;
}

interface Stats {
  median: number;
  p95: number;
  max: number;
}
const stats = (xs: number[]): Stats => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: quantile(s, 0.5), p95: quantile(s, 0.95), max: s[s.length - 1] ?? NaN };
};

const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;

/** What a settled RSS is made of, from the child's memoryUsage() after a full GC. */
function breakdown(rss: number, m: NodeJS.MemoryUsage): string {
  const rest = rss * MB - m.heapTotal - m.external;
  return `after a full GC: JS heap ${mb(m.heapUsed)} used of ${mb(m.heapTotal)}, external ${mb(m.external)} (array buffers ${mb(m.arrayBuffers)}), rest (code, native libraries, allocator) ~${mb(rest)}`;
}

/** Idle RSS of a started bot (settled first), and what it is made of. */
async function idle(bot: BotChild): Promise<{ rss: Stats; note: string }> {
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  const rss = stats(await sample(bot.pid, SAMPLE_MS));
  return { rss, note: breakdown(rss.median, await bot.gc()) };
}

/**
 * RSS under bursts of 50 simultaneous clicks, each burst sent when the previous one's messages are
 * updated. (Not a flood: clicks sent faster than the bot carries them through queue their work
 * without bound, which bench/chat.ts's sustained rows measure; on PGlite, whose queries run on the
 * bot's own thread, acks then pass autocannon's 30 s timeout on a loaded machine.)
 */
async function underLoad(bot: BotChild, fake: FakeSlack): Promise<Stats> {
  const bursts = 12;
  const values = await bot.seed(bursts * 50);
  return stats(
    await sample(
      bot.pid,
      (async () => {
        for (let b = 0; b < bursts; b++) await clickLoad(bot, fake, values.slice(b * 50, (b + 1) * 50), 50);
      })(),
    ),
  );
}

/** A bot's first start on `db` (migrations, demo seed; PGlite's initdb), then stopped. */
async function firstStart(db: { url: string } | { dataDir: string }, fake: FakeSlack, measure: boolean): Promise<{ rss: Stats; note: string } | undefined> {
  const bot = await startBot(db, fake.url, true);
  try {
    return measure ? await idle(bot) : undefined;
  } finally {
    await bot.stop();
  }
}

/** An empty PGlite in a process of its own, started the same way (its bundle, plain node): its RSS, settled. */
async function emptyPgliteRss(dataDir: string): Promise<Stats> {
  const child = spawn(process.execPath, ['--enable-source-maps', await builtBenchChild('empty-pglite.js'), dataDir], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  await Promise.race([new Promise<void>((resolve) => child.once('message', () => resolve())), exited.then((code) => Promise.reject(new Error(`memory bench: empty PGlite child exited (${code})`)))]);
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  const rss = stats(await sample(child.pid!, SAMPLE_MS));
  child.kill('SIGTERM');
  await exited;
  return rss;
}

export async function benchMemory(): Promise<BenchRow[]> {
  if (rssOf(process.pid) === undefined) return [{ name: 'memory: RSS', unit: 'MB', median: NaN, p95: NaN, note: 'skipped: needs /proc (Linux)' }];
  const rows: BenchRow[] = [];
  const fake = await startFakeSlack();
  try {
    const pg = await benchPostgres();
    if (pg) {
      let bot: BotChild | undefined;
      try {
        const url = await pg.freshDatabase('contract_ops_bench_memory');
        await firstStart({ url }, fake, false);
        bot = await startBot({ url }, fake.url, false);
        const i = await idle(bot);
        const l = await underLoad(bot, fake);
        rows.push({ name: 'memory: bot RSS idle, Postgres server', unit: 'MB', median: i.rss.median, p95: i.rss.p95, target: `< ${TARGET_MB} MB`, pass: i.rss.p95 < TARGET_MB, note: i.note });
        rows.push({ name: 'memory: bot RSS under 50-concurrent clicks, Postgres server', unit: 'MB', median: l.median, p95: l.p95, note: `peak ${l.max.toFixed(0)} MB` });
      } finally {
        await bot?.stop();
        await pg.stop();
      }
    } else {
      rows.push({ name: 'memory: bot RSS, Postgres server', unit: 'MB', median: NaN, p95: NaN, note: 'skipped: no Postgres (set BENCH_DATABASE_URL or install postgresql)' });
    }

    const dir = mkdtempSync(join(tmpdir(), 'contract-ops-bench-mem-'));
    let bot: BotChild | undefined;
    try {
      // A new data directory (initdb inside the process), then the same directory opened again.
      const emptyNew = await emptyPgliteRss(join(dir, 'empty'));
      const emptyOld = await emptyPgliteRss(join(dir, 'empty'));
      const first = (await firstStart({ dataDir: join(dir, 'bot') }, fake, true))!;
      bot = await startBot({ dataDir: join(dir, 'bot') }, fake.url, false);
      const i = await idle(bot);
      const l = await underLoad(bot, fake);
      const baseNew = { name: 'empty PGlite, new data dir', median: emptyNew.median, p95: emptyNew.p95 };
      const baseOld = { name: 'empty PGlite, existing data dir', median: emptyOld.median, p95: emptyOld.p95 };
      rows.push({ name: 'memory: empty PGlite process, new data directory (initdb in process)', unit: 'MB', median: emptyNew.median, p95: emptyNew.p95 });
      rows.push({ name: 'memory: empty PGlite process, existing data directory', unit: 'MB', median: emptyOld.median, p95: emptyOld.p95 });
      rows.push({ name: 'memory: bot RSS idle, PGlite, first start (new data directory)', unit: 'MB', median: first.rss.median, p95: first.rss.p95, baseline: baseNew, ratio: emptyNew.median / first.rss.median, note: `share over the empty PGlite ${(first.rss.median - emptyNew.median).toFixed(0)} MB; ${first.note}` });
      rows.push({ name: 'memory: bot RSS idle, PGlite, restarted (existing data directory)', unit: 'MB', median: i.rss.median, p95: i.rss.p95, baseline: baseOld, ratio: emptyOld.median / i.rss.median, note: i.note });
      rows.push({ name: 'memory: bot RSS under 50-concurrent clicks, PGlite', unit: 'MB', median: l.median, p95: l.p95, baseline: baseOld, ratio: emptyOld.median / l.median, note: `peak ${l.max.toFixed(0)} MB` });
      rows.push({ name: "memory: bot's share over an empty PGlite, idle (restarted)", unit: 'MB', median: i.rss.median - emptyOld.median, p95: i.rss.p95 - emptyOld.median, target: `< ${TARGET_MB} MB`, pass: i.rss.p95 - emptyOld.median < TARGET_MB });
      rows.push({
        name: "memory: bot's share over an empty PGlite, under load",
        unit: 'MB',
        median: l.median - emptyOld.median,
        p95: l.p95 - emptyOld.median,
        target: `< ${TARGET_MB} MB`,
        pass: l.p95 - emptyOld.median < TARGET_MB,
        note: 'includes what the embedded database itself grows by under load (buffers, WAL)',
      });
    } finally {
      await bot?.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    await fake.close();
  }
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { printRows } = await import('./lib.js');
  printRows(await benchMemory());
}
