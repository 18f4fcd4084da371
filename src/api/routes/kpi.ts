/**
 * KPI and renewal routes: the weekly KPIs as JSON (what the digest shows, with the cuts and the
 * 8-week series), and a contract's renewal pack as JSON or PDF.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { instantSchema, kpiReportSchema, ratioSchema, slaCutSchema, weekPointSchema } from '../../kpi/report-schema.js';
import { unbilledReasonText } from '../../kpi/kpi-text.js';
import { weeklyKpis, type KpiReport } from '../../kpi/weekly-kpis.js';
import { renewalOutputs } from '../../renewals/outputs.js';
import { renewalPack } from '../../renewals/renewal-pack.js';
import type { Api } from '../app.js';
import { ProblemSchema, scoped } from '../schemas.js';

const problem = (d: string) => ({ description: d, content: { 'application/problem+json': { schema: ProblemSchema } } });
const errors = { 400: problem('Invalid input'), 401: problem('No or bad token'), 403: problem('Missing scope or role'), 404: problem('Unknown team or contract') };

const RenewalSchema = z
  .object({
    contract: z.object({ id: z.string(), customer: z.string(), currency: z.string(), team: z.string(), version: z.number().int(), term: z.record(z.string(), z.unknown()), fee: z.number() }),
    zone: z.string(),
    asOf: z.string(),
    at: instantSchema,
    span: z.object({ from: z.string(), to: z.string() }),
    packDate: z.string(),
    noticeDeadline: z.string(),
    daysToEnd: z.number().int(),
    sla: z.object({ closed: z.number().int(), response: ratioSchema, restore: ratioSchema, byPriority: z.array(slaCutSchema), months: z.array(weekPointSchema) }),
    credits: z.object({ sla: z.number(), slaCount: z.number(), goodwill: z.number(), goodwillCount: z.number(), capped: z.number() }),
    value: z.union([
      z.object({ nominalCovered: z.number(), feeBilled: z.number(), billable: z.number(), ratio: ratioSchema, loggedMinutes: z.number(), unbilledMinutes: z.number() }),
      z.object({ error: z.literal('rating-failed').describe('the value could not be computed: rating the term failed'), detail: z.string().describe('the technical cause') }),
    ]),
    prepaid: z.array(z.object({ hours: z.number(), codes: z.array(z.string()), from: z.string(), until: z.string(), usedMinutes: z.number() })),
    disputes: z.object({ lines: z.number(), disputed: z.number(), open: z.number(), amount: z.number() }),
    highlights: z.array(
      z.object({
        ref: z.string(),
        priority: z.string(),
        window: z.enum(['response', 'restore']),
        level: z.string(),
        action: z.string(),
        actedBy: z.string().nullable(),
        actedAt: instantSchema,
        dueAt: instantSchema,
        avoided: z.number().nullable(),
        marginMinutes: z.number(),
      }),
    ),
  })
  .openapi('RenewalPack');

/** Each unbilled reason as English text (`reason`, a string as it always was) and as a code (`code`). */
function withReasonTexts(w: KpiReport['current']): KpiReport['current'] {
  const byContract = w.unbilled.byContract.map((c) => ({ ...c, reasons: c.reasons.map((x) => ({ reason: unbilledReasonText(x.reason), minutes: x.minutes, ...(typeof x.reason === 'string' ? {} : { code: x.reason }) })) }));
  return { ...w, unbilled: { ...w.unbilled, byContract } };
}

export function registerKpiRoutes(api: Api): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/kpis',
      security: scoped('read'),
      tags: ['kpis'],
      summary: 'Weekly KPIs of a team (or all teams), with the week before and the 8-week series',
      description: 'Definitions in docs/kpi.md. Weeks are ISO weeks in the team zone (all teams: the default zone).',
      request: {
        query: z.object({
          week: z.string().optional().describe('2026-W47, W47, last (default), this, or a date in the week'),
          team: z.string().optional().describe('team id; omit for all teams'),
        }),
      },
      responses: { 200: { description: 'The KPIs', content: { 'application/json': { schema: kpiReportSchema } } }, ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const q = c.req.valid('query');
      const r = await weeklyKpis(ctx, { team: q.team, week: q.week });
      return c.json({ ...r, current: withReasonTexts(r.current), previous: withReasonTexts(r.previous) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/contracts/{id}/renewal',
      security: scoped('read'),
      tags: ['kpis'],
      summary: "A contract's renewal pack, as JSON or (format=pdf) as a PDF",
      description: 'Managers and finance (a token with the finance scope). Producing a pack marks it ready for the renewal readiness KPI.',
      request: { params: z.object({ id: z.string() }), query: z.object({ format: z.enum(['json', 'pdf']).optional() }) },
      responses: {
        200: {
          description: 'The renewal pack',
          content: { 'application/json': { schema: RenewalSchema }, 'application/pdf': { schema: z.string().openapi({ type: 'string', format: 'binary' }) } },
        },
        ...errors,
      },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const pack = await renewalPack(ctx, { contract: c.req.valid('param').id });
      if (c.req.valid('query').format === 'pdf') {
        const out = await renewalOutputs(ctx, pack);
        const name = `renewal-${pack.contract.id}-${pack.contract.term.end}.pdf`.replace(/[^A-Za-z0-9._-]/g, '_');
        return new Response(new Uint8Array(out.pdf), { status: 200, headers: { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="${name}"` } }) as never;
      }
      return c.json(pack, 200);
    },
  );
}
