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
import { requireScope } from '../app.js';
import { security } from '../schemas.js';
import { dateQuery, dayAfter, dayStart, idCursor, json, nextCursor, pageQuery, problem } from './paging.js';

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
  .openapi('Credit');

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
  .openapi('JobEventRecord');

export function registerCreditRoutes(api: Api): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/credits',
      security,
      tags: ['billing'],
      summary: 'Credits owed (SLA breaches and approved goodwill), newest first',
      request: {
        query: z.object({
          contract: z.string().optional(),
          job: z.string().optional(),
          site: z.string().optional(),
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
      requireScope(ctx, 'read');
      const q = c.req.valid('query');
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
      const rows = await ctx.db
        .select({ c: credits, ref: jobs.ref, site: jobs.siteId, invoice: invoices.number })
        .from(credits)
        .leftJoin(jobs, eq(jobs.id, credits.jobId))
        .leftJoin(invoices, eq(invoices.id, credits.invoiceId))
        .where(where.length ? and(...where) : undefined)
        .orderBy(desc(credits.id))
        .limit(q.limit);
      const currency = new Map<string, string>();
      for (const r of rows) if (!currency.has(r.c.contractId)) currency.set(r.c.contractId, (await getVersion(ctx.db, r.c.contractId)).contract.currency);
      return c.json(
        {
          items: rows.map(({ c: x, ref, site, invoice }) => ({
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
          })),
          nextCursor: nextCursor(rows, q.limit, (r) => r.c.id),
        },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/events',
      security,
      tags: ['jobs'],
      summary: 'Job events across jobs (status, priority, assignment...), newest first',
      request: {
        query: z.object({
          contract: z.string().optional(),
          site: z.string().optional(),
          job: z.string().optional(),
          kind: z.string().optional().describe('created, status, priority, assign, fallback, note'),
          status: z.string().optional().describe('status changes to this status'),
          ...dateQuery,
          ...pageQuery,
        }),
      },
      responses: { 200: json('A page of events', z.object({ items: z.array(JobEventRow), nextCursor: z.string().nullable() })), ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      requireScope(ctx, 'read');
      const q = c.req.valid('query');
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
      return c.json(
        {
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
        },
        200,
      );
    },
  );
}
