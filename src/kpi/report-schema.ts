/**
 * The weekly KPI report's one schema: what `computeKpis` returns (`KpiReport` is its output type),
 * what a stored digest is parsed back with, and what the API documents under `/api/v1/kpis`.
 * Instants are Dates in memory and ISO strings in JSON; the schema reads either.
 */
import { z } from 'zod';

/** An instant: a Date, or its ISO string as JSON carries it. */
export const instantSchema = z
  .union([z.date(), z.iso.datetime({ offset: true })])
  .pipe(z.coerce.date())
  .meta({ type: 'string', format: 'date-time' });

export const ratioSchema = z
  .object({ numerator: z.number(), denominator: z.number(), value: z.number().nullable().describe('numerator / denominator; null when there was nothing to count (an empty week), never NaN') })
  .meta({ id: 'Ratio' });

export const slaCutSchema = z.object({ key: z.string(), closed: z.number().int(), response: ratioSchema, restore: ratioSchema }).meta({ id: 'SlaCut' });

export const weekSchema = z
  .object({
    label: z.string().describe('ISO week, 2026-W47'),
    weekYear: z.number().int(),
    weekNumber: z.number().int(),
    zone: z.string(),
    from: z.string(),
    to: z.string(),
    start: instantSchema,
    end: instantSchema,
  })
  .meta({ id: 'Week' });

export const weekPointSchema = z
  .object({
    label: z.string(),
    closed: z.number().int(),
    response: z.number().nullable(),
    restore: z.number().nullable(),
    disputes: z.number().nullable().optional().describe('dispute rate, percent of invoice lines'),
    unbilled: z.number().nullable().optional().describe('percent of logged time not billable'),
    leadHours: z.number().nullable().optional().describe('median hours from close to invoice'),
    renewals: z.number().nullable().optional().describe('percent of contracts ending within 30 days with a renewal pack ready'),
  })
  .meta({ id: 'SlaPoint' });

const slaWindowSchema = z.enum(['response', 'restore']);

/** Why logged time is not billable: a code and the task code it names (src/rules/kpi.ts `UnbilledReason`). */
export const unbilledReasonSchema = z
  .union([z.object({ code: z.literal('unknown-contract') }), z.object({ code: z.enum(['not-in-contract', 'out-of-scope', 'per-km']), task: z.string().describe('the task code logged') })])
  .meta({ id: 'UnbilledReason' });

const unbilledByReasonSchema = z.object({
  reason: z.union([unbilledReasonSchema, z.string().describe("a reason kept as English text: the API's rendering, or a digest stored with text reasons, shown as written")]),
  minutes: z.number(),
  code: unbilledReasonSchema.optional().describe('the reason as a code (the API, beside its English text)'),
});

export const weekKpisSchema = z
  .object({
    week: weekSchema,
    opened: z.number().int(),
    sla: z.object({ closed: z.number().int(), response: ratioSchema, restore: ratioSchema, byContract: z.array(slaCutSchema), byTeam: z.array(slaCutSchema), byPriority: z.array(slaCutSchema) }),
    unbilled: z.object({
      loggedMinutes: z.number(),
      unbilledMinutes: z.number(),
      share: ratioSchema,
      byContract: z.array(z.object({ contractId: z.string(), minutes: z.number(), reasons: z.array(unbilledByReasonSchema) })),
    }),
    disputes: z.object({ rate: ratioSchema, raised: z.number().int(), accepted: z.number().int().default(0).describe('disputes accepted during the week'), rejected: z.number().int().default(0).describe('disputes rejected during the week') }),
    leadTime: z.object({ jobs: z.number().int(), medianHours: z.number().nullable(), p90Hours: z.number().nullable() }),
    credits: z.object({ byCurrency: z.array(z.object({ currency: z.string(), sla: z.number(), slaCount: z.number(), goodwill: z.number(), goodwillCount: z.number() })) }).describe('amounts in minor units'),
    renewals: z.object({ rate: ratioSchema, contracts: z.array(z.object({ contractId: z.string(), end: z.string(), ready: z.boolean() })) }),
    worst: z.array(
      z.object({
        ref: z.string(),
        contractId: z.string(),
        siteId: z.string(),
        priority: z.string(),
        summary: z.string(),
        windows: z.array(slaWindowSchema),
        lateMinutes: z.number(),
        open: z.boolean(),
        credit: z.object({ amount: z.number(), currency: z.string() }).optional(),
      }),
    ),
  })
  .meta({ id: 'WeekKpis' });

export const changeSchema = z.object({
  key: z.string(),
  label: z.string(),
  current: z.number().nullable(),
  previous: z.number().nullable(),
  delta: z.number().nullable(),
  unit: z.enum(['pts', 'h', 'jobs', '']),
  better: z.enum(['up', 'down', 'neither']),
  direction: z.enum(['up', 'down', 'flat']).nullable(),
  good: z.boolean().nullable(),
});

export const kpiReportSchema = z
  .object({
    scope: z.object({ team: z.string().nullable(), teamName: z.string().nullable(), zone: z.string(), contracts: z.array(z.string()) }),
    at: instantSchema.describe('when it was computed'),
    partial: z.boolean().describe('the week is not over yet'),
    current: weekKpisSchema,
    previous: weekKpisSchema,
    changes: z.array(changeSchema),
    series: z.array(weekPointSchema).describe('the 8 weeks ending with the week asked for'),
  })
  .meta({ id: 'KpiReport' });

export type KpiReport = z.output<typeof kpiReportSchema>;
