/**
 * Approvals and people over REST: list and create requests, decide one, manage people's roles.
 * Routes only parse and call the verbs; the verbs check roles (a token acts as its service person,
 * or as the person it is linked to: deciding needs a token linked to a person who holds the role).
 * Money is in minor units, as everywhere in the API.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { decide } from '../../approvals/decide.js';
import { listRequests, viewRequest } from '../../approvals/list-requests.js';
import type { ApprovalView } from '../../approvals/store.js';
import { requestGoodwillCredit } from '../../approvals/request-goodwill-credit.js';
import { requestOutOfScope } from '../../approvals/request-out-of-scope.js';
import { requestPermit } from '../../approvals/request-permit.js';
import { requestRateOverride } from '../../approvals/request-rate-override.js';
import type { Person } from '../../context.js';
import { requirePerson } from '../../auth.js';
import { findContract } from '../../contracts/store.js';
import { invalid, notFound } from '../../errors.js';
import { personById } from '../../people/person.js';
import { addPerson } from '../../people/add-person.js';
import { listPeople } from '../../people/list-people.js';
import { setRoles } from '../../people/set-role.js';
import { APPROVAL_KINDS, ROLES } from '../../rules/contract-types.js';
import type { Api } from '../app.js';
import { ProblemSchema, scoped } from '../schemas.js';
import { checkRange, dateQuery, dayAfter, dayStart, decodeKeyCursor, encodeKeyCursor, idCursor, nextCursor, pageQuery } from './paging.js';
import { t } from '../../i18n/index.js';

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ProblemSchema } } });
const errors = {
  400: problem('Invalid request'),
  401: problem('No or bad token'),
  403: problem('Missing scope or role (wrong role, own request)'),
  404: problem('Unknown job, contract, code, request or person'),
  409: problem('Already decided (names who and when), expired, or already asked'),
};

/** Ids are int4: a larger number is a 400 here, not a failed query. */
const serialId = z.coerce.number().int().positive().max(2_147_483_647);

const minor = z.number().int().describe('minor units of the contract currency');
const Ref = z.object({ id: z.number().int(), name: z.string() });

const Approval = z
  .object({
    id: z.number().int(),
    kind: z.enum(APPROVAL_KINDS),
    status: z.enum(['pending', 'approved', 'rejected', 'expired']),
    contract: z.string(),
    version: z.number().int(),
    job: z.string().nullable(),
    amount: minor,
    currency: z.string(),
    reason: z.string(),
    requester: Ref,
    decider: Ref.nullable(),
    deciderRoles: z.array(z.string()),
    autoApproved: z.boolean(),
    decidedAt: z.string().nullable(),
    decisionReason: z.string().nullable(),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    rule: z.string().describe("the contract's rule: approvals.<kind>: approvers ..., limit ..., above ..."),
    request: z.record(z.string(), z.unknown()).describe('what is asked, per kind (docs/approvals.md)'),
  })
  .openapi('Approval', {
    example: {
      id: 12,
      kind: 'goodwill',
      status: 'pending',
      contract: 'ACME-HVAC',
      version: 1,
      job: 'J-1001',
      amount: 12000,
      currency: 'EUR',
      reason: 'second visit was our fault',
      requester: { id: 1, name: 'Dana Dispatcher' },
      decider: null,
      deciderRoles: ['manager'],
      autoApproved: false,
      decidedAt: null,
      decisionReason: null,
      createdAt: '2026-11-24T10:00:00.000Z',
      expiresAt: '2026-11-27T10:00:00.000Z',
      rule: 'approvals.goodwill: approvers manager, limit 300.00, above finance',
      request: { amount: 12000 },
    },
  });

function toJson(v: ApprovalView): z.infer<typeof Approval> {
  const r = v.row;
  return {
    id: r.id,
    kind: r.kind as z.infer<typeof Approval>['kind'],
    status: r.status as z.infer<typeof Approval>['status'],
    contract: r.contractId,
    version: v.version.version,
    job: v.job?.ref ?? null,
    amount: r.amount,
    currency: r.currency,
    reason: r.reason,
    requester: v.requester,
    decider: v.decider ?? null,
    deciderRoles: r.deciderRoles,
    autoApproved: r.autoApproved,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decisionReason: r.decisionReason,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt?.toISOString() ?? null,
    rule: v.rule,
    request: v.parsed.request as Record<string, unknown>,
  };
}

