/**
 * A job's past changes (a late event, a priority fix): its SLA state is recomputed and what was
 * concluded from the older history (breach alerts, credits) is reconciled, never silently deleted.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Card } from '../../cards/card.js';
import { alerts, auditLog, credits, jobs } from '../../db/schema.js';
import { createToken } from '../../src/api/tokens.js';
import { issueInvoice } from '../../src/billing/issue-invoice.js';
import { previewInvoice } from '../../src/billing/preview-invoice.js';
import { changePriority } from '../../src/jobs/change-priority.js';
import { changeStatus } from '../../src/jobs/change-status.js';
import { createJob } from '../../src/jobs/create-job.js';
import { runMonitor } from '../../src/jobs/monitor.js';
import { testKit, type TestKit } from '../support/app.js';
import { text } from '../billing/helpers.js';

let kit: TestKit;
let token: string;
const posted: { ref: number; card: Card }[] = [];
const updated: { ref: number; card: Card }[] = [];
beforeAll(async () => {
  kit = await testKit({ now: '2026-11-30T13:00:00Z' });
  kit.app.notifier.addDeliverer({
    platform: 'shell',
    post: async (_t, card) => (posted.push({ ref: posted.length + 1, card }), posted.length),
    update: async (ref, card) => void updated.push({ ref: ref as number, card }),
    direct: async () => 0,
  });
});
afterAll(async () => kit?.close());
beforeEach(async () => {
  await kit.reset();
  token = await createToken(kit.db.db, 'reconcile', ['read', 'write']);
  posted.length = 0;
  updated.length = 0;
});

const get = async <T>(path: string) => (await kit.app.api.request(path, { headers: { authorization: `Bearer ${token}` } })).json() as Promise<T>;
const slaCredits = async (jobId: number) => kit.db.db.select().from(credits).where(and(eq(credits.jobId, jobId), eq(credits.kind, 'sla'))).orderBy(credits.id);

async function lateOnSiteScenario() {
  const dana = await kit.as('dana');
  // Reported Saturday 09:10 Paris; P2 is 4h of office hours, so the response is due Monday 12:00.
  kit.clock.set('2026-11-30T13:00:00Z');
  const job = await createJob(dana, { contract: 'ACME-HVAC', site: 'PAR-HQ', priority: 'P2', summary: 'Chiller tripping', at: new Date('2026-11-28T08:10:00Z') });
  await runMonitor(kit.app.ctx);
  await kit.app.notifier.deliverDue();
  return { dana, job };
}

describe('a late event', () => {
  it('turns a breach into met everywhere: job, list, alerts and their cards, credits and the invoice preview', async () => {
    const { dana, job } = await lateOnSiteScenario();
    const [row] = await kit.db.db.select().from(jobs).where(eq(jobs.ref, job.ref));
    const before = await slaCredits(row!.id);
    expect(before.map((c) => c.amount)).toEqual([3600]);
    const breach = (await kit.db.db.select().from(alerts).where(eq(alerts.jobId, row!.id))).filter((a) => a.level === 'breach');
    expect(breach).toHaveLength(1);
    expect(posted.map((p) => p.card.title)).toContain(`SLA BREACHED: ${job.ref} response`);

    // The technician's phone syncs: on site Monday 10:00, before the due time.
    await changeStatus(dana, { job: job.ref, to: 'on_site', at: new Date('2026-11-30T09:00:00Z') });

    const one = await get<{ sla: { response: { outcome: string; breached: boolean } } }>(`/api/v1/jobs/${job.ref}`);
    expect(one.sla.response.outcome).toBe('met');
    const list = await get<{ items: { id: string; breached: boolean; responseDueAt: string | null }[] }>('/api/v1/jobs?limit=50');
    expect(list.items.find((j) => j.id === job.ref)).toMatchObject({ breached: false, responseDueAt: '2026-11-30T11:00:00.000Z' });

    // The credit is reversed by an opposite, linked entry; nothing is deleted.
    const after = await slaCredits(row!.id);
    expect(after.map((c) => [c.amount, c.reversesId])).toEqual([
      [3600, null],
      [-3600, after[0]!.id],
    ]);
    // The reversing credit's reason is its invoice line's text: ACME-HVAC's customer reads French; the audit trail keeps English.
    expect(after[1]!.reason).toMatch(/^Annule l’avoir nº \d+ \(délai d’intervention dépassé sur J-\d+ \(P2\)\)\u00a0: Intervention P2\u00a0: tenu \(sur site\) lun\. 10:00/);
    const [reversal] = await kit.db.db.select().from(auditLog).where(eq(auditLog.action, 'credit.reversed'));
    expect((reversal!.data as { reason: string }).reason).toMatch(/^Reverses credit #\d+ \(response breach on J-\d+ \(P2\)\): Response P2: met \(on site\) Mon 10:00/);
    const preview = await previewInvoice(await kit.as('fiona'), { contract: 'ACME-HVAC', period: '2026-11' });
    expect(preview.lines.filter((l) => l.kind === 'credit')).toEqual([]);

    // The breach alert is closed with its reason, and its posted card says so.
    const [closed] = await kit.db.db.select().from(alerts).where(eq(alerts.id, breach[0]!.id));
    expect(closed!.closedAt).not.toBeNull();
    expect(closed!.closedReason).toMatch(/No longer applies: Response P2: met \(on site\) Mon 10:00/);
    const apiAlerts = await get<{ items: { id: number; closedReason: string | null }[] }>(`/api/v1/alerts?job=${job.ref}&open=true`);
    expect(apiAlerts.items).toEqual([]);
    await kit.app.notifier.deliverDue();
    expect(updated.map((u) => text(u.card))).toEqual([expect.stringMatching(/Alert closed: .* response breach no longer applies[\s\S]*/)]);
    expect(updated[0]!.card.actions ?? []).toEqual([]);
  });

  it('a reversal of a credit already invoiced is a line on the next invoice; the issued one never changes', async () => {
    const { dana, job } = await lateOnSiteScenario();
    kit.clock.set('2026-12-02T09:00:00Z');
    const issued = await issueInvoice(await kit.as('fiona'), { contract: 'ACME-HVAC', period: '2026-11' });
    const slaLine = issued.lines.find((l) => l.kind === 'credit' && l.code === 'SLA-CREDIT');
    expect(slaLine?.amount).toBe(-3600);

    await changeStatus(dana, { job: job.ref, to: 'on_site', at: new Date('2026-11-30T09:00:00Z') });

    const nov = await previewInvoice(await kit.as('fiona'), { contract: 'ACME-HVAC', period: '2026-11' });
    expect(nov.status).toBe('issued');
    expect(nov.lines.find((l) => l.code === 'SLA-CREDIT')?.amount).toBe(-3600);
    const dec = await previewInvoice(await kit.as('fiona'), { contract: 'ACME-HVAC', period: '2026-12' });
    const back = dec.lines.filter((l) => l.kind === 'credit');
    expect(back).toHaveLength(1);
    expect(back[0]!.amount).toBe(3600);
    // ACME-HVAC's locale is fr-FR: the reversal's line reads French.
    expect(back[0]!.rule).toMatch(/annulation du crédit SLA C\d+/);
  });
});

