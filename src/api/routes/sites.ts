/**
 * Read routes for contracts' own data: sites across contracts (the current versions', from the
 * `sites` look-up table) and a contract's amendment history, through the readers in
 * src/contracts; changes go through amendments (POST /contracts/{id}/amendments) or the CSV import.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { listAmendments } from '../../contracts/list-amendments.js';
import { listSites, showSite } from '../../contracts/list-sites.js';
import type { Api } from '../app.js';
import { scoped } from '../schemas.js';
import { decodeKeyCursor, encodeKeyCursor, idCursor, json, nextCursor, pageQuery, problem } from './paging.js';

const errors = { 400: problem('Invalid query'), 401: problem('No or bad token'), 403: problem('Needs the read scope'), 404: problem('Unknown contract') };

const Site = z
  .object({ contract: z.string(), id: z.string(), name: z.string(), address: z.string(), tier: z.string().nullable(), zone: z.string().describe("the site calendar's IANA zone") })
  .openapi('Site');

const SiteDetail = Site.extend({
  version: z.number().int().describe('the contract version these terms come from (the newest)'),
  calendar: z.string().describe('business-hours calendar: after-hours, weekend and holiday pricing'),
  access: z.string().nullable().describe('calendar of the hours work on site is allowed, if restricted'),
  caps: z.object({ visits: z.number().int(), per: z.enum(['month', 'quarter', 'year']) }).nullable().describe('covered visits per period'),
  travelKm: z.number().nullable().describe('distance billed per km of travel'),
}).openapi('SiteDetail');

const Amendment = z
  .object({ version: z.number().int(), effectiveFrom: z.string(), reason: z.string(), by: z.string(), at: z.string() })
  .openapi('ContractVersionSummary');

export function registerSiteRoutes(api: Api): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/sites',
      security: scoped('read'),
      tags: ['contracts'],
      summary: "Sites of every contract's current version, by contract then site id",
      request: { query: z.object({ contract: z.string().optional(), tier: z.string().optional(), q: z.string().max(100).optional().describe('part of the name or address'), ...pageQuery }) },
      responses: { 200: json('A page of sites', z.object({ items: z.array(Site), nextCursor: z.string().nullable() })), ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const q = c.req.valid('query');
      // Sites have a two-part key; their cursor carries both.
      const rows = await listSites(ctx, { contract: q.contract, tier: q.tier, q: q.q, after: decodeKeyCursor(q.cursor, ['string', 'string']), limit: q.limit });
      const last = rows[rows.length - 1];
      return c.json(
        {
          items: rows.map((s) => ({ contract: s.contractId, id: s.id, name: s.name, address: s.address, tier: s.tier, zone: s.zone })),
          nextCursor: rows.length === q.limit && last ? encodeKeyCursor([last.contractId, last.id]) : null,
        },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/contracts/{id}/sites/{site}',
      security: scoped('read'),
      tags: ['contracts'],
      summary: "One site of a contract's newest version, with its calendars, visit cap and travel distance",
      request: { params: z.object({ id: z.string(), site: z.string() }) },
      responses: {
        200: json('The site', SiteDetail.openapi({ example: { contract: 'ACME-HVAC', id: 'PAR-HQ', name: 'Paris HQ', address: '1 rue de Rivoli, Paris', tier: null, zone: 'Europe/Paris', version: 1, calendar: 'office', access: null, caps: { visits: 4, per: 'month' }, travelKm: 12 } })),
        ...errors,
        404: problem('Unknown contract or site'),
      },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const p = c.req.valid('param');
      const { contract, version, site: s, zone } = await showSite(ctx, { contract: p.id, site: p.site });
      return c.json(
        {
          contract,
          id: s.id,
          name: s.name,
          address: s.address,
          tier: s.tier ?? null,
          zone,
          version,
          calendar: s.calendar,
          access: s.access ?? null,
          caps: s.caps ?? null,
          travelKm: s.travelKm ?? null,
        },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/contracts/{id}/amendments',
      security: scoped('read'),
      tags: ['contracts'],
      summary: "A contract's versions, newest first: effective date, who, when and why",
      request: { params: z.object({ id: z.string() }), query: z.object({ ...pageQuery }) },
      responses: { 200: json('A page of versions', z.object({ items: z.array(Amendment), nextCursor: z.string().nullable() })), ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const q = c.req.valid('query');
      const rows = await listAmendments(ctx, { contract: c.req.valid('param').id, before: idCursor(q.cursor), limit: q.limit });
      return c.json(
        {
          items: rows.map((v) => ({ version: v.version, effectiveFrom: v.effectiveFrom, reason: v.reason, by: v.createdByLabel, at: v.createdAt.toISOString() })),
          nextCursor: nextCursor(rows, q.limit, (v) => v.version),
        },
        200,
      );
    },
  );
}
