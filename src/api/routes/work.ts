/**
 * The work recorded on a job or across jobs, read back (time entries and parts), and the running timer over
 * HTTP: start, stop and cancel call the verbs behind `/log <job> start`, `/log stop` and
 * `/log cancel`, so the same checks apply (access hours, overlaps, one timer per person, scope).
 * Recording finished time and parts stays in billing.ts (POST /jobs/{id}/time and /parts).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { discardTimer } from '../../billing/discard-timer.js';
import { partUsesOf, timeEntriesOf, type PartUseView, type TimeEntryView } from '../../billing/job-work.js';
import { startTimer } from '../../billing/start-timer.js';
import { stopTimer } from '../../billing/stop-timer.js';
import { todayEntries } from '../../billing/today.js';
import type { Api } from '../app.js';
import { scoped } from '../schemas.js';
import { checkRange, dayAfter, dayStart, dateQuery, idCursor, json, nextCursor, pageQuery, problem } from './paging.js';

const errors = {
  400: problem('Invalid query or body; names the parameter'),
  401: problem('No or bad token'),
  403: problem('Missing scope or role'),
  404: problem('Unknown job or person'),
  409: problem('A timer is already running for that person'),
  412: problem('Not allowed now: no timer running, job closed, out of scope, outside access hours, period invoiced'),
};

const JobParam = z.object({ id: z.string().max(100).describe('J-1001').openapi({ example: 'J-1001' }) });
const personId = z.coerce.number().int().positive().max(2_147_483_647).optional().describe('person id: only their entries');
const who = z.union([z.string().min(1).max(200), z.number().int()]).optional().describe("whose timer: handle, name, e-mail or person id (dispatchers); default the token's person");

const DeletedRecord = z
  .object({ at: z.string(), by: z.number().int().nullable().describe('person id'), reason: z.string() })
  .nullable()
  .describe('set when the row was deleted (DELETE with a reason): it stays listed, and is not rated, invoiced or counted')
  .openapi('DeletedMark');

const deletedJson = (d: TimeEntryView['deleted']) => (d ? { at: d.at.toISOString(), by: d.by, reason: d.reason } : null);

const TimeEntryRecord = z
  .object({
    id: z.number().int(),
    job: z.string(),
    contract: z.string(),
    site: z.string(),
    person: z.object({ id: z.number().int(), name: z.string() }),
    code: z.string(),
    kind: z.enum(['labour', 'travel']),
    start: z.string(),
    end: z.string().nullable().describe('null while the timer runs'),
    running: z.boolean(),
    minutes: z.number().int().describe('worked so far when running'),
    note: z.string().nullable(),
    approvalId: z.number().int().nullable().describe('the out-of-scope approval that allowed it'),
    deleted: DeletedRecord,
  })
  .openapi('TimeEntryRecord', {
    example: { id: 12, job: 'J-1001', contract: 'ACME-HVAC', site: 'PAR-HQ', person: { id: 4, name: 'Tom Technician' }, code: 'HVAC-LAB', kind: 'labour', start: '2026-11-24T08:00:00.000Z', end: '2026-11-24T10:15:00.000Z', running: false, minutes: 135, note: 'belt replaced', approvalId: null, deleted: null },
  });

const PartUseRecord = z
  .object({
    id: z.number().int(),
    job: z.string(),
    contract: z.string(),
    site: z.string(),
    sku: z.string(),
    name: z.string().nullable().describe('from the price list in force that day'),
    qty: z.number().int(),
    at: z.string(),
    listPrice: z.number().int().nullable().describe('unit list price, minor units'),
    currency: z.string(),
    contractVersion: z.number().int(),
    person: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    deleted: DeletedRecord,
  })
  .openapi('PartUseRecord', {
    example: { id: 3, job: 'J-1001', contract: 'ACME-HVAC', site: 'PAR-HQ', sku: 'FILTER-20X25', name: 'Pleated filter 20x25', qty: 3, at: '2026-11-24T09:30:00.000Z', listPrice: 1850, currency: 'EUR', contractVersion: 1, person: { id: 4, name: 'Tom Technician' }, deleted: null },
  });

const StoppedEntry = TimeEntryRecord.extend({ warnings: z.array(z.string()).describe('prepaid hours running low, and the like') }).openapi('StoppedTimer', {
  example: { id: 13, job: 'J-1001', contract: 'ACME-HVAC', site: 'PAR-HQ', person: { id: 4, name: 'Tom Technician' }, code: 'HVAC-LAB', kind: 'labour', start: '2026-11-24T13:00:00.000Z', end: '2026-11-24T13:45:00.000Z', running: false, minutes: 45, note: 'compressor check', approvalId: null, deleted: null, warnings: [] },
});

const entryJson = (e: TimeEntryView): z.infer<typeof TimeEntryRecord> => ({
  id: e.id,
  job: e.job,
  contract: e.contract,
  site: e.site,
  person: e.person,
  code: e.code,
  kind: e.kind as 'labour' | 'travel',
  start: e.start.toISOString(),
  end: e.end?.toISOString() ?? null,
  running: e.end === null,
  minutes: e.minutes,
  note: e.note,
  approvalId: e.approvalId,
  deleted: deletedJson(e.deleted),
});

const partJson = (p: PartUseView): z.infer<typeof PartUseRecord> => ({ ...p, at: p.at.toISOString(), deleted: deletedJson(p.deleted) });

/** The filters the four work lists share: `from` after `to` refused, dates as whole days, the id cursor checked. */
function workFilter(q: { person?: number; from?: string; to?: string; cursor?: string; limit: number }) {
  checkRange({ name: 'from', value: q.from }, { name: 'to', value: q.to });
  return { person: q.person, from: q.from ? dayStart(q.from) : undefined, to: q.to ? dayAfter(q.to) : undefined, cursor: idCursor(q.cursor), limit: q.limit };
}

