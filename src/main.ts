/**
 * Start the bot: parse the environment once, open the database (PGlite in DATA_DIR unless
 * DATABASE_URL), migrate, seed the demo on first run, serve HTTP, run the scheduler, and open the
 * terminal chat when no chat platform is configured (or TERMINAL_CHAT=1).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { openDatabase, type DatabaseOptions } from '../db/client.js';
import { currentTemplateDir } from '../db/template.js';
import { createApp, type App } from './app.js';
import { Shell } from './chat/shell/shell.js';
import { ShiftedClock } from './clock.js';
import { ConfigError, parseConfig, startupWarnings, type Config } from './config.js';
import type { Platform } from './context.js';
import { createLogger, LogScrubber, type Logger } from './log.js';
import { loadRedactor } from './privacy/redactor.js';
import { ensureAdmin, seedDemo } from './seed/demo.js';
import { DEMO_WEEKS, seedDemoHistory } from './seed/demo-history.js';
import { openDemoJobs } from './seed/demo-open-jobs.js';
import { currentDemoTemplateDir } from './seed/demo-template.js';
import { Scheduler } from './scheduler/scheduler.js';
import { scheduledTasks } from './scheduler/tasks.js';
import { startHttp } from './http.js';
import { startPlatforms } from './chat/platforms.js';

/**
 * PGlite in `dir`. An empty `dir` starts as a copy of a template the build unpacked, when it is
 * current: for the demo with its history, the demo template (`demo`: true); else the migrated one.
 */
function pgliteOptions(dir: string, config: Config): { options: DatabaseOptions; demo: boolean } {
  if (existsSync(join(dir, 'PG_VERSION'))) return { options: { dataDir: dir }, demo: false };
  const demo = config.seedDemo && config.demoHistory ? currentDemoTemplateDir(new Date()) : undefined;
  const template = demo ?? currentTemplateDir();
  return { options: template ? { dataDir: dir, copyDataDir: template, migrate: false } : { dataDir: dir }, demo: demo !== undefined };
}

/** The demo on a first start: from the demo template, only today's open jobs; else everything. */
async function seedTheDemo(app: App, config: Config, fromTemplate: boolean, log: Logger): Promise<void> {
  if (fromTemplate) {
    await openDemoJobs(app.ctx);
    log.info('started from the demo template: the demo contracts, people and history, and today\'s open jobs');
    return;
  }
  if (!(await seedDemo(app.ctx))) return;
  log.info('seeded the demo contracts and people');
  if (!config.demoHistory) return;
  log.info(`writing ${DEMO_WEEKS} weeks of demo history (no current demo template in build/; npm run build writes one)`);
  await seedDemoHistory(app.ctx, { end: app.ctx.clock.now(), weeks: DEMO_WEEKS });
  await openDemoJobs(app.ctx);
}

async function main(): Promise<void> {
  let config: Config;
  try {
    // The only read of process.env in the code base.
    config = parseConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  mkdirSync(config.DATA_DIR, { recursive: true });
  // In the terminal chat, logs go to a file so they do not interleave with the conversation.
  const scrubber = new LogScrubber();
  const log = config.shell ? createLogger(config.LOG_LEVEL, pino.destination({ dest: join(config.DATA_DIR, 'bot.log'), mkdir: true, sync: true }), scrubber) : createLogger(config.LOG_LEVEL, undefined, scrubber);
  for (const w of startupWarnings(config)) log.warn(w);
  const pglite = config.DATABASE_URL ? undefined : pgliteOptions(join(config.DATA_DIR, 'pglite'), config);
  const database = await openDatabase(pglite ? pglite.options : { url: config.DATABASE_URL! });
  const clock = new ShiftedClock();
  const platforms: Platform[] = [];
  if (config.shell) platforms.push('shell');
  if (config.slack) platforms.push('slack');
  if (config.teams || config.TEAMS_SERVICE_URL) platforms.push('teams');
  const app = createApp(config, database, clock, log, platforms);
  if (config.ADMIN_EMAIL) await ensureAdmin(app.ctx, config.ADMIN_EMAIL);
  if (config.seedDemo) await seedTheDemo(app, config, pglite?.demo ?? false, log);
  // Logs pass the redaction boundary: the contracts' patterns, reloaded each minute (an amendment may add one).
  const loadLogRedaction = async () => scrubber.use((await loadRedactor(app.ctx.root)).text);
  await loadLogRedaction();
  const logRedaction = setInterval(() => void loadLogRedaction().catch((err: unknown) => log.warn({ err }, 'could not reload the redaction patterns for logs')), 60_000);
  logRedaction.unref();

  const chat = await startPlatforms(app, config, log);
  const http = await startHttp(app, config, log);
  const scheduler = new Scheduler(app.ctx, scheduledTasks(app, config));
  if (config.scheduler) scheduler.start();

  let closing: Promise<void> | undefined;
  const shutdown = () =>
    (closing ??= (async () => {
      clearInterval(logRedaction);
      await scheduler.stop();
      await chat.stop();
      await http.close();
      await database.close();
    })());
  // npm start execs node, so Ctrl-C (SIGINT to the terminal's process group) and a SIGTERM sent to
  // npm reach this process; the terminal chat too closes the database (PGlite's files) before it
  // exits. A second signal while closing exits at once.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    log.info({ signal }, 'shutting down');
    await shutdown();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  if (config.shell) {
    const shell = new Shell(
      {
        ctx: app.ctx,
        clock,
        dispatch: (ctx, line) => app.dispatch(ctx, line),
        act: (ctx, id, input) => app.act(ctx, id, input),
        tick: () => scheduler.runAll(),
        out: process.stdout,
        zone: config.DEFAULT_ZONE,
      },
      config.TERMINAL_USER,
    );
    app.notifier.addDeliverer(shell);
    await shell.run(process.stdin);
    await scheduler.runAll();
    await shutdown();
    process.exit(0);
  }
}

main().catch((err) => {
  // Credentials a platform refused at start (a revoked SLACK_BOT_TOKEN) name their variable.
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`contract-ops failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
