import { createRoute, z } from '@hono/zod-openapi';
import { actsOf } from '../../alerts/alert-acts.js';
import { listAlerts } from '../../alerts/list-alerts.js';
import { assignJob } from '../../jobs/assign-job.js';
import { changePriority } from '../../jobs/change-priority.js';
import { setEta } from '../../jobs/set-eta.js';
import { changeStatus } from '../../jobs/change-status.js';
import { createJob } from '../../jobs/create-job.js';
import { createJobWithHistory } from '../../jobs/create-job-with-history.js';
import { listJobs } from '../../jobs/list-jobs.js';
import { loadQueue, resolveTeams } from '../../dispatch/queue.js';
import { viewJob } from '../../jobs/view-job.js';
import { explainText } from '../../jobs/sla-text.js';
import type { WindowState } from '../../rules/sla.js';
import type { Api } from '../app.js';
import { ProblemSchema, scoped } from '../schemas.js';
import { invalid } from '../../errors.js';
import { findContract } from '../../contracts/store.js';
import { JOB_STATUSES } from '../../rules/contract-types.js';
import { boolParam, checkRange, dateQuery, dayAfter, dayStart, idCursor, instantParam, nextCursor, pageQuery } from './paging.js';
import { t } from '../../i18n/index.js';

const problem = (d: string) => ({ description: d, content: { 'application/problem+json': { schema: ProblemSchema } } });
const errors = { 400: problem('Invalid input'), 401: problem('No or bad token'), 403: problem('Missing scope or role'), 404: problem('Not found'), 412: problem('Not allowed in the current state') };

/** P1..P4, either case; a plain pattern (no flags) so every validating client reads it. */
const PrioritySchema = z.string().regex(/^[Pp][1-4]$/, 'must be P1, P2, P3 or P4').openapi({ example: 'P2' });

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
    closedAt: z.string().nullable(),
    updatedAt: z.string().describe('last change: status, priority, assignment or SLA state (the list filter updatedSince)'),
    sla: z.object({
      response: WindowSchema,
      restore: WindowSchema,
      nextCheckAt: z.string().nullable(),
      warnings: z
        .array(
          z.object({
            window: z.enum(['response', 'restore']),
            level: z.string().describe('a warnAt level such as 75%, or breach'),
            at: z.string().nullable().describe('when the level is (or was) reached; null for an alert sent before the clock stopped'),
            fired: z.boolean().describe('the alert for this level has been raised'),
          }),
        )
        .describe("each window's warning and breach instants, and which alerts have fired"),
    }),
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
    explanation: explainText(w, zone, 'en'),
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
    closedAt: v.job.closedAt?.toISOString() ?? null,
    updatedAt: v.job.updatedAt.toISOString(),
    sla: {
      response: windowJson(v.state.windows.response, v.zone),
      restore: windowJson(v.state.windows.restore, v.zone),
      nextCheckAt: v.state.nextCheckAt?.toISOString() ?? null,
      warnings: v.warnings.map((w) => ({ window: w.window, level: w.level, at: w.at?.toISOString() ?? null, fired: w.fired })),
    },
  };
}

const JobListItem = z
  .object({
    id: z.string(),
    contract: z.string(),
    site: z.string(),
    priority: z.string(),
    status: z.string(),
    summary: z.string(),
    reportedAt: z.string(),
    responseDueAt: z.string().nullable(),
    restoreDueAt: z.string().nullable(),
    breached: z.boolean(),
    closedAt: z.string().nullable(),
    updatedAt: z.string().describe('last change: status, priority, assignment or SLA state'),
    assignee: z.string().nullable().optional().describe('order=risk: the assigned technician'),
    risk: z
      .object({
        window: z.enum(['response', 'restore']).nullable().describe('the window that breaches (or breached) first'),
        dueAt: z.string().nullable(),
        minutesLeft: z.number().int().nullable().describe('wall-clock minutes to dueAt; negative once over'),
        breached: z.boolean(),
        paused: z.boolean(),
        nextAlertAt: z.string().nullable().describe('the next breach-risk or breach alert not sent yet'),
      })
      .optional()
      .describe('order=risk only'),
  })
  .openapi('JobListItem', {
    example: { id: 'J-1001', contract: 'ACME-HVAC', site: 'PAR-HQ', priority: 'P2', status: 'assigned', summary: 'Chiller tripping', reportedAt: '2026-11-23T16:00:00.000Z', responseDueAt: '2026-11-24T10:00:00.000Z', restoreDueAt: '2026-11-25T16:00:00.000Z', breached: false, closedAt: null, updatedAt: '2026-11-23T16:05:00.000Z' },
  });

