/**
 * Two replicas run the scheduler on one database (on Postgres each with its own connection pool,
 * on PGlite sharing the one embedded database): one tick at a time, and each SLA alert and each
 * team's weekly KPI digest is created and delivered exactly once. test/jobs/replicas.test.ts
 * covers alerts alone; this adds the digest, real cron schedulers, and the lock itself.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type Database } from '../../db/client.js';
import { alerts, scheduledRuns } from '../../db/schema.js';
import { createApp, type App } from '../../src/app.js';
import { createJob } from '../../src/jobs/create-job.js';
import { runMonitor } from '../../src/jobs/monitor.js';
import { runDigest } from '../../src/kpi/digest.js';
import { silentLogger } from '../../src/log.js';
import { parseDigestTime } from '../../src/rules/kpi.js';
import { withTickLock } from '../../src/scheduler/lock.js';
import { Scheduler } from '../../src/scheduler/scheduler.js';
import { scheduledTasks } from '../../src/scheduler/tasks.js';
import { testKit, type TestKit } from '../support/app.js';
import { Recorder } from '../support/recorder.js';

let kit: TestKit;
let second: Database;
let a: App;
let b: App;
const ra = new Recorder();
const rb = new Recorder();
const titles = (kind: string) => [...ra.posts, ...rb.posts].filter((c) => c.kind === kind).map((c) => c.title);
const onPostgres = () => inject('dbMode') === 'postgres';

beforeAll(async () => {
  // Monday 23 November, 08:00:30 UTC: 09:00 in Paris, the hvac-paris team's digest moment.
  kit = await testKit({ now: '2026-11-23T06:00:00Z' });
  second = kit.db.url ? await openDatabase({ url: kit.db.url, migrate: false }) : kit.db;
  const config = { ...kit.config, MONITOR_INTERVAL_SECONDS: 1 };
  a = kit.app;
  b = createApp(config, second, kit.clock, silentLogger, ['shell']);
  a.notifier.addDeliverer(ra);
  b.notifier.addDeliverer(rb);
  const dana = await kit.as('dana');
  for (let i = 0; i < 4; i++) await createJob(dana, { contract: 'ACME-HVAC', site: 'PAR-HQ', priority: 'P1', summary: `Hot room ${i}` });
  await Promise.all([a.notifier.deliverDue(), b.notifier.deliverDue()]);
});
afterAll(async () => {
  if (second && second !== kit.db) await second.close();
  await kit?.close();
});

describe('two replicas on one database', () => {
  it.skipIf(!onPostgres())(`while one replica holds a tick, the other skips it${onPostgres() ? '' : ' (Postgres only: PGlite has one connection, so ticks queue instead)'}`, async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inside = new Promise<void>((r) => (entered = r));
    const first = withTickLock(a.ctx, 'sla-monitor', async () => {
      entered();
      await held;
      return 'a';
    });
    await inside;
    expect(await runMonitor(b.ctx)).toBeUndefined();
    release();
    expect(await first).toBe('a');
  });

  it('real schedulers on both, ticking every second: each alert and each digest exactly once', async () => {
    const at = parseDigestTime(kit.config.DIGEST_LOCAL_TIME);
    kit.clock.set('2026-11-23T08:00:30Z');
    // Both replicas tick at the same moment, a few rounds, then with their own cron schedulers.
    for (let round = 0; round < 3; round++) {
      await Promise.all([runMonitor(a.ctx), runMonitor(b.ctx), runDigest(a.ctx, at), runDigest(b.ctx, at)]);
      await Promise.all([a.notifier.deliverDue(), b.notifier.deliverDue()]);
    }
    const sa = new Scheduler(a.ctx, scheduledTasks(a, { ...kit.config, MONITOR_INTERVAL_SECONDS: 1 }));
    const sb = new Scheduler(b.ctx, scheduledTasks(b, { ...kit.config, MONITOR_INTERVAL_SECONDS: 1 }));
    sa.start();
    sb.start();
    try {
      // The monitor ticks each second and deliveries every two: give them a few of each.
      await new Promise((r) => setTimeout(r, 5000));
    } finally {
      await Promise.all([sa.stop(), sb.stop()]);
    }
    await Promise.all([a.notifier.deliverDue(), b.notifier.deliverDue()]);

    const alertTitles = titles('alert');
    // Reported at 06:00, each P1 job's response breached at 07:00 (the passed 75% warning is folded into it).
    expect(await kit.db.db.select().from(alerts)).toHaveLength(4);
    expect(alertTitles).toHaveLength(4);
    expect(new Set(alertTitles).size).toBe(4);

    const runs = (await kit.db.db.select().from(scheduledRuns)).filter((r) => r.key.startsWith('digest:'));
    expect(runs.length).toBeGreaterThan(0);
    const digests = titles('digest');
    expect(digests.length).toBe(runs.length);
    expect(new Set(digests).size).toBe(digests.length);
    expect(digests.some((t) => /Weekly KPIs/.test(t))).toBe(true);
    const audits = (await kit.db.db.execute(sql`select count(*)::int as n from audit_log where action = 'kpi.digest'`)) as unknown;
    const n = (Array.isArray(audits) ? audits : (audits as { rows: { n: number }[] }).rows)[0] as { n: number };
    expect(n.n).toBe(runs.length);
  }, 60_000);
});
