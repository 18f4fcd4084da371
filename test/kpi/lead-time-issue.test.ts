/**
 * The invoice lead time KPI through the real verbs: a job closed in October, its invoice issued
 * by /invoice issue on 12 November. The lead time runs to the issue instant and counts in the
 * week of issue, not in the week the billed month ended; a later credit note is no invoice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditNote } from '../../src/billing/credit-note.js';
import { issueInvoice } from '../../src/billing/issue-invoice.js';
import { weeklyKpis } from '../../src/kpi/weekly-kpis.js';
import { testKit, type TestKit } from '../support/app.js';
import { job, say, statuses } from '../billing/helpers.js';

let kit: TestKit;

beforeAll(async () => {
  kit = await testKit({ now: '2026-10-20T08:00:00Z' });
  const dana = await kit.as('dana');
  const ref = await job(dana, 'ACME-HVAC', 'PAR-HQ', 'P3', '2026-10-20T06:00:00Z');
  await statuses(dana, ref, [
    ['on_site', '2026-10-20T07:00:00Z'],
    ['resolved', '2026-10-20T07:45:00Z'],
  ]);
  await say(kit, await kit.as('tom'), `/log ${ref} 09:00-09:45 HVAC-LAB`);
  // Closed Tuesday 20 Oct 10:00Z (W43); October ends in W44; the invoice is issued Thursday 12 Nov 10:00Z (W46).
  kit.clock.set('2026-10-20T10:00:00Z');
  await statuses(dana, ref, [['closed', '2026-10-20T10:00:00Z']]);
  kit.clock.set('2026-11-12T10:00:00Z');
  await issueInvoice(await kit.as('fiona'), { contract: 'ACME-HVAC', period: '2026-10' });
  kit.clock.set('2026-11-17T10:00:00Z');
  await creditNote(await kit.as('fiona'), { invoice: 'ACME-HVAC-2026-10', line: 1, reason: 'fee waived', amount: 1000 });
  kit.clock.set('2026-11-30T08:00:00Z');
});

afterAll(async () => kit?.close());

describe('invoice lead time', () => {
  it('runs from the close to the issue instant, in the week the invoice was issued', async () => {
    const max = await kit.as('max');
    const w46 = await weeklyKpis(max, { team: 'hvac-paris', week: '2026-W46' });
    // 20 Oct 10:00Z to 12 Nov 10:00Z: 23 days = 552 h.
    expect(w46.current.leadTime).toEqual({ jobs: 1, medianHours: 552, p90Hours: 552 });
    expect(w46.previous.leadTime.jobs).toBe(0);
    const w44 = await weeklyKpis(max, { team: 'hvac-paris', week: '2026-W44' });
    expect(w44.current.leadTime.jobs).toBe(0);
  });

  it('does not count a credit note as the invoice of its jobs', async () => {
    const w47 = await weeklyKpis(await kit.as('max'), { team: 'hvac-paris', week: '2026-W47' });
    expect(w47.current.leadTime.jobs).toBe(0);
  });
});
