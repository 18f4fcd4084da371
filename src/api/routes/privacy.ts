/**
 * A person's rights: their data as JSON (GDPR art. 15; the person's own token or an admin) and
 * erasure of a person who has left (art. 17; admins). docs/privacy.md.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { erasePerson } from '../../people/erase-person.js';
import { exportPerson } from '../../people/export-person.js';
import type { Api } from '../app.js';
import { ProblemSchema, scoped } from '../schemas.js';

const problem = (d: string) => ({ description: d, content: { 'application/problem+json': { schema: ProblemSchema } } });
const errors = { 400: problem('Invalid input'), 401: problem('No or bad token'), 403: problem('Not the person nor an admin'), 404: problem('No such person'), 412: problem('Already erased, or yourself') };
const id = z.coerce.number().int().positive().max(2_147_483_647).openapi({ example: 3 });

export function registerPrivacyRoutes(api: Api): void {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/people/{id}/export',
      security: scoped('read'),
      tags: ['people'],
      summary: "Everything the bot holds about a person (the person's own token, or admin)",
      request: { params: z.object({ id }) },
      responses: { 200: { description: 'The person and every row that names them, by table (`tables`: people, jobs, time_entries, approvals, audit_log…); the same content as `/mydata export`', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } }, ...errors },
    }),
    async (c) => {
      const data = await exportPerson(c.get('ctx'), { person: c.req.valid('param').id });
      return c.json(JSON.parse(JSON.stringify(data)) as Record<string, unknown>, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/people/{id}/erase',
      security: scoped('admin'),
      tags: ['people'],
      summary: 'Erase a person who has left: pseudonymised, chat links removed, work and invoices kept (admin)',
      request: { params: z.object({ id }), body: { required: true, content: { 'application/json': { schema: z.object({ reason: z.string().min(1).max(500) }).openapi('Erasure') } } } },
      responses: { 200: { description: 'Erased', content: { 'application/json': { schema: z.object({ id: z.number().int(), pseudonym: z.string() }) } } }, ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      return c.json(await erasePerson(ctx, { person: c.req.valid('param').id, reason: c.req.valid('json').reason }), 200);
    },
  );
}
