/**
 * Read routes for credits (SLA breach credits and approved goodwill) and job events (every
 * status, priority and assignment change, across jobs). Credits are written by the monitor and the
 * approvals feature; events by the job verbs. Reads through src/billing/list-credits.ts and
 * src/jobs/list-events.ts, filtered by contract, site, job, kind and date, with the list routes' cursor.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { listCredits, showCredit, type CreditItem } from '../../billing/list-credits.js';
import { listJobEvents } from '../../jobs/list-events.js';
import { creditKindSchema } from '../../rules/contract-types.js';
import type { Api } from '../app.js';
import { scoped } from '../schemas.js';
import { checkRange, dateQuery, dayAfter, dayStart, idCursor, json, nextCursor, pageQuery, problem } from './paging.js';
import type { Ctx } from '../../context.js';

const errors = { 400: problem('Invalid query'), 401: problem('No or bad token'), 403: problem('Needs the read scope'), 404: problem('Unknown contract or job') };

const Credit = z
  .object({
    id: z.number().int(),
    contract: z.string(),
    job: z.string().nullable(),
    site: z.string().nullable(),
    kind: creditKindSchema,
    amount: z.number().int().describe('minor units of the contract currency, positive = owed to the customer'),
    currency: z.string(),
    period: z.string().describe('the credit cap period, e.g. 2026-11'),
    rule: z.string().describe('the contract rule that gave it'),
    reason: z.string(),
    capped: z.boolean(),
    approval: z.number().int().nullable(),
    at: z.string(),
    invoice: z.string().nullable().describe('the invoice it was deducted on, if any'),
  })
  .openapi('Credit', {
    example: { id: 4, contract: 'ACME-HVAC', job: 'J-1002', site: 'PAR-HQ', kind: 'sla', amount: 9000, currency: 'EUR', period: '2026-11', rule: 'credits.P1.response, ACME-HVAC v1', reason: 'P1 response breached by 1h05', capped: false, approval: null, at: '2026-11-23T21:00:00.000Z', invoice: null },
  });

const JobEventRow = z
  .object({
    id: z.number().int(),
    job: z.string(),
    contract: z.string(),
    site: z.string(),
    at: z.string().describe('when it happened (offline work keeps its real time)'),
    recordedAt: z.string(),
    kind: z.string().describe('created, status, priority, assign, fallback, note'),
    from: z.string().nullable(),
    to: z.string().nullable(),
    reason: z.string().nullable(),
    by: z.string(),
  })
  .openapi('JobEventRecord', {
    example: { id: 31, job: 'J-1001', contract: 'ACME-HVAC', site: 'PAR-HQ', at: '2026-11-24T08:10:00.000Z', recordedAt: '2026-11-24T09:30:00.000Z', kind: 'status', from: 'assigned', to: 'en_route', reason: null, by: 'Tom Technician' },
  });

/** Ids are int4: a larger number is a 400 here, not a failed query. */
const serialId = z.coerce.number().int().positive().max(2_147_483_647);

/** A credit as the API shows it. */
const creditJson = (x: CreditItem): z.infer<typeof Credit> => ({ ...x, at: x.at.toISOString() });

const eventQuery = {
  contract: z.string().max(100).optional().describe('contract id; an unknown one is a 404'),
  site: z.string().max(100).optional(),
  job: z.string().max(100).optional().describe('J-1001; an unknown one is a 404'),
  kind: z.string().max(40).optional().describe('created, status, priority, assign, fallback, note'),
  status: z.string().max(40).optional().describe('status changes to this status'),
};

interface EventQuery {
  contract?: string;
  site?: string;
  job?: string;
  kind?: string;
  status?: string;
  from?: string;
  to?: string;
  cursor?: string;
  limit: number;
}

