/**
 * The `status` button (move a job on from its card) through Slack: the click runs the same verb
 * as /job status, the clicker sees the job card with its new status, and a move the job cannot
 * make is answered with the reason and changes nothing.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeAction } from '../../cards/action-ids.js';
import { jobEvents, jobs } from '../../db/schema.js';
import { slackHarness, uid, type SlackHarness } from './harness.js';

let h: SlackHarness;

beforeAll(async () => {
  h = await slackHarness();
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.reset();
});

async function newJob() {
  await h.kit.app.dispatch(await h.kit.as('dana'), 'job new ACME-HVAC PAR-HQ P2 Chiller tripping');
  const [job] = await h.kit.db.db.select().from(jobs);
  return job!;
}

async function click(handle: string, jobId: number, to: string) {
  const value = encodeAction({ t: 'status', job: jobId, to }, h.kit.app.ctx.services.actionSecret);
  const { responseUrl } = await h.click({ user_id: uid(handle), action: { action_id: 'co.0.b', value }, channel_id: 'C0DISPATCH', message: { ts: '1700000000.000100' } });
  const reply = await h.fake.waitFor('response_url', (c) => c.args.url === new URL(responseUrl).pathname);
  return JSON.stringify(reply.args.blocks ?? []);
}

describe('the status button in Slack', () => {
  it('moves the job through the status verb and answers with the job card showing the new status', async () => {
    const job = await newJob();
    const blocks = await click('tom', job.id, 'en_route');
    expect(blocks).toContain(job.ref);
    expect(blocks).toContain('*Status*\\nen route');
    const [row] = await h.kit.db.db.select().from(jobs).where(eq(jobs.id, job.id));
    expect(row!.status).toBe('en_route');
    const events = await h.kit.db.db.select().from(jobEvents).where(eq(jobEvents.jobId, job.id));
    expect(events.filter((e) => e.kind === 'status').map((e) => [e.fromValue, e.toValue, e.actorLabel])).toEqual([['open', 'en_route', 'Tom Technician (slack)']]);
  });

  it('a move the job cannot make is refused with the reason and changes nothing', async () => {
    const job = await newJob();
    const blocks = await click('dana', job.id, 'closed');
    expect(blocks).toMatch(/Only a resolved job can be closed/);
    const [row] = await h.kit.db.db.select().from(jobs).where(eq(jobs.id, job.id));
    expect(row!.status).toBe('open');
    expect((await h.kit.db.db.select().from(jobEvents).where(eq(jobEvents.jobId, job.id))).filter((e) => e.kind === 'status')).toEqual([]);
  });

  it('a clicker without a job role (finance) is told so and the job stays as it was', async () => {
    const job = await newJob();
    const blocks = await click('fiona', job.id, 'en_route');
    expect(blocks).toMatch(/Only technician or dispatcher or manager can change a job status/);
    const [row] = await h.kit.db.db.select().from(jobs).where(eq(jobs.id, job.id));
    expect(row!.status).toBe('open');
  });
});