describe('a priority fix', () => {
  it('that clears a breach closes its alert and reverses its credit', async () => {
    const dana = await kit.as('dana');
    kit.clock.set('2026-11-30T14:00:00Z');
    const job = await createJob(dana, { contract: 'ACME-HVAC', site: 'LYO-DC', priority: 'P1', summary: 'Fan noise' });
    // P1 response: 1h round the clock, breached at 15:00.
    kit.clock.set('2026-11-30T15:10:00Z');
    await runMonitor(kit.app.ctx);
    const [row] = await kit.db.db.select().from(jobs).where(eq(jobs.ref, job.ref));
    expect((await slaCredits(row!.id)).map((c) => c.amount)).toEqual([3600]);

    // It was never P1: the dispatcher fixes it to P3, as of five minutes after the report.
    await changePriority(dana, { job: job.ref, priority: 'P3', reason: 'fan noise is not an outage', at: new Date('2026-11-30T14:05:00Z') });

    const after = await slaCredits(row!.id);
    expect(after.map((c) => c.amount)).toEqual([3600, -3600]);
    const open = await kit.db.db.select().from(alerts).where(eq(alerts.jobId, row!.id));
    expect(open.every((a) => a.closedAt !== null)).toBe(true);
    const [now] = await kit.db.db.select().from(jobs).where(eq(jobs.id, row!.id));
    expect([now!.responseBreached, now!.responseState]).toEqual([false, 'running']);
    // The monitor finds nothing new to say about it.
    expect((await runMonitor(kit.app.ctx))?.alerts ?? 0).toBe(0);
  });
});

describe('a job created with its history', () => {
  const post = (body: unknown) =>
    kit.app.api.request('/api/v1/jobs', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('applies the events at their real times in one request: the SLA never looked breached', async () => {
    kit.clock.set('2026-11-30T13:00:00Z');
    const res = await post({
      contract: 'ACME-HVAC', site: 'PAR-HQ', priority: 'P2', summary: 'Chiller tripping', reportedAt: '2026-11-28T09:10:00+01:00',
      events: [
        { type: 'status', status: 'on_site', at: '2026-11-30T10:00:00+01:00' },
        { type: 'status', status: 'en_route', at: '2026-11-30T09:30:00+01:00' },
      ],
    });
    expect(res.status).toBe(201);
    const job = (await res.json()) as { id: string; status: string; sla: { response: { outcome: string } } };
    expect([job.status, job.sla.response.outcome]).toEqual(['on_site', 'met']);
    expect((await runMonitor(kit.app.ctx))?.alerts ?? 0).toBe(0);
    expect(await kit.db.db.select().from(credits)).toEqual([]);
  });

  it('a refused event saves nothing, and says which one', async () => {
    kit.clock.set('2026-11-30T13:00:00Z');
    const before = (await kit.db.db.select().from(jobs)).length;
    const res = await post({
      contract: 'ACME-HVAC', site: 'PAR-HQ', priority: 'P2', summary: 'Chiller tripping', reportedAt: '2026-11-28T09:10:00+01:00',
      events: [
        { type: 'status', status: 'en_route', at: '2026-11-30T09:30:00+01:00' },
        { type: 'status', status: 'closed', at: '2026-11-30T10:00:00+01:00' },
      ],
    });
    expect(res.status).toBe(412);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/^events\[1\] \(status at 2026-11-30T09:00:00.000Z\): .*resolved.*Nothing was saved/);
    expect((await kit.db.db.select().from(jobs)).length).toBe(before);
  });
});
