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

export class Scheduler {
  private handles: ScheduledTask[] = [];
  private running = new Map<string, Promise<void>>();

  constructor(
    private ctx: Ctx,
    private tasks: Task[],
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
      if (!opts.wait) return;
      await busy;
    }
    const run = (async () => {
      try {
        await t.run(this.ctx);
      } catch (err) {
        this.ctx.log.error({ err, task: t.name }, 'scheduled task failed; the next tick will catch up');
      }
    })();
    this.running.set(t.name, run);
    try {
      await run;
    } finally {
      this.running.delete(t.name);
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
    while (this.running.size) await Promise.all(this.running.values());
  }
}
