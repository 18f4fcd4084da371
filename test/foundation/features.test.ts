/**
 * Features register on the app, not in module state: two apps in one process keep their own
 * handlers, hooks and tasks, and a feature list that leaves a button without a handler, or gives
 * one to two features, is refused when the app is built.
 */
import { desc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { infoCard } from '../../cards/build/error.js';
import { jobs } from '../../db/schema.js';
import { createApp } from '../../src/app.js';
import { buildRegistry, type Feature } from '../../src/feature.js';
import { actionTypes, features } from '../../src/features.js';
import { silentLogger } from '../../src/log.js';
import { scheduledTasks } from '../../src/scheduler/tasks.js';
import { testKit, type TestKit } from '../support/app.js';

let kit: TestKit;

beforeAll(async () => {
  kit = await testKit();
});
afterAll(async () => {
  await kit?.close();
});

describe('feature registry', () => {
  it('a job hook or a task added to one app is not seen by another app in the same process', async () => {
    const seen: string[] = [];
    const spy = {
      name: 'spy',
      jobHooks: [async (_ctx, job, change) => void seen.push(`${job.ref} ${change}`)],
      tasks: () => [{ name: 'spy-task', cron: '0 * * * * *', run: async () => undefined }],
    } satisfies Feature;
    const other = createApp(kit.config, kit.db, kit.clock, silentLogger, ['shell'], [...features, spy]);
    const dana = await kit.as('dana');

    await kit.app.dispatch(dana, 'job new ACME-HVAC PAR-HQ P2 Chiller tripping');
    expect(seen).toEqual([]);
    await other.dispatch({ ...other.ctx, actor: dana.actor }, 'job new ACME-HVAC PAR-HQ P3 Filter change');
    const [latest] = await kit.db.db.select({ ref: jobs.ref }).from(jobs).orderBy(desc(jobs.id)).limit(1);
    expect(seen).toEqual([`${latest!.ref} created`]);

    expect(scheduledTasks(other, kit.config).map((t) => t.name)).toContain('spy-task');
    expect(scheduledTasks(kit.app, kit.config).map((t) => t.name)).not.toContain('spy-task');
  });

  it('every action type has a handler in the app built from the feature list', () => {
    expect(Object.keys(kit.app.features.actions).sort()).toEqual([...actionTypes].sort());
  });

  it('a feature list that leaves an action type without a handler is refused, naming the type', () => {
    expect(() => buildRegistry(features.filter((f) => f.name !== 'jobs'), actionTypes)).toThrow(/No feature handles the action type status/);
  });

  it('two features handling the same action type are refused, naming both', () => {
    const again = { name: 'again', actions: { status: async () => infoCard('x', 'y') } } satisfies Feature;
    expect(() => buildRegistry([...features, again], actionTypes)).toThrow(/action handler "status" \(the second is again\)/);
  });
});
