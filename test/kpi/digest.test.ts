/**
 * The weekly digest: posted at DIGEST_LOCAL_TIME in each team's zone, exactly once per team and
 * week whoever ticks (twice, at the same time, from two bot processes), delivered as a card with
 * the chart (drawn only when the card is shown in full), and `/kpi` on demand.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderSlack } from '../../cards/slack.js';
import { renderTeams } from '../../cards/teams.js';
import { renderText } from '../../cards/text.js';
import { openDatabase, type Database } from '../../db/client.js';
import { outbox, scheduledRuns, teamChannels, teams } from '../../db/schema.js';
import { eq } from 'drizzle-orm';
import { digestPanels } from '../../src/kpi/chart.js';
import { inLanguage, t } from '../../src/i18n/index.js';
import { createApp, type App } from '../../src/app.js';
import { Shell } from '../../src/chat/shell/shell.js';
import { ShiftedClock } from '../../src/clock.js';
import { chartFile, digestTick, runDigest } from '../../src/kpi/digest.js';
import { silentLogger } from '../../src/log.js';
import { parseDigestTime } from '../../src/rules/kpi.js';
import { scheduledTasks } from '../../src/scheduler/tasks.js';
import { blockKitProblems } from '../slack/block-kit.js';
import { adaptiveCardProblems } from '../teams/adaptive-cards.js';
import { testKit, type TestKit } from '../support/app.js';
import { Recorder } from '../support/recorder.js';
import { insertJob } from './fixtures.js';

const MON_9 = parseDigestTime('mon 09:00');
// Monday 23 Nov 2026 09:00:30 in Paris; 03:00 in New York, 08:00 in London: only Paris is due.
const MOMENT = '2026-11-23T08:00:30Z';

let kit: TestKit;
let second: Database;
let other: App;

async function digestRows(key = 'digest:hvac-paris:2026-W47') {
  return (await kit.db.db.select().from(outbox)).filter((r) => r.key === key);
}

beforeAll(async () => {
  kit = await testKit({ now: MOMENT });
  second = kit.db.url ? await openDatabase({ url: kit.db.url, migrate: false }) : kit.db;
  other = createApp(kit.config, second, kit.clock, silentLogger, ['shell']);
  await kit.db.db.insert(teamChannels).values({ teamId: 'hvac-paris', purpose: 'digest', platform: 'slack', target: { channel: 'C0DIGEST' } });
  await insertJob(kit.db.db, { reportedAt: '2026-11-17T08:00:00Z', closedAt: '2026-11-17T12:00:00Z' });
  await insertJob(kit.db.db, { reportedAt: '2026-11-18T08:00:00Z', restoreDueAt: '2026-11-18T10:00:00Z', restoreBreached: true, closedAt: '2026-11-18T15:00:00Z', summary: 'Chiller trips' });
});
afterAll(async () => {
  if (second !== kit.db) await second.close();
  await kit?.close();
});
beforeEach(async () => {
  await kit.db.db.delete(outbox);
  await kit.db.db.delete(scheduledRuns);
  kit.clock.set(MOMENT);
});

describe('weekly digest', () => {
  it('posts last week to the team digest channel at 09:00 local, once', async () => {
    kit.clock.set('2026-11-23T07:59:00Z'); // 08:59 in Paris
    expect((await runDigest(kit.app.ctx, MON_9))!.posted).toEqual([]);
    kit.clock.set(MOMENT);
    expect((await runDigest(kit.app.ctx, MON_9))!.posted).toEqual([{ team: 'hvac-paris', week: '2026-W47' }]);
    expect((await runDigest(kit.app.ctx, MON_9))!.posted).toEqual([]);
    kit.clock.advance(5);
    expect((await runDigest(kit.app.ctx, MON_9))!.posted).toEqual([]);
    // One post per platform the team is reachable on: its Slack digest channel and the terminal.
    expect((await digestRows()).map((r) => r.platform).sort()).toEqual(['shell', 'slack']);
    const [run] = await kit.db.db.select().from(scheduledRuns);
    expect(run!.key).toBe('digest:hvac-paris:2026-W47');
    expect((run!.result as { current: { sla: { closed: number } } }).current.sla.closed).toBe(2);
    // A week later, the next week's digest.
    kit.clock.set('2026-11-30T08:00:10Z');
    expect((await runDigest(kit.app.ctx, MON_9))!.posted).toEqual([{ team: 'hvac-paris', week: '2026-W48' }]);
  });

  it('is not posted a day late: after 24 hours the week is left to /kpi', async () => {
    kit.clock.set('2026-11-24T08:00:31Z');
    // Paris's Monday 09:00 was 24 hours ago; Toronto's (14:00Z) was not, so biomed-east still gets its own.
    const posted = (await runDigest(kit.app.ctx, MON_9))!.posted;
    expect(posted.map((p) => p.team)).not.toContain('hvac-paris');
    expect(posted.map((p) => p.team)).toContain('biomed-east');
  });

  it('two ticks at the same time post once, with the lock and without it', async () => {
    const [a, b] = await Promise.all([runDigest(kit.app.ctx, MON_9), runDigest(kit.app.ctx, MON_9)]);
    expect([...(a?.posted ?? []), ...(b?.posted ?? [])]).toHaveLength(1);
    expect(await digestRows()).toHaveLength(2);
    // Even with no advisory lock at all, the scheduled_runs key lets one transaction win.
    await kit.db.db.delete(outbox);
    await kit.db.db.delete(scheduledRuns);
    const tick = () => kit.app.ctx.root.transaction((tx) => digestTick({ ...kit.app.ctx, db: tx }, MON_9));
    const [x, y] = await Promise.all([tick(), tick()]);
    expect([...x.posted, ...y.posted]).toHaveLength(1);
    expect(await digestRows()).toHaveLength(2);
  });

  it('two bot processes running their scheduled task post once', async () => {
    const task = (app: App) => scheduledTasks(app, kit.config).find((t) => t.name === 'kpi-digest')!;
    await Promise.all([task(kit.app).run(kit.app.ctx), task(other).run(other.ctx), task(kit.app).run(kit.app.ctx)]);
    expect(await digestRows()).toHaveLength(2);
    expect(await kit.db.db.select().from(scheduledRuns)).toHaveLength(1);
  });

  it('is delivered as a card with the KPIs and the chart, within Slack and Teams limits', async () => {
    await runDigest(kit.app.ctx, MON_9);
    const slack = new Recorder('slack');
    const shell = new Recorder('shell');
    kit.app.notifier.addDeliverer(slack);
    kit.app.notifier.addDeliverer(shell);
    await kit.app.notifier.deliverDue();
    const c = slack.posts.find((p) => p.kind === 'digest')!;
    expect(c.title).toBe('Weekly KPIs: hvac-paris, 2026-W47');
    expect(shell.posts.find((p) => p.kind === 'digest')!.title).toBe(c.title);
    const text = renderText(c);
    // 2 closed: one met both windows, one breached restore.
    expect(text).toContain('Response SLA met');
    expect(text).toMatch(/Restore SLA met\s+50% \(1 of 2\)/);
    expect(text).toContain('Chiller trips');
    const image = c.blocks.find((b) => b.type === 'image');
    expect(image && 'path' in image && image.path).toBeTruthy();
    const path = (image as { path: string }).path;
    expect(existsSync(path)).toBe(true);
    expect(readFileSync(path).subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(blockKitProblems(renderSlack(c).blocks)).toEqual([]);
    expect(adaptiveCardProblems(renderTeams(c, { fileUrl: (p) => `https://bot.example.com/files/${encodeURIComponent(p)}` }))).toEqual([]);
  });

  it('is written in the team\'s language: a French team reads its digest and its chart in French', async () => {
    await kit.db.db.update(teams).set({ language: 'fr' }).where(eq(teams.id, 'hvac-paris'));
    try {
      await runDigest(kit.app.ctx, MON_9);
      const slack = new Recorder('slack');
      kit.app.notifier.addDeliverer(slack);
      await kit.app.notifier.deliverDue();
      const c = slack.posts.find((p) => p.kind === 'digest')!;
      expect(c.title).toBe('KPI de la semaine\u00a0: hvac-paris, 2026-W47');
      const text = renderText(c).replace(/[\u00a0\u202f]/g, ' ');
      expect(text).toMatch(/SLA de rétablissement respecté\s+50 % \(1 sur 2\)/);
      expect(text).toContain('aucune ligne de facture cette semaine');
      expect(text).not.toMatch(/\b(no jobs|of 2|this week)\b/);
      // The chart drawn for it has French titles and legends.
      const spec = inLanguage('fr', () => digestPanels(t('kpi-chart.digest-title', { who: 'hvac-paris', week: '2026-W47' }), []));
      expect(spec.title).toBe('hvac-paris\u00a0: 8 semaines jusqu’à 2026-W47');
      expect(spec.panels.map((p) => p.title)).toContain('Taux de contestation (lignes de facture)');
    } finally {
      await kit.db.db.update(teams).set({ language: null }).where(eq(teams.id, 'hvac-paris'));
    }
  });

  it('the terminal lists a digest posted while it started by its title without drawing the chart, and draws it when it shows the card', async () => {
    const path = chartFile(kit.app.ctx, 'digest-hvac-paris-2026-W47');
    rmSync(dirname(path), { recursive: true, force: true });
    await runDigest(kit.app.ctx, MON_9);
    const out = new PassThrough();
    let text = '';
    out.on('data', (d: Buffer) => (text += d.toString()));
    const shell = new Shell({ ctx: other.ctx, clock: new ShiftedClock(), dispatch: async () => [], act: async () => [], tick: async () => void (await other.notifier.deliverDue()), out, zone: 'UTC' }, 'dana');
    other.notifier.addDeliverer(shell);
    await shell.startUp();
    expect(text).toContain('Posted while the bot was starting (1):\n  #hvac-paris digest: Weekly KPIs: hvac-paris, 2026-W47');
    expect(text).not.toContain('[image');
    expect(existsSync(path)).toBe(false);
    // Delivered once the terminal is up, the card prints in full: its chart is drawn first.
    await kit.db.db.delete(outbox);
    await kit.db.db.delete(scheduledRuns);
    await runDigest(kit.app.ctx, MON_9);
    await other.notifier.deliverDue();
    expect(text).toContain(`saved to ${path}`);
    expect(readFileSync(path).subarray(1, 4).toString('ascii')).toBe('PNG');
  });

  it('/kpi posts the digest on demand, for a team and week, and refuses nonsense', async () => {
    const max = await kit.as('max');
    const [c] = await kit.app.dispatch(max, '/kpi hvac-paris 2026-W47');
    expect(c!.kind).toBe('digest');
    expect(c!.visibility).toBe('channel');
    expect(renderText(c!)).toMatch(/Response SLA met\s+100% \(2 of 2\)/);
    expect(c!.blocks.some((b) => b.type === 'image')).toBe(true);
    // An empty week, every team: no NaN, the words instead.
    const [e] = await kit.app.dispatch(max, '/kpi all 2026-W30');
    expect(e!.title).toBe('Weekly KPIs: all teams, 2026-W30');
    const t = renderText(e!);
    expect(t).toContain('no jobs this week');
    expect(t).toContain('no invoice lines this week');
    expect(t).not.toContain('NaN');
    const [u] = await kit.app.dispatch(max, '/kpi hvac-paris it-field');
    expect(u!.kind).toBe('error');
    expect(renderText(u!)).toContain('Two teams given');
    const [n] = await kit.app.dispatch(max, '/kpi nowhere');
    expect(renderText(n!)).toContain('No team nowhere');
  });
});
