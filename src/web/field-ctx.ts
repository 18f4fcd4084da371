/**
 * What every field page shares: the server's ctx, the link check that turns a bad link into a
 * clear 403 or 410 page, the form token check, and the actor a link stands for.
 */
import type { Context } from 'hono';
import type { Ctx, Person } from '../context.js';
import { AppError, httpStatus } from '../errors.js';
import { checkCsrf, checkLink, type Link, type LinkPurpose } from './links.js';
import { refusalPage } from './html.js';
import { personById } from '../people/person.js';
import { eq } from 'drizzle-orm';
import { people } from '../../db/schema.js';

export interface FieldDeps {
  ctx: Ctx;
}

export type Checked = { ok: true; link: Link; token: string } | { ok: false; response: Response };

export async function linkOf(c: Context, deps: FieldDeps, purpose: LinkPurpose): Promise<Checked> {
  const token = c.req.param('token') ?? '';
  const r = checkLink(token, purpose, deps.ctx.services.actionSecret, deps.ctx.clock.now());
  if (r.ok) return { ok: true, link: r.link, token };
  const title = r.status === 410 ? 'Link expired' : 'Link not valid';
  return { ok: false, response: await c.html(refusalPage(title, r.why), r.status) };
}

/** Forms post their page's token; anything else is refused before the body is used. */
export async function formOf(c: Context, deps: FieldDeps, token: string): Promise<Record<string, string | File> | Response> {
  const body = (await c.req.parseBody()) as Record<string, string | File>;
  if (!checkCsrf(token, body['csrf'], deps.ctx.services.actionSecret)) {
    return c.html(refusalPage('Form not accepted', 'This form did not come from its page (or the page is too old). Open the link again and resend.'), 403);
  }
  return body;
}

export function text(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** The technician a check or sign link was given to, acting through the web page. */
export async function technicianCtx(deps: FieldDeps, link: Link): Promise<Ctx | undefined> {
  if (!link.u) return undefined;
  // Someone who has left the team (deactivated) no longer acts through links made for them.
  const [row] = await deps.ctx.root.select({ active: people.active }).from(people).where(eq(people.id, link.u));
  const person: Person | undefined = row?.active ? await personById(deps.ctx.root, link.u) : undefined;
  if (!person) return undefined;
  return { ...deps.ctx, actor: { via: 'web', person, label: `${person.name} (web)` } };
}

/** A verb's refusal as the page shows it: its sentence and its status. */
export function refusal(err: unknown): { status: number; message: string; details: string[] } {
  if (err instanceof AppError) return { status: httpStatus(err.code), message: err.message, details: err.details };
  throw err;
}

/**
 * The technician of a check or sign link, if the link still applies: the job is still theirs (or
 * they dispatch or manage). Otherwise the sentence the page shows.
 */
export async function technicianFor(deps: FieldDeps, link: Link, job: { assigneeId: number | null; ref: string }): Promise<{ ctx: Ctx } | { why: string }> {
  const ctx = await technicianCtx(deps, link);
  const me = ctx?.actor.person;
  if (!ctx || !me) return { why: 'This link was made for someone who is no longer on the team.' };
  if (job.assigneeId !== me.id && !me.roles.some((r) => r === 'dispatcher' || r === 'manager' || r === 'admin')) {
    return { why: `${job.ref} is no longer assigned to you; ask the dispatcher for the current checklist.` };
  }
  return { ctx };
}