/** Job events across jobs or of one job, newest first: the /events list and /jobs/{id}/events. */
async function eventPage(ctx: Ctx, q: EventQuery) {
  checkRange({ name: 'from', value: q.from }, { name: 'to', value: q.to });
  const rows = await listJobEvents(ctx, {
    contract: q.contract,
    site: q.site,
    job: q.job,
    kind: q.kind,
    status: q.status,
    from: q.from ? dayStart(q.from) : undefined,
    until: q.to ? dayAfter(q.to) : undefined,
    before: idCursor(q.cursor),
    limit: q.limit,
  });
  return {
    items: rows.map(({ e, ref, contract, site }) => ({
      id: e.id,
      job: ref,
      contract,
      site,
      at: e.at.toISOString(),
      recordedAt: e.recordedAt.toISOString(),
      kind: e.kind,
      from: e.fromValue,
      to: e.toValue,
      reason: e.reason,
      by: e.actorLabel,
    })),
    nextCursor: nextCursor(rows, q.limit, (r) => r.e.id),
  };
}

export function registerCreditRoutes(api: Api): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/credits',
      security: scoped('read'),
      tags: ['billing'],
      summary: 'Credits owed (SLA breaches and approved goodwill), newest first',
      request: {
        query: z.object({
          contract: z.string().max(100).optional().describe('contract id; an unknown one is a 404'),
          job: z.string().max(100).optional().describe('J-1001; an unknown one is a 404'),
          site: z.string().max(100).optional(),
          kind: z.enum(['sla', 'goodwill']).optional(),
          period: z.string().optional().describe('cap period key, e.g. 2026-11'),
          invoiced: z.enum(['true', 'false']).optional(),
          ...dateQuery,
          ...pageQuery,
        }),
      },
      responses: { 200: json('A page of credits', z.object({ items: z.array(Credit), nextCursor: z.string().nullable() })), ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const q = c.req.valid('query');
      checkRange({ name: 'from', value: q.from }, { name: 'to', value: q.to });
      const rows = await listCredits(ctx, {
        contract: q.contract,
        job: q.job,
        site: q.site,
        kind: q.kind,
        period: q.period,
        invoiced: q.invoiced === undefined ? undefined : q.invoiced === 'true',
        from: q.from ? dayStart(q.from) : undefined,
        until: q.to ? dayAfter(q.to) : undefined,
        before: idCursor(q.cursor),
        limit: q.limit,
      });
      return c.json({ items: rows.map(creditJson), nextCursor: nextCursor(rows, q.limit, (r) => r.id) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/credits/{id}',
      security: scoped('read'),
      tags: ['billing'],
      summary: 'One credit: the rule that gave it, its amount and the invoice it was deducted on',
      request: { params: z.object({ id: serialId.openapi({ example: 4 }) }) },
      responses: { 200: json('The credit', Credit), ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const id = c.req.valid('param').id;
      return c.json(creditJson(await showCredit(ctx, id)), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/events',
      security: scoped('read'),
      tags: ['jobs'],
      summary: 'Job events across jobs (status, priority, assignment...), newest first',
      request: {
        query: z.object({ ...eventQuery, ...dateQuery, ...pageQuery }),
      },
      responses: { 200: json('A page of events', z.object({ items: z.array(JobEventRow), nextCursor: z.string().nullable() })), ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      return c.json(await eventPage(ctx, c.req.valid('query')), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/jobs/{id}/events',
      security: scoped('read'),
      tags: ['jobs'],
      summary: "A job's events (created, status, priority, assignment...), newest first",
      request: { params: z.object({ id: z.string().max(100).openapi({ example: 'J-1001' }) }), query: z.object({ kind: eventQuery.kind, status: eventQuery.status, ...dateQuery, ...pageQuery }) },
      responses: { 200: json('A page of events', z.object({ items: z.array(JobEventRow), nextCursor: z.string().nullable() })), ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      return c.json(await eventPage(ctx, { ...c.req.valid('query'), job: c.req.valid('param').id }), 200);
    },
  );
}
