import { z } from '@hono/zod-openapi';
import type { Scope } from './tokens.js';

export const ProblemSchema = z
  .object({ type: z.string(), title: z.string(), status: z.number().int(), detail: z.string(), errors: z.array(z.string()).optional(), instance: z.string().optional() })
  .openapi('Problem');

/**
 * A route's security requirement with the one scope it needs (OpenAPI lets an http scheme list
 * role names). `createApi` reads it back and checks the token's scopes before the route's
 * validators run, so an under-scoped token is a 403 whatever it sends.
 */
export const scoped = (scope: Scope) => [{ bearer: [scope] }];
