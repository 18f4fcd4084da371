/**
 * Read routes the API lacked for credits (SLA breach credits and approved goodwill) and job
 * events (every status, priority and assignment change, across jobs). Credits are written by the
 * monitor and the approvals feature; events by the job verbs. Plain reads, filtered by contract,
 * site, job, kind and date, with the list routes' cursor.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { and, desc, eq, gte, isNotNull, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { credits, invoices, jobEvents, jobs } from '../../../db/schema.js';
import { findContract, getVersion } from '../../contracts/store.js';
import { findJob } from '../../jobs/job-store.js';
import type { Api } from '../app.js';
import { scoped } from '../schemas.js';
import { checkRange, dateQuery, dayAfter, dayStart, idCursor, json, nextCursor, pageQuery, problem } from './paging.js';
import type { Ctx } from '../../context.js';
import { notFound } from '../../errors.js';

const errors = { 400: problem('Invalid query'), 401: problem('No or bad token'), 403: problem('Needs the read scope'), 404: problem('Unknown contract or job') };

const Credit = z
  .object({
    id: z.number().int(),
    contract: z.string(),
    job: z.string().nullable(),
    site: z.string().nullable(),
    kind: z.enum(['sla', 'goodwill']),
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

/** Credits as the API shows them, with their job, site, invoice and currency. */
async function creditRows(ctx: Ctx, where: SQL[], limit: number): Promise<z.infer<typeof Credit>[]> {
  const rows = await ctx.db
    .select({ c: credits, ref: jobs.ref, site: jobs.siteId, invoice: invoices.number })
    .from(credits)
    .leftJoin(jobs, eq(jobs.id, credits.jobId))
    .leftJoin(invoices, eq(invoices.id, credits.invoiceId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(credits.id))
    .limit(limit);
  const currency = new Map<string, string>();
  for (const r of rows) if (!currency.has(r.c.contractId)) currency.set(r.c.contractId, (await getVersion(ctx.db, r.c.contractId)).contract.currency);
  return rows.map(({ c: x, ref, site, invoice }) => ({
    id: x.id,
    contract: x.contractId,
    job: ref,
    site,
    kind: x.kind as 'sla' | 'goodwill',
    amount: x.amount,
    currency: currency.get(x.contractId)!,
    period: x.period,
    rule: x.rule,
    reason: x.reason,
    capped: x.capped,
    approval: x.approvalId,
    at: x.at.toISOString(),
    invoice,
  }));
}

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
  const where: SQL[] = [];
  if (q.contract) where.push(eq(jobs.contractId, (await findContract(ctx.db, q.contract)).id));
  if (q.site) where.push(sql`lower(${jobs.siteId}) = lower(${q.site})`);
  if (q.job) where.push(eq(jobEvents.jobId, (await findJob(ctx.db, q.job)).id));
  if (q.kind) where.push(eq(jobEvents.kind, q.kind));
  if (q.status) where.push(and(eq(jobEvents.kind, 'status'), sql`lower(${jobEvents.toValue}) = lower(${q.status})`)!);
  if (q.from) where.push(gte(jobEvents.at, dayStart(q.from)));
  if (q.to) where.push(lt(jobEvents.at, dayAfter(q.to)));
  const cursor = idCursor(q.cursor);
  if (cursor !== undefined) where.push(lt(jobEvents.id, cursor));
  const rows = await ctx.db
    .select({ e: jobEvents, ref: jobs.ref, contract: jobs.contractId, site: jobs.siteId })
    .from(jobEvents)
    .innerJoin(jobs, eq(jobs.id, jobEvents.jobId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(jobEvents.id))
    .limit(q.limit);
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
      const where: SQL[] = [];
      if (q.contract) where.push(eq(credits.contractId, (await findContract(ctx.db, q.contract)).id));
      if (q.job) where.push(eq(credits.jobId, (await findJob(ctx.db, q.job)).id));
      if (q.site) where.push(sql`lower(${jobs.siteId}) = lower(${q.site})`);
      if (q.kind) where.push(eq(credits.kind, q.kind));
      if (q.period) where.push(eq(credits.period, q.period));
      if (q.invoiced === 'true') where.push(isNotNull(credits.invoiceId));
      if (q.invoiced === 'false') where.push(isNull(credits.invoiceId));
      if (q.from) where.push(gte(credits.at, dayStart(q.from)));
      if (q.to) where.push(lt(credits.at, dayAfter(q.to)));
      const cursor = idCursor(q.cursor);
      if (cursor !== undefined) where.push(lt(credits.id, cursor));
      const rows = await creditRows(ctx, where, q.limit);
      return c.json({ items: rows, nextCursor: nextCursor(rows, q.limit, (r) => r.id) }, 200);
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
      const [row] = await creditRows(ctx, [eq(credits.id, id)], 1);
      if (!row) throw notFound(`No credit #${id}.`, ['GET /api/v1/credits lists them.']);
      return c.json(row, 200);
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
