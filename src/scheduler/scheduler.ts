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
  private running = new Set<string>();

  constructor(
    private ctx: Ctx,
    private tasks: Task[],
  ) {}

  /** Run every task once now (terminal chat after each command, tests). */
  async runAll(): Promise<void> {
    for (const t of this.tasks) await this.runTask(t);
  }

  async runTask(t: Task): Promise<void> {
    // A slow tick must not overlap the next one in this process.
    if (this.running.has(t.name)) return;
    this.running.add(t.name);
    try {
      await t.run(this.ctx);
    } catch (err) {
      this.ctx.log.error({ err, task: t.name }, 'scheduled task failed; the next tick will catch up');
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
    while (this.running.size) await new Promise((r) => setTimeout(r, 20));
  }
}
