/**
 * Weekly KPIs from the database: hand-made rows for the Paris HVAC team in 2026-W47 (16-22 Nov,
 * Europe/Paris, so the week is [15 Nov 23:00Z, 22 Nov 23:00Z)), with every answer worked out below.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduledRuns } from '../../db/schema.js';
import { digestCard } from '../../cards/build/digest.js';
import { renderText } from '../../cards/text.js';
import { createToken } from '../../src/api/tokens.js';
import { inLanguage } from '../../src/i18n/index.js';
import { reviveReport, weeklyKpis } from '../../src/kpi/weekly-kpis.js';
import { renewalReadyKey } from '../../src/renewals/keys.js';
import { EMPTY, formatRatio } from '../../src/rules/kpi.js';
import { testKit, type TestKit } from '../support/app.js';
import { insertCredit, insertDispute, insertInvoice, insertJob, insertTime } from './fixtures.js';

let kit: TestKit;

beforeAll(async () => {
  kit = await testKit({ now: '2026-11-23T08:00:00Z' }); // Monday 09:00 in Paris
  const db = kit.db.db;
  // W47, closed: J1 met both; J2 breached both (response due 17 Nov 10:00Z, closed 14:00Z: 240 min
  // late); J3 breached restore (due 18 Nov 09:00Z, closed 19 Nov 09:00Z: 1440 min); J4 met both.
  const j1 = await insertJob(db, { priority: 'P1', reportedAt: '2026-11-16T08:00:00Z', closedAt: '2026-11-16T10:00:00Z' });
  const j2 = await insertJob(db, { priority: 'P1', reportedAt: '2026-11-17T08:00:00Z', responseDueAt: '2026-11-17T10:00:00Z', restoreDueAt: '2026-11-17T12:00:00Z', responseBreached: true, restoreBreached: true, closedAt: '2026-11-17T14:00:00Z' });
  await insertJob(db, { priority: 'P3', reportedAt: '2026-11-17T08:00:00Z', restoreDueAt: '2026-11-18T09:00:00Z', restoreBreached: true, closedAt: '2026-11-19T09:00:00Z', summary: 'Chiller trips' });
  // Closed Sunday 22 Nov 23:30 Paris = 22:30Z: still W47 in Paris.
  await insertJob(db, { priority: 'P4', reportedAt: '2026-11-20T08:00:00Z', closedAt: '2026-11-22T22:30:00Z' });
  // Still open, restore breached 21 Nov 11:00Z: 36 h before the week's end (22 Nov 23:00Z) = 2160 min.
  await insertJob(db, { priority: 'P2', reportedAt: '2026-11-20T09:00:00Z', restoreDueAt: '2026-11-21T11:00:00Z', restoreBreached: true, summary: 'Server room too hot' });
  // Not counted: cancelled; closed Monday 23 Nov 00:30 Paris (W48); another team's contract.
  await insertJob(db, { status: 'cancelled', reportedAt: '2026-11-18T08:00:00Z' });
  await insertJob(db, { reportedAt: '2026-11-22T20:00:00Z', closedAt: '2026-11-22T23:30:00Z' });
  await insertJob(db, { contract: 'NORTHWIND-TEL', reportedAt: '2026-11-17T08:00:00Z', closedAt: '2026-11-18T08:00:00Z', responseBreached: true, responseDueAt: '2026-11-17T08:15:00Z' });
  // W46: two jobs closed, both met.
  await insertJob(db, { reportedAt: '2026-11-10T08:00:00Z', closedAt: '2026-11-10T12:00:00Z' });
  const j6 = await insertJob(db, { reportedAt: '2026-11-02T08:00:00Z', closedAt: '2026-11-11T12:00:00Z' });

  // Time in W47 on J1: 2 h HVAC-LAB, 1 h 30 DUCT-CLEAN without approval (unbilled), 1 h DUCT-CLEAN
  // approved; a running timer is not counted. Logged 270 min, unbilled 90 min.
  await insertTime(db, j1.id, 'HVAC-LAB', '2026-11-16T08:00:00Z', '2026-11-16T10:00:00Z');
  await insertTime(db, j1.id, 'DUCT-CLEAN', '2026-11-16T10:00:00Z', '2026-11-16T11:30:00Z');
  await insertTime(db, j1.id, 'DUCT-CLEAN', '2026-11-17T10:00:00Z', '2026-11-17T11:00:00Z', { approvalId: 1 });
  await insertTime(db, j2.id, 'HVAC-LAB', '2026-11-20T10:00:00Z', null);

  // October's invoice issued in W46 (12 Nov) carried J6 (closed 11 Nov): its lead time belongs to W46.
  await insertInvoice(db, 'ACME-HVAC', '2026-11-12T10:00:00Z', { from: '2026-10-01', to: '2026-10-31' }, [null, j6.id]);
  // The W47 invoice (18 Nov 10:00Z): fee, J1 labour, J1 travel, J2 labour, J6 again (already
  // counted). Lead: J1 closed 16 Nov 10:00Z -> 48 h; J2 closed 17 Nov 14:00Z -> 20 h.
  const inv = await insertInvoice(db, 'ACME-HVAC', '2026-11-18T10:00:00Z', { from: '2026-11-01', to: '2026-11-15' }, [null, j1.id, j1.id, j2.id, j6.id]);
  // One of its five lines disputed (twice: still one line), and a dispute raised in W47.
  await insertDispute(db, inv, 4, '2026-11-19T09:00:00Z');
  await insertDispute(db, inv, 4, '2026-11-20T09:00:00Z');

  // Credits in W47: SLA EUR 36.00 for J2, goodwill EUR 150.00; a credit the cap cut to 0 is not issued.
  await insertCredit(db, 'ACME-HVAC', 'sla', 3600, '2026-11-17T10:00:00Z', j2.id);
  await insertCredit(db, 'ACME-HVAC', 'goodwill', 15000, '2026-11-19T10:00:00Z');
  await insertCredit(db, 'ACME-HVAC', 'sla', 0, '2026-11-17T12:00:00Z', j2.id);
});

afterAll(async () => kit?.close());

describe('weekly KPIs', () => {
  it('computes the SLA hit rate of the jobs closed in the week, in the team zone', async () => {
    const r = await weeklyKpis(await kit.as('max'), { team: 'hvac-paris', week: '2026-W47' });
    expect(r.scope).toMatchObject({ team: 'hvac-paris', zone: 'Europe/Paris', contracts: ['ACME-HVAC'] });
    const s = r.current.sla;
    // 4 closed: response met by J1, J3, J4 = 3/4; restore met by J1, J4 = 2/4
    expect(s.closed).toBe(4);
    expect(s.response).toEqual({ numerator: 3, denominator: 4, value: 0.75 });
    expect(s.restore).toEqual({ numerator: 2, denominator: 4, value: 0.5 });
    expect(s.byPriority.map((p) => [p.key, p.closed, p.response.numerator, p.restore.numerator])).toEqual([
      ['P1', 2, 1, 1],
      ['P3', 1, 1, 0],
      ['P4', 1, 1, 1],
    ]);
    // W46: 2 closed, both met -> 100%; the change is -25 and -50 points.
    expect(r.previous.sla.response.value).toBe(1);
    const ch = Object.fromEntries(r.changes.map((c) => [c.key, c]));
    expect(ch['sla.response']).toMatchObject({ delta: -25, direction: 'down', good: false });
    expect(ch['sla.restore']).toMatchObject({ delta: -50, direction: 'down', good: false });
    // Reported in W47: J1, J2, J3, J4, J5, the cancelled one and the one closed in W48 = 7
    expect(r.current.opened).toBe(7);
    expect(r.partial).toBe(false);
  });

  it('ranks the three jobs that hurt the SLA most', async () => {
    const r = await weeklyKpis(await kit.as('max'), { team: 'hvac-paris', week: '2026-W47' });
    expect(r.current.worst.map((w) => [w.summary, w.lateMinutes, w.open, w.windows])).toEqual([
      ['Server room too hot', 2160, true, ['restore']],
      ['Chiller trips', 1440, false, ['restore']],
      [expect.any(String), 240, false, ['response', 'restore']],
    ]);
    expect(r.current.worst[2]!.credit).toEqual({ amount: 3600, currency: 'EUR' });
  });

  it('counts unbilled time, disputes, lead time and credits of the week', async () => {
    const r = await weeklyKpis(await kit.as('max'), { team: 'hvac-paris', week: '2026-W47' });
    const c = r.current;
    expect(c.unbilled.loggedMinutes).toBe(270);
    expect(c.unbilled.unbilledMinutes).toBe(90);
    expect(c.unbilled.byContract[0]!.reasons).toEqual([{ reason: { code: 'out-of-scope', task: 'DUCT-CLEAN' }, minutes: 90 }]);
    // 5 lines on the W47 invoice, line 4 disputed: 20%; 2 disputes raised in W47
    expect(c.disputes.rate).toEqual({ numerator: 1, denominator: 5, value: 0.2 });
    expect(c.disputes.raised).toBe(2);
    // J1 48 h, J2 20 h (J6 went out on the W46 invoice): median 34 h, p90 20 + 0.9 * 28 = 45.2 h
    expect(c.leadTime.jobs).toBe(2);
    expect(c.leadTime.medianHours).toBeCloseTo(34, 9);
    expect(c.leadTime.p90Hours).toBeCloseTo(45.2, 9);
    expect(r.previous.leadTime).toMatchObject({ jobs: 1, medianHours: 22 });
    expect(c.credits.byCurrency).toEqual([{ currency: 'EUR', sla: 3600, slaCount: 1, goodwill: 15000, goodwillCount: 1 }]);
  });

  it('covers every team in the default zone when no team is named', async () => {
    const r = await weeklyKpis(await kit.as('max'), { week: '2026-W47' });
    expect(r.scope.team).toBeNull();
    expect(r.scope.zone).toBe('UTC');
    // UTC week [16 Nov, 23 Nov): the four Paris jobs, the one closed 22 Nov 23:30Z, and Northwind's.
    expect(r.current.sla.closed).toBe(6);
    expect(r.current.sla.byTeam.map((t) => t.key)).toEqual(['hvac-paris', 'telecom-uk']);
  });

  it('says why time is unbilled in the reader\'s language; a digest stored with English reasons shows them as stored', async () => {
    const r = await weeklyKpis(await kit.as('max'), { team: 'hvac-paris', week: '2026-W47' });
    const en = renderText(inLanguage('en', () => digestCard(r)));
    expect(en).toContain('ACME-HVAC: 1h30m, DUCT-CLEAN is out of scope and was not approved');
    const fr = renderText(inLanguage('fr', () => digestCard(r))).replace(/[\u00a0\u202f]/g, ' ');
    expect(fr).toMatch(/ACME-HVAC : 1 h.*, DUCT-CLEAN est hors périmètre et n’a pas été approuvé/);
    expect(fr).not.toContain('out of scope');
    // A digest stored before reasons were codes.
    const json = JSON.parse(JSON.stringify(r)) as { current: { unbilled: { byContract: { reasons: { reason: unknown }[] }[] } } };
    json.current.unbilled.byContract[0]!.reasons[0]!.reason = 'DUCT-CLEAN was not approved (old words)';
    expect(renderText(inLanguage('fr', () => digestCard(reviveReport(json))))).toContain('DUCT-CLEAN was not approved (old words)');
  });

  it('gives the API each unbilled reason as its English text, a string as before, and as a code', async () => {
    const token = await createToken(kit.db.db, 'bi', ['read']);
    const res = await kit.app.api.request('/api/v1/kpis?team=hvac-paris&week=2026-W47', { headers: { authorization: `Bearer ${token}`, 'accept-language': 'fr' } });
    const body = (await res.json()) as { current: { unbilled: { byContract: { reasons: unknown[] }[] } } };
    expect(body.current.unbilled.byContract[0]!.reasons).toEqual([{ reason: 'DUCT-CLEAN is out of scope and was not approved', code: { code: 'out-of-scope', task: 'DUCT-CLEAN' }, minutes: 90 }]);
  });

  it('an empty week says so and never produces NaN', async () => {
    const r = await weeklyKpis(await kit.as('max'), { team: 'hvac-paris', week: '2026-W30' });
    expect(r.current.sla.closed).toBe(0);
    expect(formatRatio(r.current.sla.response, EMPTY.jobs)).toBe('no jobs this week');
    expect(r.current.leadTime.medianHours).toBeNull();
    expect(r.current.disputes.rate.value).toBeNull();
    expect(r.series).toHaveLength(8);
    expect(r.series.every((p) => p.response === null && p.closed === 0)).toBe(true);
    expect(JSON.stringify(r)).not.toContain('NaN');
  });

  it('the chart series ends with the week asked for', async () => {
    const r = await weeklyKpis(await kit.as('max'), { team: 'hvac-paris', week: '2026-W47' });
    expect(r.series.map((p) => p.label)).toEqual(['2026-W40', '2026-W41', '2026-W42', '2026-W43', '2026-W44', '2026-W45', '2026-W46', '2026-W47']);
    // each week carries the digest's five KPIs, the same numbers as the week's own report
    expect(r.series.at(-1)).toEqual({ label: '2026-W47', closed: 4, response: 75, restore: 50, disputes: 20, unbilled: 33.3, leadHours: 34, renewals: null });
    const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
    expect(r.series.at(-1)).toMatchObject({ disputes: pct(r.current.disputes.rate.value), unbilled: pct(r.current.unbilled.share.value), leadHours: r.current.leadTime.medianHours });
    expect(r.series.at(-2)).toEqual({
      label: '2026-W46',
      closed: 2,
      response: 100,
      restore: 100,
      disputes: pct(r.previous.disputes.rate.value),
      unbilled: pct(r.previous.unbilled.share.value),
      leadHours: r.previous.leadTime.medianHours,
      renewals: pct(r.previous.renewals.rate.value),
    });
  });

  it('renewal readiness: contracts ending within 30 days of the week, with a pack made before its end', async () => {
    kit.clock.set('2026-12-14T10:00:00Z');
    // W50 ends Sunday 13 Dec: Acme ends 31 Dec, within 30 days. No pack yet.
    let r = await weeklyKpis(await kit.as('max'), { team: 'hvac-paris', week: '2026-W50' });
    expect(r.current.renewals.contracts).toEqual([{ contractId: 'ACME-HVAC', end: '2026-12-31', ready: false }]);
    expect(r.current.renewals.rate.value).toBe(0);
    await kit.db.db.insert(scheduledRuns).values({ key: renewalReadyKey('ACME-HVAC', '2026-12-31'), at: new Date('2026-11-01T09:00:00Z') });
    r = await weeklyKpis(await kit.as('max'), { team: 'hvac-paris', week: '2026-W50' });
    expect(r.current.renewals.rate.value).toBe(1);
    // The week before (ending 6 Dec, until 5 Jan): ready too, the pack is older.
    expect(r.previous.renewals.rate.value).toBe(1);
    kit.clock.set('2026-11-23T08:00:00Z');
  });

  it('refuses unknown teams, bad weeks, future weeks and people without a role', async () => {
    const max = await kit.as('max');
    await expect(weeklyKpis(max, { team: 'hvac-pari' })).rejects.toThrow(/No team hvac-pari/);
    await expect(weeklyKpis(max, { week: 'someday' })).rejects.toThrow(/not a week/);
    await expect(weeklyKpis(max, { week: '2026-W50' })).rejects.toThrow(/has not started/);
    const nobody = { ...max, actor: { via: 'shell' as const, person: { ...max.actor.person!, roles: [] }, label: 'x' } };
    await expect(weeklyKpis(nobody, {})).rejects.toThrow(/see KPIs/);
  });
});