const AlertSchema = z
  .object({
    id: z.number().int(),
    job: z.string(),
    contract: z.string(),
    site: z.string(),
    window: z.string(),
    level: z.string(),
    dueAt: z.string(),
    createdAt: z.string(),
    action: z.string().nullable().describe('the first act taken on it (every act is in `acts`)'),
    actedAt: z.string().nullable().describe('when the first act was taken'),
    actionDetail: z.string().nullable().describe("the first act's outcome"),
    acts: z
      .array(z.object({ act: z.string().describe('a fallback (`reassign`, `escalate`, `notify_customer`, `subcontract`) or `acknowledge`'), by: z.string().nullable(), at: z.string(), detail: z.string().nullable(), message: z.number().int().nullable().describe('the customer or subcontractor message it wrote') }))
      .describe('what was done about it, oldest first: each fallback at most once; `acknowledge` closes it'),
    closedAt: z.string().nullable().describe('when a change to the job history meant the alert no longer applies'),
    closedReason: z.string().nullable().describe('why it was closed (the window as recomputed)'),
  })
  .openapi('Alert', { example: { id: 7, job: 'J-1002', contract: 'ACME-HVAC', site: 'LYO-DC', window: 'response', level: '75%', dueAt: '2026-11-24T10:30:00.000Z', createdAt: '2026-11-24T10:15:00.000Z', action: null, actedAt: null, actionDetail: null, acts: [], closedAt: null, closedReason: null } });

const at = z.iso.datetime({ offset: true }).optional().describe('when it happened (ISO 8601); default now; never in the future');

const HistoryEventSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('status'), status: z.string().min(1).max(40), at: z.iso.datetime({ offset: true }).describe('when it happened (ISO 8601)'), reason: z.string().max(1000).optional() }),
    z.object({ type: z.literal('priority'), priority: PrioritySchema, at: z.iso.datetime({ offset: true }).describe('when it happened (ISO 8601)'), reason: z.string().min(1).max(1000) }),
  ])
  .openapi('JobHistoryEvent');

