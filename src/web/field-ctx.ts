/**
 * What every field page shares: the server's ctx, the link check that turns a bad link into a
 * clear 403 or 410 page, the form token check, the actor a link stands for, and the language a
 * link's refusals are written in (its reader's).
 */
import type { Context } from 'hono';
import type { Ctx, Person } from '../context.js';
import { AppError, httpStatus } from '../errors.js';
import { checkCsrf, checkLink, type Link, type LinkPurpose } from './links.js';
import { refusalPage } from './html.js';
import { toPerson } from '../people/person.js';
import { eq } from 'drizzle-orm';
import { people } from '../../db/schema.js';
import { loadJob } from '../jobs/job-store.js';
import { governingVersion } from '../contracts/version-at.js';
import { customerVoice } from '../i18n/customer.js';
import { inLanguage } from '../i18n/current.js';
import { DEFAULT_LOCALE, type Lang } from '../i18n/lang.js';
import { t } from '../i18n/t.js';
import { personLang } from '../reader-lang.js';

export interface FieldDeps {
  ctx: Ctx;
}

/** The language and formats a page's refusals are written in. */
export interface Reader {
  lang: Lang;
  locale: string;
}

/** The deployment's language: for what no link vouches for (an altered link, the rate limit). */
export function deploymentReader(deps: FieldDeps): Reader {
  const lang = deps.ctx.services.defaultLanguage;
  return { lang, locale: DEFAULT_LOCALE[lang] };
}

/**
 * A link, the person it was given to (a check or sign link's technician: none for a quote or
 * report link, or for someone no longer stored) and who reads its pages' refusals, read once for
 * the request and passed on.
 */
export interface LinkHolder {
  link: Link;
  holder?: { person: Person; active: boolean };
  reader: Reader;
}

export async function linkHolder(deps: FieldDeps, link: Link): Promise<LinkHolder> {
  let holder: LinkHolder['holder'];
  if (link.u) {
    const [row] = await deps.ctx.root.select().from(people).where(eq(people.id, link.u));
    if (row) holder = { person: toPerson(row), active: row.active };
  }
  const reader = await readerOf(deps, link, holder);
  return holder ? { link, holder, reader } : { link, reader };
}

/**
 * Who reads what a link's pages refuse: the technician a check or sign link was given to (their
 * language, as their checklist), the customer for a quote or report link (the contract's locale,
 * as the page). The deployment's language when neither can be found.
 */
async function readerOf(deps: FieldDeps, link: Link, holder: LinkHolder['holder']): Promise<Reader> {
  const db = deps.ctx.root;
  try {
    if (link.u) {
      const lang = await personLang(db, holder?.person ?? null, deps.ctx.services.defaultLanguage);
      return { lang, locale: DEFAULT_LOCALE[lang] };
    }
    const job = await loadJob(db, link.j);
    const voice = customerVoice((await governingVersion(db, job.contractId, deps.ctx.clock.now(), job.siteId)).contract.locale);
    return { lang: voice.lang, locale: voice.locale };
  } catch (err) {
    if (err instanceof AppError) return deploymentReader(deps);
    throw err;
  }
}

/** The reader of a link's refusals alone. */
export async function linkReader(deps: FieldDeps, link: Link): Promise<Reader> {
  return (await linkHolder(deps, link)).reader;
}

/** Runs `fn` in the reader's language: `t()` inside writes for them. */
export function asReader<T>(reader: Reader, fn: () => T): T {
  return inLanguage(reader.lang, fn, reader.locale);
}

/** A refusal page written for `reader`, with its `<html lang>`. */
export function refusedFor(c: Context, reader: Reader, status: 403 | 410 | 429 | 500, title: Parameters<typeof t>[0], why: () => string): Response | Promise<Response> {
  return asReader(reader, () => c.html(refusalPage(t(title), why()), status));
}

export type LinkChecked = { ok: true; link: Link; token: string } | { ok: false; status: 403 | 410; refused: 'altered' | 'expired'; reader: Reader };
export type Checked = { ok: true; link: Link; token: string } | { ok: false; response: Response };

/** The link of the request, or why it is refused and who reads that (an expired link still says whom it was for). */
export async function checkedLink(c: Context, deps: FieldDeps, purpose: LinkPurpose): Promise<LinkChecked> {
  const token = c.req.param('token') ?? '';
  const r = checkLink(token, purpose, deps.ctx.services.actionSecret, deps.ctx.clock.now());
  if (r.ok) return { ok: true, link: r.link, token };
  return { ok: false, status: r.status, refused: r.refused, reader: r.refused === 'expired' ? await linkReader(deps, r.link) : deploymentReader(deps) };
}

export async function linkOf(c: Context, deps: FieldDeps, purpose: LinkPurpose): Promise<Checked> {
  const l = await checkedLink(c, deps, purpose);
  if (l.ok) return l;
  const response =
    l.refused === 'expired'
      ? await refusedFor(c, l.reader, 410, 'errors-web.link-expired-title', () => t('errors-web.link-expired'))
      : await refusedFor(c, l.reader, 403, 'errors-web.link-altered-title', () => t('errors-web.link-altered'));
  return { ok: false, response };
}

/** Forms post their page's token; anything else is refused, in the link's reader's language, before the body is used. */
export async function formOf(c: Context, deps: FieldDeps, token: string, link: Link): Promise<Record<string, string | File> | Response> {
  const body = (await c.req.parseBody()) as Record<string, string | File>;
  if (!checkCsrf(token, body['csrf'], deps.ctx.services.actionSecret)) {
    return refusedFor(c, await linkReader(deps, link), 403, 'errors-web.form-title', () => t('errors-web.form'));
  }
  return body;
}

export function text(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** A verb's refusal as the page shows it: its sentence and its status. */
export function refusal(err: unknown): { status: number; message: string; details: string[] } {
  if (err instanceof AppError) return { status: httpStatus(err.code), message: err.message, details: err.details };
  throw err;
}

/**
 * The technician of a check or sign link, if the link still applies: they are still on the team
 * and the job is still theirs (or they dispatch or manage). Otherwise the sentence the page shows,
 * in the current reader's language (run it as the link's reader).
 */
export function technicianFor(deps: FieldDeps, link: LinkHolder, job: { assigneeId: number | null; ref: string }): { ctx: Ctx } | { why: string } {
  // Someone who has left the team (deactivated) no longer acts through links made for them.
  const me = link.holder?.active ? link.holder.person : undefined;
  if (!me) return { why: t('errors-web.left-team') };
  if (job.assigneeId !== me.id && !me.roles.some((r) => r === 'dispatcher' || r === 'manager' || r === 'admin')) {
    return { why: t('errors-web.reassigned', { ref: job.ref }) };
  }
  // The technician acting through the web page.
  return { ctx: { ...deps.ctx, actor: { via: 'web', person: me, label: `${me.name} (web)` } } };
}
