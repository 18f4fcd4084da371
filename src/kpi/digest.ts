/**
 * The weekly digest: once per team and ISO week, at DIGEST_LOCAL_TIME in the team's zone, a card
 * with the last week's KPIs and the 8-week chart goes to the team's digest channel.
 *
 * Exactly once, even with several bot processes: the tick runs under an advisory lock (one replica
 * per tick), and inside it a `scheduled_runs` row keyed `digest:<team>:<week>` is inserted with
 * ON CONFLICT DO NOTHING before anything is posted. Only the insert that wrote the row posts, in
 * the same transaction, so a second tick, a second replica or a retry after a crash finds the key
 * taken and does nothing; a crash before commit leaves neither the key nor the post.
 */
import { join } from 'node:path';
import { asc, eq, sql } from 'drizzle-orm';
import { scheduledRuns, teams } from '../../db/schema.js';
import { digestCard } from '../../cards/build/digest.js';
import type { Card } from '../../cards/card.js';
import { audit } from '../audit.js';
import { t } from '../i18n/t.js';
import type { Ctx } from '../context.js';
import { enqueuePost } from '../notify/enqueue.js';
import { latestDigest, type DigestTime } from '../rules/kpi.js';
import { withTickLock } from '../scheduler/lock.js';
import { digestPanels, renderPanels, writePng } from './chart.js';
import { kpiScope } from './scope.js';
import { computeKpis, reviveReport, type KpiReport } from './weekly-kpis.js';

export const digestKey = (teamId: string, week: string) => `digest:${teamId}:${week}`;

/** A digest missed by more than this (the bot was down all Monday) is not posted late: ask /kpi. */
const GRACE_MS = 24 * 3_600_000;

/** Where chart PNGs go: beside the attachments, files the bot wrote and chat adapters upload. */
export function chartFile(ctx: Ctx, name: string): string {
  return join(ctx.services.attachmentsDir, 'charts', `${name.replace(/[^A-Za-z0-9._-]/g, '_')}.png`);
}

/** The path of the report's 8-week chart and how to draw it (its titles in the language of now). */
function digestChart(ctx: Ctx, r: KpiReport): { path: string; draw: () => Promise<string> } {
  const who = r.scope.teamName ?? r.scope.team ?? t('kpi-chart.all-teams');
  const spec = digestPanels(t('kpi-chart.digest-title', { who, week: r.current.week.label }), r.series);
  const path = chartFile(ctx, `digest-${r.scope.team ?? 'all'}-${r.current.week.label}`);
  return { path, draw: async () => writePng(path, await renderPanels(spec)) };
}

/** Draw the report's 8-week chart to a file; returns its path. */
export async function writeDigestChart(ctx: Ctx, r: KpiReport): Promise<string> {
  return digestChart(ctx, r).draw();
}

/** The digest card with its chart, for a report computed now or read back from a stored digest. */
export async function digestCardWithChart(ctx: Ctx, r: KpiReport): Promise<Card> {
  return digestCard(r, { chartPath: await writeDigestChart(ctx, r) });
}

/**
 * The digest card whose chart is drawn when the card is shown in full (cards/draw.ts), once: the
 * outbox's card, which the terminal's start-up backlog prints as its title only.
 */
export function digestCardDrawnWhenShown(ctx: Ctx, r: KpiReport): Card {
  const chart = digestChart(ctx, r);
  let drawn: Promise<string> | undefined;
  const draw = () => (drawn ??= chart.draw());
  const c = digestCard(r, { chartPath: chart.path });
  return { ...c, blocks: c.blocks.map((b) => (b.type === 'image' && b.path === chart.path ? { ...b, draw } : b)) };
}

export interface DigestTickResult {
  posted: { team: string; week: string }[];
}

export async function runDigest(ctx: Ctx, at: DigestTime): Promise<DigestTickResult | undefined> {
  return withTickLock(ctx, 'kpi-digest', (tx) => digestTick(tx, at));
}

/** One tick inside the caller's transaction: post every digest whose moment has come. */
export async function digestTick(ctx: Ctx, at: DigestTime): Promise<DigestTickResult> {
  const now = ctx.clock.now();
  const posted: DigestTickResult['posted'] = [];
  for (const team of await ctx.db.select().from(teams).orderBy(asc(teams.id))) {
    const d = latestDigest(now, team.zone, at);
    if (now.getTime() - d.at.getTime() > GRACE_MS) continue;
    const key = digestKey(team.id, d.week.label);
    const won = await ctx.db.insert(scheduledRuns).values({ key, at: now }).onConflictDoNothing().returning({ key: scheduledRuns.key });
    if (!won.length) continue;
    const scope = await kpiScope(ctx.db, team.id, ctx.services.defaultZone);
    const report = await computeKpis(ctx.db, scope, d.week, now, { inTransaction: true });
    // The numbers are frozen with the key, so every platform's copy of the card shows the same.
    await ctx.db.update(scheduledRuns).set({ result: JSON.parse(JSON.stringify(report)) }).where(eq(scheduledRuns.key, key));
    await enqueuePost(ctx, { key, teamId: team.id, purpose: 'digest', subjectKind: 'digest', subjectId: `${team.id}:${d.week.label}` });
    await audit(ctx, 'kpi.digest', { kind: 'team', id: team.id }, { week: d.week.label, closed: report.current.sla.closed });
    posted.push({ team: team.id, week: d.week.label });
  }
  return { posted };
}

/** Outbox loader: the stored digest of `<team>:<week>` as a card (null when there is none). */
export async function loadDigestCard(ctx: Ctx, subjectId: string): Promise<Card | null> {
  const i = subjectId.lastIndexOf(':');
  const [row] = await ctx.root
    .select()
    .from(scheduledRuns)
    .where(sql`${scheduledRuns.key} = ${digestKey(subjectId.slice(0, i), subjectId.slice(i + 1))}`);
  if (!row?.result) return null;
  return digestCardDrawnWhenShown(ctx, reviveReport(row.result));
}