const instant = z.iso.datetime({ offset: true });
const NewApproval = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('outOfScope'),
      job: z.string().describe('J-1001'),
      code: z.string().optional().describe('a library code marked outOfScope'),
      quantity: z.number().positive().optional().describe("in the code's unit (hours for hourly codes)"),
      minutes: z.number().int().positive().optional(),
      description: z.string().optional().describe('required for free-text work'),
      price: minor.optional().describe('free-text work only'),
      at: instant.optional().describe('when the work is planned; the quote is priced for it (default now)'),
      reason: z.string().optional(),
    }),
    z.object({
      kind: z.literal('goodwill'),
      job: z.string().optional(),
      contract: z.string().optional(),
      amount: minor.optional(),
      minutes: z.number().int().positive().optional().describe('valued at the labour rate'),
      reason: z.string().min(1),
    }),
    z.object({ kind: z.literal('permit'), job: z.string(), from: instant, to: instant, reason: z.string().optional() }),
    z.object({ kind: z.literal('rateOverride'), job: z.string(), code: z.string(), price: minor.describe('the unit price to bill instead'), reason: z.string().min(1) }),
  ])
  .openapi('NewApproval');

const PersonJson = z
  .object({ id: z.number().int(), name: z.string(), email: z.string(), roles: z.array(z.string()), teams: z.array(z.string()), zone: z.string().nullable() })
  .openapi('Person', { example: { id: 3, name: 'Tom Technician', email: 'tom@demo.example', roles: ['technician'], teams: ['hvac-paris'], zone: 'Europe/Paris' } });
const personJson = (p: Person) => ({ id: p.id, name: p.name, email: p.email, roles: p.roles, teams: p.teams, zone: p.zone });

