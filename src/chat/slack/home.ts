/**
 * The App Home: a function of the person and the data, rebuilt on every app_home_opened and after
 * each of their actions. Sections are platform-neutral cards, so a feature adds its part (timer,
 * approvals to decide, my requests) by adding a section here once its verb exists.
 */
import { requestsCard } from '../../../cards/build/approval.js';
import { todayCard } from '../../../cards/build/time.js';
import { alertsToActCard, myJobsCard, signedInCard } from '../../../cards/build/home.js';
import type { Card } from '../../../cards/card.js';
import { renderSlack, SLACK_LIMITS, type SlackBlock } from '../../../cards/slack.js';
import { hasRole } from '../../auth.js';
import { t } from '../../i18n/t.js';
import type { Ctx, Person } from '../../context.js';
import { openAlerts } from '../../alerts/open-alerts.js';
import { myRequests } from '../../approvals/list-requests.js';
import { todayEntries } from '../../billing/today.js';
import { listJobs } from '../../jobs/list-jobs.js';
import { dispatchQueue } from '../../dispatch/queue.js';
import { queueCard } from '../../../cards/build/queue.js';

export type HomeSection = (ctx: Ctx, me: Person) => Promise<Card | null>;

const myJobs: HomeSection = async (ctx, me) => {
  const rows = await listJobs(ctx, { openOnly: true, assigneeId: me.id, limit: 10 });
  if (!rows.length && !hasRole(me, ['technician'])) return null;
  return myJobsCard(rows);
};

/** The dispatcher's queue, soonest breach first, with its buttons (the same card as /queue). */
const queue: HomeSection = async (ctx, me) => {
  if (!hasRole(me, ['dispatcher', 'manager'])) return null;
  const q = await dispatchQueue(ctx, { limit: 10 });
  return queueCard(q, ctx.clock.now(), ctx.services.actionSecret);
};

/** Breach risks nobody has acted on: the first thing a dispatcher should see. */
const alertsToAct: HomeSection = async (ctx, me) => {
  if (!hasRole(me, ['dispatcher', 'manager'])) return null;
  const { rows, more } = await openAlerts(ctx);
  if (!rows.length) return null;
  return alertsToActCard(rows, more);
};

/** A technician's day: the running timer first (the thing most often forgotten), then today's entries. */
const myDay: HomeSection = async (ctx, me) => {
  if (!hasRole(me, ['technician'])) return null;
  const r = await todayEntries(ctx);
  return todayCard({ person: r.person.name, zone: r.zone, date: r.date, running: r.running, entries: r.entries, totalMinutes: r.totalMinutes });
};

/** Requests waiting for my decision (with their buttons) and my own pending ones. */
const requests: HomeSection = async (ctx) => {
  const r = await myRequests(ctx);
  if (!r.mine.length && !r.toDecide.length) return null;
  return requestsCard(r, ctx.services.actionSecret);
};

export const homeSections: HomeSection[] = [myDay, alertsToAct, queue, requests, myJobs];

export async function homeCards(ctx: Ctx, me: Person, sections = homeSections): Promise<Card[]> {
  const cards: Card[] = [];
  for (const s of sections) {
    const c = await s(ctx, me);
    if (c) cards.push(c);
  }
  return cards;
}

/** The home tab's blocks: a greeting, then each section; cut at Slack's 100 blocks for views. */
export function homeBlocks(me: Person | undefined, cards: Card[], zone: string, notice?: string): SlackBlock[] {
  const blocks: SlackBlock[] = [{ type: 'header', text: { type: 'plain_text', text: 'contract-ops', emoji: true } }];
  if (notice) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: notice } });
  if (me) {
    const who = renderSlack(signedInCard(me), { noHeader: true });
    blocks.push(...who.blocks);
  }
  cards.forEach((c, i) => {
    blocks.push({ type: 'divider' });
    blocks.push(...renderSlack(c, { zone, maxBlocks: 30, actionPrefix: `h${String.fromCharCode(97 + (i % 26))}` }).blocks);
  });
  if (blocks.length <= SLACK_LIMITS.blocksPerView) return blocks;
  const kept = blocks.slice(0, SLACK_LIMITS.blocksPerView - 1);
  kept.push({ type: 'context', elements: [{ type: 'mrkdwn', text: t('cards-home.more-than-fits') }] });
  return kept;
}
