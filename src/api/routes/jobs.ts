import { createRoute, z } from '@hono/zod-openapi';
import { and, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import { alerts, jobs } from '../../../db/schema.js';
import { assignJob } from '../../jobs/assign-job.js';
import { changePriority } from '../../jobs/change-priority.js';
import { setEta } from '../../jobs/set-eta.js';
import { changeStatus } from '../../jobs/change-status.js';
import { createJob } from '../../jobs/create-job.js';
import { listJobs } from '../../jobs/list-jobs.js';
import { viewJob } from '../../jobs/view-job.js';
import { explainText } from '../../rules/sla-explain.js';
import type { WindowState } from '../../rules/sla.js';
import type { Api } from '../app.js';
import { requireScope } from '../app.js';
import { ProblemSchema, security } from '../schemas.js';
import { invalid } from '../../errors.js';

/** A cursor is an id this list gave out; anything else is refused here, not sent to SQL as an int4. */
function cursorId(cursor: string | undefined): number | undefined {
  if (!cursor) return undefined;
  if (!/^\d{1,10}$/.test(cursor) || Number(cursor) > 2_147_483_647) throw invalid(`cursor "${cursor.slice(0, 40)}" is not one this list gave out; pass nextCursor from the previous page.`);
  return Number(cursor);
}

const problem = (d: string) => ({ description: d, content: { 'application/problem+json': { schema: ProblemSchema } } });
const errors = { 400: problem('Invalid input'), 401: problem('No or bad token'), 403: problem('Missing scope or role'), 404: problem('Not found'), 412: problem('Not allowed in the current state') };

const WindowSchema = z
  .object({
    window: z.enum(['response', 'restore']),
    priority: z.string(),
    targetMinutes: z.number(),
    calendar: z.string(),
    clock: z.enum(['running', 'paused', 'stopped']),
    outcome: z.enum(['pending', 'met', 'breached', 'cancelled']),
    startedAt: z.string(),
    dueAt: z.string().nullable(),
    remainingMinutes: z.number(),
    elapsedMinutes: z.number(),
    pausedMinutes: z.number(),
    breached: z.boolean(),
    breachedAt: z.string().nullable(),
    explanation: z.string().describe('plain-English reason for the due time, in the site zone'),
    details: z.record(z.string(), z.unknown()).describe('the structured explanation: closed spans, pauses, priority changes'),
  })
  .openapi('SlaWindow');

const JobSchema = z
  .object({
    id: z.string().describe('J-1001'),
    contract: z.string(),
    contractVersion: z.number().int(),
    site: z.string(),
    priority: z.string(),
    status: z.string(),
    summary: z.string(),
    reportedAt: z.string(),
    assignee: z.string().nullable(),
    eta: z.string().nullable().describe('when the technician is expected on site, if recorded ({{job.eta}})'),
    zone: z.string(),
    sla: z.object({ response: WindowSchema, restore: WindowSchema, nextCheckAt: z.string().nullable() }),
  })
  .openapi('Job');

function windowJson(w: WindowState, zone: string) {
  return {
    window: w.window,
    priority: w.priority,
    targetMinutes: w.targetMinutes,
    calendar: w.calendar,
    clock: w.clock,
    outcome: w.outcome,
    startedAt: w.startedAt.toISOString(),
    dueAt: w.dueAt?.toISOString() ?? null,
    remainingMinutes: w.remainingMinutes,
    elapsedMinutes: w.elapsedMinutes,
    pausedMinutes: w.pausedMinutes,
    breached: w.breached,
    breachedAt: w.breachedAt?.toISOString() ?? null,
    explanation: explainText(w, zone),
    details: JSON.parse(JSON.stringify(w.explanation)) as Record<string, unknown>,
  };
}

async function jobJson(ctx: Parameters<typeof viewJob>[0], ref: string) {
  const v = await viewJob(ctx, ref);
  return {
    id: v.job.ref,
    contract: v.job.contractId,
    contractVersion: v.job.contractVersion,
    site: v.job.siteId,
    priority: v.job.priority,
    status: v.job.status,
    summary: v.job.summary,
    reportedAt: v.job.reportedAt.toISOString(),
    assignee: v.assignee ?? null,
    eta: v.job.eta?.toISOString() ?? null,
    zone: v.zone,
    sla: { response: windowJson(v.state.windows.response, v.zone), restore: windowJson(v.state.windows.restore, v.zone), nextCheckAt: v.state.nextCheckAt?.toISOString() ?? null },
  };
}

const at = z.iso.datetime({ offset: true }).optional().describe('when it happened (ISO 8601); default now; never in the future');

export function registerJobRoutes(api: Api): void {
  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/jobs',
      security,
      tags: ['jobs'],
      summary: 'Create a job; its SLA clocks start at the report time',
      request: { body: { required: true, content: { 'application/json': { schema: z.object({ contract: z.string().min(1), site: z.string().min(1), priority: z.string().regex(/^P[1-4]$/i, 'must be P1, P2, P3 or P4'), summary: z.string().min(1).max(500), reportedAt: at }).openapi('NewJob') } } } },
      responses: { 201: { description: 'Created', content: { 'application/json': { schema: JobSchema } } }, ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      requireScope(ctx, 'write');
      const b = c.req.valid('json');
      const r = await createJob(ctx, { contract: b.contract, site: b.site, priority: b.priority, summary: b.summary, at: b.reportedAt ? new Date(b.reportedAt) : undefined });
      return c.json(await jobJson(ctx, r.ref), 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/jobs',
      security,
      tags: ['jobs'],
      summary: 'List jobs, newest first, with cursor pagination',
      request: { query: z.object({ contract: z.string().optional(), site: z.string().optional(), status: z.string().optional().describe('comma-separated statuses'), open: z.enum(['true', 'false']).optional(), limit: z.coerce.number().int().min(1).max(200).default(50), cursor: z.string().optional() }) },
      responses: { 200: { description: 'A page of jobs', content: { 'application/json': { schema: z.object({ items: z.array(z.object({ id: z.string(), contract: z.string(), site: z.string(), priority: z.string(), status: z.string(), summary: z.string(), reportedAt: z.string(), responseDueAt: z.string().nullable(), restoreDueAt: z.string().nullable(), breached: z.boolean() })), nextCursor: z.string().nullable() }) } } }, ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      requireScope(ctx, 'read');
      const q = c.req.valid('query');
      const rows = await listJobs(ctx, { contract: q.contract, site: q.site, status: q.status?.split(',').filter(Boolean), openOnly: q.open === 'true', limit: q.limit, before: cursorId(q.cursor) });
      return c.json(
        {
          items: rows.map((j) => ({ id: j.ref, contract: j.contractId, site: j.siteId, priority: j.priority, status: j.status, summary: j.summary, reportedAt: j.reportedAt.toISOString(), responseDueAt: j.responseDueAt?.toISOString() ?? null, restoreDueAt: j.restoreDueAt?.toISOString() ?? null, breached: j.responseBreached || j.restoreBreached })),
          nextCursor: rows.length === q.limit ? String(rows[rows.length - 1]!.id) : null,
        },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/jobs/{id}',
      security,
      tags: ['jobs'],
      summary: 'A job with its due times, states and explanations',
      request: { params: z.object({ id: z.string() }) },
      responses: { 200: { description: 'The job', content: { 'application/json': { schema: JobSchema } } }, ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      requireScope(ctx, 'read');
      return c.json(await jobJson(ctx, c.req.valid('param').id), 200);
    },
  );

  const EventBody = z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('status'), status: z.string().min(1), at, reason: z.string().max(1000).optional(), eta: z.string().max(40).optional().describe('en_route only: expected arrival, ISO (site time unless it has an offset), 14:30 or +45m') }),
      z.object({ kind: z.literal('eta'), eta: z.string().min(1).max(40).describe('expected arrival: ISO (site time unless it has an offset), 14:30, +45m; "clear" removes it') }),
      z.object({ kind: z.literal('priority'), priority: z.string().regex(/^P[1-4]$/i), reason: z.string().min(1).max(1000), at }),
      z.object({ kind: z.literal('assign'), technician: z.union([z.string().min(1), z.number().int()]).describe('e-mail, handle or person id'), at, reason: z.string().max(1000).optional() }),
    ])
    .openapi('JobEvent');

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/jobs/{id}/events',
      security,
      tags: ['jobs'],
      summary: 'Record a status change (en_route with an optional `eta`), priority change, assignment (optional `at` for offline work) or an ETA',
      request: { params: z.object({ id: z.string() }), body: { required: true, content: { 'application/json': { schema: EventBody } } } },
      responses: { 200: { description: 'The job after the change', content: { 'application/json': { schema: JobSchema } } }, ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      requireScope(ctx, 'write');
      const ref = c.req.valid('param').id;
      const b = c.req.valid('json');
      const when = 'at' in b && b.at ? new Date(b.at) : undefined;
      if (b.kind === 'status') await changeStatus(ctx, { job: ref, to: b.status, at: when, reason: b.reason, eta: b.eta });
      else if (b.kind === 'eta') await setEta(ctx, { job: ref, eta: b.eta });
      else if (b.kind === 'priority') await changePriority(ctx, { job: ref, priority: b.priority, reason: b.reason, at: when });
      else await assignJob(ctx, { job: ref, technician: b.technician, at: when, reason: b.reason });
      return c.json(await jobJson(ctx, ref), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/alerts',
      security,
      tags: ['jobs'],
      summary: 'Breach-risk and breach alerts, newest first',
      request: { query: z.object({ job: z.string().optional(), open: z.enum(['true', 'false']).optional().describe('only alerts nobody acted on'), limit: z.coerce.number().int().min(1).max(200).default(50), cursor: z.string().optional() }) },
      responses: { 200: { description: 'Alerts', content: { 'application/json': { schema: z.object({ items: z.array(z.object({ id: z.number().int(), job: z.string(), window: z.string(), level: z.string(), dueAt: z.string(), createdAt: z.string(), action: z.string().nullable(), actedAt: z.string().nullable(), actionDetail: z.string().nullable() })), nextCursor: z.string().nullable() }) } } }, ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      requireScope(ctx, 'read');
      const q = c.req.valid('query');
      const where: SQL[] = [];
      if (q.job) where.push(sql`lower(${jobs.ref}) = lower(${q.job})`);
      if (q.open === 'true') where.push(sql`${alerts.action} is null`);
      if (q.cursor) where.push(lt(alerts.id, cursorId(q.cursor)!));
      const rows = await ctx.db
        .select({ a: alerts, ref: jobs.ref })
        .from(alerts)
        .innerJoin(jobs, eq(jobs.id, alerts.jobId))
        .where(where.length ? and(...where) : undefined)
        .orderBy(desc(alerts.id))
        .limit(q.limit);
      return c.json(
        {
          items: rows.map(({ a, ref }) => ({ id: a.id, job: ref, window: a.window, level: a.level, dueAt: a.dueAt.toISOString(), createdAt: a.createdAt.toISOString(), action: a.action, actedAt: a.actedAt?.toISOString() ?? null, actionDetail: a.actionDetail })),
          nextCursor: rows.length === q.limit ? String(rows[rows.length - 1]!.a.id) : null,
        },
        200,
      );
    },
  );
}
