/** Work after Slack acks runs a few tasks at a time, in arrival order, and a failure frees its slot. */
import { describe, expect, it } from 'vitest';
import { workQueue } from '../../src/chat/slack/work-queue.js';

describe('work queue', () => {
  it('runs at most N tasks at once, in arrival order, and every task runs', async () => {
    const run = workQueue(3);
    let active = 0;
    let peak = 0;
    const started: number[] = [];
    const gates: (() => void)[] = [];
    const tasks = Array.from({ length: 10 }, (_, i) =>
      run(async () => {
        started.push(i);
        active++;
        peak = Math.max(peak, active);
        await new Promise<void>((r) => gates.push(r));
        active--;
        return i * 10;
      }),
    );
    // Release tasks one by one as they start.
    for (let k = 0; k < 10; k++) {
      while (gates.length === 0) await new Promise((r) => setImmediate(r));
      expect(active).toBeLessThanOrEqual(3);
      gates.shift()!();
    }
    expect(await Promise.all(tasks)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(peak).toBe(3);
  });

  it('a task that throws frees its slot for the next one', async () => {
    const run = workQueue(1);
    const first = run(async () => {
      throw new Error('boom');
    });
    const second = run(async () => 'ran');
    await expect(first).rejects.toThrow('boom');
    expect(await second).toBe('ran');
  });
});
