import { z } from '@hono/zod-openapi';

export const ProblemSchema = z
  .object({ type: z.string(), title: z.string(), status: z.number().int(), detail: z.string(), errors: z.array(z.string()).optional(), instance: z.string().optional() })
  .openapi('Problem');

export const security = [{ bearer: [] }];
