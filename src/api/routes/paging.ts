/**
 * The one pagination shape of the list routes: `?limit=` (1-200, default 50) and `?cursor=` from
 * the previous page's `nextCursor`; `nextCursor` is null on the last page. Cursors are opaque to
 * clients (today: the last row's id, newest first), as in the jobs list.
 */
import { z } from '@hono/zod-openapi';
import { invalid } from '../../errors.js';
import { ProblemSchema } from '../schemas.js';

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('page size, 1-200'),
  cursor: z.string().max(500).optional().describe("the previous page's nextCursor"),
};

export const dateQuery = {
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-11-01').optional().describe('on or after this date (UTC)'),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-11-30').optional().describe('on or before this date (UTC)'),
};

export function nextCursor<T>(items: T[], limit: number, idOf: (t: T) => number | string): string | null {
  return items.length === limit ? String(idOf(items[items.length - 1]!)) : null;
}

export const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ProblemSchema } } });
export const json = <T extends z.ZodTypeAny>(description: string, schema: T) => ({ description, content: { 'application/json': { schema } } });

/** `2026-11-30` as the end of that day: dates in filters include their whole day. */
export const dayStart = (d: string) => new Date(`${d}T00:00:00Z`);
export const dayAfter = (d: string) => new Date(new Date(`${d}T00:00:00Z`).getTime() + 86_400_000);

/** A numeric cursor (an id), refused plainly when it is not one. */
export function idCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  // Ids are int4: a longer number would reach SQL and fail there as a 500.
  if (!/^\d{1,10}$/.test(cursor) || Number(cursor) > 2_147_483_647) throw invalid(`cursor "${cursor}" is not one this list gave out; pass nextCursor from the previous page.`);
  return Number(cursor);
}
