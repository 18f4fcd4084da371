/**
 * The bot as a child process for bench/chat.ts and bench/memory.ts: what `npm start` composes with
 * Slack over HTTP (database, app, Slack adapter, HTTP server, scheduler), plus a few IPC requests
 * from the benchmark (seed clickable alerts, wait for Slack work, a full GC and memoryUsage()).
 * It imports nothing of the benchmark itself (no autocannon, no fake Slack), so its RSS is the
 * bot's. Settings come from its environment, as for `npm start`; started by startBot() in chat.ts,
 * which bundles it (scripts/build.ts, into build/bench/) and runs it with plain node, as `npm start`
 * runs build/main.js: no tsx loader in the process.
 */
import { sql } from 'drizzle-orm';
import { encodeAction } from '../cards/action-ids.js';
import { openDatabase } from '../db/client.js';
import { createApp } from '../src/app.js';
import { startSlack } from '../src/chat/slack/index.js';
import { ShiftedClock } from '../src/clock.js';
import { parseConfig } from '../src/config.js';
import { startHttp } from '../src/http.js';
import { runMonitor } from '../src/jobs/monitor.js';
import { createLogger } from '../src/log.js';
import { Scheduler } from '../src/scheduler/scheduler.js';
import { scheduledTasks } from '../src/scheduler/tasks.js';
import { seedDemo } from '../src/seed/demo.js';

export type ToChild = { type: 'seed'; n: number } | { type: 'idle' } | { type: 'gc' } | { type: 'stop' };
export type FromChild = { type: 'ready'; port: number } | { type: 'seeded'; values: string[] } | { type: 'idle' } | { type: 'gc'; memory: NodeJS.MemoryUsage } | { type: 'error'; message: string };

type Ctx = ReturnType<typeof createApp>['ctx'];

async function serve(): Promise<void> {
  const config = parseConfig(process.env);
  const log = createLogger(config.LOG_LEVEL);
  const database = await openDatabase(config.DATABASE_URL ? { url: config.DATABASE_URL } : { dataDir: `${config.DATA_DIR}/pglite` });
  const app = createApp(config, database, new ShiftedClock(), log, ['slack']);
  if (config.seedDemo) await seedDemo(app.ctx);
  const slack = await startSlack(app, config, log);
  const http = await startHttp(app, config, log);
  const scheduler = new Scheduler(app.ctx, scheduledTasks(app, config));
  scheduler.start();
  const send = (m: FromChild) => process.send!(m);

  process.on('message', (m: ToChild) => {
    void (async () => {
      try {
        if (m.type === 'seed') send({ type: 'seeded', values: await seedAlerts(app.ctx, m.n) });
        else if (m.type === 'gc') {
          // A full collection first, so the numbers are what is live, not garbage not yet collected.
          (globalThis as { gc?: () => void }).gc?.();
          send({ type: 'gc', memory: process.memoryUsage() });
        } else if (m.type === 'idle') {
          await slack.idle();
          send({ type: 'idle' });
        } else if (m.type === 'stop') {
          await scheduler.stop();
          await slack.stop();
          await http.close();
          await database.close();
          process.exit(0);
        }
      } catch (err) {
        send({ type: 'error', message: (err as Error).stack ?? String(err) });
      }
    })();
  });
  send({ type: 'ready', port: http.port! });
}

/** n P1 jobs whose 75% response warning has passed, their alerts raised; one Acknowledge button each. */
async function seedAlerts(ctx: Ctx, n: number): Promise<string[]> {
  const now = new Date().toISOString();
  const [{ max } = { max: 0 }] = (await rowsOf(ctx, sql`select coalesce(max(id), 0)::int as max from jobs`)) as { max: number }[];
  await ctx.root.execute(sql`
    insert into jobs (ref, contract_id, contract_version, site_id, priority, status, summary, reported_at, response_state, restore_state, sla, next_check_at)
    select 'J-' || (500000 + ${max} + g), 'ACME-HVAC', 1, 'PAR-HQ', 'P1', 'open', 'bench click ' || g,
      ${now}::timestamptz - interval '50 minutes', 'running', 'running',
      jsonb_build_object('alerted', '[]'::jsonb, 'checkpoints', jsonb_build_array(
        jsonb_build_object('w', 'response', 'l', 0.75, 'p', 'P1', 'at', ${now}::timestamptz - interval '5 minutes'),
        jsonb_build_object('w', 'response', 'l', 'breach', 'p', 'P1', 'at', ${now}::timestamptz + interval '10 minutes'))),
      ${now}::timestamptz - interval '5 minutes'
    from generate_series(1, ${n}) g`);
  while ((await runMonitor(ctx))?.alerts) {
    // one tick raises up to 2,000 alerts
  }
  // Quiet from here on: the breaches ten minutes later are not part of this benchmark.
  await ctx.root.execute(sql`update jobs set next_check_at = null where summary like 'bench click %'`);
  const ids = (await rowsOf(ctx, sql`select a.id from alerts a join jobs j on j.id = a.job_id where j.summary like 'bench click %' and a.action is null order by a.id`)) as { id: number }[];
  if (ids.length < n) throw new Error(`seeded ${ids.length} alerts, wanted ${n}`);
  return ids.slice(-n).map((r) => encodeAction({ t: 'alert', alert: r.id, act: 'acknowledge' }, ctx.services.actionSecret));
}

async function rowsOf(ctx: Ctx, q: ReturnType<typeof sql>): Promise<unknown[]> {
  const r = (await ctx.root.execute(q)) as unknown;
  return (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as unknown[];
}

await serve();
