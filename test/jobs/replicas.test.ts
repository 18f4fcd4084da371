/**
 * Two bot processes on one database: each alert is created and delivered exactly once. On the
 * real server the second "process" has its own connection pool; on PGlite both share the one
 * embedded database (the only way PGlite can be shared), which still exercises locks and keys.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../db/client.js';
import { alerts } from '../../db/schema.js';
import { createApp, type App } from '../../src/app.js';
import { createJob } from '../../src/jobs/create-job.js';
import { runMonitor } from '../../src/jobs/monitor.js';
import { silentLogger } from '../../src/log.js';
import { testKit, type TestKit } from '../support/app.js';
import { Recorder } from '../support/recorder.js';

let kit: TestKit;
let second: Database;
let other: App;

beforeAll(async () => {
  kit = await testKit({ now: '2026-11-23T09:00:00Z' });
  second = kit.db.url ? await openDatabase({ url: kit.db.url, migrate: false }) : kit.db;
  other = createApp(kit.config, second, kit.clock, silentLogger, ['shell']);
});
afterAll(async () => {
  if (second !== kit.db) await second.close();
  await kit?.close();
});

it('two replicas ticking at the same time create and deliver each alert once', async () => {
  const dana = await kit.as('dana');
  for (let i = 0; i < 5; i++) await createJob(dana, { contract: 'ACME-HVAC', site: 'PAR-HQ', priority: 'P1', summary: `Hot room ${i}` });
  const a = new Recorder();
  const b = new Recorder();
  kit.app.notifier.addDeliverer(a);
  other.notifier.addDeliverer(b);
  kit.clock.set('2026-11-23T09:50:00Z');
  for (let round = 0; round < 3; round++) {
    await Promise.all([runMonitor(kit.app.ctx), runMonitor(other.ctx), kit.app.notifier.deliverDue(), other.notifier.deliverDue()]);
    await Promise.all([kit.app.notifier.deliverDue(), other.notifier.deliverDue()]);
  }
  expect(await kit.db.db.select().from(alerts)).toHaveLength(5);
  // Other features post too (customer message drafts on job creation); count the alerts.
  const titles = [...a.posts, ...b.posts].filter((c) => c.kind === 'alert').map((c) => c.title).sort();
  expect(titles).toHaveLength(5);
  expect(new Set(titles).size).toBe(5);
});