export function registerApprovalRoutes(api: Api): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/approvals',
      security: scoped('read'),
      tags: ['approvals'],
      summary: 'Approval requests, newest first, with cursor pagination',
      description: "A token whose person is not a dispatcher, manager or finance sees its own requests only, as in chat's /requests.",
      request: {
        query: z.object({
          status: z.enum(['pending', 'approved', 'rejected', 'expired', 'all']).optional(),
          kind: z.enum(APPROVAL_KINDS).optional(),
          contract: z.string().max(100).optional().describe('contract id; an unknown one is a 404'),
          job: z.string().max(100).optional().describe('J-1001; an unknown one is a 404'),
          ...dateQuery,
          ...pageQuery,
        }),
      },
      responses: { 200: { description: 'A page of requests', content: { 'application/json': { schema: z.object({ items: z.array(Approval), nextCursor: z.string().nullable() }) } } }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const q = c.req.valid('query');
      const contract = q.contract ? (await findContract(ctx.db, q.contract)).id : undefined;
      checkRange({ name: 'from', value: q.from }, { name: 'to', value: q.to });
      const items = await listRequests(ctx, { status: q.status, kind: q.kind, contract, job: q.job, limit: q.limit, before: idCursor(q.cursor), from: q.from ? dayStart(q.from) : undefined, to: q.to ? dayAfter(q.to) : undefined });
      return c.json({ items: items.map(toJson), nextCursor: nextCursor(items, q.limit, (v) => v.row.id) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/approvals/{id}',
      security: scoped('read'),
      tags: ['approvals'],
      summary: 'One approval request: what is asked, the rule, its status and who decided',
      request: { params: z.object({ id: serialId.openapi({ example: 12 }) }) },
      responses: { 200: { description: 'The request', content: { 'application/json': { schema: Approval } } }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      return c.json(toJson(await viewRequest(ctx, c.req.valid('param').id)), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/approvals',
      security: scoped('write'),
      tags: ['approvals'],
      summary: 'Ask for out-of-scope work, a goodwill credit, a permit or a rate override',
      request: { body: { required: true, content: { 'application/json': { schema: NewApproval } } } },
      responses: { 201: { description: 'Created (pending, or approved at once under autoApproveUnder)', content: { 'application/json': { schema: Approval } } }, ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const b = c.req.valid('json');
      let r;
      switch (b.kind) {
        case 'outOfScope':
          r = await requestOutOfScope(ctx, { job: b.job, code: b.code, quantity: b.quantity, minutes: b.minutes, description: b.description, price: b.price, at: b.at ? new Date(b.at) : undefined, reason: b.reason });
          break;
        case 'goodwill': {
          const target = b.job ?? b.contract;
          if (!target || (b.job && b.contract)) throw invalid(t('errors-api.job-or-contract'));
          r = await requestGoodwillCredit(ctx, { target, amount: b.amount, minutes: b.minutes, reason: b.reason });
          break;
        }
        case 'permit':
          r = await requestPermit(ctx, { job: b.job, from: new Date(b.from), to: new Date(b.to), reason: b.reason });
          break;
        case 'rateOverride':
          r = await requestRateOverride(ctx, { job: b.job, code: b.code, price: b.price, reason: b.reason });
          break;
      }
      return c.json(toJson(r.view), 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/approvals/{id}/decision',
      security: scoped('write'),
      tags: ['approvals'],
      summary: 'Approve or reject a request (once; a second decision gets 409 naming who decided)',
      request: {
        params: z.object({ id: serialId }),
        body: { required: true, content: { 'application/json': { schema: z.object({ approve: z.boolean(), reason: z.string().optional().describe('required to reject') }).openapi('Decision') } } },
      },
      responses: { 200: { description: 'Decided', content: { 'application/json': { schema: Approval } } }, ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const b = c.req.valid('json');
      const v = await decide(ctx, { approval: c.req.valid('param').id, approve: b.approve, reason: b.reason });
      return c.json(toJson(v), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/people',
      security: scoped('read'),
      tags: ['people'],
      summary: 'Active people and their roles, by name, with cursor pagination',
      request: { query: z.object({ role: z.enum(ROLES).optional(), ...pageQuery }) },
      responses: { 200: { description: 'A page of people', content: { 'application/json': { schema: z.object({ items: z.array(PersonJson), nextCursor: z.string().nullable() }) } } }, 400: errors[400], 401: errors[401], 403: errors[403] },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const q = c.req.valid('query');
      // The cursor names the last person by id (names can be long); their name is read back here.
      const key = decodeKeyCursor(q.cursor, ['number']);
      const last = key && (await personById(ctx.db, key[0]));
      if (key && !last) throw invalid(t('errors-api.cursor', { cursor: q.cursor!.slice(0, 40) }));
      const rows = await listPeople(ctx, { role: q.role, limit: q.limit, after: last ? { name: last.name, id: last.id } : undefined });
      const end = rows[rows.length - 1];
      return c.json({ items: rows.map(personJson), nextCursor: rows.length === q.limit && end ? encodeKeyCursor([end.id]) : null }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/people/{id}',
      security: scoped('read'),
      tags: ['people'],
      summary: 'One person and their roles, teams and zone',
      request: { params: z.object({ id: serialId.openapi({ example: 3 }) }) },
      responses: { 200: { description: 'The person', content: { 'application/json': { schema: PersonJson } } }, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      requirePerson(ctx);
      const id = c.req.valid('param').id;
      const p = await personById(ctx.db, id);
      if (!p) throw notFound(t('errors-admin.no-person', { id: String(id) }), [t('errors-admin.people-list')]);
      return c.json(personJson(p), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/people',
      security: scoped('admin'),
      tags: ['people'],
      summary: 'Add a person (admins); chat identities link to them by e-mail',
      request: {
        body: {
          required: true,
          content: { 'application/json': { schema: z.object({ name: z.string().min(1), email: z.email(), roles: z.array(z.enum(ROLES)).optional(), teams: z.array(z.string()).optional(), zone: z.string().optional() }).openapi('NewPerson') } },
        },
      },
      responses: { 201: { description: 'Added', content: { 'application/json': { schema: PersonJson } } }, ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      return c.json(personJson(await addPerson(ctx, c.req.valid('json'))), 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/people/{id}/roles',
      security: scoped('admin'),
      tags: ['people'],
      summary: "Add and remove a person's roles (admins); the last admin cannot be removed",
      request: {
        params: z.object({ id: serialId }),
        body: { required: true, content: { 'application/json': { schema: z.object({ add: z.array(z.enum(ROLES)).optional(), remove: z.array(z.enum(ROLES)).optional() }).openapi('RoleChange') } } },
      },
      responses: { 200: { description: 'The person with their roles now', content: { 'application/json': { schema: PersonJson } } }, ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const b = c.req.valid('json');
      const r = await setRoles(ctx, { person: c.req.valid('param').id, add: b.add, remove: b.remove });
      return c.json(personJson(r.person), 200);
    },
  );
}
