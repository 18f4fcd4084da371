/** RFC 9457 problem+json for every API error. */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ZodError } from 'zod';
import { randomBytes } from 'node:crypto';
import { AppError, httpStatus, errorTitle, isDatabaseUnavailable, refusedValue } from '../errors.js';
import type { Logger } from '../log.js';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: string[];
  instance?: string;
}

export function problemResponse(c: Context, p: Problem): Response {
  return new Response(JSON.stringify(p), { status: p.status, headers: { 'content-type': 'application/problem+json' } });
}

export function toProblem(err: unknown, log: Logger): Problem {
  if (err instanceof AppError) {
    return { type: `https://contract-ops.dev/problems/${err.code}`, title: errorTitle(err.code), status: httpStatus(err.code), detail: err.message, ...(err.details.length ? { errors: err.details } : {}) };
  }
  if (err instanceof ZodError) {
    return {
      type: 'https://contract-ops.dev/problems/invalid',
      title: 'Invalid request',
      status: 400,
      detail: 'The request body or parameters are not valid.',
      errors: err.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`),
    };
  }
  // Hono's own refusals (a body that is not JSON, a form that cannot be parsed) are the client's.
  if (err instanceof HTTPException && err.status < 500) {
    return { type: 'https://contract-ops.dev/problems/invalid', title: 'Invalid request', status: err.status, detail: err.message || 'The request could not be read.' };
  }
  // Reads outside a verb's transaction meet these directly: the same answers as inTransaction's.
  const refused = refusedValue(err);
  if (refused) return { type: 'https://contract-ops.dev/problems/invalid', title: errorTitle('invalid'), status: 400, detail: refused };
  if (isDatabaseUnavailable(err)) {
    return { type: 'https://contract-ops.dev/problems/unavailable', title: errorTitle('unavailable'), status: 503, detail: 'The database is not reachable right now; nothing was saved. Try again in a moment.' };
  }
  const ref = randomBytes(4).toString('hex');
  log.error({ err, ref }, 'unexpected API error');
  return { type: 'about:blank', title: 'Internal error', status: 500, detail: `Unexpected error; reference ${ref}.`, instance: ref };
}
