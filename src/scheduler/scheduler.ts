/**
 * node-cron drives the periodic work. Each task runs under its own advisory lock; a failing tick
 * is logged and the next one catches up (tasks are written to work from state, not from ticks).
 */
import cron, { type ScheduledTask } from 'node-cron';
import type { Ctx } from '../context.js';

export interface Task {
  name: string;
  /** node-cron expression with seconds, e.g. every 15 s: `*\/15 * * * * *` */
  cron: string;
  run(ctx: Ctx): Promise<unknown>;
}

/**
 * How long a cron tick waits for the same task's earlier run before it runs beside it. A query whose
 * connection died mid-write may never settle (postgres.js#1154, docs/reliability.md "Known
 * limits"), and a task that never ends would otherwise skip every later tick. Running beside it is
 * safe: each task is written to run beside another replica's (tick locks, outbox leases).
 */
export const STALLED_AFTER_MS = 20_000;

interface Run {
  done: Promise<void>;
  /** process uptime (ms) when it started: stalls are the process's own time, not the bot's clock */
  since: number;
}

export class Scheduler {
  private handles: ScheduledTask[] = [];
  private running = new Map<string, Run>();

  constructor(
    private ctx: Ctx,
    private tasks: Task[],
    /** the process's own time in ms (tests pass their own) */
    private uptime: () => number = () => performance.now(),
  ) {}

  /**
   * Run every task once now, in order, and return when all have run (the terminal chat after each
   * command and `/clock`, tests). A task a cron tick is running is waited for and then run again,
   * so its run sees the state as of this call.
   */
  async runAll(): Promise<void> {
    for (const t of this.tasks) await this.runTask(t, { wait: true });
  }

  /** Run one task; a cron tick (`wait` unset) is skipped while the same task runs in this process. */
  async runTask(t: Task, opts: { wait?: boolean } = {}): Promise<void> {
    for (let busy = this.running.get(t.name); busy; busy = this.running.get(t.name)) {
      if (!opts.wait) {
        if (this.uptime() - busy.since < STALLED_AFTER_MS) return;
        this.ctx.log.warn({ task: t.name, runningMs: Math.round(this.uptime() - busy.since) }, 'scheduled task has not finished; running the next tick beside it');
        this.running.delete(t.name);
        break;
      }
      await busy.done;
    }
    const run: Run = {
      since: this.uptime(),
      done: (async () => {
        try {
          await t.run(this.ctx);
        } catch (err) {
          this.ctx.log.error({ err, task: t.name }, 'scheduled task failed; the next tick will catch up');
        }
      })(),
    };
    this.running.set(t.name, run);
    try {
      await run.done;
    } finally {
      if (this.running.get(t.name) === run) this.running.delete(t.name);
    }
  }

  start(): void {
    // node-cron writes missed-tick warnings to the console; they belong in the bot's log (in the
    // terminal chat the console is the conversation).
    const log = this.ctx.log;
    cron.setLogger({
      info: (m) => log.debug({ cron: true }, m),
      warn: (m) => log.warn({ cron: true }, m),
      error: (m, err) => log.error({ cron: true, err }, String(m)),
      debug: (m) => log.debug({ cron: true }, String(m)),
    });
    for (const t of this.tasks) {
      this.handles.push(cron.schedule(t.cron, () => void this.runTask(t), { name: t.name, noOverlap: true }));
    }
  }

  async stop(): Promise<void> {
    for (const h of this.handles) await h.stop();
    this.handles = [];
    while (this.running.size) await Promise.all([...this.running.values()].map((r) => r.done));
  }
}
