/**
 * SQL, Slack mrkdwn/mentions and Markdown in names, summaries, notes and reasons: stored as the
 * exact text typed (parameters, never string-built SQL), and shown as text on every platform
 * (escaped mrkdwn in Slack, escaped Markdown in Teams), within each platform's limits.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Card } from '../../cards/card.js';
import { tokenize } from '../../commands/tokens.js';
import { renderSlack } from '../../cards/slack.js';
import { renderTeams } from '../../cards/teams.js';
import { jobs, people, timeEntries } from '../../db/schema.js';
import { createToken } from '../../src/api/tokens.js';
import { assignJob } from '../../src/jobs/assign-job.js';
import { testKit, type TestKit } from '../support/app.js';
import { blockKitProblems } from '../slack/block-kit.js';
import { adaptiveCardProblems, markdownStrings } from '../teams/adaptive-cards.js';
import { HOSTILE, rows } from './support.js';

let kit: TestKit;
let token: string;

/** What a hostile string must never become: a live mention, link, image or date function. */
const SLACK_LIVE = ['<!channel>', '<!here', '<@U0ADA>', '<https://evil.example'];
const TEAMS_LIVE = ['[link](https://evil.example)', '![img](https://evil.example', '{{DATE(2026-01-01', '<script>', '*bold*'];

/** Each printable payload, in a sentence (a NUL is refused, tested in the API fuzz test). */
const PAYLOADS = HOSTILE.filter((h) => h.trim() && !h.includes('\u0000') && !/[\ud800-\udfff]/.test(h) && h.length < 1000).map((h) => `Fix ${h} now`);

beforeAll(async () => {
  kit = await testKit({ now: '2026-11-24T09:00:00Z' });
  token = await createToken(kit.db.db, 'injection', ['read', 'write', 'admin']);
});
afterAll(async () => kit?.close());

function slackProblems(c: Card): string[] {
  const m = renderSlack(c);
  const problems = blockKitProblems(m.blocks);
  const mrkdwn: string[] = [m.text];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) return x.forEach(walk);
    if (!x || typeof x !== 'object') return;
    const o = x as Record<string, unknown>;
    if (o.type === 'mrkdwn' && typeof o.text === 'string') mrkdwn.push(o.text);
    Object.values(o).forEach(walk);
  };
  walk(m.blocks);
  for (const t of mrkdwn) for (const live of SLACK_LIVE) if (t.includes(live)) problems.push(`live ${live} in Slack mrkdwn: ${t.slice(0, 120)}`);
  return problems;
}

function teamsProblems(c: Card): string[] {
  const card = renderTeams(c);
  const problems = adaptiveCardProblems(card);
  for (const { path, text } of markdownStrings(card)) for (const live of TEAMS_LIVE) if (text.includes(live)) problems.push(`live ${live} in Teams Markdown at ${path}: ${text.slice(0, 120)}`);
  return problems;
}

describe('hostile text in names, summaries and notes', () => {
  it('a job summary is stored exactly as typed and shown as text in Slack and Teams', async () => {
    const dana = await kit.as('dana', 'slack');
    for (const p of PAYLOADS) {
      const [card] = await kit.app.dispatch(dana, `job new ACME-HVAC PAR-HQ P3 ${p}`);
      expect(card!.kind, `${p}: ${card!.title}`).not.toBe('error');
      const [row] = await kit.db.db.select().from(jobs).where(eq(jobs.ref, /J-\d+/.exec(card!.title)![0]));
      // In chat, double quotes group words (the grammar); the API test below stores them verbatim.
      expect(row!.summary, 'summary stored verbatim').toBe(p.includes('"') ? tokenize(p).join(' ') : p);
      const [shown] = await kit.app.dispatch(dana, `job show ${row!.ref}`);
      expect(slackProblems(shown!), p).toEqual([]);
      expect(teamsProblems(shown!), p).toEqual([]);
    }
    // The SQL was data: the tables it named are all there, every row accounted for.
    const [jobCount] = (await rows(kit.db, 'select count(*)::int as n from jobs')) as { n: number }[];
    expect(jobCount!.n).toBe(PAYLOADS.length);
    expect(((await rows(kit.db, 'select count(*)::int as n from people')) as { n: number }[])[0]!.n).toBeGreaterThan(5);
  });

  it('a time note is stored exactly and shown as text', async () => {
    const dana = await kit.as('dana');
    const tom = await kit.as('tom', 'teams');
    const [created] = await kit.app.dispatch(dana, 'job new ACME-HVAC PAR-HQ P3 Notes job');
    const ref = /J-\d+/.exec(created!.title)![0];
    kit.clock.set('2026-11-24T18:00:00Z');
    for (const [i, p] of PAYLOADS.entries()) {
      const cards = await kit.app.dispatch(tom, `log ${ref} 2026-11-24 ${String(10 + Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}-${String(10 + Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15 + 10).padStart(2, '0')} HVAC-LAB ${p}`);
      expect(cards[0]!.kind, `${p}: ${JSON.stringify(cards[0]!.blocks).slice(0, 300)}`).not.toBe('error');
      for (const c of cards) {
        expect(slackProblems(c), p).toEqual([]);
        expect(teamsProblems(c), p).toEqual([]);
      }
    }
    const notes = (await kit.db.db.select({ note: timeEntries.note }).from(timeEntries)).map((r) => r.note);
    for (const p of PAYLOADS.filter((x) => !x.includes('"'))) expect(notes, p).toContain(p);
  });

  it('a person named with SQL and mentions is stored verbatim and shown escaped where they appear (assignee)', async () => {
    const dana = await kit.as('dana');
    const [created] = await kit.app.dispatch(dana, 'job new ACME-HVAC PAR-HQ P3 Assign me');
    const ref = /J-\d+/.exec(created!.title)![0];
    for (const [i, p] of PAYLOADS.entries()) {
      const res = await kit.app.api.request('/api/v1/people', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: p, email: `hostile${i}@demo.example`, roles: ['technician'] }),
      });
      expect(res.status, await res.clone().text()).toBe(201);
      const [person] = await kit.db.db.select().from(people).where(eq(people.email, `hostile${i}@demo.example`));
      expect(person!.name).toBe(p);
      await assignJob(dana, { job: ref, technician: person!.id });
      const [shown] = await kit.app.dispatch(dana, `job show ${ref}`);
      expect(JSON.stringify(shown)).toContain(JSON.stringify(p).slice(1, -1).slice(0, 20));
      expect(slackProblems(shown!), p).toEqual([]);
      expect(teamsProblems(shown!), p).toEqual([]);
    }
  });

  it('an out-of-scope request reason reaches the approver card as text', async () => {
    const dana = await kit.as('dana');
    const tom = await kit.as('tom', 'slack');
    const [created] = await kit.app.dispatch(dana, 'job new ACME-HVAC PAR-HQ P3 Duct job');
    const ref = /J-\d+/.exec(created!.title)![0];
    for (const p of PAYLOADS.slice(0, 12)) {
      const cards = await kit.app.dispatch(tom, `oos ${ref} DUCT-CLEAN 1 ${p}`);
      for (const c of cards) {
        expect(c.title).not.toBe('Something went wrong');
        expect(slackProblems(c), p).toEqual([]);
        expect(teamsProblems(c), p).toEqual([]);
      }
    }
  });
});
