/**
 * A person's rights: their data as JSON (GDPR art. 15; the person's own token or an admin) and
 * erasure of a person who has left (art. 17; admins). docs/privacy.md.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { requirePerson } from '../../auth.js';
import { forbidden, notFound } from '../../errors.js';
import { erasePerson } from '../../people/erase-person.js';
import { personById } from '../../people/person.js';
import { myData } from '../../proof/my-data.js';
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
      responses: { 200: { description: 'The person, their time entries, approvals, checklist steps, files and flags', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } }, ...errors },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const me = requirePerson(ctx);
      const target = c.req.valid('param').id;
      if (me.id !== target && !me.roles.includes('admin')) throw forbidden('Only the person or an admin can export their data.');
      const p = await personById(ctx.db, target);
      if (!p) throw notFound(`No person #${target}.`);
      const data = await myData({ ...ctx, actor: { ...ctx.actor, person: p } });
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
