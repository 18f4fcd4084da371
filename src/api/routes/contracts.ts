import { createRoute, z } from '@hono/zod-openapi';
import { amendContract } from '../../contracts/amend-contract.js';
import { createContract } from '../../contracts/create-contract.js';
import { listContracts } from '../../contracts/list-contracts.js';
import { allVersions, findContract, getVersion } from '../../contracts/store.js';
import { invalid } from '../../errors.js';
import type { Api } from '../app.js';
import { ProblemSchema, scoped } from '../schemas.js';
import { decodeKeyCursor, encodeKeyCursor, pageQuery } from './paging.js';
import { t } from '../../i18n/index.js';

const ContractSummary = z
  .object({ id: z.string(), customerName: z.string(), team: z.string(), currentVersion: z.number().int(), currency: z.string(), fee: z.number().int().describe('monthly fee in minor units'), end: z.string() })
  .openapi('ContractSummary', { example: { id: 'ACME-HVAC', customerName: 'Acme Facilities SAS', team: 'hvac-paris', currentVersion: 1, currency: 'EUR', fee: 180000, end: '2026-12-31' } });

const ContractDetail = z
  .object({
    id: z.string(),
    version: z.number().int(),
    effectiveFrom: z.string(),
    reason: z.string(),
    terms: z.record(z.string(), z.unknown()).describe('the normalized contract: money in minor units, durations in minutes'),
    versions: z.array(z.object({ version: z.number().int(), effectiveFrom: z.string(), reason: z.string(), by: z.string(), at: z.string() })),
  })
  .openapi('ContractDetail');

const Created = z.object({ id: z.string(), version: z.number().int(), effectiveFrom: z.string() }).openapi('ContractVersionRef');

const errors = {
  400: { description: 'Invalid contract: every problem listed', content: { 'application/problem+json': { schema: ProblemSchema } } },
  401: { description: 'No or bad token', content: { 'application/problem+json': { schema: ProblemSchema } } },
  403: { description: 'Missing scope or role', content: { 'application/problem+json': { schema: ProblemSchema } } },
  404: { description: 'Unknown contract', content: { 'application/problem+json': { schema: ProblemSchema } } },
  409: { description: 'Already exists', content: { 'application/problem+json': { schema: ProblemSchema } } },
};

/** Through Hono's body cache: the JSON validator has already consumed the raw request's body. */
async function readTerms(req: { header(name: string): string | undefined; text(): Promise<string> }): Promise<{ text: string; format: 'yaml' | 'json' }> {
  const type = req.header('content-type') ?? '';
  const text = await req.text();
  if (!text.trim()) throw invalid(t('errors-api.contract-body'));
  return { text, format: type.includes('json') ? 'json' : 'yaml' };
}

export function registerContractRoutes(api: Api): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/contracts',
      security: scoped('read'),
      tags: ['contracts'],
      summary: 'List contracts by id, with cursor pagination',
      request: { query: z.object({ team: z.string().max(100).optional().describe('the dispatch team a contract belongs to'), ...pageQuery }) },
      responses: { 200: { description: 'A page of contracts', content: { 'application/json': { schema: z.object({ items: z.array(ContractSummary), nextCursor: z.string().nullable() }) } } }, 400: errors[400], 401: errors[401], 403: errors[403] },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const q = c.req.valid('query');
      const after = decodeKeyCursor(q.cursor, ['string']);
      const rows = await listContracts(ctx, { after: after?.[0], limit: q.limit, team: q.team });
      const last = rows[rows.length - 1];
      return c.json(
        {
          items: rows.map((r) => ({ id: r.id, customerName: r.customerName, team: r.team, currentVersion: r.currentVersion, currency: r.currency, fee: r.fee, end: r.end })),
          nextCursor: rows.length === q.limit && last ? encodeKeyCursor([last.id]) : null,
        },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/contracts/{id}',
      security: scoped('read'),
      tags: ['contracts'],
      summary: 'A contract: current (or given) version and its history',
      request: { params: z.object({ id: z.string() }), query: z.object({ version: z.coerce.number().int().positive().max(2_147_483_647).optional().describe('a version number; default the current one') }) },
      responses: { 200: { description: 'The contract', content: { 'application/json': { schema: ContractDetail } } }, 401: errors[401], 404: errors[404] },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const row = await findContract(ctx.db, c.req.valid('param').id);
      const v = await getVersion(ctx.db, row.id, c.req.valid('query').version);
      const versions = (await allVersions(ctx.db, row.id)).map((x) => ({ version: x.version, effectiveFrom: x.effectiveFrom, reason: x.reason, by: x.createdByLabel, at: x.createdAt.toISOString() }));
      return c.json({ id: row.id, version: v.version, effectiveFrom: v.effectiveFrom, reason: v.reason, terms: v.contract as unknown as Record<string, unknown>, versions }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/contracts',
      security: scoped('admin'),
      tags: ['contracts'],
      summary: 'Load a new contract (YAML or JSON body, as in docs/contract-format.md)',
      request: { body: { required: true, content: { 'application/yaml': { schema: z.string() }, 'application/json': { schema: z.record(z.string(), z.unknown()) } } } },
      responses: { 201: { description: 'Created as version 1', content: { 'application/json': { schema: Created } } }, ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const r = await createContract(ctx, { terms: await readTerms(c.req), reason: 'loaded through the API' });
      return c.json({ id: r.id, version: r.version, effectiveFrom: r.effectiveFrom }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/contracts/{id}/amendments',
      security: scoped('admin'),
      tags: ['contracts'],
      summary: 'Amend a contract: a new version from an effective date',
      request: {
        params: z.object({ id: z.string() }),
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z
                .object({
                  effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-12-01'),
                  reason: z.string().min(1, 'is required'),
                  terms: z.union([z.string(), z.record(z.string(), z.unknown())]).describe('the whole new contract, as YAML text or a JSON object'),
                })
                .openapi('Amendment'),
            },
          },
        },
      },
      responses: { 201: { description: 'New version', content: { 'application/json': { schema: Created } } }, ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const body = c.req.valid('json');
      const r = await amendContract(ctx, {
        id: c.req.valid('param').id,
        effectiveFrom: body.effectiveFrom,
        reason: body.reason,
        terms: typeof body.terms === 'string' ? { text: body.terms, format: 'yaml' } : { raw: body.terms },
      });
      return c.json(r, 201);
    },
  );
}
