/**
 * The database goes away mid-run and comes back (a real server on a throwaway cluster, stopped
 * like a crash while the scheduler ticks every second): commands, buttons and the API answer
 * "try again" without an error reference, the health check says the database is down, scheduled
 * ticks fail, are logged and resume, and every alert is created and delivered exactly once.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeAction } from '../../cards/action-ids.js';
import { openDatabase, type Database } from '../../db/client.js';
import { alerts, outbox } from '../../db/schema.js';
import { createToken } from '../../src/api/tokens.js';
import { createApp, type App } from '../../src/app.js';
import { FakeClock } from '../../src/clock.js';
import { parseConfig } from '../../src/config.js';
import type { Ctx } from '../../src/context.js';
import { createJob } from '../../src/jobs/create-job.js';
import { createLogger } from '../../src/log.js';
import { personByHandle } from '../../src/people/person.js';
import { Scheduler } from '../../src/scheduler/scheduler.js';
import { scheduledTasks } from '../../src/scheduler/tasks.js';
import { seedDemo } from '../../src/seed/demo.js';
import { startSlack, type SlackPlatform } from '../../src/chat/slack/index.js';
import { startTeams } from '../../src/chat/teams/index.js';
import type { Platforms } from '../../src/chat/platforms.js';
import { startHttp, type HttpServer } from '../../src/http.js';
import { silentLogger } from '../../src/log.js';
import { FakeSlack } from '../slack/fake-slack.js';
import { BOT_TOKEN, SIGNING_SECRET, SLACK_USERS, uid } from '../slack/harness.js';
import { form, sign, slashCommand } from '../slack/payloads.js';
import { message, post as teamsPost } from '../teams/activities.js';
import { startFakeConnector, type FakeConnector } from '../teams/fake-connector.js';
import { serverFaultsSkipReason, startCluster, type Cluster } from './cluster.js';
import { Recorder } from '../support/recorder.js';

const skip = serverFaultsSkipReason();

let cluster: Cluster;
let database: Database;
let app: App;
let scheduler: Scheduler;
let token: string;
let fakeSlack: FakeSlack;
let slack: SlackPlatform;
let connector: FakeConnector;
let teams: Platforms;
let http: HttpServer;
const clock = new FakeClock(new Date('2026-11-24T09:00:00Z'));
const recorder = new Recorder();
const logs: { level: number; msg: string; task?: string }[] = [];
let stoppedAt = 0;

async function as(handle: string): Promise<Ctx> {
  const person = (await personByHandle(app.ctx.root, handle))!;
  return { ...app.ctx, actor: { via: 'slack', person, label: `${person.name} (slack)` } };
}

async function until<T>(what: string, f: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      const v = await f();
      if (v !== undefined && v !== false) return v;
    } catch {
      // the database may still be coming back
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const api = (path: string, init: RequestInit = {}) => app.api.request(path, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers } });

describe.skipIf(skip)(`the database goes away and comes back${skip ? ` (skipped: ${skip})` : ''}`, () => {
  beforeAll(async () => {
    cluster = await startCluster();
    database = await openDatabase({ url: cluster.url, max: 4 });
    const sink = new Writable({
      write(chunk: Buffer, _e, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) logs.push(JSON.parse(line) as { level: number; msg: string; task?: string });
        done();
      },
    });
    fakeSlack = new FakeSlack({ botToken: BOT_TOKEN, users: SLACK_USERS });
    await fakeSlack.start();
    connector = await startFakeConnector();
    const config = parseConfig({
      TERMINAL_CHAT: '0',
      SCHEDULER: '1',
      MONITOR_INTERVAL_SECONDS: '1',
      ACTION_SECRET: 'outage',
      DATA_DIR: '/tmp/contract-ops-test',
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fakeSlack.url,
      TEAMS_SERVICE_URL: connector.url,
    });
    app = createApp(config, database, clock, createLogger('warn', sink), ['shell']);
    // Both chat surfaces on the app, before any request reaches it.
    slack = await startSlack(app, config, silentLogger, { clientOptions: { retryConfig: { retries: 0 } } });
    fakeSlack.settle = () => slack.idle();
    teams = await startTeams(app, config, silentLogger);
    http = (await startHttp(app, { ...config, PORT: 0, HOST: '127.0.0.1' }, silentLogger)) as HttpServer;
    await seedDemo(app.ctx);
    token = await createToken(database.db, 'outage', ['read', 'write']);
    app.notifier.addDeliverer(recorder);
    const dana = await as('dana');
    for (let i = 1; i <= 3; i++) await createJob(dana, { contract: 'ACME-HVAC', site: 'PAR-HQ', priority: 'P1', summary: `Data room ${i} too hot` });
    await app.notifier.deliverDue();
    // The real scheduler on real time: the SLA monitor every second, deliveries every two.
    scheduler = new Scheduler(app.ctx, scheduledTasks(app, config));
    scheduler.start();
  }, 120_000);

  afterAll(async () => {
    await scheduler?.stop();
    await slack?.stop();
    await teams?.stop();
    await http?.close();
    await fakeSlack?.close();
    await connector?.close();
    await database?.close().catch(() => {});
    await cluster?.destroy();
  });

  it('while it is down: commands, buttons, Slack, Teams and the API say "try again"; the health check says down', async () => {
    const dana = await as('dana');
    await cluster.stop('immediate');
    stoppedAt = Date.now();
    // The 75% response warnings fall due while the database is away.
    clock.set('2026-11-24T09:50:00Z');

    const write = await app.dispatch(dana, 'job new ACME-HVAC PAR-HQ P1 Flooded');
    expect(write.map((c) => c.title)).toEqual(['Try again']);
    expect(JSON.stringify(write[0]!.blocks)).toMatch(/not reachable right now; nothing was saved/);
    const read = await app.dispatch(dana, 'job show J-1001');
    expect(read.map((c) => c.title)).toEqual(['Try again']);
    const click = await app.act(dana, encodeAction({ t: 'alert', alert: 1, act: 'acknowledge' }, app.ctx.services.actionSecret));
    expect(click.map((c) => c.title)).toEqual(['Try again']);

    const created = await api('/api/v1/jobs', { method: 'POST', body: JSON.stringify({ contract: 'ACME-HVAC', site: 'PAR-HQ', priority: 'P1', summary: 'Flooded' }) });
    expect(created.status).toBe(503);
    expect(await created.json()).toMatchObject({ title: 'Try again', status: 503 });
    const listed = await api('/api/v1/jobs');
    expect(listed.status).toBe(503);
    const health = await app.api.request('/healthz');
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ ok: false, database: 'down' });

    // Slack: the person is looked up before any verb runs; that too is "try again", ephemerally.
    const responseUrl = fakeSlack.responseUrl();
    const cmd = form(slashCommand({ command: '/job', text: 'show J-1001', user_id: uid('dana'), response_url: responseUrl, trigger_id: fakeSlack.triggerId() }));
    const acked = await fetch(`http://127.0.0.1:${http.port}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...sign(cmd, SIGNING_SECRET) }, body: cmd });
    expect(acked.status).toBe(200);
    const told = await fakeSlack.waitFor('response_url', (c) => c.args.url === new URL(responseUrl).pathname);
    expect(told.args.response_type).toBe('ephemeral');
    expect(String(told.args.text)).toMatch(/^Try again/);
    // Teams: the same for a message in a personal chat.
    connector.clear();
    const res = await teamsPost(app, message(connector.url, 'dana', 'job show J-1001'));
    expect(res.status).toBeLessThan(500);
    await until('a Teams reply', () => (connector.cards().length ? true : undefined), 10_000);
    expect(JSON.stringify(connector.cards()[0]!.card)).toMatch(/Try again/);

    // Ticks keep coming and fail; each failure is logged and nothing is delivered.
    await until('a failed tick in the log', () => logs.some((l) => l.msg.includes('scheduled task failed')) || undefined, 15_000);
    expect(recorder.alertTitles()).toEqual([]);
    expect(logs.filter((l) => l.level >= 50 && l.msg === 'unexpected error in command')).toEqual([]);
  }, 60_000);

  it('when it is back: the scheduler resumes by itself, and each alert is raised and delivered once', async () => {
    // Long enough down for the driver's reconnect backoff to grow (postgres.js' own would reach 20 s).
    await new Promise((r) => setTimeout(r, Math.max(0, stoppedAt + 6000 - Date.now())));
    await cluster.start();
    const back = Date.now();
    await until('three alerts delivered', () => (recorder.alertTitles().length >= 3 ? true : undefined));
    // A 1 s monitor tick, a 2 s delivery tick and at most 2 s of reconnect backoff (db/client.ts).
    expect(Date.now() - back, 'alerts delivered within 10 s of the database coming back').toBeLessThan(10_000);
    // More ticks at the same instant change nothing.
    await new Promise((r) => setTimeout(r, 4000));
    expect(recorder.alertTitles().sort()).toEqual([...new Set(recorder.alertTitles())].sort());
    expect(recorder.alertTitles()).toHaveLength(3);
    expect(await database.db.select().from(alerts)).toHaveLength(3);
    const pending = (await database.db.select().from(outbox)).filter((r) => r.subjectKind === 'alert' && !r.deliveredAt);
    expect(pending).toEqual([]);
    // And commands work again.
    const [ok] = await app.dispatch(await as('dana'), 'job show J-1001');
    expect(ok!.kind).toBe('job');
  }, 60_000);

  it('a crash during ticks (breaches falling due) loses and doubles nothing either', async () => {
    clock.set('2026-11-24T10:01:00Z'); // the P1 response breaches (one hour)
    // Stop within the next tick or two, whatever it is doing at that moment.
    await new Promise((r) => setTimeout(r, 300 + Math.floor(Math.random() * 900)));
    await cluster.stop('immediate');
    await new Promise((r) => setTimeout(r, 2500));
    await cluster.start();
    await until('three breach alerts delivered', () => (recorder.alertTitles().filter((t) => /breach/i.test(t)).length >= 3 ? true : undefined));
    await new Promise((r) => setTimeout(r, 4000));
    const titles = recorder.alertTitles();
    expect(titles).toHaveLength(6);
    expect(new Set(titles).size).toBe(6);
    const rows = await database.db.select().from(alerts);
    expect(rows).toHaveLength(6);
    expect(new Set(rows.map((a) => `${a.jobId}:${a.window}:${a.level}`)).size).toBe(6);
  }, 90_000);
});
