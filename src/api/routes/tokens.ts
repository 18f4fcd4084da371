/**
 * API tokens over REST: an admin creates one (`/tokens new` in chat) or revokes one (`/tokens
 * revoke <id>`) while the bot runs. docs/api.md.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { SCOPES } from '../tokens.js';
import { mintToken, TOKEN_NAME_MAX } from '../../tokens/mint-token.js';
import { revokeToken } from '../../tokens/revoke-token.js';
import type { TokenView } from '../../tokens/list-tokens.js';
import type { Api } from '../app.js';
import { scoped } from '../schemas.js';
import { json, problem } from './paging.js';

const Token = z
  .object({
    id: z.number().int(),
    name: z.string(),
    scopes: z.array(z.string()),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable().describe('recorded at most once a minute'),
    revokedAt: z.string().nullable(),
  })
  .openapi('ApiToken');

const tokenJson = (t: TokenView): z.infer<typeof Token> => ({
  id: t.id,
  name: t.name,
  scopes: t.scopes,
  createdAt: t.createdAt.toISOString(),
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  revokedAt: t.revokedAt?.toISOString() ?? null,
});

export function registerTokenRoutes(api: Api): void {
  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/tokens',
      security: scoped('admin'),
      tags: ['tokens'],
      summary: 'Create an API token; the answer is the only time the token is shown (no Idempotency-Key: the token is never stored to replay)',
      request: {
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z.object({ name: z.string().min(1).max(TOKEN_NAME_MAX).openapi({ example: 'erp-sync' }), scopes: z.array(z.enum(SCOPES)).min(1).openapi({ example: ['read', 'write'] }) }).openapi('NewApiToken'),
            },
          },
        },
      },
      responses: {
        201: json('Created: `token` is shown this once', Token.extend({ token: z.string().describe('the bearer token; only its hash is stored') }).openapi('CreatedApiToken')),
        400: problem('Invalid name or scopes, or an Idempotency-Key was sent'),
        401: problem('No or bad token'),
        403: problem('Needs the admin scope'),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const m = await mintToken(c.get('ctx'), { name: body.name, scopes: body.scopes });
      return c.json({ ...tokenJson(m.view), token: m.token }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'delete',
      path: '/api/v1/tokens/{id}',
      security: scoped('admin'),
      tags: ['tokens'],
      summary: 'Revoke an API token: from now on it gets 401',
      request: { params: z.object({ id: z.coerce.number().int().positive().max(2_147_483_647).openapi({ example: 3 }) }) },
      responses: {
        200: json('Revoked', Token),
        400: problem('Invalid id'),
        401: problem('No or bad token'),
        403: problem('Needs the admin scope'),
        404: problem('No such token'),
        409: problem('Already revoked'),
      },
    }),
    async (c) => c.json(tokenJson(await revokeToken(c.get('ctx'), { id: c.req.valid('param').id })), 200),
  );
}
