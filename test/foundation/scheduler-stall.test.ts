/** A scheduled task whose run never ends (a query on a dead connection) does not stop its later ticks for good. */
import { describe, expect, it } from 'vitest';
import type { Ctx } from '../../src/context.js';
import { Scheduler, STALLED_AFTER_MS, type Task } from '../../src/scheduler/scheduler.js';

function kit() {
  const warnings: { task?: string; msg: string }[] = [];
  const log = { warn: (o: { task?: string }, msg: string) => warnings.push({ ...o, msg }), error: () => {}, info: () => {}, debug: () => {} };
  let now = 0;
  let runs = 0;
  let hang = true;
  const task: Task = {
    name: 'sla-monitor',
    cron: '* * * * * *',
    run: () => {
      runs++;
      return hang ? new Promise(() => {}) : Promise.resolve();
    },
  };
  const scheduler = new Scheduler({ log } as unknown as Ctx, [task], () => now);
  return {
    scheduler,
    task,
    warnings,
    runs: () => runs,
    at: (ms: number) => (now = ms),
    settle: () => (hang = false),
  };
}

describe('a scheduled task that never finishes', () => {
  it('skips later ticks while it may still finish, then runs the next tick beside it, and says so once', async () => {
    const k = kit();
    void k.scheduler.runTask(k.task);
    expect(k.runs()).toBe(1);
    k.at(STALLED_AFTER_MS - 1);
    await k.scheduler.runTask(k.task);
    expect(k.runs(), 'a tick while the first may still finish is skipped').toBe(1);
    k.at(STALLED_AFTER_MS);
    k.settle();
    await k.scheduler.runTask(k.task);
    expect(k.runs(), 'the tick after the stall runs').toBe(2);
    expect(k.warnings).toEqual([expect.objectContaining({ task: 'sla-monitor', msg: expect.stringMatching(/has not finished/) })]);
    // The new run finished and the stalled one is forgotten: the next tick runs at once, and stopping does not wait for the stalled run.
    await k.scheduler.runTask(k.task);
    expect(k.runs()).toBe(3);
    await k.scheduler.stop();
  });
});