/** `?running=true|false` as a filter; left out, both. */
const runningOnly = (q: { running?: 'true' | 'false' }) => (q.running === undefined ? undefined : q.running === 'true');

/** A page of work rows as the lists answer it: the rows as JSON and the id cursor. */
const workPage = <T extends { id: number }, J>(rows: T[], limit: number, toJson: (t: T) => J) => ({ items: rows.map(toJson), nextCursor: nextCursor(rows, limit, (r) => r.id) });

/** A body that may be left out: `{}` and no body at all mean the same. */
const optionalBody = <T extends z.ZodTypeAny>(schema: T) => ({ body: { required: false, content: { 'application/json': { schema } } } });

export function registerWorkRoutes(api: Api): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/jobs/{id}/time',
      security: scoped('read'),
      tags: ['billing'],
      summary: "A job's time entries, oldest first, a running timer included",
      request: {
        params: JobParam,
        query: z.object({ person: personId, kind: z.enum(['labour', 'travel']).optional(), running: z.enum(['true', 'false']).optional().describe('only running timers, or only finished entries'), ...dateQuery, ...pageQuery }),
      },
      responses: { 200: json('A page of time entries', z.object({ items: z.array(TimeEntryRecord), nextCursor: z.string().nullable() })), ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const q = c.req.valid('query');
      const rows = await timeEntriesOf(ctx, { ...workFilter(q), job: c.req.valid('param').id, kind: q.kind, running: runningOnly(q) });
      return c.json(workPage(rows, q.limit, entryJson), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/jobs/{id}/parts',
      security: scoped('read'),
      tags: ['billing'],
      summary: 'The parts fitted on a job, oldest first, named and priced from the contract price list',
      request: { params: JobParam, query: z.object({ person: personId, sku: z.string().max(60).optional(), ...dateQuery, ...pageQuery }) },
      responses: { 200: json('A page of parts', z.object({ items: z.array(PartUseRecord), nextCursor: z.string().nullable() })), ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const q = c.req.valid('query');
      const rows = await partUsesOf(ctx, { ...workFilter(q), job: c.req.valid('param').id, sku: q.sku });
      return c.json(workPage(rows, q.limit, partJson), 200);
    },
  );

  const across = {
    contract: z.string().max(100).optional().describe('contract id; an unknown one is a 404 with the closest ids'),
    site: z.string().max(100).optional(),
    job: z.string().max(100).optional().describe('J-1001; an unknown one is a 404'),
  };

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/time',
      security: scoped('read'),
      tags: ['billing'],
      summary: 'Time entries across jobs, newest first (payroll, ERP sync), running timers included',
      request: { query: z.object({ ...across, person: personId, kind: z.enum(['labour', 'travel']).optional(), running: z.enum(['true', 'false']).optional(), ...dateQuery, ...pageQuery }) },
      responses: { 200: json('A page of time entries', z.object({ items: z.array(TimeEntryRecord), nextCursor: z.string().nullable() })), ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const q = c.req.valid('query');
      const rows = await timeEntriesOf(ctx, { ...workFilter(q), job: q.job, contract: q.contract, site: q.site, kind: q.kind, running: runningOnly(q), newestFirst: true });
      return c.json(workPage(rows, q.limit, entryJson), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/parts',
      security: scoped('read'),
      tags: ['billing'],
      summary: 'Parts fitted across jobs, newest first (inventory sync), named and priced from the contract price list',
      request: { query: z.object({ ...across, person: personId, sku: z.string().max(60).optional(), ...dateQuery, ...pageQuery }) },
      responses: { 200: json('A page of parts', z.object({ items: z.array(PartUseRecord), nextCursor: z.string().nullable() })), ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const q = c.req.valid('query');
      const rows = await partUsesOf(ctx, { ...workFilter(q), job: q.job, contract: q.contract, site: q.site, sku: q.sku, newestFirst: true });
      return c.json(workPage(rows, q.limit, partJson), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/jobs/{id}/timer',
      security: scoped('write'),
      tags: ['billing'],
      summary: 'Start a timer on a job now, as /log <job> start does (one running timer per person)',
      request: {
        params: JobParam,
        ...optionalBody(
          z
            .object({ code: z.string().max(40).optional().describe('rate code; default the contract labour code'), kind: z.enum(['labour', 'travel']).default('labour'), note: z.string().max(500).optional(), technician: who })
            .openapi('TimerStart', { example: { code: 'HVAC-LAB', note: 'compressor check', technician: 'tom' } }),
        ),
      },
      responses: { 201: json('Started: the running entry', TimeEntryRecord), ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const b = (c.req.header('content-type') ?? '').includes('json') ? c.req.valid('json') : { kind: 'labour' as const };
      const r = await startTimer(ctx, { job: c.req.valid('param').id, code: b.code, kind: b.kind, note: b.note, technician: b.technician });
      const now = ctx.clock.now();
      return c.json(
        entryJson({ id: r.entry.id, job: r.job.ref, contract: r.job.contractId, site: r.job.siteId, person: { id: r.person.id, name: r.person.name }, code: r.entry.code, kind: r.entry.kind, start: r.entry.startAt, end: null, minutes: Math.round((now.getTime() - r.entry.startAt.getTime()) / 60_000), note: r.entry.note, approvalId: r.entry.approvalId, deleted: null }),
        201,
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/timer/stop',
      security: scoped('write'),
      tags: ['billing'],
      summary: 'Stop the running timer, now or at an earlier instant (a forgotten timer), as /log stop does',
      request: {
        ...optionalBody(
          z
            .object({ at: z.iso.datetime({ offset: true }).optional().describe('when the work stopped; default now; not before the start, never in the future'), technician: who })
            .openapi('TimerStop', { example: { at: '2026-11-24T17:30:00+01:00' } }),
        ),
      },
      responses: { 200: json('Stopped: the finished entry, checked like any logged time', StoppedEntry), ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const b = (c.req.header('content-type') ?? '').includes('json') ? c.req.valid('json') : {};
      const r = await stopTimer(ctx, { technician: b.technician, at: b.at ? new Date(b.at) : undefined });
      return c.json(
        {
          ...entryJson({ id: r.entry.id, job: r.job.ref, contract: r.job.contractId, site: r.job.siteId, person: { id: r.person.id, name: r.person.name }, code: r.entry.code, kind: r.entry.kind, start: r.entry.startAt, end: r.entry.endAt, minutes: r.minutes, note: r.entry.note, approvalId: r.entry.approvalId, deleted: null }),
          warnings: r.warnings,
        },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/timer/cancel',
      security: scoped('write'),
      tags: ['billing'],
      summary: 'Throw away a timer started by mistake, as /log cancel does; nothing is kept but the audit row',
      request: { ...optionalBody(z.object({ technician: who }).openapi('TimerCancel', { example: { technician: 'tom' } })) },
      responses: { 200: json('Discarded', z.object({ job: z.string(), person: z.object({ id: z.number().int(), name: z.string() }), code: z.string(), startedAt: z.string(), discarded: z.literal(true) }).openapi('DiscardedTimer', { example: { job: 'J-1001', person: { id: 4, name: 'Tom Technician' }, code: 'HVAC-LAB', startedAt: '2026-11-24T13:00:00.000Z', discarded: true } })), ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const b = (c.req.header('content-type') ?? '').includes('json') ? c.req.valid('json') : {};
      const r = await discardTimer(ctx, { technician: b.technician });
      return c.json({ job: r.ref, person: { id: r.person.id, name: r.person.name }, code: r.code, startedAt: r.startedAt.toISOString(), discarded: true as const }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/timer',
      security: scoped('read'),
      tags: ['billing'],
      summary: "A technician's running timer (null when none) and today's finished minutes, as /log today shows",
      description: "Whose: the token's person (a technician) or, for a dispatcher token, `technician`. The day is the person's own zone.",
      request: { query: z.object({ technician: z.string().min(1).max(200).optional().describe('handle, name, e-mail or person id (dispatchers)') }) },
      responses: {
        200: json(
          'The timer',
          z.object({ person: z.object({ id: z.number().int(), name: z.string() }), zone: z.string(), date: z.string(), running: TimeEntryRecord.nullable(), todayMinutes: z.number().int().describe('finished entries started today') }).openapi('Timer', {
              example: { person: { id: 4, name: 'Tom Technician' }, zone: 'Europe/Paris', date: '2026-11-24', running: { id: 13, job: 'J-1001', contract: 'ACME-HVAC', site: 'PAR-HQ', person: { id: 4, name: 'Tom Technician' }, code: 'HVAC-LAB', kind: 'labour', start: '2026-11-24T13:00:00.000Z', end: null, running: true, minutes: 20, note: null, approvalId: null }, todayMinutes: 135 },
            }),
        ),
        ...errors,
      },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const t = c.req.valid('query').technician;
      const r = await todayEntries(ctx, { technician: t !== undefined && /^\d{1,9}$/.test(t) ? Number(t) : t });
      const running = r.running
        ? (await timeEntriesOf(ctx, { job: r.running.job, person: r.person.id, running: true, limit: 1 }))[0]
        : undefined;
      return c.json({ person: { id: r.person.id, name: r.person.name }, zone: r.zone, date: r.date, running: running ? entryJson(running) : null, todayMinutes: r.totalMinutes }, 200);
    },
  );
}
