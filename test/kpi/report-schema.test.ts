/** The KPI report has one schema: the rules' types, the stored digest and the API document agree with it. */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { changeSchema, kpiReportSchema, weekKpisSchema, weekPointSchema, weekSchema } from '../../src/kpi/report-schema.js';
import type { Change, Week, WeekKpis, WeekPoint } from '../../src/rules/kpi.js';

const week = { label: '2026-W47', weekYear: 2026, weekNumber: 47, zone: 'Europe/Paris', from: '2026-11-16', to: '2026-11-22', start: '2026-11-15T23:00:00.000Z', end: '2026-11-22T23:00:00.000Z' };
const none = { numerator: 0, denominator: 0, value: null };
const kpis = {
  week,
  opened: 0,
  sla: { closed: 0, response: none, restore: none, byContract: [], byTeam: [], byPriority: [] },
  unbilled: { loggedMinutes: 0, unbilledMinutes: 0, share: none, byContract: [] },
  disputes: { rate: none, raised: 0 },
  leadTime: { jobs: 0, medianHours: null, p90Hours: null },
  credits: { byCurrency: [] },
  renewals: { rate: none, contracts: [] },
  worst: [],
};
const stored = { scope: { team: 'hvac-paris', teamName: 'HVAC Paris', zone: 'Europe/Paris', contracts: ['ACME-HVAC'] }, at: '2026-11-23T08:00:00.000Z', partial: false, current: kpis, previous: kpis, changes: [], series: [] };

describe('KPI report schema', () => {
  it('is the shape the KPI rules compute, field for field', () => {
    expectTypeOf<z.output<typeof weekSchema>>().toEqualTypeOf<Week>();
    expectTypeOf<z.output<typeof weekPointSchema>>().toEqualTypeOf<WeekPoint>();
    expectTypeOf<z.output<typeof changeSchema>>().toEqualTypeOf<Change>();
    expectTypeOf<z.output<typeof weekKpisSchema>>().toEqualTypeOf<WeekKpis>();
  });

  it('reads a stored digest back with its instants as Dates', () => {
    const r = kpiReportSchema.parse(JSON.parse(JSON.stringify(stored)));
    expect(r.at).toEqual(new Date('2026-11-23T08:00:00Z'));
    expect(r.current.week.start).toEqual(new Date('2026-11-15T23:00:00Z'));
    expect(kpiReportSchema.parse(r)).toEqual(r);
  });

  it('refuses a stored report that is not a KPI report, naming the field', () => {
    const bad = { ...stored, current: { ...kpis, opened: 'many' } };
    const r = kpiReportSchema.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['current', 'opened']);
    expect(kpiReportSchema.safeParse({ ...stored, at: 'yesterday' }).success).toBe(false);
  });
});