export function registerJobRoutes(api: Api): void {
  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/jobs',
      security: scoped('write'),
      tags: ['jobs'],
      summary: 'Create a job; its SLA clocks start at the report time',
      description:
        'With `events`, the job is created with the history it already has (status and priority changes at their real times), all in one transaction, in time order: no monitor tick sees half of it, and a refused event (named by its index) saves nothing.',
      request: { body: { required: true, content: { 'application/json': { schema: z.object({ contract: z.string().min(1), site: z.string().min(1), priority: PrioritySchema, summary: z.string().min(1).max(500), reportedAt: at, events: z.array(HistoryEventSchema).max(200).optional() }).openapi('NewJob') } } } },
      responses: { 201: { description: 'Created', content: { 'application/json': { schema: JobSchema } } }, ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const b = c.req.valid('json');
      const job = { contract: b.contract, site: b.site, priority: b.priority, summary: b.summary, at: b.reportedAt ? new Date(b.reportedAt) : undefined };
      const r = b.events?.length
        ? await createJobWithHistory(ctx, { ...job, events: b.events.map((e) => ({ ...e, at: new Date(e.at) })) })
        : await createJob(ctx, job);
      return c.json(await jobJson(ctx, r.ref), 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/jobs',
      security: scoped('read'),
      tags: ['jobs'],
      summary: 'List jobs, newest first with cursor pagination, or the dispatch queue (order=risk)',
      description:
        '`order=risk` is the dispatch queue: open jobs only, soonest SLA breach first (breached first, then by due instant), each with its `risk` and `assignee`; it takes `team`, `site` and `limit` (at most 100, no cursor). Otherwise filters combine. `reportedFrom` is inclusive and `reportedTo` exclusive, so back-to-back windows never count a job twice. For sync, ask `updatedSince` the time of your last sync minus a margin: a job is updated by every status, priority or assignment change and by SLA checkpoints.',
      request: {
        query: z.object({
          contract: z.string().max(100).optional().describe('contract id; an unknown one is a 404 with the closest ids'),
          site: z.string().max(100).optional(),
          status: z.string().max(500).optional().describe(`comma-separated statuses: ${JOB_STATUSES.join(', ')}`).openapi({ example: 'open,assigned' }),
          open: boolParam('only jobs not resolved, closed or cancelled'),
          reportedFrom: instantParam('reported at or after this instant'),
          reportedTo: instantParam('reported before this instant'),
          updatedSince: instantParam('changed at or after this instant (sync)'),
          order: z.enum(['newest', 'risk']).optional().describe('newest (default) or risk: the dispatch queue'),
          team: z.string().max(500).optional().describe('order=risk: comma-separated team ids (default: every team)'),
          ...pageQuery,
        }),
      },
      responses: { 200: { description: 'A page of jobs', content: { 'application/json': { schema: z.object({ items: z.array(JobListItem), nextCursor: z.string().nullable() }) } } }, ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const q = c.req.valid('query');
      if (q.order === 'risk') {
        const unsupported = (['contract', 'status', 'reportedFrom', 'reportedTo', 'updatedSince', 'cursor'] as const).filter((k) => q[k] !== undefined);
        if (unsupported.length) throw invalid(t('errors-api.risk-filters', { names: unsupported.join(', ') }));
        const teams = q.team ? await resolveTeams(ctx.db, q.team.split(',').map((t) => t.trim()).filter(Boolean)) : [];
        const now = ctx.clock.now();
        const queue = await loadQueue(ctx.db, { teams, site: q.site, limit: Math.min(q.limit ?? 20, 100) }, now);
        return c.json(
          {
            items: queue.items.map((it) => ({
              id: it.job.ref,
              contract: it.job.contractId,
              site: it.job.siteId,
              priority: it.job.priority,
              status: it.job.status,
              summary: it.job.summary,
              reportedAt: it.job.reportedAt.toISOString(),
              responseDueAt: it.job.responseDueAt?.toISOString() ?? null,
              restoreDueAt: it.job.restoreDueAt?.toISOString() ?? null,
              breached: it.job.responseBreached || it.job.restoreBreached,
              closedAt: it.job.closedAt?.toISOString() ?? null,
              updatedAt: it.job.updatedAt.toISOString(),
              assignee: it.assignee,
              risk: {
                window: it.risk.window,
                dueAt: it.risk.dueAt?.toISOString() ?? null,
                minutesLeft: it.risk.leftMinutes,
                breached: it.risk.breached,
                paused: it.risk.paused,
                nextAlertAt: it.nextAlert?.at.toISOString() ?? null,
              },
            })),
            nextCursor: null,
          },
          200,
        );
      }
      checkRange({ name: 'reportedFrom', value: q.reportedFrom }, { name: 'reportedTo', value: q.reportedTo });
      const status = q.status?.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
      const unknown = status?.filter((s) => !(JOB_STATUSES as readonly string[]).includes(s)) ?? [];
      if (unknown.length) throw invalid(t('errors-api.job-status', { typed: unknown.map((s) => `"${s.slice(0, 40)}"`).join(', ') }), [t('errors-api.statuses', { statuses: JOB_STATUSES.join(', ') })]);
      const contract = q.contract ? (await findContract(ctx.db, q.contract)).id : undefined;
      const rows = await listJobs(ctx, {
        contract,
        site: q.site,
        status,
        openOnly: q.open === 'true',
        limit: q.limit,
        before: idCursor(q.cursor),
        reportedFrom: q.reportedFrom ? new Date(q.reportedFrom) : undefined,
        reportedTo: q.reportedTo ? new Date(q.reportedTo) : undefined,
        updatedSince: q.updatedSince ? new Date(q.updatedSince) : undefined,
      });
      return c.json(
        {
          items: rows.map((j) => ({
            id: j.ref,
            contract: j.contractId,
            site: j.siteId,
            priority: j.priority,
            status: j.status,
            summary: j.summary,
            reportedAt: j.reportedAt.toISOString(),
            responseDueAt: j.responseDueAt?.toISOString() ?? null,
            restoreDueAt: j.restoreDueAt?.toISOString() ?? null,
            breached: j.responseBreached || j.restoreBreached,
            closedAt: j.closedAt?.toISOString() ?? null,
            updatedAt: j.updatedAt.toISOString(),
          })),
          nextCursor: nextCursor(rows, q.limit, (j) => j.id),
        },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/jobs/{id}',
      security: scoped('read'),
      tags: ['jobs'],
      summary: 'A job with its due times, states and explanations',
      request: { params: z.object({ id: z.string() }) },
      responses: { 200: { description: 'The job', content: { 'application/json': { schema: JobSchema } } }, ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      return c.json(await jobJson(ctx, c.req.valid('param').id), 200);
    },
  );

  const EventBody = z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('status'), status: z.string().min(1), at, reason: z.string().max(1000).optional(), eta: z.string().max(40).optional().describe('en_route only: expected arrival, ISO (site time unless it has an offset), 14:30 or +45m') }),
      z.object({ kind: z.literal('eta'), eta: z.string().min(1).max(40).describe('expected arrival: ISO (site time unless it has an offset), 14:30, +45m; "clear" removes it') }),
      z.object({ kind: z.literal('priority'), priority: PrioritySchema, reason: z.string().min(1).max(1000), at }),
      z.object({ kind: z.literal('assign'), technician: z.union([z.string().min(1), z.number().int()]).describe('e-mail, handle or person id'), at, reason: z.string().max(1000).optional() }),
    ])
    .openapi('JobEvent');

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/jobs/{id}/events',
      security: scoped('write'),
      tags: ['jobs'],
      summary: 'Record a status change (en_route with an optional `eta`), priority change, assignment (optional `at` for offline work) or an ETA',
      request: { params: z.object({ id: z.string() }), body: { required: true, content: { 'application/json': { schema: EventBody } } } },
      responses: { 200: { description: 'The job after the change', content: { 'application/json': { schema: JobSchema } } }, ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
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
      security: scoped('read'),
      tags: ['jobs'],
      summary: 'Breach-risk and breach alerts, newest first',
      request: {
        query: z.object({
          contract: z.string().max(100).optional().describe("the alerted job's contract; an unknown one is a 404"),
          site: z.string().max(100).optional(),
          job: z.string().max(100).optional().describe('J-1001; an unknown one is a 404'),
          open: boolParam('only alerts nobody acted on'),
          level: z.string().max(20).optional().describe('75% (or another warn level) or breach'),
          window: z.enum(['response', 'restore']).optional(),
          ...dateQuery,
          ...pageQuery,
        }),
      },
      responses: { 200: { description: 'Alerts', content: { 'application/json': { schema: z.object({ items: z.array(AlertSchema), nextCursor: z.string().nullable() }) } } }, ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const q = c.req.valid('query');
      checkRange({ name: 'from', value: q.from }, { name: 'to', value: q.to });
      const rows = await listAlerts(ctx, {
        contract: q.contract,
        site: q.site,
        job: q.job,
        open: q.open === undefined ? undefined : q.open === 'true',
        level: q.level,
        window: q.window,
        from: q.from ? dayStart(q.from) : undefined,
        until: q.to ? dayAfter(q.to) : undefined,
        before: idCursor(q.cursor),
        limit: q.limit,
      });
      const acts = await actsOf(ctx.db, rows.map((r) => r.a.id));
      return c.json(
        {
          items: rows.map(({ a, ref, contract, site }) => {
            const mine = acts.filter((x) => x.alertId === a.id);
            return {
            id: a.id,
            job: ref,
            contract,
            site,
            window: a.window,
            level: a.level,
            dueAt: a.dueAt.toISOString(),
            createdAt: a.createdAt.toISOString(),
            action: mine[0]?.act ?? null,
            actedAt: mine[0]?.at.toISOString() ?? null,
            actionDetail: mine[0]?.detail ?? null,
            acts: mine.map((x) => ({ act: x.act, by: x.by ?? null, at: x.at.toISOString(), detail: x.detail, message: x.messageId })),
            closedAt: a.closedAt?.toISOString() ?? null,
            closedReason: a.closedReason,
            };
          }),
          nextCursor: nextCursor(rows, q.limit, (r) => r.a.id),
        },
        200,
      );
    },
  );
}
