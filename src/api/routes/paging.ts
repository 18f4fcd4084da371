/**
 * The one pagination shape of the list routes: `?limit=` (1-200, default 50) and `?cursor=` from
 * the previous page's `nextCursor`; `nextCursor` is null on the last page. Cursors are opaque to
 * clients: the last row's id for lists newest first (a plain number), or the last row's key as
 * base64url JSON for lists in another order (contracts by id, people by name, sites). A cursor a
 * list did not give out is a 400 naming `cursor`, never a query that fails.
 */
import { z } from '@hono/zod-openapi';
import { invalid } from '../../errors.js';
import { ProblemSchema } from '../schemas.js';
import { t } from '../../i18n/index.js';

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('page size, 1-200'),
  cursor: z.string().max(2000).optional().describe("the previous page's nextCursor"),
};

export const dateQuery = {
  // z.iso.date checks the calendar too: 2026-02-30 is refused here, not sent to SQL as an Invalid Date.
  from: z.iso.date({ error: 'must be a date like 2026-11-01' }).optional().describe('on or after this date (UTC)'),
  to: z.iso.date({ error: 'must be a date like 2026-11-30' }).optional().describe('on or before this date (UTC)'),
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
  if (!/^\d{1,10}$/.test(cursor) || Number(cursor) > 2_147_483_647) throw invalid(t('errors-api.cursor', { cursor }));
  return Number(cursor);
}

/**
 * Lists keyed by something other than one descending id (contracts by id, people by name) carry
 * their key in the cursor, base64url JSON, so it stays opaque and survives any characters.
 */
export function encodeKeyCursor(key: (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The key a keyed cursor carries, checked against the kinds of its parts; anything else is a 400. */
export function decodeKeyCursor<const T extends readonly ('string' | 'number')[]>(cursor: string | undefined, kinds: T): { [K in keyof T]: T[K] extends 'string' ? string : number } | undefined {
  if (cursor === undefined) return undefined;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    const ok =
      Array.isArray(v) &&
      v.length === kinds.length &&
      v.every((x, i) => (kinds[i] === 'string' ? typeof x === 'string' && x.length <= 1000 && !x.includes('\u0000') : Number.isInteger(x) && (x as number) > 0 && (x as number) <= 2_147_483_647));
    if (ok) return v as never;
  } catch {
    // fall through to the refusal
  }
  throw invalid(t('errors-api.cursor', { cursor: cursor.slice(0, 40) }));
}

/** A page of a list that is already in memory (a job's attachments or messages), with the id cursor. */
export function pageInMemory<T>(items: T[], q: { limit: number; cursor?: string }, idOf: (t: T) => number): { items: T[]; nextCursor: string | null } {
  const after = idCursor(q.cursor);
  const rest = after === undefined ? items : items.filter((t) => idOf(t) > after);
  const page = rest.slice(0, q.limit);
  return { items: page, nextCursor: rest.length > q.limit ? String(idOf(page[page.length - 1]!)) : null };
}

/** An ISO 8601 instant in a query (`reportedFrom`, `updatedSince`); the message names the form. */
export const instantParam = (what: string) =>
  z.iso
    .datetime({ offset: true, error: 'must be an ISO 8601 instant like 2026-11-24T10:00:00Z' })
    .optional()
    .describe(what)
    .openapi({ example: '2026-11-24T10:00:00Z' });

/** `from` after `to` is a mistake worth naming, not an empty page. */
export function checkRange(from: { name: string; value?: string | Date }, to: { name: string; value?: string | Date }): void {
  if (from.value === undefined || to.value === undefined) return;
  const a = from.value instanceof Date ? from.value : new Date(from.value.length === 10 ? `${from.value}T00:00:00Z` : from.value);
  const b = to.value instanceof Date ? to.value : new Date(to.value.length === 10 ? `${to.value}T00:00:00Z` : to.value);
  if (a.getTime() > b.getTime()) throw invalid(t('errors-api.range', { to: to.name, from: from.name }), [`${from.name}: ${String(from.value instanceof Date ? from.value.toISOString() : from.value)}`, `${to.name}: ${String(to.value instanceof Date ? to.value.toISOString() : to.value)}`]);
}

/** `true`/`false` in a query. */
export const boolParam = (what: string) => z.enum(['true', 'false']).optional().describe(what);
